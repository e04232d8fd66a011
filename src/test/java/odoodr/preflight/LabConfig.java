package odoodr.preflight;

import odoodr.lab.ProdLab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An odoo-dr config file pointing at a prod lab, with the values a test wants to change as plain fields. */
final class LabConfig {
    String replicaName = "pf-e2e";
    String sshHost;
    int sshPort;
    String sshUser;
    Path identityFile;
    Path knownHosts;
    int pgPort;
    String superuser;
    Path passwordFile;
    String filestorePath;
    String container;
    int major = 15;
    /** Unique per config: preflight must not create it, and a test can prove it did not. */
    String cluster = "pf" + ProdLab.randomId();

    static LabConfig of(ProdLab lab) {
        LabConfig c = new LabConfig();
        c.sshHost = lab.sshHost();
        c.sshPort = lab.sshPort();
        c.sshUser = lab.sshUser();
        c.identityFile = lab.operatorKey();
        c.knownHosts = lab.knownHosts();
        c.pgPort = lab.pgPort();
        c.superuser = lab.superuser();
        c.passwordFile = lab.superuserPasswordFile();
        return c;
    }

    String yaml() {
        StringBuilder y = new StringBuilder();
        y.append("replica:\n  name: ").append(replicaName).append('\n');
        y.append("prod:\n  ssh:\n");
        y.append("    user: ").append(sshUser).append('\n');
        y.append("    host: ").append(sshHost).append('\n');
        y.append("    port: ").append(sshPort).append('\n');
        y.append("    identity_file: ").append(identityFile).append('\n');
        y.append("    known_hosts: ").append(knownHosts).append('\n');
        y.append("  pg_port: ").append(pgPort).append('\n');
        y.append("  superuser: ").append(superuser).append('\n');
        y.append("  superuser_password_file: ").append(passwordFile).append('\n');
        if (filestorePath != null) {
            y.append("  filestore_path: ").append(filestorePath).append('\n');
        }
        if (container != null) {
            y.append("  container: ").append(container).append('\n');
        }
        y.append("postgres:\n  major: ").append(major).append("\n  cluster: ").append(cluster).append('\n');
        y.append("  hot_standby_feedback: false\n");
        y.append("databases: [odoo]\n");
        return y.toString();
    }

    Path write(Path dir) {
        try {
            Path file = Files.createTempFile(dir, "odoo-dr-", ".yaml");
            Files.writeString(file, yaml());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
