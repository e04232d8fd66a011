package odoodr.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code prod.ssh:} how odoo-dr reaches the prod host.
 *
 * @param user         prod.ssh.user: login user on prod, with passwordless sudo
 * @param host         prod.ssh.host: name or address (never starts with -, so it cannot be read as an ssh option)
 * @param port         prod.ssh.port: prod's sshd port
 * @param identityFile prod.ssh.identity_file: the operator's key used during setup (ssh -i); empty = ssh's defaults
 * @param knownHosts   prod.ssh.known_hosts: known_hosts file with prod's host key; empty = ssh's defaults
 * @param hostKeyFingerprint prod.ssh.host_key_fingerprint: the {@code SHA256:…} fingerprint the operator verified
 *                     on prod; when set, a host key with another fingerprint is refused
 */
public record ProdSshConfig(String user, String host, int port, Optional<Path> identityFile, Optional<Path> knownHosts,
                            Optional<String> hostKeyFingerprint) {
    public static final String DEFAULT_USER = "ubuntu";
    public static final int DEFAULT_PORT = 22;

    public ProdSshConfig {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(identityFile, "identityFile");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(hostKeyFingerprint, "hostKeyFingerprint");
    }

    /** {@code user@host}, the ssh/rsync destination argument. */
    public String destination() {
        return user + "@" + host;
    }
}
