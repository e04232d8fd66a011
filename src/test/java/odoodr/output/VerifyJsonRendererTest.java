package odoodr.output;

import odoodr.filestore.sync.VerifyReport;
import odoodr.filestore.sync.VerifyReport.Kind;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyJsonRendererTest {
    /**
     * The bytes {@code verify --output json} printed when VerifyReport rendered itself (captured from that code):
     * scripts parse this document, so moving its rendering must not change one byte.
     */
    @Test
    void rendersTheDocumentByteForByteAsBefore() throws Exception {
        var wrongSize = new VerifyReport.Problem(3, "ab/ab12", Kind.WRONG_SIZE, false, "res.partner", "cv.pdf", 10L, 9L,
                null, null);
        var bundle = new VerifyReport.Problem(4, "cd/cd34", Kind.MISSING, true, "ir.ui.view", "web.assets.css", null, null,
                "da39", null);
        var odoo = new VerifyReport.DatabaseResult("odoo", Instant.parse("2025-11-25T19:40:00Z"), 10, 9, 8,
                Map.of(Kind.WRONG_SIZE, 1L), 1, List.of(wrongSize), List.of(bundle));
        var empty = new VerifyReport.DatabaseResult("other", null, 0, 0, 0, Map.of(), 0, List.of(), List.of());
        VerifyReport report = new VerifyReport(true, Instant.parse("2025-11-25T19:45:00Z"), List.of(odoo, empty));

        assertThat(new VerifyJsonRenderer().render(report)).isEqualTo(resource("/odoodr/output/verify-report.json"));
    }

    static String resource(String name) throws Exception {
        try (InputStream in = VerifyJsonRendererTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
