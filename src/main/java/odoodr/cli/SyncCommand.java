package odoodr.cli;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.filestore.FilestoreTransport;
import odoodr.filestore.FullPass;
import odoodr.filestore.TransferResult;
import odoodr.filestore.sync.AttachmentSync;
import odoodr.filestore.sync.PassResult;
import odoodr.health.FilestoreSyncStateFile;
import odoodr.process.ProcessRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code odoo-dr sync [--full]}: one filestore pass now, with a summary per database. {@code --full} is the safety
 * net (a full rsync of each database's filestore, never deleting); without it, the attachment-driven pass.
 */
@Command(name = "sync", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"One filestore pass now, with a summary (files, bytes, seconds) per database.",
                "--full: a full rsync of every database's filestore (never deletes, low CPU and I/O priority)."})
public final class SyncCommand implements Callable<Integer> {
    @ParentCommand
    OdooDrCommand root;

    @Option(names = "--full", description = "full rsync of each database's filestore instead of the attachment-driven pass")
    boolean full;

    @Override
    public Integer call() {
        Config config = root.loadConfig();
        config.prod().requireFilestorePath();
        return full ? fullPass(config) : attachmentDrivenPass(config);
    }

    /** One round of the full pass (every database under one hold of the sync lock), a summary line per database. */
    private int fullPass(Config config) {
        int failures = new FullPass(config, new ProcessRunner()).runOnce("sync --full", new FullPass.Listener() {
            @Override
            public void passed(String database, TransferResult r) {
                System.out.println(summary(database, r));
                r.missingOnProd().forEach(f -> System.out.println("  vanished on prod during the pass: " + f));
            }

            @Override
            public void failed(String database, DrException e) {
                System.out.println(database + ": FAILED: " + e.getMessage());
                if (e.hint() != null) {
                    System.out.println("  hint: " + e.hint());
                }
            }
        });
        System.out.flush();
        return failures == 0 ? ExitCode.OK.code() : ExitCode.RSYNC.code();
    }

    static String summary(String database, TransferResult r) {
        return String.format(Locale.ROOT, "%s: %d files, %d bytes in %.1f s", database, r.files(), r.bytes(),
                r.elapsed().toMillis() / 1000.0);
    }

    // ---- F2: the attachment-driven pass (odoodr.filestore.sync) goes here; `--full` above is F1's.
    private int attachmentDrivenPass(Config config) {
        List<PassResult> results;
        try (AttachmentSync sync = AttachmentSync.open(config, new ProcessRunner(), FilestoreSyncStateFile.directory(config),
                FilestoreTransport.LOCK_WAIT)) {
            results = sync.runPass();
        }
        ExitCode worst = ExitCode.OK;
        for (PassResult r : results) {
            if (!r.succeeded()) {
                System.out.println(r.database() + ": FAILED: " + r.error());
                worst = worst == ExitCode.OK ? r.errorCode() : worst;
                continue;
            }
            System.out.println(String.format(Locale.ROOT, "%s: %d files, %d bytes in %.1f s (%d attachment rows read"
                            + " on the standby%s); %d missing on prod; %d still wanted", r.database(), r.files(), r.bytes(),
                    r.elapsed().toMillis() / 1000.0, r.rowsRead(), r.full() ? ", all of them: a first pass reads every row" : "",
                    r.missingOnProd().size(), r.backlog()));
            r.missingOnProd().forEach(f -> System.out.println("  missing on prod (asked again later by the agent): " + f));
            if (r.checksumMismatches() > 0) {
                System.out.println("  " + r.checksumMismatches() + " file(s) arrived with the wrong sha1: deleted, fetched again next pass");
            }
        }
        System.out.flush();
        return worst.code();
    }
}
