package odoodr.filestore.sync;

import java.util.regex.Pattern;

/**
 * One {@code ir_attachment} row of the standby whose content lives in the filestore ({@code type = 'binary'} and a
 * {@code store_fname}): URL attachments and rows kept in the database ({@code db_datas}) have no file and are never
 * rows of this kind.
 *
 * @param fileSize Odoo's {@code file_size} (bytes), null when the row has none
 * @param resModel for telling asset bundles apart; may be null
 * @param name     the attachment's name, shown in reports; may be null
 * @param url      set on asset bundles ({@code /web/assets/...}); may be null
 */
public record AttachmentRow(long id, String storeFname, String checksum, Long fileSize, String resModel, String name,
                            String url) {
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");

    /** A row with only what the sync needs. */
    public static AttachmentRow of(long id, String storeFname, String checksum, Long fileSize) {
        return new AttachmentRow(id, storeFname, checksum, fileSize, null, null, null);
    }

    /**
     * The sha1 the file must have: {@code checksum}, which Odoo sets to the sha1 of the bytes; when a row lacks a
     * usable one, the file name, which Odoo derives from the same sha1.
     */
    public String expectedSha1() {
        if (checksum != null && SHA1.matcher(checksum).matches()) {
            return checksum;
        }
        return StoreFname.sha1Part(storeFname);
    }

    /**
     * Asset bundles (compiled CSS/JS) are attachments too; Odoo rebuilds them when their rows are deleted, so a
     * missing one is repaired rather than lost. Odoo 17 serves them under {@code /web/assets/} and names them
     * {@code <bundle>.assets_<x>...} on {@code ir.ui.view}.
     */
    public boolean isAssetBundle() {
        if (url != null && url.startsWith("/web/assets/")) {
            return true;
        }
        return "ir.ui.view".equals(resModel) && name != null && name.contains(".assets_");
    }
}
