package odoodr.process;

import odoodr.DrException;
import odoodr.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs external programs the one safe way: argv only, a timeout that is always enforced (the whole process tree is
 * killed), allowed exit codes declared up front, stdout and stderr captured concurrently (no pipe deadlock), and
 * every logged or reported line redacted.
 */
public final class ProcessRunner {
    private static final Logger LOG = LoggerFactory.getLogger("process");
    private static final int STDERR_TAIL_LINES = 6;

    /** Runs the command to completion; throws {@link DrException} on timeout, missing program or a failing exit code. */
    public ProcessResult run(Command cmd) {
        return requireAllowedExit(cmd, runAllowingFailure(cmd));
    }

    /** Returns the result when its exit code is one the command allows, else throws the command's failure. */
    public static ProcessResult requireAllowedExit(Command cmd, ProcessResult result) {
        if (!cmd.allowedExitCodes().contains(result.exitCode())) {
            throw failure(cmd, result);
        }
        return result;
    }

    /**
     * Runs the command and returns its result whatever its exit code; only a missing program or a timeout throws.
     * For callers that interpret exit codes themselves (e.g. ssh's 255 = connection failure).
     */
    public ProcessResult runAllowingFailure(Command cmd) {
        return runAllowingFailure(cmd, null);
    }

    /**
     * Runs the command, handing its stderr as it comes to {@code stderrReader} (live progress of pg_basebackup or
     * rsync) instead of capturing it; the result's stderr is then empty. Failing exit codes throw.
     */
    public ProcessResult runStreamingStderr(Command cmd, java.util.function.Consumer<InputStream> stderrReader) {
        return requireAllowedExit(cmd, runAllowingFailure(cmd, stderrReader));
    }

    private ProcessResult runAllowingFailure(Command cmd, java.util.function.Consumer<InputStream> stderrReader) {
        requireEncodable(cmd);
        ProcessBuilder pb = ChildEnvironment.apply(new ProcessBuilder(cmd.argv()),
                ChildEnvironment.of(System.getenv(), cmd.environment()));
        if (cmd.workingDirectory() != null) {
            pb.directory(cmd.workingDirectory().toFile());
        }
        if (cmd.stdin() == null) {
            // Never let a child read our terminal (ssh would ask for passwords there).
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        LOG.debug("{}: running {}", cmd.subject(), cmd.display());
        long start = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new DrException(cmd.failureCode(),
                    cmd.subject() + ": cannot start " + cmd.argv().get(0) + ": " + e.getMessage(),
                    "is it installed? (scripts/install-deps installs what odoo-dr needs)", e);
        }
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = stderrReader == null ? drain(process.getErrorStream())
                : CompletableFuture.supplyAsync(() -> {
                    try (InputStream in = process.getErrorStream()) {
                        stderrReader.accept(in);
                        in.transferTo(OutputStream.nullOutputStream());
                    } catch (IOException e) {
                        LOG.debug("{}: stderr: {}", cmd.subject(), e.getMessage());
                    }
                    return new byte[0];
                }, ProcessThreads.POOL);
        if (cmd.stdin() != null) {
            feed(process.getOutputStream(), cmd.stdin());
        }
        try {
            if (!process.waitFor(cmd.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new DrException(cmd.failureCode(),
                        cmd.subject() + ": no answer within " + human(cmd.timeout()) + " (" + cmd.display() + ")",
                        cmd.failureHint() != null ? cmd.failureHint() : "the program was stopped; check the network or the host it talks to");
            }
            ProcessResult result = new ProcessResult(process.exitValue(), out.join(), err.join(),
                    Duration.ofNanos(System.nanoTime() - start));
            LOG.debug("{}: exit {} after {} ms", cmd.subject(), result.exitCode(), result.elapsed().toMillis());
            return result;
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new DrException(ExitCode.INTERNAL, cmd.subject() + ": interrupted", null, e);
        }
    }

    private static DrException failure(Command cmd, ProcessResult result) {
        String tail = Redactor.redact(lastLines(result.stderr().isBlank() ? result.stdout() : result.stderr()),
                cmd.secrets());
        LOG.debug("{}: failed with exit {}: {}", cmd.subject(), result.exitCode(), tail);
        String message = cmd.subject() + " failed (exit " + result.exitCode() + ")"
                + (tail.isBlank() ? "" : ": " + tail);
        String hint = cmd.failureHint() != null ? cmd.failureHint() : "command was: " + cmd.display();
        return new DrException(cmd.failureCode(), message, hint);
    }

    private static String lastLines(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - STDERR_TAIL_LINES), lines.size()));
    }

    /**
     * The JVM encodes argv with its native charset; under the C locale that is ASCII and every other character
     * silently becomes '?'. Refuse instead of passing a different argument than the one asked for.
     */
    private static void requireEncodable(Command cmd) {
        Charset jnu = nativeCharset();
        for (String arg : cmd.argv()) {
            if (!jnu.newEncoder().canEncode(arg)) {
                throw new DrException(ExitCode.PROCESS,
                        cmd.subject() + ": an argument cannot be passed in this locale's charset " + jnu,
                        "run odoo-dr with a UTF-8 locale, e.g. LANG=C.UTF-8 (bin/odoo-dr sets it)");
            }
        }
    }

    static Charset nativeCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.US_ASCII;
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                return buf.toByteArray();
            } catch (IOException e) {
                return new byte[0];
            }
        }, ProcessThreads.POOL);
    }

    private static void feed(OutputStream stdin, byte[] data) {
        ProcessThreads.POOL.execute(() -> {
            try (stdin) {
                stdin.write(data);
            } catch (IOException e) {
                LOG.debug("process: stdin closed early: {}", e.getMessage());
            }
        });
    }

    /** Kills a process and everything it started, so no orphan keeps a port or a file. */
    public static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 && s % 60 == 0 ? (s / 60) + " min" : (s > 0 ? s + " s" : d.toMillis() + " ms");
    }
}
