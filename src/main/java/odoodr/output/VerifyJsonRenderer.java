package odoodr.output;

import odoodr.filestore.sync.StoreFname;
import odoodr.filestore.sync.VerifyReport;
import odoodr.filestore.sync.VerifyReport.DatabaseResult;
import odoodr.filestore.sync.VerifyReport.Kind;
import odoodr.filestore.sync.VerifyReport.Problem;
import odoodr.json.Json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code verify --output json}, schema {@code odoo-dr.verify/1}: keys are only ever added, never renamed. Every
 * count is complete; "problems_complete" says whether the lists (capped at {@link VerifyReport#MAX_LISTED}) are.
 */
public final class VerifyJsonRenderer {
    public static final String SCHEMA = "odoo-dr.verify/1";

    public String render(VerifyReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("ok", report.ok());
        m.put("deep", report.deep());
        m.put("checked_at", text(report.checkedAt()));
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("attachments", report.total(DatabaseResult::attachments));
        totals.put("files", report.total(DatabaseResult::files));
        totals.put("attachments_ok", report.total(DatabaseResult::attachmentsOk));
        for (Kind k : Kind.values()) {
            totals.put(k.json(), report.total(d -> d.count(k)));
        }
        totals.put("asset_bundle_problems", report.total(DatabaseResult::assetBundleProblems));
        m.put("totals", totals);
        m.put("databases", report.databases().stream().map(VerifyJsonRenderer::database).toList());
        return Json.write(m);
    }

    private static Map<String, Object> database(DatabaseResult d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database", d.database());
        m.put("ok", d.ok());
        m.put("standby_replayed_at", text(d.standbyReplayedAt()));
        m.put("attachments", d.attachments());
        m.put("files", d.files());
        m.put("attachments_ok", d.attachmentsOk());
        for (Kind k : Kind.values()) {
            m.put(k.json(), d.count(k));
        }
        m.put("asset_bundle_problems", d.assetBundleProblems());
        m.put("problems_complete", d.problems().size() == d.documentProblems()
                && d.assetBundles().size() == d.assetBundleProblems());
        m.put("problems", d.problems().stream().map(VerifyJsonRenderer::problem).toList());
        m.put("asset_bundles", d.assetBundles().stream().map(VerifyJsonRenderer::problem).toList());
        return m;
    }

    private static Map<String, Object> problem(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attachment_id", p.attachmentId());
        m.put("store_fname", StoreFname.printable(p.storeFname()));
        m.put("problem", p.kind().json());
        m.put("asset_bundle", p.assetBundle());
        m.put("res_model", p.resModel());
        m.put("name", p.name());
        m.put("expected_size", p.expectedSize());
        m.put("actual_size", p.actualSize());
        m.put("expected_sha1", p.expectedSha1());
        m.put("actual_sha1", p.actualSha1());
        return m;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
