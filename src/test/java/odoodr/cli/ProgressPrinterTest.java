package odoodr.cli;

import odoodr.filestore.RsyncProgress;
import odoodr.runbook.Progress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** How a long copy's progress looks: one live line on a terminal, throttled log lines elsewhere. */
class ProgressPrinterTest {
    private static final long MB = 1L << 20;

    private static Progress backup(int percent, long doneMb, double mbPerSecond, boolean complete) {
        return new Progress("basebackup", percent, doneMb * MB, OptionalLong.of(100 * MB), "",
                mbPerSecond > 0 ? OptionalDouble.of(mbPerSecond * MB) : OptionalDouble.empty(),
                Optional.of(Duration.ofSeconds(3)), complete);
    }

    /** A clock the test moves. */
    private static final class Steps extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theLineSaysWhereTheCopyIs() {
        assertThat(ProgressPrinter.line(backup(45, 45, 1.5, false)))
                .isEqualTo("basebackup: 45% (45.0 MB of 100 MB, 1.5 MB/s, ETA 3 s)");
        assertThat(ProgressPrinter.line(backup(100, 100, 1.5, true))).isEqualTo("basebackup: 100% (100 MB of 100 MB, 1.5 MB/s)");
        assertThat(ProgressPrinter.line(backup(0, 0, 0, false))).as("no rate yet, so no ETA")
                .isEqualTo("basebackup: 0% (0 bytes of 100 MB)");
        RsyncProgress p = new RsyncProgress(2_831_155, 45, "10.50MB/s", "0:00:12", 1400, 1605, 3005, true);
        assertThat(ProgressPrinter.line(p.toProgress("seed odoo")))
                .isEqualTo("seed odoo: 45% (2.7 MB, 1400/3005 files checked, 10.5 MB/s, ETA 12 s)");
        RsyncProgress last = new RsyncProgress(4500, 100, "4.29MB/s", "0:00:01", 2, 0, 2, false);
        assertThat(ProgressPrinter.line(last.toProgress("seed odoo")))
                .isEqualTo("seed odoo: 100% (4.4 kB, 2/2+ files checked, 4.3 MB/s)");
    }

    @Test
    void onATerminalOneLineRewrittenInPlaceAndEndedOnce() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> logged = new ArrayList<>();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(out, true, StandardCharsets.UTF_8), logged::add,
                new Steps());
        printer.onProgress(backup(1, 1, 1, false));
        printer.onProgress(backup(2, 2, 1, false));
        printer.onEnd("basebackup");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "\rbasebackup: 1% (1.0 MB of 100 MB, 1.0 MB/s, ETA 3 s)   "
                        + "\rbasebackup: 2% (2.0 MB of 100 MB, 1.0 MB/s, ETA 3 s)   " + System.lineSeparator());
        assertThat(logged).isEmpty();
    }

    @Test
    void elsewhereALogLineEveryTenPercentOrThirtySecondsAndTheLastOne() {
        Steps clock = new Steps();
        List<String> logged = new ArrayList<>();
        ProgressPrinter printer = new ProgressPrinter(null, logged::add, clock);
        printer.onProgress(backup(0, 0, 1, false));   // first: logged
        printer.onProgress(backup(5, 5, 1, false));   // held back
        printer.onProgress(backup(10, 10, 1, false)); // +10 %: logged
        clock.now = clock.now.plusSeconds(30);
        printer.onProgress(backup(12, 12, 1, false)); // 30 s later: logged
        printer.onProgress(backup(15, 15, 1, false)); // held back, and the last
        printer.onEnd("basebackup");
        assertThat(logged).extracting(l -> l.substring(0, l.indexOf('%') + 1))
                .containsExactly("basebackup: 0%", "basebackup: 10%", "basebackup: 12%", "basebackup: 15%");

        printer.onProgress(backup(100, 100, 1, true));
        printer.onEnd("basebackup");
        assertThat(logged).hasSize(5).last().asString().startsWith("basebackup: 100%");
    }

    @Test
    void aNewTaskStartsItsOwnThrottleAndAnEndOfAnotherTaskChangesNothing() {
        List<String> logged = new ArrayList<>();
        ProgressPrinter printer = new ProgressPrinter(null, logged::add, new Steps());
        printer.onProgress(backup(50, 50, 1, false));
        printer.onEnd("seed odoo");
        printer.onProgress(new RsyncProgress(10, 1, "1.00kB/s", "0:00:01", 0, 0, 0, false).toProgress("seed odoo"));
        printer.onEnd("seed odoo");
        assertThat(logged).containsExactly("basebackup: 50% (50.0 MB of 100 MB, 1.0 MB/s, ETA 3 s)",
                "seed odoo: 1% (10 bytes, 1.0 kB/s, ETA 1 s)");
    }
}
