package odoodr.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import odoodr.DrException;
import odoodr.ExitCode;

/**
 * {@code prod:} the production host and its PostgreSQL, as seen over SSH.
 *
 * @param ssh                   prod.ssh
 * @param pgPort                prod.pg_port: port the container publishes on prod's loopback
 * @param superuser             prod.superuser: used only during setup (rolsuper)
 * @param superuserPasswordFile prod.superuser_password_file: path only; the password never enters the config
 * @param filestorePath         prod.filestore_path: host path of the docker volume's filestore (one folder per db)
 * @param container             prod.container: the Odoo container's name, for {@code init --discover}
 * @param dataDiskPath          prod.data_disk_path: a path on the file system of prod's PostgreSQL data (the docker
 *                              volumes), whose free space the health checks watch through the monitor key's df
 */
public record ProdConfig(ProdSshConfig ssh, int pgPort, String superuser, Optional<Path> superuserPasswordFile,
                         Optional<Path> filestorePath, Optional<String> container, Path dataDiskPath) {
    public static final int DEFAULT_PG_PORT = 5432;
    public static final String DEFAULT_SUPERUSER = "odoo";
    /** Docker's data root: the volumes, so prod's PostgreSQL data and its WAL, live under it in the usual setups. */
    public static final Path DEFAULT_DATA_DISK_PATH = Path.of("/var/lib/docker");

    public ProdConfig {
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(superuser, "superuser");
        Objects.requireNonNull(superuserPasswordFile, "superuserPasswordFile");
        Objects.requireNonNull(filestorePath, "filestorePath");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(dataDiskPath, "dataDiskPath");
    }

    /** The filestore path, for the steps that mirror files; without it they cannot run. */
    public Path requireFilestorePath() {
        return filestorePath.orElseThrow(() -> new DrException(ExitCode.CONFIG,
                ConfigKeys.PROD_FILESTORE_PATH + " is not set: the filestore cannot be mirrored without it",
                "find it on prod with: sudo docker inspect <odoo-container> --format '{{json .Mounts}}'"
                        + " (or run odoo-dr init --discover), then set prod.filestore_path"));
    }
}
