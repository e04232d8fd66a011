package odoodr.ssh;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One line of prod's {@code authorized_keys}: restrictions, the public key, and a comment that names this replica
 * so that {@code decommission} can find exactly our lines again.
 */
public record AuthorizedKey(String options, String publicKey, String comment) {
    private static final Pattern SAFE_COMMENT = Pattern.compile("[A-Za-z0-9_.@-]+");

    public AuthorizedKey {
        Objects.requireNonNull(options);
        Objects.requireNonNull(publicKey);
        if (!SAFE_COMMENT.matcher(comment).matches()) {
            throw new IllegalArgumentException("unsafe key comment: " + comment);
        }
        if (publicKey.contains("\n") || options.contains("\n")) {
            throw new IllegalArgumentException("key lines are single lines");
        }
    }

    /**
     * The tunnel's key may do one thing: forward to prod's PostgreSQL on loopback. {@code restrict} turns off
     * everything, {@code port-forwarding} turns forwarding back on, {@code permitopen} limits it to one target, and
     * the forced {@code /bin/false} closes what {@code restrict} leaves open: running a command ({@code ssh -N} needs
     * none).
     */
    public static AuthorizedKey tunnel(String publicKeyTypeAndBase64, int pgPort, String comment) {
        return new AuthorizedKey("restrict,port-forwarding,permitopen=\"127.0.0.1:" + pgPort + "\",command=\"/bin/false\"",
                publicKeyTypeAndBase64, comment);
    }

    /**
     * The filestore's key may do one thing: a read-only rsync of prod's filestore. {@code restrict} turns off
     * forwarding, pty and agent; the forced command runs {@code rrsync -ro} under sudo (the docker volume is
     * root-owned), which refuses writes, {@code ..} and anything that is not an rsync server. sudo drops
     * {@code SSH_ORIGINAL_COMMAND}, which rrsync reads, unless told to keep it. Remote paths become relative to
     * {@code filestorePath} ({@code host:<db>/}).
     */
    public static AuthorizedKey filestore(String publicKeyTypeAndBase64, java.nio.file.Path filestorePath, String comment) {
        String path = filestorePath.toString();
        // needs no quoting, neither in the option's double quotes nor in the shell sshd runs it with
        if (!path.matches("/[A-Za-z0-9/._+@:-]*")) {
            throw new IllegalArgumentException("filestore path unsafe in a forced command: " + path);
        }
        return new AuthorizedKey("restrict,command=\"sudo --preserve-env=SSH_ORIGINAL_COMMAND /usr/bin/rrsync -ro "
                + path + "\"", publicKeyTypeAndBase64, comment);
    }

    public String line() {
        return (options.isEmpty() ? "" : options + " ") + publicKey + " " + comment;
    }

    /** "ssh-ed25519 AAAA... comment" as ssh-keygen writes it → "ssh-ed25519 AAAA...". */
    public static String keyPart(String publicKeyFileContent) {
        String[] f = publicKeyFileContent.strip().split("\\s+");
        if (f.length < 2) {
            throw new IllegalArgumentException("not an OpenSSH public key");
        }
        return f[0] + " " + f[1];
    }
}
