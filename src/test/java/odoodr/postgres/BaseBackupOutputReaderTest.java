package odoodr.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class BaseBackupOutputReaderTest {

    /** stderr of PostgreSQL 15.18 {@code pg_basebackup -Fp -Xs -P -R -v} into a pipe (records end with LF). */
    static final String VERBOSE_TO_PIPE = "pg_basebackup: initiating base backup, waiting for checkpoint to complete\n"
            + "pg_basebackup: checkpoint completed\n"
            + "pg_basebackup: write-ahead log start point: 0/3000028 on timeline 1\n"
            + "pg_basebackup: starting background WAL receiver\n"
            + "pg_basebackup: created temporary replication slot \"pg_basebackup_12337\"\n"
            + "   72/45920 kB (0%), 0/1 tablespace (/tmp/pgexp-VGndD5/bb1/global/2677  )\n"
            + "45931/45931 kB (100%), 0/1 tablespace (...exp-VGndD5/bb1/global/pg_control)\n"
            + "45931/45931 kB (100%), 1/1 tablespace                                         \n"
            + "pg_basebackup: write-ahead log end point: 0/3071DB8\n"
            + "pg_basebackup: waiting for background process to finish streaming ...\n"
            + "pg_basebackup: syncing data to disk ...\n"
            + "pg_basebackup: renaming backup_manifest.tmp to backup_manifest\n"
            + "pg_basebackup: base backup completed\n";

    /** The same without -v, on a terminal (records end with CR; the pty turned the last LF into CRLF). */
    static final String PLAIN_ON_TTY = "waiting for checkpoint\r   72/45920 kB (0%), 0/1 tablespace\r"
            + "45931/45931 kB (100%), 0/1 tablespace\r45931/45931 kB (100%), 1/1 tablespace\r\n";

    /** A failed run: wrong slot name. */
    static final String FAILED = "pg_basebackup: initiating base backup, waiting for checkpoint to complete\n"
            + "pg_basebackup: checkpoint completed\n"
            + "pg_basebackup: write-ahead log start point: 0/8000028 on timeline 1\n"
            + "pg_basebackup: starting background WAL receiver\n"
            + "pg_basebackup: error: could not send replication command \"START_REPLICATION\": ERROR:  replication "
            + "slot \"nosuchslot\" does not exist\n"
            + "pg_basebackup: error: background process terminated unexpectedly\n"
            + "pg_basebackup: removing data directory \"/tmp/pgexp-VGndD5/bbx\"\n";

    private static final class Recorder implements BaseBackupOutputReader.Listener {
        final List<BaseBackupProgress> progress = new ArrayList<>();
        final List<String> messages = new ArrayList<>();

        @Override
        public void onProgress(BaseBackupProgress p) {
            progress.add(p);
        }

        @Override
        public void onMessage(String message) {
            messages.add(message);
        }
    }

    private static Recorder read(String output) throws IOException {
        Recorder recorder = new Recorder();
        BaseBackupOutputReader.read(new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)), recorder);
        return recorder;
    }

    @Test
    void verboseRunThroughAPipe() throws IOException {
        Recorder r = read(VERBOSE_TO_PIPE);
        assertThat(r.progress).extracting(BaseBackupProgress::doneKiB).containsExactly(72L, 45931L, 45931L);
        assertThat(r.progress.get(0).currentFile()).contains("/tmp/pgexp-VGndD5/bb1/global/2677");
        assertThat(r.progress.get(2).isComplete()).isTrue();
        assertThat(r.messages).hasSize(10)
                .startsWith("pg_basebackup: initiating base backup, waiting for checkpoint to complete")
                .endsWith("pg_basebackup: base backup completed");
        assertThat(r.messages).noneMatch(BaseBackupOutputReader::isError);
    }

    @Test
    void carriageReturnsOnATerminal() throws IOException {
        Recorder r = read(PLAIN_ON_TTY);
        assertThat(r.messages).containsExactly("waiting for checkpoint");
        assertThat(r.progress).extracting(BaseBackupProgress::percent).containsExactly(0, 100, 100);
        assertThat(r.progress).extracting(BaseBackupProgress::tablespacesDone).containsExactly(0, 0, 1);
    }

    @Test
    void errorsAreMessagesAndRecognisable() throws IOException {
        Recorder r = read(FAILED);
        assertThat(r.progress).isEmpty();
        assertThat(r.messages).filteredOn(BaseBackupOutputReader::isError).hasSize(2);
        assertThat(BaseBackupOutputReader.isError("pg_basebackup: checkpoint completed")).isFalse();
    }

    @Test
    void continuationLinesKeepTheirIndentation() throws IOException {
        Recorder r = read("pg_basebackup: error: connection to server at \"127.0.0.1\", port 1 failed: "
                + "Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n");
        assertThat(r.messages).containsExactly(
                "pg_basebackup: error: connection to server at \"127.0.0.1\", port 1 failed: Connection refused",
                "\tIs the server running on that host and accepting TCP/IP connections?");
    }

    @Test
    void lastRecordWithoutTerminatorIsDelivered() throws IOException {
        Recorder r = read("1/2 kB (50%), 0/1 tablespace");
        assertThat(r.progress).hasSize(1);
    }

    @Test
    void emptyStream() throws IOException {
        Recorder r = read("");
        assertThat(r.progress).isEmpty();
        assertThat(r.messages).isEmpty();
    }

    @Test
    void multiByteCharactersSplitAcrossReadsSurvive() throws IOException {
        byte[] bytes = "1/2 kB (50%), 0/1 tablespace (/data/caf\u00e9/\u65e5\u672c)\n".getBytes(StandardCharsets.UTF_8);
        InputStream oneByteAtATime = new InputStream() {
            int i;

            @Override
            public int read() {
                return i < bytes.length ? bytes[i++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        };
        Recorder r = new Recorder();
        BaseBackupOutputReader.read(oneByteAtATime, r);
        assertThat(r.progress.get(0).currentFile()).contains("/data/caf\u00e9/\u65e5\u672c");
    }

    @Test
    void hugeRecordIsCutNotBuffered() throws IOException {
        Recorder r = read("x".repeat(BaseBackupOutputReader.MAX_RECORD_BYTES * 3) + "\nafter\n");
        assertThat(r.messages).hasSize(2);
        assertThat(r.messages.get(0)).hasSize(BaseBackupOutputReader.MAX_RECORD_BYTES);
        assertThat(r.messages.get(1)).isEqualTo("after");
    }

    @Test
    void aFailingListenerDoesNotStopTheDraining() throws IOException {
        List<String> seen = new ArrayList<>();
        ByteArrayInputStream in = new ByteArrayInputStream(VERBOSE_TO_PIPE.getBytes(StandardCharsets.UTF_8));
        BaseBackupOutputReader.read(in, new BaseBackupOutputReader.Listener() {
            @Override
            public void onProgress(BaseBackupProgress progress) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void onMessage(String message) {
                seen.add(message);
            }
        });
        assertThat(in.available()).isZero();
        assertThat(seen).hasSize(10);
    }

    @Test
    void deliversRecordsLiveBeforeTheStreamEnds() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream reader = new PipedInputStream(writer);
        LinkedBlockingQueue<BaseBackupProgress> live = new LinkedBlockingQueue<>();
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try {
                BaseBackupOutputReader.read(reader, live::add);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        writer.write("   72/45920 kB (0%), 0/1 tablespace\r".getBytes(StandardCharsets.US_ASCII));
        writer.flush();
        BaseBackupProgress first = live.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.doneKiB()).isEqualTo(72);
        assertThat(done).isNotDone();
        writer.write("45931/45931 kB (100%), 1/1 tablespace\n".getBytes(StandardCharsets.US_ASCII));
        writer.close();
        done.get(10, TimeUnit.SECONDS);
        assertThat(live.poll()).isNotNull();
    }
}
