package odoodr.standby;

import odoodr.runbook.SetupContext;
import odoodr.postgres.DataDirectory;
import odoodr.postgres.DebianCluster;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.host.AtomicFile;
import odoodr.host.ServiceUser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Runbook A1: the Debian cluster for the standby exists (pg_createcluster), with binaries of prod's major. */
public final class EnsureStandbyClusterStep implements Step<SetupContext> {
    @Override
    public String id() {
        return "standby-cluster";
    }

    @Override
    public String title() {
        return "standby cluster on this replica";
    }

    @Override
    public Check check(SetupContext ctx) {
        DebianCluster c = ctx.cluster();
        if (!c.binariesInstalled()) {
            return Check.blocked("PostgreSQL " + c.major() + " is not installed here",
                    "apt-get install postgresql-" + c.major() + " postgresql-client-" + c.major());
        }
        if (c.exists()) {
            return Check.satisfied("cluster " + c.label() + " (" + c.dataDirectory() + ")");
        }
        return Check.needed("pg_createcluster --port " + ctx.config().postgres().port() + " " + c.major() + " " + c.name());
    }

    @Override
    public void apply(SetupContext ctx) {
        DebianCluster c = ctx.cluster();
        c.create(ctx.config().postgres().port());
        DataDirectory data = new DataDirectory(ctx.runner(), c);
        String id = data.systemIdentifier().orElseThrow(() -> new DrException(ExitCode.DATABASE,
                "pg_createcluster made no cluster in " + data.path(), "see pg_lsclusters"));
        try {
            // in /etc/postgresql/<major>/<cluster>, which postgres owns: never through a link
            AtomicFile.write(data.freshMarker(), (id + "\n").getBytes(StandardCharsets.UTF_8), AtomicFile.WORLD_READABLE,
                    ServiceUser.runningAsRoot() ? Optional.of(ServiceUser.POSTGRES.name()) : Optional.empty());
        } catch (IOException e) {
            throw new DrException(ExitCode.DATABASE, "cannot write " + data.freshMarker() + ": " + e.getMessage(), null, e);
        }
    }
}
