package odoodr.health;

/** Runbook Section C's first two rows: the tunnel is supervised, and prod's PostgreSQL answers through it. */
final class TunnelCheck {
    static final CheckId TUNNEL = CheckId.of("tunnel_up", "tunnel to prod's PostgreSQL");

    /** For every ssh of this replica that prod's host key stops: the tunnel's, the monitor key's. */
    static final String HOST_KEY_CHANGED_HINT = "if prod was really reinstalled, unpin its old key (ssh-keygen -R) and"
            + " run odoo-dr setup; otherwise stop and investigate";

    private TunnelCheck() {
    }

    /** ssh's own words when the host key does not match the pinned one. */
    static boolean hostKeyRefused(String sshWords) {
        String lower = sshWords.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("host key verification failed") || lower.contains("remote host identification");
    }

    static HealthCheck evaluate(TunnelSample t) {
        String where = t.endpoint().toString();
        if (t.postgresAnswers() && t.supervisorRunning()) {
            return TUNNEL.ok(Measurement.flag(true), "prod's PostgreSQL answers through " + where + ", supervised");
        }
        if (t.postgresAnswers()) {
            return TUNNEL.warning(Measurement.flag(true), "prod's PostgreSQL answers through " + where
                            + ", but no odoo-dr supervisor holds it: nobody restarts it when it dies",
                    "run odoo-dr setup --only database (it replaces an orphaned ssh with a supervised tunnel)");
        }
        if (t.supervisorRunning()) {
            String detail = "the supervisor runs, but nothing answers through " + where;
            if (t.lastExit() != null && hostKeyRefused(t.lastExit())) {
                // the one cause retrying never cures, and the one an operator must not "fix" by connecting anyway
                return TUNNEL.critical(Measurement.flag(false), detail + ": its ssh refuses prod's host key (ssh "
                        + t.lastExit() + ")", HOST_KEY_CHANGED_HINT);
            }
            return TUNNEL.critical(Measurement.flag(false), detail + ": link down, or prod's sshd or PostgreSQL"
                            + " unreachable" + (t.lastExit() == null ? "" : " (its ssh " + t.lastExit() + ")"),
                    "the supervisor keeps retrying; see " + t.log() + ", and try ssh to prod by hand");
        }
        return TUNNEL.critical(Measurement.flag(false), "no tunnel: no supervisor, nothing answers on " + where,
                "start it: odoo-dr setup --only database (it starts the supervised tunnel)");
    }
}
