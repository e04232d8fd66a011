package odoodr.cli;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.process.ProcessRunner;
import odoodr.restore.RestoreName;
import odoodr.restore.RestoredCopies;
import odoodr.restore.RestoredCopy;
import picocli.CommandLine.ArgGroup;
import odoodr.config.Config;
import odoodr.filestore.sync.FilestoreVerifier;
import odoodr.filestore.sync.StoreFname;
import odoodr.filestore.sync.VerifyReport;
import odoodr.filestore.sync.VerifyReport.Kind;
import odoodr.output.VerifyJsonRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code odoo-dr verify}: would a failover now lose any attachment? Renders {@link VerifyReport}; no logic. */
@Command(name = "verify", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Check the filestore mirror against the standby: every attachment row that should have a file"
                + " has it here, with the right size (--deep: and the right sha1). Read-only.",
                "Exit 0 when nothing is missing, " + 16 + " when any file is missing or wrong (asset bundles included,"
                        + " listed apart: Odoo rebuilds those once their rows are deleted)."})
public final class VerifyCommand implements Callable<Integer> {
    static final int TEXT_LIST_LIMIT = 50;

    enum Output { text, json }

    @ParentCommand
    OdooDrCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--deep", description = "also read every file and compare its sha1 with the row's checksum (reads the whole mirror)")
    boolean deep;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (stdout carries only the JSON document)")
    Output output;

    /** A database copy other than the standby whose rows are checked against the mirror. */
    static final class Target {
        @Option(names = "--cluster", paramLabel = "NAME", required = true,
                description = "check the restored copy NAME (odoo-dr restore --list) instead of the standby")
        String cluster;

        @Option(names = "--port", paramLabel = "PORT", required = true,
                description = "check the local cluster on PORT (a copy of the standby) instead of the standby")
        Integer port;
    }

    @ArgGroup(exclusive = true)
    Target target;

    @Override
    public Integer call() {
        Config config = root.loadConfig();
        int port = targetPort(config);
        VerifyReport report = FilestoreVerifier.verify(config, port, deep);
        PrintWriter out = spec.commandLine().getOut();
        if (output == Output.json) {
            out.print(new VerifyJsonRenderer().render(report));
        } else {
            if (target != null) {
                out.println("verify: the database copy on port " + port
                        + (target.cluster != null ? " (restored copy " + target.cluster + ")" : "")
                        + " against the mirror: its rows, as of the point it was restored to; below, \"the standby\""
                        + " is that copy");
            }
            renderText(report, out, Instant.now());
        }
        out.flush();
        return report.ok() ? ExitCode.OK.code() : ExitCode.VERIFY.code();
    }

    private int targetPort(Config config) {
        if (target == null) {
            return config.postgres().port();
        }
        if (target.port != null) {
            return target.port;
        }
        return new RestoredCopies(new ProcessRunner()).find(new RestoreName(target.cluster))
                .map(RestoredCopy::port).orElseThrow(() -> new DrException(ExitCode.RESTORE, "verify --cluster: there"
                        + " is no restored copy named " + target.cluster, "odoo-dr restore --list shows the copies"));
    }

    static void renderText(VerifyReport report, PrintWriter out, Instant now) {
        out.println("verify: every attachment row on the standby that has a file, against the mirror ("
                + (report.deep() ? "presence, size and sha1" : "presence and size; --deep also checks sha1") + ")");
        for (VerifyReport.DatabaseResult d : report.databases()) {
            out.println();
            out.println("database " + d.database() + ": " + replayed(d.standbyReplayedAt(), now));
            out.printf(Locale.ROOT, "  %,d attachments with a file (%,d distinct files): %,d ok%n",
                    d.attachments(), d.files(), d.attachmentsOk());
            if (d.documentProblems() > 0) {
                out.printf(Locale.ROOT, "  %,d missing, %,d wrong size, %,d wrong sha1, %,d unsafe names%n",
                        d.count(Kind.MISSING), d.count(Kind.WRONG_SIZE), d.count(Kind.WRONG_CHECKSUM),
                        d.count(Kind.UNSAFE_NAME));
                list(out, d.problems(), d.documentProblems());
            }
            if (d.assetBundleProblems() > 0) {
                out.printf(Locale.ROOT, "  asset bundles (CSS/JS): %,d missing or wrong; Odoo rebuilds them once their"
                        + " rows are deleted, so after a failover run on the promoted database:%n", d.assetBundleProblems());
                out.println("    DELETE FROM ir_attachment WHERE res_model = 'ir.ui.view' AND url LIKE '/web/assets/%';");
                list(out, d.assetBundles(), d.assetBundleProblems());
            }
        }
        out.println();
        long documents = report.total(VerifyReport.DatabaseResult::documentProblems);
        long assets = report.total(VerifyReport.DatabaseResult::assetBundleProblems);
        if (report.ok()) {
            out.printf(Locale.ROOT, "verify: OK: all %,d attachments have their file%s%n",
                    report.total(VerifyReport.DatabaseResult::attachments),
                    report.deep() ? " with the right size and sha1" : " with the right size");
        } else if (documents == 0) {
            out.printf(Locale.ROOT, "verify: INCOMPLETE: no document is missing, but %,d asset bundle file(s) are;"
                    + " a failover now would need the DELETE above (exit 16)%n", assets);
        } else {
            out.printf(Locale.ROOT, "verify: INCOMPLETE: %,d attachment(s) would be lost by a failover now%s (exit 16)%n",
                    documents, assets > 0 ? String.format(Locale.ROOT, ", plus %,d asset bundle file(s)", assets) : "");
            out.println("  next: `odoo-dr sync` fetches missing files that prod still has (files missing on prod too are"
                    + " named in `odoo-dr status`);");
            out.println("        a file with the wrong size or sha1 must be deleted first: sync then fetches it again");
        }
    }

    private static void list(PrintWriter out, List<VerifyReport.Problem> problems, long total) {
        int shown = 0;
        for (VerifyReport.Problem p : problems) {
            if (shown++ == TEXT_LIST_LIMIT) {
                break;
            }
            out.printf(Locale.ROOT, "    %-14s attachment %-8d %s%s%s%n", label(p.kind()), p.attachmentId(),
                    StoreFname.printable(p.storeFname()), describe(p), p.name() == null ? ""
                            : "  (" + (p.resModel() == null ? "" : p.resModel() + ": ") + StoreFname.printable(p.name()) + ")");
        }
        if (total > Math.min(problems.size(), TEXT_LIST_LIMIT)) {
            out.printf(Locale.ROOT, "    ... and %,d more (verify --output json lists them)%n",
                    total - Math.min(problems.size(), TEXT_LIST_LIMIT));
        }
    }

    private static String label(Kind kind) {
        return switch (kind) {
            case MISSING -> "MISSING";
            case WRONG_SIZE -> "WRONG SIZE";
            case WRONG_CHECKSUM -> "WRONG SHA1";
            case UNSAFE_NAME -> "UNSAFE NAME";
        };
    }

    private static String describe(VerifyReport.Problem p) {
        return switch (p.kind()) {
            case WRONG_SIZE -> "  " + p.actualSize() + " bytes, row says " + p.expectedSize();
            case WRONG_CHECKSUM -> "  sha1 " + p.actualSha1();
            case UNSAFE_NAME -> "  (refused: not a filestore name)";
            case MISSING -> "";
        };
    }

    private static String replayed(Instant at, Instant now) {
        if (at == null) {
            return "standby has not replayed any transaction of prod since it started";
        }
        long s = Math.max(0, Duration.between(at, now).toSeconds());
        return "the standby's last replayed transaction from prod committed at " + at + " ("
                + (s < 120 ? s + " s" : s / 60 + " min") + " ago; rows committed since are not checked)";
    }
}
