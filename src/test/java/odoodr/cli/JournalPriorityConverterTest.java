package odoodr.cli;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class JournalPriorityConverterTest {
    @Test
    void levelsMapToSyslogPriorities() {
        assertThat(JournalPriorityConverter.prefix(Level.ERROR)).isEqualTo("<3>");
        assertThat(JournalPriorityConverter.prefix(Level.WARN)).isEqualTo("<4>");
        assertThat(JournalPriorityConverter.prefix(Level.INFO)).isEqualTo("<6>");
        assertThat(JournalPriorityConverter.prefix(Level.DEBUG)).isEqualTo("<7>");
        assertThat(JournalPriorityConverter.prefix(Level.TRACE)).isEqualTo("<7>");
    }

    @Test
    void stderrIsTheJournalOnlyWhenJournalStreamNamesItsDeviceAndInode(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("stderr"));
        long dev = ((Number) Files.getAttribute(file, "unix:dev")).longValue();
        long ino = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        assertThat(JournalPriorityConverter.stderrIsJournal(dev + ":" + ino, file)).isTrue();
        assertThat(JournalPriorityConverter.stderrIsJournal(dev + ":" + (ino + 1), file)).isFalse();
        assertThat(JournalPriorityConverter.stderrIsJournal(null, file)).isFalse();
        assertThat(JournalPriorityConverter.stderrIsJournal("garbage", file)).isFalse();
        assertThat(JournalPriorityConverter.stderrIsJournal(dev + ":" + ino, dir.resolve("missing"))).isFalse();
    }
}
