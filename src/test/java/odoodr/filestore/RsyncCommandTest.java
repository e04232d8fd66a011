package odoodr.filestore;

import odoodr.ssh.ServiceKeyRole;
import odoodr.host.LocalAccounts;
import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import odoodr.host.ServiceUser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RsyncCommandTest {
    static final Config CONFIG = new ConfigLoader(() -> "prd-vnic").parse("""
            replica:
              name: prd-vnic
            prod:
              ssh: { user: ubuntu, host: prod.example.com, port: 2222 }
              filestore_path: /var/lib/docker/volumes/odoo_odoo-data/_data/filestore
            databases: [odoo, sales]
            filestore:
              local_base: /srv/mirror
            """, "test.yaml");
    private static final Path LOCAL = Path.of("/srv/mirror/sales");

    @Test
    void noModeEverDeletes() {
        for (RsyncCommand.Mode mode : RsyncCommand.Mode.values()) {
            assertThat(RsyncCommand.argv(CONFIG, "sales", LOCAL, mode)).noneMatch(a -> a.startsWith("--del"))
                    .noneMatch(a -> a.equals("-a") || a.startsWith("--remove"));
        }
    }

    @Test
    void everyModePullsTheDatabasesDirectoryRelativeToRrsyncsRootIntoTheMirror() {
        for (RsyncCommand.Mode mode : RsyncCommand.Mode.values()) {
            List<String> argv = rsyncPart(RsyncCommand.argv(CONFIG, "sales", LOCAL, mode));
            assertThat(argv.subList(argv.size() - 3, argv.size()))
                    .containsExactly("--", "ubuntu@prod.example.com:sales/", "/srv/mirror/sales/");
            assertThat(argv).contains("--partial-dir=.rsync-partial", "--chmod=D0750,F0640", "--stderr=all", "--stats",
                    "--no-human-readable").doesNotContain("-o", "-g", "--numeric-ids");
        }
    }

    @Test
    void fullPassIsNicedSeedShowsProgressFetchReadsNamesFromStdin() {
        List<String> full = rsyncPrefix(RsyncCommand.argv(CONFIG, "sales", LOCAL, RsyncCommand.Mode.FULL_PASS));
        assertThat(full).containsExactly("nice", "-n", "10", "ionice", "-c2", "-n7", "rsync");
        assertThat(rsyncPart(RsyncCommand.argv(CONFIG, "sales", LOCAL, RsyncCommand.Mode.FULL_PASS))).contains("-rtpS");
        assertThat(rsyncPart(RsyncCommand.argv(CONFIG, "sales", LOCAL, RsyncCommand.Mode.SEED)))
                .contains("-rtpS", "--info=progress2", "--no-inc-recursive");
        assertThat(rsyncPart(RsyncCommand.argv(CONFIG, "sales", LOCAL, RsyncCommand.Mode.FETCH)))
                .contains("-tpS", "--from0", "--files-from=-").doesNotContain("-rtpS");
    }

    @Test
    void sshUsesTheFilestoreKeyAndOdoosPinnedKnownHostsNeverTrustingANewHostKey() {
        List<String> argv = RsyncCommand.argv(CONFIG, "sales", LOCAL, RsyncCommand.Mode.FETCH);
        String e = argv.get(argv.indexOf("-e") + 1);
        assertThat(e).startsWith("ssh -T -o StrictHostKeyChecking=yes -o Ciphers=aes128-gcm@openssh.com,")
                .contains("-o BatchMode=yes", "-p 2222", "-i /var/lib/odoo/.ssh/odoo-dr-filestore-prd-vnic_ed25519",
                        "-o IdentitiesOnly=yes", "-o UserKnownHostsFile=/var/lib/odoo/.ssh/known_hosts");
        // the filestore's target is strict itself: no accept-new anywhere, not even after ours
        assertThat(e).doesNotContain("StrictHostKeyChecking=accept-new");
    }

    @Test
    void asRootRsyncRunsAsOdoo() {
        List<String> argv = RsyncCommand.argv(CONFIG, "sales", LOCAL, RsyncCommand.Mode.SEED);
        if (ServiceUser.runningAsRoot()) {
            assertThat(argv.subList(0, 6)).containsExactly("setpriv", "--reuid=odoo", "--regid=odoo", "--init-groups",
                    "--reset-env", "--");
        } else {
            assertThat(argv.get(0)).isEqualTo("flock");
        }
    }

    @Test
    void theKeyIsAuthorisedForAReadOnlyRrsyncOfTheFilestoreOnly() {
        var key = ServiceKeyRole.FILESTORE.authorizedKey(CONFIG, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJx odoo@replica\n");
        assertThat(key.line()).isEqualTo("restrict,command=\"sudo --preserve-env=SSH_ORIGINAL_COMMAND /usr/bin/rrsync -ro"
                + " /var/lib/docker/volumes/odoo_odoo-data/_data/filestore\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJx"
                + " odoo-dr-filestore@prd-vnic");
        assertThatThrownBy(() -> odoodr.ssh.AuthorizedKey.filestore("ssh-ed25519 AAAA", Path.of("/srv/a b\";sh"), "c"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyPlainRelativeNamesAreFetched() {
        assertThat(FilestoreTransport.isPlainRelative("ab/ab12")).isTrue();
        assertThat(FilestoreTransport.isPlainRelative("abc/abc12")).isTrue();
        for (String bad : List.of("", "/etc/passwd", "../x", "ab/../../x", "ab/./x", "ab//x", "ab/", "a\0b", "a\nb")) {
            assertThat(FilestoreTransport.isPlainRelative(bad)).as(bad).isFalse();
        }
    }

    @Test
    void absentSenderPathsAreMatchedToTheNamesAskedFor() {
        assertThat(RsyncStats.matchRequested(List.of("/proc/self/fd/4/odoo/ab/ab12", "/proc/self/fd/4/odoo/zz/other"),
                List.of("ab/ab12", "cd/cd34", "b/ab12"))).containsExactly("ab/ab12");
    }

    @Test
    void localAccountsParseGetentLines() {
        assertThat(LocalAccounts.parse("odoo:x:999:996:odoo-dr filestore mirror:/var/lib/odoo:/usr/sbin/nologin", true))
                .contains(new LocalAccounts.Entry("odoo", 999, "/var/lib/odoo"));
        assertThat(LocalAccounts.parse("odoo:x:996:", false)).contains(new LocalAccounts.Entry("odoo", 996, ""));
        assertThat(LocalAccounts.parse("garbage", true)).isEmpty();
    }

    private static List<String> rsyncPart(List<String> argv) {
        return argv.subList(argv.indexOf("rsync"), argv.size());
    }

    /** What runs between the lock guard and rsync. */
    private static List<String> rsyncPrefix(List<String> argv) {
        return argv.subList(argv.indexOf(SyncLock.DEFAULT_FILE.toString()) + 1, argv.indexOf("rsync") + 1);
    }

    @Test
    void everyTransferHoldsTheLockFileItselfSoThatAnOrphanedRsyncIsWaitedFor() {
        for (RsyncCommand.Mode mode : RsyncCommand.Mode.values()) {
            List<String> argv = RsyncCommand.argv(CONFIG, "sales", LOCAL, mode);
            int flock = argv.indexOf("flock");
            assertThat(argv.subList(flock, flock + 6)).containsExactly("flock", "-w", "600", "-E", "75",
                    "/var/lib/odoo/.odoo-dr-sync.lock");
            assertThat(flock).as("after setpriv: flock runs as odoo too").isEqualTo(ServiceUser.runningAsRoot() ? 6 : 0);
        }
    }
}
