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
     * everything, {@code port-forwarding} turns all forwarding back on, and the rest narrows it again:
     * {@code permitopen} limits {@code -L} (to TCP and to Unix sockets alike) to one target; {@code permitlisten}
     * limits {@code -R} TCP listeners to {@link #UNUSABLE_LISTENER}, which no real request can open; the forced
     * {@code /bin/false} closes what {@code restrict} leaves open: running a command ({@code ssh -N} needs none).
     * A {@code -R} of a Unix socket is not governed by any key option in OpenSSH 9.2 (sshd allows it whenever the key
     * may forward at all): only prod's sshd can refuse it, with {@code AllowStreamLocalForwarding no} (README).
     */
    public static AuthorizedKey tunnel(String publicKeyTypeAndBase64, int pgPort, String comment) {
        return new AuthorizedKey("restrict,port-forwarding,permitopen=\"127.0.0.1:" + pgPort + "\",permitlisten=\""
                + UNUSABLE_LISTENER + "\",command=\"/bin/false\"", publicKeyTypeAndBase64, comment);
    }

    /**
     * authorized_keys has no {@code permitlisten="none"} (sshd rejects the whole key line for it), and without any
     * {@code permitlisten} every {@code -R} listener is allowed. So the one listener permitted is port 1 on loopback:
     * a {@code -R} without an address asks for "localhost", which does not match; one for 127.0.0.1:1 is refused by
     * sshd itself, which binds a privileged port only for a root login (prod.ssh.user is a sudo user, not root).
     */
    static final String UNUSABLE_LISTENER = "127.0.0.1:1";

    /**
     * The filestore's key may do one thing: a read-only rsync of prod's filestore. {@code restrict} turns off
     * forwarding, pty and agent; the forced command runs {@code rrsync -ro} under sudo (the docker volume is
     * root-owned), which refuses writes, {@code ..} and anything that is not an rsync server. sudo drops
     * {@code SSH_ORIGINAL_COMMAND}, which rrsync reads, unless told to keep it. Remote paths become relative to
     * {@code filestorePath} ({@code host:<db>/}).
     */
    public static AuthorizedKey filestore(String publicKeyTypeAndBase64, java.nio.file.Path filestorePath, String comment) {
        return new AuthorizedKey("restrict,command=\"sudo --preserve-env=SSH_ORIGINAL_COMMAND /usr/bin/rrsync -ro "
                + commandPath(filestorePath, "filestore path") + "\"", publicKeyTypeAndBase64, comment);
    }

    /**
     * The monitor's key may do one thing: report the free space of the file system holding {@code dataDiskPath}.
     * {@code restrict} turns off forwarding, pty, agent and X11; the forced command runs whatever the client asks
     * for, so the key never gets a shell. No sudo: {@code df} needs only to stat the path, which the login user can
     * do even where it cannot enter the directory (docker's root-only data root).
     */
    public static AuthorizedKey monitor(String publicKeyTypeAndBase64, java.nio.file.Path dataDiskPath, String comment) {
        return new AuthorizedKey("restrict,command=\"" + String.join(" ", dfArgv(dataDiskPath)) + "\"",
                publicKeyTypeAndBase64, comment);
    }

    /** What the monitor key's forced command runs: POSIX output, sizes in bytes. */
    public static java.util.List<String> dfArgv(java.nio.file.Path dataDiskPath) {
        return java.util.List.of("df", "-P", "-B1", "--", commandPath(dataDiskPath, "data disk path"));
    }

    /** A path that needs no quoting, neither in the option's double quotes nor in the shell sshd runs it with. */
    private static String commandPath(java.nio.file.Path path, String what) {
        String text = path.toString();
        if (!text.matches("/[A-Za-z0-9/._+@:-]*")) {
            throw new IllegalArgumentException(what + " unsafe in a forced command: " + text);
        }
        return text;
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
