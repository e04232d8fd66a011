package odoodr.standby;

import odoodr.host.AtomicFile;
import odoodr.host.ServiceUser;
import odoodr.postgres.ReplicationCredentials;
import odoodr.config.Config;
import odoodr.config.PgEndpoint;
import odoodr.postgres.AutoConf;
import odoodr.postgres.PrimaryConnInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The standby's own settings in its data directory: {@code standby.signal} and a {@code postgresql.auto.conf}
 * holding only {@code primary_conninfo} (with {@code passfile=}, never a password: gotcha 10) and
 * {@code primary_slot_name}. odoo-dr writes them itself instead of using {@code pg_basebackup -R}, which copies
 * the password libpq found into the file.
 */
public final class StandbyFiles {
    private StandbyFiles() {
    }

    public static String primaryConnInfo(Config config) {
        return PrimaryConnInfo.builder(config.postgres().replicationUser(), ReplicationCredentials.pgpassPath(),
                PgEndpoint.permanentTunnel(config)).replicaName(config.replica().name()).build();
    }

    public static AutoConf expectedAutoConf(Config config) {
        return AutoConf.newFile()
                .set(AutoConf.PRIMARY_CONNINFO, primaryConnInfo(config))
                .set(AutoConf.PRIMARY_SLOT_NAME, config.slotName());
    }

    public static void write(Path dataDir, Config config) throws IOException {
        Optional<String> owner = ServiceUser.runningAsRoot() ? Optional.of(ServiceUser.POSTGRES.name()) : Optional.empty();
        expectedAutoConf(config).write(dataDir.resolve("postgresql.auto.conf"), owner);
        // empty, like the one pg_basebackup -R makes; through AtomicFile, which never follows a link postgres planted
        AtomicFile.write(dataDir.resolve("standby.signal"), new byte[0], AtomicFile.OWNER_READ_WRITE, owner);
    }

    /** Null when the data directory's files are exactly what they should be; else what differs. */
    public static String drift(Path dataDir, Config config) throws IOException {
        if (AtomicFile.readIfExists(dataDir.resolve("standby.signal")).isEmpty()) {
            return "standby.signal is missing";
        }
        Path auto = dataDir.resolve("postgresql.auto.conf");
        AutoConf actual = AtomicFile.readIfExists(auto).isPresent() ? AutoConf.read(auto) : AutoConf.newFile();
        if (actual.containsPassword()) {
            return "postgresql.auto.conf holds a password in primary_conninfo";
        }
        AutoConf expected = expectedAutoConf(config);
        for (String name : new String[] {AutoConf.PRIMARY_CONNINFO, AutoConf.PRIMARY_SLOT_NAME}) {
            if (!actual.get(name).equals(expected.get(name))) {
                return name + " differs from the config";
            }
        }
        return null;
    }
}
