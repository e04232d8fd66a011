package odoodr.health;

/** Runbook Section C's first two rows: the tunnel is supervised, and prod's PostgreSQL answers through it. */
final class TunnelCheck {
    static final CheckId TUNNEL = CheckId.of("tunnel_up", "tunnel to prod's PostgreSQL");

    private TunnelCheck() {
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
            return TUNNEL.critical(Measurement.flag(false), "the supervisor runs, but nothing answers through " + where
                            + ": link down, or prod's sshd or PostgreSQL unreachable",
                    "the supervisor keeps retrying; see " + t.log() + ", and try ssh to prod by hand");
        }
        return TUNNEL.critical(Measurement.flag(false), "no tunnel: no supervisor, nothing answers on " + where,
                "start it: odoo-dr setup --only database (it starts the supervised tunnel)");
    }
}
