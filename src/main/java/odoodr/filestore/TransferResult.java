package odoodr.filestore;

import java.time.Duration;
import java.util.List;

/**
 * What one rsync pass did.
 *
 * @param files         regular files transferred (rsync's "Number of regular files transferred")
 * @param bytes         file bytes transferred (rsync's "Total transferred file size")
 * @param elapsed       wall time of the pass
 * @param missingOnProd store_fnames asked for that prod does not have (fetch only; reported, not fatal)
 */
public record TransferResult(int files, long bytes, Duration elapsed, List<String> missingOnProd) {
    public TransferResult {
        missingOnProd = List.copyOf(missingOnProd);
    }
}
