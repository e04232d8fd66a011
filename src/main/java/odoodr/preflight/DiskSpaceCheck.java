package odoodr.preflight;

import odoodr.units.ByteSize;
import odoodr.runbook.Check;
import odoodr.runbook.SetupContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Room on this replica for the base backup: the file system that will hold the standby's data directory against the
 * size of prod's cluster plus {@value DiskRequirement#MARGIN_PERCENT}% (runbook Section 2: "so you know how big the
 * seed will be").
 */
final class DiskSpaceCheck extends PreflightCheck {
    static final String ID = "replica-disk";
    private final ProdDatabase db;

    DiskSpaceCheck(Findings findings, ProdDatabase db) {
        super(findings, ID, "free disk for the standby", ProdPostgresCheck.ID);
        this.db = db;
    }

    @Override
    protected Check inspect(SetupContext ctx) {
        long prodBytes = Long.parseLong(db.session(ctx).requireValue(
                "SELECT sum(pg_database_size(oid))::bigint FROM pg_database"));
        Path dataDir = ctx.cluster().dataDirectory();
        Path existing = nearestExisting(dataDir);
        long usable;
        String mount;
        try {
            FileStore store = Files.getFileStore(existing);
            usable = store.getUsableSpace();
            mount = store.toString();
        } catch (IOException e) {
            return Check.blocked("cannot read the free space of " + existing + ": " + e.getMessage(),
                    "check that " + existing + " is readable (df -h " + existing + ")");
        }
        long replaced = Files.isDirectory(dataDir) ? sizeOf(dataDir) : 0;
        DiskRequirement d = new DiskRequirement(prodBytes, usable, replaced);
        String have = ByteSize.human(usable) + " free on " + mount
                + (replaced > 0 ? " + " + ByteSize.human(replaced) + " of the existing " + dataDir : "");
        String need = ByteSize.human(d.neededBytes()) + " needed for " + dataDir + " (prod's databases "
                + ByteSize.human(prodBytes) + " + " + DiskRequirement.MARGIN_PERCENT + "%)";
        if (d.sufficient()) {
            return Check.satisfied(have + ", " + need);
        }
        return Check.blocked(have + ", but " + need + ": " + ByteSize.human(d.shortfallBytes()) + " short",
                "free or add " + ByteSize.human(d.shortfallBytes()) + " on the file system of " + existing
                        + " (df -h " + existing + ")");
    }

    /** The data directory, or its closest existing parent (it does not exist before the first setup). */
    static Path nearestExisting(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? Path.of("/") : p;
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // a WAL segment removed while we walk
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
