package odoodr.filestore;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** rsync 3.x's stderr under --stderr=all --stats --info=progress2, as recorded against the lab's rrsync. */
class RsyncOutputTest {
    private static final String STATS = """

            Number of files: 134 (reg: 68, dir: 66)
            Number of created files: 134 (reg: 68, dir: 66)
            Number of deleted files: 0
            Number of regular files transferred: 68
            Total file size: 96000 bytes
            Total transferred file size: 96000 bytes
            Literal data: 96000 bytes
            Matched data: 0 bytes
            File list size: 4681
            File list generation time: 0.001 seconds
            File list transfer time: 0.000 seconds
            Total bytes sent: 1536
            Total bytes received: 103686

            sent 1536 bytes  received 103686 bytes  210444.00 bytes/sec
            total size is 96000  speedup is 0.91
            """;

    @Test
    void statsGiveTheFilesAndBytesTransferred() {
        RsyncStats s = RsyncStats.of(STATS);
        assertThat(s.files()).isEqualTo(68);
        assertThat(s.bytes()).isEqualTo(96000);
        assertThat(s.statsSeen()).isTrue();
        assertThat(s.absent()).isEmpty();
        assertThat(s.errors()).isEmpty();
    }

    @Test
    void digitSeparatorsOfHumanReadableLevelOneAreRead() {
        RsyncStats s = RsyncStats.of("Number of regular files transferred: 1,234,567\nTotal transferred file size: 9.876.543.210 bytes\n");
        assertThat(s.files()).isEqualTo(1_234_567);
        assertThat(s.bytes()).isEqualTo(9_876_543_210L);
    }

    @Test
    void filesTheSenderLacksAreAbsentNotErrors() {
        RsyncStats s = RsyncStats.of("""
                rsync: [sender] link_stat "/proc/self/fd/4/odoo/ab/ab0000000000000000000000000000000000000" failed: No such file or directory (2)
                file has vanished: "/proc/self/fd/4/odoo/cd/cd11111111111111111111111111111111111111"
                rsync warning: some files vanished before they could be transferred (code 24) at main.c(1865) [generator=3.2.7]
                rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1956) [generator=3.5.0]
                """);
        assertThat(s.absent()).containsExactly("/proc/self/fd/4/odoo/ab/ab0000000000000000000000000000000000000",
                "/proc/self/fd/4/odoo/cd/cd11111111111111111111111111111111111111");
        assertThat(s.errors()).as("warnings and the closing line are not errors of their own").isEmpty();
        assertThat(s.explanation()).singleElement().asString().contains("(code 23)");
    }

    /** A fetch of names prod has none of, against the lab's rrsync (rsync 3.5.0 both sides). */
    static final String NOTHING_TO_SEND = """
            rsync: [sender] link_stat "/proc/self/fd/4/odoo/ab/ab0000000000000000000000000000000000000" failed: No such file or directory (2)
            rsync: [sender] link_stat "/proc/self/fd/4/odoo/cd/cd1111111111111111111111111111111111111" failed: No such file or directory (2)

            Number of files: 0
            Number of created files: 0
            Number of deleted files: 0
            Number of regular files transferred: 0
            Total file size: 0 bytes
            Total transferred file size: 0 bytes
            Literal data: 0 bytes
            Matched data: 0 bytes
            File list size: 6
            Total bytes sent: 125
            Total bytes received: 6

            sent 125 bytes  received 6 bytes  262.00 bytes/sec
            total size is 0  speedup is 0.00
            rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1956) [Receiver=3.5.0]
            rsync: [Receiver] write error: Broken pipe (32)
            """;
    private static final List<String> ASKED = List.of("ab/ab0000000000000000000000000000000000000",
            "cd/cd1111111111111111111111111111111111111");

    @Test
    void theSizeOfTheSendersFileListIsRead() {
        assertThat(RsyncStats.of(STATS).listedNothing()).isFalse();
        assertThat(RsyncStats.of(NOTHING_TO_SEND).listedNothing()).isTrue();
        assertThat(RsyncStats.of("Number of files: 1,234 (reg: 1,000, dir: 234)\n").listedNothing()).isFalse();
        assertThat(RsyncStats.of("rsync error: error in rsync protocol data stream (code 12)\n").listedNothing())
                .as("no stats block: not known to be empty").isFalse();
    }

    @Test
    void whenProdHasNoneOfTheNamesTheSendersEarlyExitIsNoFailure() {
        RsyncStats s = RsyncStats.of(NOTHING_TO_SEND);
        assertThat(s.errors()).containsExactly("rsync: [Receiver] write error: Broken pipe (32)");
        assertThat(RsyncStats.matchRequested(s.absent(), ASKED)).containsExactlyElementsOf(ASKED);
        assertThat(RsyncFailure.nothingToSendAndSenderGone(s, ASKED)).isTrue();
        assertThat(RsyncFailure.nothingToSendAndSenderGone(
                RsyncStats.of(NOTHING_TO_SEND.replace("write error: Broken pipe (32)",
                        "connection unexpectedly closed (6 bytes received so far) [Receiver]")), ASKED)).isTrue();
    }

    @Test
    void anEmptyFileListIsStillAFailureWhenANameIsUnaccountedForOrAnythingElseWentWrong() {
        RsyncStats s = RsyncStats.of(NOTHING_TO_SEND);
        List<String> more = List.of(ASKED.get(0), ASKED.get(1), "ef/ef2222222222222222222222222222222222222");
        assertThat(RsyncFailure.nothingToSendAndSenderGone(s, more)).as("a name the sender never mentioned").isFalse();
        assertThat(RsyncFailure.nothingToSendAndSenderGone(s, null)).as("not a fetch").isFalse();
        for (String other : List.of("rsync: [sender] link_stat \"/proc/self/fd/4/odoo/ef/ef2\" failed: Permission denied (13)",
                "sudo: a password is required", "/usr/bin/rrsync error: option --foo is not allowed",
                "rsync: mkdir \"/srv/mirror/odoo\" failed: No space left on device (28)")) {
            assertThat(RsyncFailure.nothingToSendAndSenderGone(RsyncStats.of(other + "\n" + NOTHING_TO_SEND), ASKED))
                    .as(other).isFalse();
        }
        RsyncStats sent = RsyncStats.of(NOTHING_TO_SEND.replace("Number of files: 0", "Number of files: 2 (reg: 1, dir: 1)"));
        assertThat(RsyncFailure.nothingToSendAndSenderGone(sent, ASKED)).as("a list was sent: a real close").isFalse();
    }

    @Test
    void refusalsOfSshSudoAndRrsyncAreErrors() {
        RsyncStats s = RsyncStats.of("""
                /usr/bin/rrsync error: sending to read-only server is not allowed
                rsync: connection unexpectedly closed (0 bytes received so far) [sender]
                rsync error: error in rsync protocol data stream (code 12) at io.c(285) [sender=3.5.0]
                """);
        assertThat(s.errors()).containsExactly("/usr/bin/rrsync error: sending to read-only server is not allowed",
                "rsync: connection unexpectedly closed (0 bytes received so far) [sender]");
        assertThat(RsyncStats.of("ubuntu@10.0.0.1: Permission denied (publickey).\n").errors()).hasSize(1);
        assertThat(RsyncStats.of("sudo: a password is required\n").errors()).hasSize(1);
    }

    @Test
    void senderPathsAreCutBackToStoreFnames() {
        assertThat(RsyncStats.relativeTo("odoo", "/proc/self/fd/4/odoo/ab/ab12")).contains("ab/ab12");
        assertThat(RsyncStats.relativeTo("odoo", "odoo/ab/ab12")).contains("ab/ab12");
        assertThat(RsyncStats.relativeTo("odoo", "/srv/docker/odoo/filestore/odoo/abc/abc12")).contains("abc/abc12");
        assertThat(RsyncStats.relativeTo("ab", "/proc/self/fd/4/ab/ab/ab12")).contains("ab/ab12");
        assertThat(RsyncStats.relativeTo("odoo", "/proc/self/fd/4/odoo")).isEmpty();
        assertThat(RsyncStats.relativeTo("odoo", "/proc/self/fd/4/odoo/")).isEmpty();
    }

    @Test
    void progressRecordsAreParsed() {
        RsyncProgress p = RsyncProgress.parse("          4500   4%    4.29MB/s    0:00:00 (xfr#2, to-chk=129/134)").orElseThrow();
        assertThat(p).isEqualTo(new RsyncProgress(4500, 4, "4.29MB/s", "0:00:00", 2, 129, 134, true));
        assertThat(p.checked()).isEqualTo(5);
        RsyncProgress counting = RsyncProgress.parse("  1,234,567  45%   10.50MB/s    0:00:12 (xfr#310, ir-chk=1000/4000)").orElseThrow();
        assertThat(counting.bytes()).isEqualTo(1_234_567);
        assertThat(counting.listComplete()).isFalse();
        assertThat(RsyncProgress.parse("              0   0%    0.00kB/s    0:00:00").orElseThrow().listed()).isZero();
        assertThat(RsyncProgress.parse("Number of files: 134 (reg: 68, dir: 66)")).isEmpty();
        assertThat(RsyncProgress.parse("rsync error: received SIGINT, SIGTERM, or SIGHUP (code 20)")).isEmpty();
    }

    @Test
    void theReaderSplitsRecordsAtCarriageReturnsAndFreesMessagesWrittenIntoARecord() {
        String stderr = "\r         0   0%    0.00kB/s    0:00:00  \r      3000   3%    2.86MB/s    0:00:00 (xfr#1, to-chk=131/134)"
                + "\r  40277872  69%    1.82MB/s    0:0rsync error: received SIGINT, SIGTERM, or SIGHUP (code 20) at rsync.c(874) [generator=3.5.0]\n"
                + STATS;
        List<RsyncProgress> seen = new ArrayList<>();
        RsyncStats stats = new RsyncStats();
        RsyncOutput.read(new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8)), stats, seen::add);
        assertThat(seen).extracting(RsyncProgress::percent).containsExactly(0, 3);
        assertThat(stats.files()).isEqualTo(68);
        assertThat(stats.explanation()).containsExactly(
                "rsync error: received SIGINT, SIGTERM, or SIGHUP (code 20) at rsync.c(874) [generator=3.5.0]");
    }

    @Test
    void seedProgressInNumbers() {
        RsyncProgress p = new RsyncProgress(2_831_155, 45, "10.50MB/s", "0:00:12", 1400, 1605, 3005, true);
        var progress = p.toProgress("seed odoo");
        assertThat(progress.task()).isEqualTo("seed odoo");
        assertThat(progress.percent()).isEqualTo(45);
        assertThat(progress.doneBytes()).isEqualTo(2_831_155);
        assertThat(progress.totalBytes()).isEmpty();
        assertThat(progress.detail()).isEqualTo("1400/3005 files checked");
        assertThat(progress.bytesPerSecond().getAsDouble()).isEqualTo(10.50 * 1024 * 1024);
        assertThat(progress.timeLeft()).contains(java.time.Duration.ofSeconds(12));
        assertThat(progress.complete()).isFalse();

        var last = new RsyncProgress(4500, 100, "4.29kB/s", "0:00:01", 2, 0, 2, false).toProgress("seed odoo");
        assertThat(last.detail()).isEqualTo("2/2+ files checked");
        assertThat(last.bytesPerSecond().getAsDouble()).isEqualTo(4.29 * 1024);
        assertThat(last.timeLeft()).as("the final record's time is the elapsed time").isEmpty();
        assertThat(last.complete()).isTrue();
        assertThat(new RsyncProgress(0, 0, "0.00kB/s", "0:00:00", 0, 0, 0, false).toProgress("s").bytesPerSecond())
                .isEmpty();
    }

    @Test
    void hintsNameTheUsualCauses() {
        assertThat(RsyncFailure.hint(List.of("ubuntu@h: Permission denied (publickey)."))).contains("setup --only filestore");
        assertThat(RsyncFailure.hint(List.of("Host key verification failed."))).contains("known_hosts");
        assertThat(RsyncFailure.hint(List.of("sudo: a password is required"))).contains("passwordless sudo");
        assertThat(RsyncFailure.hint(List.of("rsync: write failed on \"x\": No space left on device (28)"))).contains("full");
        assertThat(RsyncFailure.hint(List.of("something else"))).isNull();
    }
}
