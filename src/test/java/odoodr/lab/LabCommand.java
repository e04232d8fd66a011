package odoodr.lab;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one program for the lab: argv only, a timeout, output through temp files. */
public final class LabCommand {
    private LabCommand() {
    }

    /**
     * Runs a command with a timeout. Output goes to temp files, not pipes: a daemon started by the command (sshd,
     * postgres) can never keep us waiting for an EOF.
     */
    public static CommandResult run(List<String> command, String stdin, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("prodlab-", ".out");
            err = Files.createTempFile("prodlab-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            Process process = builder.start();
            if (stdin != null) {
                Thread feeder = new Thread(() -> {
                    try (OutputStream os = process.getOutputStream()) {
                        os.write(stdin.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException ignored) {
                        // the command did not read all of it; its exit code tells
                    }
                }, "prodlab-stdin");
                feeder.setDaemon(true);
                feeder.start();
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new ProdLabException(describe(command) + " timed out after " + timeout.toSeconds() + " s: "
                        + readQuietly(err).strip());
            }
            return new CommandResult(List.copyOf(command), process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (InterruptedIOException | InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProdLabException("interrupted: " + describe(command), e);
        } catch (IOException e) {
            throw new ProdLabException("cannot run " + describe(command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    static String describe(List<String> command) {
        String text = String.join(" ", command);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }
}
