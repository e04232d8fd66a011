package odoodr.preflight;

import odoodr.ExitCode;
import odoodr.process.Command;
import odoodr.runbook.SetupContext;

import java.time.Duration;
import java.util.List;

/**
 * The locales this replica's C library has. An interface so that a test can pretend one is missing: prod lab and
 * replica share this machine's locales, so "missing on the replica" cannot be produced for real there.
 */
@FunctionalInterface
public interface LocaleLister {
    List<String> available(SetupContext ctx);

    /** The real list: {@code locale -a} on this machine. */
    static LocaleLister system() {
        return ctx -> ctx.runner().run(Command.of("locale", "-a").timeout(Duration.ofSeconds(20))
                        .onFailure(ExitCode.PROCESS, "install the locales package: apt-get install locales")
                        .build())
                .stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
