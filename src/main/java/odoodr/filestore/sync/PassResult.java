package odoodr.filestore.sync;

import java.time.Duration;
import java.util.List;

/**
 * What one attachment-driven pass did for one database.
 *
 * @param files           files fetched from prod and sha1-checked in this pass
 * @param bytes           their bytes
 * @param rowsRead        catalog rows read from the standby ({@code full}: every row, else only new ones)
 * @param alreadyPresent  files not in the index that were found on disk (e.g. brought by a full pass) and checked
 * @param requested       files rsync was asked for in this pass (what it had to look up on prod)
 * @param missingOnProd   files asked for in this pass that prod did not have
 * @param backlog         files still wanted after the pass
 * @param error           why the pass failed (null: it did not); the loop goes on either way
 * @param errorCode       the failure's class (null when it did not fail)
 */
public record PassResult(String database, int files, long bytes, Duration elapsed, boolean full, long rowsRead,
                         int alreadyPresent, int requested, List<String> missingOnProd, int checksumMismatches, int backlog,
                         String error, odoodr.ExitCode errorCode) {
    public PassResult {
        missingOnProd = List.copyOf(missingOnProd);
    }

    public boolean succeeded() {
        return error == null;
    }
}
