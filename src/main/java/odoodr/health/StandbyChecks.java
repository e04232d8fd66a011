package odoodr.health;

import odoodr.config.HealthConfig;

import java.util.List;

/**
 * The standby's own rows: running and in recovery, its WAL receiver, and how far replay is behind in time and in
 * bytes. Replay lag is 0 while everything received is replayed, so it does not grow while prod is idle (the naive
 * {@code now() - pg_last_xact_replay_timestamp()} grows by one second per idle second). When the WAL receiver is not
 * streaming the standby cannot know what prod has since written: the lag is then the time since it last heard from
 * prod (or, with no receiver, since the last replayed commit), the most that may be missing.
 */
final class StandbyChecks {
    static final CheckId RECOVERY = CheckId.of("standby_in_recovery", "standby running, in recovery");
    static final CheckId RECEIVER = CheckId.of("wal_receiver_streaming", "WAL receiver (standby)");
    static final CheckId LAG = CheckId.of("replay_lag", "replay lag");
    static final CheckId PENDING = CheckId.of("replay_pending", "WAL received, not yet replayed");
    static final List<CheckId> ALL = List.of(RECOVERY, RECEIVER, LAG, PENDING);

    private StandbyChecks() {
    }

    static List<HealthCheck> evaluate(Measured<StandbySample> measured, HealthConfig h) {
        if (!measured.ok()) {
            String reason = measured.failure();
            return List.of(RECOVERY.critical(null, reason, measured.hint()),
                    RECEIVER.unknown("not measured: " + reason, null),
                    LAG.unknown("not measured: " + reason, null),
                    PENDING.unknown("not measured: " + reason, null));
        }
        StandbySample s = measured.sample();
        return List.of(recovery(s), receiver(s), lag(s, h), pending(s, h));
    }

    private static HealthCheck recovery(StandbySample s) {
        if (!s.inRecovery()) {
            return RECOVERY.critical(Measurement.flag(false), "cluster " + s.cluster()
                            + " runs but is not in recovery: it was promoted and no longer follows prod",
                    "if this was not a failover, it needs a fresh base backup: odoo-dr setup --only database --reseed");
        }
        return RECOVERY.ok(Measurement.flag(true), "cluster " + s.cluster() + " online, in recovery (read-only)");
    }

    private static HealthCheck receiver(StandbySample s) {
        if (s.streaming()) {
            return RECEIVER.ok(Measurement.flag(true), "streaming" + (s.sender() == null ? "" : " from " + s.sender()));
        }
        String state = s.receiverStatus() == null ? "no WAL receiver running" : "WAL receiver " + s.receiverStatus();
        return RECEIVER.critical(Measurement.flag(false), state + ": the standby is not receiving from prod",
                "see the tunnel row, then " + s.log() + " (the receiver retries every few seconds by itself)");
    }

    private static HealthCheck lag(StandbySample s, HealthConfig h) {
        Thresholds t = Thresholds.above(h.lagWarning().toSeconds(), h.lagCritical().toSeconds());
        if (!s.inRecovery()) {
            return LAG.unknown("not a standby: nothing to replay", null);
        }
        if (s.streaming() && s.replayCaughtUp()) {
            return LAG.ok(new Measurement(0, Unit.SECONDS, t), "everything received is replayed (" + s.replayLsn() + ")");
        }
        if (s.streaming()) {
            if (s.secondsSinceLastReplay() == null) {
                return LAG.unknown("replaying, and no transaction replayed since the standby started", null);
            }
            return LAG.judged(new Measurement(seconds(s.secondsSinceLastReplay()), Unit.SECONDS, t),
                    "replaying: the last replayed commit is this old",
                    "replay is slower than prod: long queries on the standby, or a slow replica disk; see " + s.log());
        }
        Double since = s.secondsSinceLastMessage() != null ? s.secondsSinceLastMessage() : s.secondsSinceLastReplay();
        if (since == null) {
            return LAG.unknown("not streaming, and nothing replayed since the standby started", null);
        }
        String basis = s.secondsSinceLastMessage() != null ? "the last message from prod" : "the last replayed commit";
        return LAG.judged(new Measurement(seconds(since), Unit.SECONDS, t),
                "not streaming: at most this far behind (time since " + basis + ")",
                "restore streaming: see the tunnel and WAL receiver rows");
    }

    private static HealthCheck pending(StandbySample s, HealthConfig h) {
        if (s.receiveLsn() == null || s.replayLsn() == null) {
            return PENDING.unknown("no WAL streamed since the standby started", null);
        }
        long bytes = Math.max(0, s.receiveLsn().minus(s.replayLsn()));
        return PENDING.judged(new Measurement(bytes, Unit.BYTES, Thresholds.above(h.lagBytesWarning(), h.lagBytesCritical())),
                "received up to " + s.receiveLsn() + ", replayed up to " + s.replayLsn(),
                "replay is slower than the stream: long queries on the standby, or a slow replica disk");
    }

    /** Prod's commit timestamps come from prod's clock: a clock ahead of ours must not make the lag negative. */
    private static double seconds(double s) {
        return Math.max(0, Math.round(s * 10) / 10.0);
    }
}
