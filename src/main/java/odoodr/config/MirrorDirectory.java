package odoodr.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code filestore.local_base}: setup makes it the odoo user's (0750) and rsync writes into it as that user. A system
 * directory there would hand it to odoo, so those are refused, and so is a path through a symbolic link (whoever owns
 * the link decides where root's chown lands).
 */
final class MirrorDirectory {
    /** Refused themselves: parents of many things, never a mirror. */
    private static final List<Path> REFUSED = List.of("/", "/var", "/var/lib", "/var/cache", "/home", "/srv", "/opt",
            "/mnt", "/media", "/tmp", "/var/tmp", "/usr/local").stream().map(Path::of).toList();
    /** Refused with everything under them: the system's own, PostgreSQL's, and odoo-dr's state. */
    private static final List<Path> REFUSED_TREES = List.of("/etc", "/bin", "/sbin", "/usr/bin", "/usr/sbin",
            "/usr/lib", "/usr/share", "/usr/libexec", "/lib", "/lib32", "/lib64", "/libx32", "/boot", "/dev", "/proc",
            "/sys", "/run", "/root", "/var/log", "/var/spool", "/var/mail", "/var/backups", "/var/lib/postgresql",
            "/var/lib/odoo-dr", "/var/lib/dpkg", "/var/lib/apt", "/var/lib/systemd").stream().map(Path::of).toList();

    private MirrorDirectory() {
    }

    static Path parse(String text) {
        Path path = SafeValueRules.absolutePath(text).normalize();
        if (REFUSED.contains(path) || REFUSED_TREES.stream().anyMatch(path::startsWith)) {
            throw new InvalidValueException("`" + path + "` is a system directory: setup would give it to the odoo user",
                    "use a directory of its own, e.g. " + FilestoreConfig.DEFAULT_LOCAL_BASE);
        }
        return path;
    }

    /** The first existing part of {@code path} that is a symbolic link, if any. */
    static Optional<Path> symlinkIn(Path path) {
        Path at = path.getRoot();
        for (Path name : path) {
            at = at.resolve(name);
            if (Files.isSymbolicLink(at)) {
                return Optional.of(at);
            }
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** For messages: where the link points. */
    static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
