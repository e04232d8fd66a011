package odoodr.postgres;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The content of a libpq password file, read exactly as libpq 15 reads it ({@code passwordFromFile} in
 * {@code fe-connect.c}):
 * <ul>
 * <li>a line whose first character is {@code #} is a comment (only then: {@code " #x"} is an entry);</li>
 * <li>trailing CR and LF are ignored, so CRLF files work;</li>
 * <li>each of the four key fields ends at the first {@code :} not preceded by a backslash; a backslash makes the next
 * character literal; a field that is exactly {@code *} is a wildcard ({@code \*} is a literal star);</li>
 * <li>the password is the rest of the line up to the next unescaped {@code :} (anything after it is ignored), with
 * backslash escapes removed; a lone trailing backslash stays;</li>
 * <li>a line without the colon after the user field never matches;</li>
 * <li>the first matching line wins.</li>
 * </ul>
 * Every line keeps its original bytes unless this class replaces it, so comments, odd lines, other users' entries
 * and non-UTF-8 bytes survive a rewrite untouched. Instances are immutable.
 */
public final class PgPassContent {
    private static final PgPassContent EMPTY = new PgPassContent(List.of());

    private final List<Line> lines;

    private PgPassContent(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    public static PgPassContent empty() {
        return EMPTY;
    }

    public static PgPassContent parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a file's bytes; lines are separated by LF. */
    public static PgPassContent parse(byte[] bytes) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(Line.parse(Arrays.copyOfRange(bytes, start, i)));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(Line.parse(Arrays.copyOfRange(bytes, start, bytes.length)));
        }
        return new PgPassContent(lines);
    }

    /** Every line that is an entry, in file order (comments, blank and malformed lines are left out). */
    public List<PgPassEntry> entries() {
        List<PgPassEntry> entries = new ArrayList<>();
        for (Line line : lines) {
            if (line.parsed != null) {
                entries.add(line.parsed.entry());
            }
        }
        return Collections.unmodifiableList(entries);
    }

    /** Number of lines, entries or not. */
    public int lineCount() {
        return lines.size();
    }

    /**
     * The entry libpq would use for these connection parameters: the first line matching all four. Pass the values
     * libpq would look up: the host as given in the connection string ({@code localhost} for the default Unix socket
     * directory), the port as text, {@code replication} as database for a physical replication connection.
     */
    public Optional<PgPassEntry> find(String host, String port, String database, String user) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        String[] lookup = {host, port, database, user};
        for (Line line : lines) {
            if (line.parsed != null && line.parsed.matches(lookup)) {
                return Optional.of(line.parsed.entry());
            }
        }
        return Optional.empty();
    }

    public Optional<PgPassEntry> find(String host, int port, String database, String user) {
        return find(host, Integer.toString(port), database, user);
    }

    /**
     * This content with {@code entries} in force.
     * <ul>
     * <li>A line with the same key (host, port, database, user exactly as written, wildcards included) is replaced in
     * place, so a rotated password replaces the old line; later lines with that key are dropped (dead under
     * first-match, but they would keep an old password on disk).</li>
     * <li>Other entries are appended at the end.</li>
     * <li>Then, since libpq takes the first match, each new entry is moved up before any other line that could answer
     * the same lookup (e.g. an earlier {@code 127.0.0.1:40000:*:*} line would otherwise shadow a new
     * {@code 127.0.0.1:40000:replication:replicator} line). Among the given entries, an earlier one keeps priority.
     * Other lines are never rewritten, and keep their relative order.</li>
     * </ul>
     * Applying the same entries again yields identical content.
     *
     * @throws IllegalArgumentException if two given entries have the same key
     */
    public PgPassContent withEntries(List<PgPassEntry> entries) {
        Set<PgPassEntry.Key> keys = new HashSet<>();
        for (PgPassEntry entry : entries) {
            if (!keys.add(entry.key())) {
                throw new IllegalArgumentException("two entries for " + entry.key());
            }
        }
        List<Line> out = new ArrayList<>(lines);
        List<Line> ours = new ArrayList<>();
        for (PgPassEntry entry : entries) {
            Line line = Line.of(entry);
            int first = -1;
            for (int i = 0; i < out.size(); i++) {
                Line existing = out.get(i);
                if (existing.parsed != null && existing.parsed.hasKey(entry.key())) {
                    if (first < 0) {
                        first = i;
                        out.set(i, line);
                    } else {
                        out.remove(i--);
                    }
                }
            }
            if (first < 0) {
                out.add(line);
            }
            ours.add(line);
        }
        moveAheadOfShadows(out, ours);
        return new PgPassContent(out);
    }

    /**
     * Moves each of {@code ours} before any line that precedes it and overlaps its key, except the ones of
     * {@code ours} that come before it in that list. Each move only moves a line up, and among {@code ours} the
     * overlapping ones end in list order, so this settles; the bound is a guard, not an expected exit.
     */
    private static void moveAheadOfShadows(List<Line> out, List<Line> ours) {
        int maxMoves = (out.size() + 1) * (ours.size() + 1) * 4;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (int k = 0; k < ours.size() && !moved; k++) {
                Line mine = ours.get(k);
                Set<Line> allowed = Collections.newSetFromMap(new IdentityHashMap<>());
                allowed.addAll(ours.subList(0, k));
                int at = indexOfIdentity(out, mine);
                for (int j = 0; j < at; j++) {
                    Line other = out.get(j);
                    if (other.parsed != null && !allowed.contains(other) && other.parsed.overlaps(mine.parsed)) {
                        out.remove(at);
                        out.add(j, mine);
                        moved = true;
                        break;
                    }
                }
            }
            if (moved && --maxMoves < 0) {
                throw new IllegalStateException("pgpass entries could not be ordered");
            }
        }
    }

    private static int indexOfIdentity(List<Line> list, Line line) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == line) {
                return i;
            }
        }
        throw new IllegalStateException("line vanished");
    }

    /** This content without the entry lines {@code filter} accepts (comments and malformed lines always stay). */
    public PgPassContent without(Predicate<PgPassEntry> filter) {
        List<Line> out = new ArrayList<>(lines.size());
        for (Line line : lines) {
            if (line.parsed == null || !filter.test(line.parsed.entry())) {
                out.add(line);
            }
        }
        return out.size() == lines.size() ? this : new PgPassContent(out);
    }

    /** The file's bytes: every line followed by LF. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Line line : lines) {
            out.writeBytes(line.raw);
            out.write('\n');
        }
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PgPassContent that && Arrays.equals(toBytes(), that.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    /** Never shows passwords. */
    @Override
    public String toString() {
        return "PgPassContent[" + lines.size() + " lines: " + entries() + "]";
    }

    /** One line: its bytes as in the file (without LF), and what libpq makes of it (null: never matches). */
    private static final class Line {
        final byte[] raw;
        final PgPassFields parsed;

        private Line(byte[] raw, PgPassFields parsed) {
            this.raw = raw;
            this.parsed = parsed;
        }

        static Line of(PgPassEntry entry) {
            String[] fields = {entry.host(), entry.port(), entry.database(), entry.user()};
            boolean[] wildcard = new boolean[4];
            for (int i = 0; i < 4; i++) {
                wildcard[i] = PgPassEntry.ANY.equals(fields[i]);
            }
            return new Line(entry.toLine().getBytes(StandardCharsets.UTF_8), new PgPassFields(fields, wildcard,
                    entry.password()));
        }

        static Line parse(byte[] raw) {
            // '\\', ':', '*', '#', CR and LF are ASCII and never part of a UTF-8 multi-byte sequence, so parsing the
            // decoded text is parsing the bytes; undecodable bytes only make that one line's fields unmatchable
            String text = new String(raw, StandardCharsets.UTF_8);
            int end = text.length();
            while (end > 0 && (text.charAt(end - 1) == '\r' || text.charAt(end - 1) == '\n')) {
                end--;
            }
            if (end == 0 || text.charAt(0) == '#') {
                return new Line(raw, null);
            }
            return new Line(raw, PgPassFields.parse(text.substring(0, end)));
        }
    }
}
