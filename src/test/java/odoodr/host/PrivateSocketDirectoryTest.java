package odoodr.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivateSocketDirectoryTest {
    static final String ME = System.getProperty("user.name");

    @TempDir
    Path parent;

    @Test
    void ensureMakesAnOwnerOnlyDirectoryAndPutsAWideOneRight() throws Exception {
        Path dir = parent.resolve("tunnel-40000");
        PrivateSocketDirectory.ensure(dir, ServiceUser.POSTGRES);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PrivateSocketDirectory.isPrivateTo(dir, ServiceUser.POSTGRES.processOwner())).isTrue();

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(PrivateSocketDirectory.isPrivateTo(dir, ServiceUser.POSTGRES.processOwner())).isFalse();
        PrivateSocketDirectory.ensure(dir, ServiceUser.POSTGRES);
        assertThat(PrivateSocketDirectory.isPrivateTo(dir, ServiceUser.POSTGRES.processOwner())).isTrue();
    }

    @Test
    void aLinkInPlaceOfTheDirectoryIsRefusedNotFollowed() throws Exception {
        Path elsewhere = Files.createDirectory(parent.resolve("elsewhere"));
        Path dir = Files.createSymbolicLink(parent.resolve("tunnel-40000"), elsewhere);
        assertThatThrownBy(() -> PrivateSocketDirectory.ensure(dir, ServiceUser.POSTGRES))
                .hasMessageContaining("is not a directory");
        assertThat(PrivateSocketDirectory.isPrivateTo(dir, ME)).isFalse();
    }

    @Test
    void onlyASocketInAPrivateDirectoryCounts() throws Exception {
        Path dir = PrivateSocketDirectory.createTemporary();
        try {
            assertThat(PrivateSocketDirectory.isPrivateTo(dir, ME)).isTrue();
            Path regular = Files.createFile(dir.resolve(".s.PGSQL.1"));
            assertThat(PrivateSocketDirectory.holdsSocket(regular, ME)).as("a regular file").isFalse();
            Path socket = dir.resolve(".s.PGSQL.2");
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(socket));
                assertThat(PrivateSocketDirectory.holdsSocket(socket, ME)).isTrue();
                assertThat(PrivateSocketDirectory.holdsSocket(socket, "nobody")).as("someone else's directory").isFalse();
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx-wx-wx"));
                assertThat(PrivateSocketDirectory.holdsSocket(socket, ME)).as("others may write there").isFalse();
            }
        } finally {
            PrivateSocketDirectory.delete(dir);
        }
        assertThat(dir).doesNotExist();
    }
}
