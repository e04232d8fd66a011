package odoodr.preflight;

import odoodr.process.ProcessResult;
import odoodr.runbook.Check;
import odoodr.runbook.SetupContext;

import java.time.Duration;
import java.util.List;

/**
 * Passwordless sudo on prod ({@code sudo -n true}, runbook Section 2): the filestore under /var/lib/docker is
 * root-owned (gotcha 12) and docker inspect needs root.
 */
final class ProdSudoCheck extends PreflightCheck {
    static final String ID = "prod-sudo";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int COMMAND_NOT_FOUND = 127;

    ProdSudoCheck(Findings findings) {
        super(findings, ID, "passwordless sudo on prod", SshReachableCheck.ID);
    }

    @Override
    protected Check inspect(SetupContext ctx) {
        String user = ctx.prod().target().user();
        ProcessResult r = ctx.prod().run(ctx.prod().command(List.of("sudo", "-n", "true"), TIMEOUT)
                .allowExitCodes(1, COMMAND_NOT_FOUND).build());
        if (r.exitCode() == 0) {
            return Check.satisfied("sudo -n true works for " + user);
        }
        if (r.exitCode() == COMMAND_NOT_FOUND) {
            return Check.blocked("sudo is not installed on prod", "install it on prod (apt-get install sudo) and give "
                    + user + " passwordless sudo");
        }
        String why = r.stderr().strip().lines().reduce((a, b) -> b).orElse("sudo -n true failed");
        return Check.blocked(user + " cannot sudo on prod without a password (" + why + ")",
                "on prod, as root: echo '" + user + " ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/odoo-dr && "
                        + "chmod 0440 /etc/sudoers.d/odoo-dr (odoo-dr reads the root-owned filestore and runs docker"
                        + " inspect through sudo, gotcha 12)");
    }
}
