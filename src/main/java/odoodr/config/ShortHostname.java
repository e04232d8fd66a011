package odoodr.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * This machine's short host name, lower-cased: the equivalent of {@code hostname -s}, the runbook's REPLICA_HOSTNAME
 * and the default {@code replica.name}. Read from the kernel rather than {@link InetAddress#getLocalHost()}, which
 * resolves the name and fails or stalls on hosts whose name is not in DNS or /etc/hosts.
 */
public final class ShortHostname {
    private ShortHostname() {
    }

    /** The short host name, or "" when it cannot be determined (the caller then asks for replica.name). */
    public static String detect() {
        for (Path source : new Path[] {Path.of("/proc/sys/kernel/hostname"), Path.of("/etc/hostname")}) {
            try {
                String name = Files.readString(source).strip();
                if (!name.isEmpty()) {
                    return shorten(name);
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or no such file: try the next source
            }
        }
        try {
            return shorten(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            return "";
        }
    }

    static String shorten(String hostname) {
        int dot = hostname.indexOf('.');
        return (dot < 0 ? hostname : hostname.substring(0, dot)).toLowerCase(Locale.ROOT);
    }
}
