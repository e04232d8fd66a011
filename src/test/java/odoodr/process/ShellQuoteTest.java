package odoodr.process;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShellQuoteTest {

    @Test
    void leavesSafeWordsAlone() {
        assertThat(ShellQuote.quote("pg_basebackup")).isEqualTo("pg_basebackup");
        assertThat(ShellQuote.quote("/var/lib/docker/volumes/odoo_data/_data")).isEqualTo("/var/lib/docker/volumes/odoo_data/_data");
        assertThat(ShellQuote.quote("user@host:22")).isEqualTo("user@host:22");
    }

    @Test
    void quotesEverythingElse() {
        assertThat(ShellQuote.quote("")).isEqualTo("''");
        assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuote.quote("$(id)")).isEqualTo("'$(id)'");
    }

    /** The real test of quoting: a real POSIX shell parses the joined line back into exactly the original words. */
    @Test
    void aRealShellParsesTheJoinedLineBackIntoTheSameArguments() {
        List<String> words = new ArrayList<>(List.of("printf", "%s\\0"));
        words.addAll(HostileStrings.ALL);
        ProcessResult r = new ProcessRunner().run(
                Command.of("sh", "-c", ShellQuote.join(words)).timeout(Duration.ofSeconds(10)).build());
        assertThat(splitNul(r.stdout())).containsExactlyElementsOf(HostileStrings.ALL);
    }

    static List<String> splitNul(String out) {
        List<String> parts = new ArrayList<>(List.of(out.split("\0", -1)));
        assertThat(parts.remove(parts.size() - 1)).as("output ends with NUL").isEmpty();
        return parts;
    }
}
