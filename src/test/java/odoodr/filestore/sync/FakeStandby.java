package odoodr.filestore.sync;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** ir_attachment on a pretend standby: rows by id, a settable transaction snapshot, and a log of what was asked. */
final class FakeStandby implements AttachmentSource {
    final TreeMap<Long, AttachmentRow> rows = new TreeMap<>();
    final List<Long> pageStarts = new ArrayList<>();
    long rowsReturned;
    long xmin = 100;
    long xmax = 100;
    boolean closed;
    RuntimeException failNext;

    /** A row for these bytes, as Odoo writes it: {@code <sha[:2]>/<sha>}, checksum = sha1. */
    AttachmentRow add(long id, byte[] content) {
        String sha = sha1(content);
        return put(AttachmentRow.of(id, sha.substring(0, 2) + "/" + sha, sha, (long) content.length));
    }

    AttachmentRow put(AttachmentRow row) {
        rows.put(row.id(), row);
        return row;
    }

    static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<AttachmentRow> rowsAfter(long afterId, int limit) {
        if (failNext != null) {
            RuntimeException e = failNext;
            failNext = null;
            throw e;
        }
        pageStarts.add(afterId);
        List<AttachmentRow> page = rows.tailMap(afterId, false).values().stream().limit(limit).toList();
        rowsReturned += page.size();
        return page;
    }

    @Override
    public TxSnapshot snapshot() {
        return new TxSnapshot(xmin, xmax);
    }

    @Override
    public Set<String> stillReferenced(Collection<String> storeFnames) {
        Set<String> referenced = rows.values().stream().map(AttachmentRow::storeFname).collect(Collectors.toSet());
        return storeFnames.stream().filter(referenced::contains).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        closed = true;
    }
}
