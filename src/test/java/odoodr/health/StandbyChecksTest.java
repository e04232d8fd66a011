package odoodr.health;

import odoodr.config.HealthConfig;
import odoodr.postgres.Lsn;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StandbyChecksTest {
    private static final HealthConfig H = HealthConfig.DEFAULTS;
    private static final Lsn AT = Lsn.parse("0/3000148");

    private static StandbySample sample(String receiver, Lsn receive, Lsn replay, Double sinceReplay, Double sinceMessage) {
        return new StandbySample("15/main", Path.of("/var/log/postgresql/postgresql-15-main.log"), true, receiver,
                receiver == null ? null : "127.0.0.1:40000", receive, replay, sinceReplay, sinceMessage);
    }

    private static HealthCheck row(List<HealthCheck> checks, String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void idleProdCaughtUpIsZeroLagHoweverOldTheLastCommit() {
        List<HealthCheck> c = StandbyChecks.evaluate(Measured.of(sample("streaming", AT, AT, 3600.0, 1.0)), H);
        assertThat(c).extracting(HealthCheck::status).containsOnly(CheckStatus.OK);
        assertThat(row(c, "replay_lag").value().value()).isZero();
        assertThat(row(c, "replay_pending").value().value()).isZero();
        assertThat(row(c, "wal_receiver_streaming").detail()).isEqualTo("streaming from 127.0.0.1:40000");
    }

    @Test
    void replayBehindWhileStreamingIsTheAgeOfTheLastReplayedCommit() {
        List<HealthCheck> c = StandbyChecks.evaluate(Measured.of(sample("streaming", AT.plus(300L << 20), AT, 45.04, 0.1)), H);
        HealthCheck lag = row(c, "replay_lag");
        assertThat(lag.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(lag.value().value()).isEqualTo(45.0);
        assertThat(lag.hint()).contains("replay is slower");
        HealthCheck pending = row(c, "replay_pending");
        assertThat(pending.value().value()).isEqualTo(300L << 20);
        assertThat(pending.status()).isEqualTo(CheckStatus.WARNING); // 256MB default warning
    }

    @Test
    void notStreamingTheLagIsTheTimeSinceProdWasLastHeard() {
        HealthCheck withReceiver = row(StandbyChecks.evaluate(Measured.of(sample("waiting", AT, AT, 900.0, 40.0)), H), "replay_lag");
        assertThat(withReceiver.value().value()).isEqualTo(40.0);
        assertThat(withReceiver.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(withReceiver.detail()).contains("not streaming", "the last message from prod");

        List<HealthCheck> none = StandbyChecks.evaluate(Measured.of(sample(null, AT, AT, 900.0, null)), H);
        assertThat(row(none, "replay_lag").value().value()).isEqualTo(900.0);
        assertThat(row(none, "replay_lag").status()).isEqualTo(CheckStatus.CRITICAL);
        assertThat(row(none, "wal_receiver_streaming").status()).isEqualTo(CheckStatus.CRITICAL);
        assertThat(row(none, "wal_receiver_streaming").detail()).startsWith("no WAL receiver running");

        assertThat(row(StandbyChecks.evaluate(Measured.of(sample(null, null, AT, null, null)), H), "replay_lag").status())
                .isEqualTo(CheckStatus.UNKNOWN);
    }

    @Test
    void prodClockAheadNeverGivesNegativeLag() {
        HealthCheck lag = row(StandbyChecks.evaluate(Measured.of(sample("streaming", AT.plus(8), AT, -2.5, 0.0)), H), "replay_lag");
        assertThat(lag.value().value()).isZero();
    }

    @Test
    void promotedStandbyIsCritical() {
        StandbySample promoted = new StandbySample("15/main", Path.of("/x.log"), false, null, null, AT, AT, 1.0, null);
        List<HealthCheck> c = StandbyChecks.evaluate(Measured.of(promoted), H);
        assertThat(row(c, "standby_in_recovery").status()).isEqualTo(CheckStatus.CRITICAL);
        assertThat(row(c, "standby_in_recovery").hint()).contains("--reseed");
    }

    @Test
    void unreachableStandbyIsCriticalAndItsValuesUnknown() {
        List<HealthCheck> c = StandbyChecks.evaluate(Measured.failed("cluster 15/main is down (pg_lsclusters)", "start it"), H);
        assertThat(c).extracting(HealthCheck::id, HealthCheck::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("standby_in_recovery", CheckStatus.CRITICAL),
                org.assertj.core.groups.Tuple.tuple("wal_receiver_streaming", CheckStatus.UNKNOWN),
                org.assertj.core.groups.Tuple.tuple("replay_lag", CheckStatus.UNKNOWN),
                org.assertj.core.groups.Tuple.tuple("replay_pending", CheckStatus.UNKNOWN));
        assertThat(c.get(0).detail()).isEqualTo("cluster 15/main is down (pg_lsclusters)");
        assertThat(c.get(0).hint()).isEqualTo("start it");
    }
}
