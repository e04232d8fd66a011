package odoodr.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * How {@link GuardedDirectory} opens a path: from {@code /}, one name at a time, each relative to its parent's
 * descriptor with {@code O_NOFOLLOW}. A link is followed only where root alone could have made it (in a directory
 * owned by root that neither group nor others may write, such as {@code /lib -> usr/lib}); anywhere else it is
 * refused. Every directory along the way is opened, never looked up again by name, so swapping one for a link
 * after it was checked changes nothing.
 */
final class LinkFreeWalk {
    private static final int MAX_LINKS = 40;
    private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private LinkFreeWalk() {
    }

    /** The open directory {@code target} (absolute and normalized). */
    static SecureDirectoryStream<Path> open(Path target) throws IOException {
        Path remaining = target;
        for (int links = 0; links <= MAX_LINKS; links++) {
            Path root = remaining.getRoot();
            SecureDirectoryStream<Path> current = secure(Files.newDirectoryStream(root), root);
            Path at = root;
            boolean trusted = true;
            Path followed = null;
            try {
                for (Path name : remaining) {
                    Path child = at.resolve(name);
                    PosixFileAttributes here = current.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
                    trusted = trusted && "root".equals(here.owner().getName())
                            && here.permissions().stream().noneMatch(OTHERS_WRITE::contains);
                    PosixFileAttributes attributes = GuardedDirectory.stat(current, name)
                            .orElseThrow(() -> new NoSuchFileException(child.toString()));
                    if (attributes.isSymbolicLink()) {
                        if (!trusted) {
                            throw GuardedDirectory.refusal(child, "is a symbolic link", here.owner().getName());
                        }
                        Path link = Files.readSymbolicLink(child); // in a directory only root can change: stable
                        followed = at.resolve(link).resolve(child.relativize(remaining)).normalize();
                        break;
                    }
                    if (!attributes.isDirectory()) {
                        throw GuardedDirectory.refusal(child, "is not a directory", here.owner().getName());
                    }
                    SecureDirectoryStream<Path> next = secure(current.newDirectoryStream(name,
                            LinkOption.NOFOLLOW_LINKS), child);
                    current.close();
                    current = next;
                    at = child;
                }
                if (followed == null) {
                    SecureDirectoryStream<Path> done = current;
                    current = null;
                    return done;
                }
            } finally {
                if (current != null) {
                    current.close();
                }
            }
            remaining = followed;
        }
        throw new IOException("too many levels of symbolic links in " + target);
    }

    static SecureDirectoryStream<Path> secure(DirectoryStream<Path> stream, Path dir) throws IOException {
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        stream.close();
        throw new IOException("this platform cannot open " + dir + " without following links");
    }
}
