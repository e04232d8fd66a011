package odoodr.filestore.sync;

import java.util.ArrayList;
import java.util.List;

/** What one pass of a {@link DatabaseMirror} has done so far (its {@link PassResult} in the making). */
final class PassCounts {
    int files;
    long bytes;
    int alreadyPresent;
    int requested;
    int checksumMismatches;
    final List<String> missingOnProd = new ArrayList<>();
}
