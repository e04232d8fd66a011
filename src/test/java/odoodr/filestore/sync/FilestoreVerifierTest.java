package odoodr.filestore.sync;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FilestoreVerifierTest {
    @TempDir
    Path local;
    private final FakeStandby standby = new FakeStandby();

    private AttachmentRow mirrored(long id, String content) throws Exception {
        AttachmentRow row = standby.add(id, content.getBytes());
        Path file = local.resolve(row.storeFname());
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return row;
    }

    private VerifyReport.DatabaseResult verify(boolean deep) {
        return new FilestoreVerifier(2).verify("odoo", standby, local, deep, Instant.EPOCH);
    }

    @Test
    void aCompleteMirrorIsOk() throws Exception {
        mirrored(1, "a");
        mirrored(2, "b");
        mirrored(3, "a"); // shares a's file
        VerifyReport.DatabaseResult r = verify(true);
        assertThat(r.ok()).isTrue();
        assertThat(r.attachments()).isEqualTo(3);
        assertThat(r.files()).isEqualTo(2);
        assertThat(r.attachmentsOk()).isEqualTo(3);
    }

    @Test
    void missingWrongSizeAndWrongSha1AreEachNamed() throws Exception {
        mirrored(1, "fine");
        AttachmentRow gone = mirrored(2, "gone");
        Files.delete(local.resolve(gone.storeFname()));
        AttachmentRow truncated = mirrored(3, "truncated");
        Files.writeString(local.resolve(truncated.storeFname()), "trunc");
        AttachmentRow flipped = mirrored(4, "flipped");
        Files.writeString(local.resolve(flipped.storeFname()), "FLIPPED");

        VerifyReport.DatabaseResult shallow = verify(false);
        assertThat(shallow.ok()).isFalse();
        assertThat(shallow.count(VerifyReport.Kind.MISSING)).isEqualTo(1);
        assertThat(shallow.count(VerifyReport.Kind.WRONG_SIZE)).isEqualTo(1);
        assertThat(shallow.count(VerifyReport.Kind.WRONG_CHECKSUM)).as("same size: only --deep sees it").isZero();

        VerifyReport.DatabaseResult deep = verify(true);
        assertThat(deep.problems()).extracting(VerifyReport.Problem::attachmentId, VerifyReport.Problem::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, VerifyReport.Kind.MISSING),
                        org.assertj.core.groups.Tuple.tuple(3L, VerifyReport.Kind.WRONG_SIZE),
                        org.assertj.core.groups.Tuple.tuple(4L, VerifyReport.Kind.WRONG_CHECKSUM));
        assertThat(deep.problems().get(2).actualSha1()).isEqualTo(FakeStandby.sha1("FLIPPED".getBytes()));
        assertThat(deep.attachmentsOk()).isEqualTo(1);
    }

    @Test
    void assetBundlesAreListedApart() throws Exception {
        AttachmentRow css = standby.put(new AttachmentRow(1, "ab/ab" + "0".repeat(38), "ab" + "0".repeat(38), 10L,
                "ir.ui.view", "web.assets_frontend.min.css", "/web/assets/1/abcdef0/web.assets_frontend.min.css"));
        standby.put(new AttachmentRow(2, "cd/cd" + "0".repeat(38), null, 10L, "res.partner", "invoice.pdf", null));
        VerifyReport.DatabaseResult r = verify(false);
        assertThat(r.assetBundleProblems()).isEqualTo(1);
        assertThat(r.assetBundles()).extracting(VerifyReport.Problem::attachmentId).containsExactly(css.id());
        assertThat(r.problems()).extracting(VerifyReport.Problem::attachmentId).containsExactly(2L);
        assertThat(r.documentProblems()).isEqualTo(1);
    }

    @Test
    void unsafeNamesAreReportedNotFollowed() throws Exception {
        Files.writeString(local.resolve("secret"), "x");
        standby.put(AttachmentRow.of(1, "../" + local.getFileName() + "/secret", null, 1L));
        VerifyReport.DatabaseResult r = verify(true);
        assertThat(r.count(VerifyReport.Kind.UNSAFE_NAME)).isEqualTo(1);
        assertThat(r.attachmentsOk()).isZero();
    }

    @Test
    void jsonHasAStableShape() throws Exception {
        mirrored(1, "a");
        AttachmentRow gone = mirrored(2, "gone");
        Files.delete(local.resolve(gone.storeFname()));
        String json = new odoodr.output.VerifyJsonRenderer().render(new VerifyReport(true, Instant.EPOCH, java.util.List.of(verify(true))));
        assertThat(json).startsWith("{\n  \"schema\": \"odoo-dr.verify/1\",\n  \"ok\": false,")
                .contains("\"missing\": 1", "\"attachment_id\": 2", "\"problem\": \"missing\"",
                        "\"store_fname\": \"" + gone.storeFname() + "\"", "\"asset_bundles\": []");
    }
}
