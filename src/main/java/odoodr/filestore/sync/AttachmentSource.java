package odoodr.filestore.sync;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** One database's {@code ir_attachment}, as the standby sees it: what the catalog, the sync and verify read. */
public interface AttachmentSource extends AutoCloseable {
    /**
     * Rows that have a file ({@code store_fname IS NOT NULL AND type = 'binary'}) with {@code id > afterId}, in id
     * order, at most {@code limit} of them: keyset pagination, so no query ever holds more than one page.
     */
    List<AttachmentRow> rowsAfter(long afterId, int limit);

    /** The standby's current transaction snapshot: which of prod's transactions are still running. */
    TxSnapshot snapshot();

    /** Which of these store_fnames some row still references (prod may have deleted the rows since). */
    Set<String> stillReferenced(Collection<String> storeFnames);

    @Override
    void close();

    /**
     * {@code txid_current_snapshot()}: every transaction with a txid below {@code xmin} has finished; {@code xmax} is
     * the first txid not yet assigned. 64-bit txids, so no wraparound to care about.
     */
    record TxSnapshot(long xmin, long xmax) {
    }
}
