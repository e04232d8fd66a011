package odoodr.prod;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/** Lexical operations on absolute Linux paths inside a container (never touches the local file system). */
final class ContainerPaths {
    private ContainerPaths() {
    }

    /** "/var/lib//odoo/./x/../" becomes "/var/lib/odoo"; a relative path is taken from "/". */
    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    static String join(String directory, String child) {
        return normalize(directory + "/" + child);
    }

    /** True when {@code path} is {@code directory} or lies below it; both normalized. */
    static boolean contains(String directory, String path) {
        return path.equals(directory) || directory.equals("/") || path.startsWith(directory + "/");
    }

    /** The host path of {@code target} when {@code mountPoint} (containing it) comes from {@code hostSource}. */
    static Path resolve(Path hostSource, String mountPoint, String target) {
        String relative = mountPoint.equals("/") ? target.substring(1) : target.substring(mountPoint.length());
        relative = relative.startsWith("/") ? relative.substring(1) : relative;
        return relative.isEmpty() ? hostSource : hostSource.resolve(relative);
    }
}
