package odoodr.standby;

import odoodr.archive.ArchiveLayout;
import odoodr.archive.ArchiveSpace;
import odoodr.config.Config;
import odoodr.config.PgEndpoint;
import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.ConnectionProfile;
import odoodr.postgres.Login;
import odoodr.postgres.PrimarySession;
import odoodr.postgres.ReplicationCredentials;
import odoodr.runbook.Check;
import odoodr.runbook.SetupContext;
import odoodr.runbook.Step;

import java.util.Optional;

/**
 * The running standby archives as the config says: {@code SHOW archive_mode}, {@code archive_library} and
 * {@code basic_archive.archive_directory} on it, and its WAL directory writable by postgres. archive_mode takes
 * effect only at a start, so on a fresh setup this follows the standby's first start (already right); when a re-run
 * changed it (archive turned on or off, another directory), apply restarts the standby once.
 */
public final class ArchivingActiveStep implements Step<SetupContext> {
    @Override
    public String id() {
        return "standby-archiving";
    }

    @Override
    public String title() {
        return "standby archiving (archive_mode, basic_archive)";
    }

    /** What SHOW must say: archive_mode, archive_library, the directory (empty when off). */
    static String expected(Config config) {
        return config.archive().enabled()
                ? "always basic_archive " + ArchiveLayout.of(config).walDirectory()
                : "off";
    }

    @Override
    public Check check(SetupContext ctx) {
        if (!ctx.cluster().status().map(s -> s.online()).orElse(false)) {
            return Check.needed("check archiving once the standby runs");
        }
        String actual = actual(ctx);
        if (!actual.equals(expected(ctx.config()))) {
            return Check.needed("restart the standby: it runs with archiving \"" + actual + "\", the config says \""
                    + expected(ctx.config()) + "\" (archive_mode changes only at a restart)");
        }
        if (!ctx.config().archive().enabled()) {
            return Check.satisfied("archive_mode = off on the standby");
        }
        Optional<String> unwritable = ArchiveSpace.notWritableByPostgres(ctx.runner(), ArchiveLayout.of(ctx.config()));
        if (unwritable.isPresent()) {
            return Check.blocked(unwritable.get(), "make it owned by postgres, mode 0700: chown postgres: DIR; chmod 0700 DIR"
                    + " (or run setup again)");
        }
        return Check.satisfied("archive_mode = always, archive_library = basic_archive, into "
                + ArchiveLayout.of(ctx.config()).walDirectory() + " (writable by postgres)");
    }

    private static String actual(SetupContext ctx) {
        Config c = ctx.config();
        Login login = ConnectionProfile.LOCAL_STANDBY.login(c, PgEndpoint.loopback(c.postgres().port()),
                ReplicationCredentials.find(c).orElse(null), "postgres");
        try (PrimarySession standby = ConnectionFactory.session(login)) {
            String mode = standby.requireValue("SHOW archive_mode");
            if ("off".equals(mode)) {
                return mode;
            }
            return mode + " " + standby.requireValue("SHOW archive_library") + " "
                    + standby.queryValue("SELECT current_setting('basic_archive.archive_directory', true)").orElse("");
        }
    }

    @Override
    public void apply(SetupContext ctx) {
        ctx.cluster().stop();
        ctx.cluster().start();
    }
}
