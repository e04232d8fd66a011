package odoodr.preflight;

import odoodr.config.ConfigKeys;
import odoodr.process.ProcessResult;
import odoodr.prod.ContainerInfo;
import odoodr.prod.DatabaseContainer;
import odoodr.prod.DockerInspect;
import odoodr.runbook.Check;
import odoodr.runbook.SetupContext;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When {@code prod.container} is set: {@code sudo docker inspect} on prod (runbook Section 2), parsed, and held
 * against the config ({@link ContainerComparison}). When it names Odoo's container, the PostgreSQL container it uses
 * is looked up too: by its compose service (same project), else by the container name Odoo connects to.
 */
final class ProdContainerCheck extends PreflightCheck {
    static final String ID = "prod-container";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    ProdContainerCheck(Findings findings) {
        super(findings, ID, "prod container matches the config", ProdSudoCheck.ID);
    }

    /** Without a container to inspect, sudo is not needed here (prod-sudo still reports on it). */
    @Override
    List<String> requires(SetupContext ctx) {
        return configured(ctx).isPresent() ? super.requires(ctx) : List.of();
    }

    private static Optional<String> configured(SetupContext ctx) {
        return ctx.config().prod().container().filter(c -> !c.isBlank());
    }

    @Override
    protected Check inspect(SetupContext ctx) {
        Optional<String> name = configured(ctx);
        if (name.isEmpty()) {
            return Check.satisfied(ConfigKeys.PROD_CONTAINER + " is not set: nothing to compare");
        }
        ProcessResult r = inspectContainer(ctx, name.get());
        String json = r.stdout().strip();
        if (!json.startsWith("[") || json.equals("[]")) {
            String why = lastLine(r.stderr()).orElse("exit " + r.exitCode());
            if (json.equals("[]") || why.contains("No such")) {
                return Check.blocked("no container " + name.get() + " on prod (" + why + ")",
                        "list them on prod with: sudo docker ps -a --format '{{.Names}}\\t{{.Image}}'; then set "
                                + ConfigKeys.PROD_CONTAINER + " to the Odoo (or PostgreSQL) one");
            }
            return Check.blocked("sudo docker inspect " + name.get() + " failed on prod: " + why,
                    "check docker on prod (sudo docker ps); if prod does not run Odoo in Docker, leave "
                            + ConfigKeys.PROD_CONTAINER + " empty");
        }
        ContainerInfo named = DockerInspect.parse(r.stdout()).get(0);
        Optional<ContainerInfo> database = ContainerComparison.looksLikePostgres(named)
                ? Optional.empty() : findDatabaseContainer(ctx, named);
        ContainerComparison.Result result = ContainerComparison.compare(ctx.config().prod(), named, database);
        if (result.ok()) {
            return Check.satisfied(String.join("; ", result.evidence()));
        }
        return Check.blocked(String.join("; ", result.problems().stream().map(ContainerComparison.Problem::reason).toList()),
                String.join("; ", result.problems().stream().map(ContainerComparison.Problem::hint).toList()));
    }

    /** Odoo's PostgreSQL container, when its database host names one; empty when it is elsewhere or not found. */
    private static Optional<ContainerInfo> findDatabaseContainer(SetupContext ctx, ContainerInfo odoo) {
        return DatabaseContainer.find(odoo, argv -> ctx.prod().run(ctx.prod().command(argv, TIMEOUT)
                .allowExitCodes(1, 125, 127).build()));
    }

    private static ProcessResult inspectContainer(SetupContext ctx, String nameOrId) {
        // "--" ends sudo's and docker's options: a name can never be read as one
        return DatabaseContainer.inspect(argv -> ctx.prod().run(ctx.prod().command(argv, TIMEOUT)
                .allowExitCodes(1, 125, 127).build()), nameOrId);
    }

    private static Optional<String> lastLine(String text) {
        return text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b);
    }
}
