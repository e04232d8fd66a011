package odoodr.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseBackupProgressTest {

    @Test
    void verboseRecordWithFile() {
        // PostgreSQL 15.18, pg_basebackup -P -v: the file name is padded to 35 characters
        BaseBackupProgress p = BaseBackupProgress
                .parse("   72/45920 kB (0%), 0/1 tablespace (/tmp/pgexp-VGndD5/bb1/global/2677  )").orElseThrow();
        assertThat(p.doneKiB()).isEqualTo(72);
        assertThat(p.totalKiB()).isEqualTo(45920);
        assertThat(p.percent()).isZero();
        assertThat(p.tablespacesDone()).isZero();
        assertThat(p.tablespacesTotal()).isEqualTo(1);
        assertThat(p.currentFile()).contains("/tmp/pgexp-VGndD5/bb1/global/2677");
        assertThat(p.isComplete()).isFalse();
        assertThat(p.doneBytes()).isEqualTo(72 * 1024);
        assertThat(p.totalBytes()).isEqualTo(45920L * 1024);
    }

    @Test
    void truncatedFileNameKeepsItsDots() {
        BaseBackupProgress p = BaseBackupProgress
                .parse("45931/45931 kB (100%), 0/1 tablespace (...exp-VGndD5/bb1/global/pg_control)").orElseThrow();
        assertThat(p.percent()).isEqualTo(100);
        assertThat(p.currentFile()).contains("...exp-VGndD5/bb1/global/pg_control");
    }

    @Test
    void finalVerboseRecordIsPaddedWithoutFile() {
        BaseBackupProgress p = BaseBackupProgress.parse("45931/45931 kB (100%), 1/1 tablespace" + " ".repeat(41))
                .orElseThrow();
        assertThat(p.currentFile()).isEmpty();
        assertThat(p.isComplete()).isTrue();
        assertThat(p.fraction()).isEqualTo(1.0);
    }

    @Test
    void nonVerboseAndPluralTablespaces() {
        assertThat(BaseBackupProgress.parse("123/4567 kB (2%), 1/3 tablespaces"))
                .contains(new BaseBackupProgress(123, 4567, 2, 1, 3, Optional.empty()));
        assertThat(BaseBackupProgress.parse("4567/4567 kB (100%), 3/3 tablespaces (/data/x)").orElseThrow()
                .currentFile()).contains("/data/x");
    }

    @Test
    void largeValues() {
        // 20 TiB: beyond int
        BaseBackupProgress p = BaseBackupProgress.parse("21474836480/21474836480 kB (100%), 1/1 tablespace")
                .orElseThrow();
        assertThat(p.totalBytes()).isEqualTo(21474836480L * 1024);
    }

    @Test
    void fileNameWithParenthesesAndSpaces() {
        BaseBackupProgress p = BaseBackupProgress.parse("1/2 kB (50%), 0/1 tablespace (/data/a (b) c   )")
                .orElseThrow();
        assertThat(p.currentFile()).contains("/data/a (b) c");
    }

    @Test
    void fractionWithUnknownTotal() {
        assertThat(new BaseBackupProgress(0, 0, 0, 0, 1, Optional.empty()).fraction()).isZero();
        assertThat(new BaseBackupProgress(1, 4, 25, 0, 1, Optional.empty()).fraction()).isEqualTo(0.25);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "pg_basebackup: checkpoint completed",
        "waiting for checkpoint",
        "pg_basebackup: error: connection to server at \"127.0.0.1\", port 1 failed: Connection refused",
        "\tIs the server running on that host and accepting TCP/IP connections?",
        "",
        "12/34 kB",
        "12/34 kB (5%)",
        "12/34 Ko (5%), 0/1 espace logique",
        "12/34 kB (101%), 0/1 tablespace",
        "99999999999999999999/1 kB (1%), 0/1 tablespace"})
    void otherLinesAreNotProgress(String line) {
        assertThat(BaseBackupProgress.parse(line)).isEmpty();
    }

    @Test
    void nullFileBecomesEmpty() {
        assertThat(new BaseBackupProgress(1, 2, 50, 0, 1, null).currentFile()).isEmpty();
    }
}
