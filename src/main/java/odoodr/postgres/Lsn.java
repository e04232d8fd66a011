package odoodr.postgres;

import java.util.Locale;
import java.util.Optional;

/**
 * A PostgreSQL write-ahead log location ({@code pg_lsn}): an unsigned 64-bit byte position in the WAL stream, written
 * as two hexadecimal halves {@code 16/B374D848} (high 32 bits / low 32 bits).
 *
 * <p>Parsing follows the server's {@code pg_lsn_in}: each half is 1 to 8 hex digits (either case), separated by one
 * {@code /}, nothing else around them. {@link #toString()} prints like the server's {@code pg_lsn_out} ({@code %X/%X}:
 * upper case, no padding), so a parsed value prints back as PostgreSQL would print it.
 */
public final class Lsn implements Comparable<Lsn> {
    /** {@code 0/0}: PostgreSQL's InvalidXLogRecPtr, "no location". */
    public static final Lsn INVALID = new Lsn(0);

    private static final int MAX_COMPONENT_DIGITS = 8;

    private final long value;

    private Lsn(long value) {
        this.value = value;
    }

    /** The LSN at this byte position (the raw 64-bit value, unsigned). */
    public static Lsn of(long value) {
        return value == 0 ? INVALID : new Lsn(value);
    }

    /**
     * Parses {@code XXXXXXXX/XXXXXXXX}.
     *
     * @throws IllegalArgumentException if the text is not a valid pg_lsn
     */
    public static Lsn parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("LSN is null");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid LSN \"" + text + "\": expected XXXXXXXX/XXXXXXXX");
        }
        long high = parseComponent(text, 0, slash);
        long low = parseComponent(text, slash + 1, text.length());
        return of((high << 32) | low);
    }

    /**
     * The LSN in {@code text}, or empty when {@code text} is null: many LSN columns and functions are NULL when there
     * is nothing to report (e.g. {@code pg_last_wal_receive_lsn()} on a server that is not a standby).
     *
     * @throws IllegalArgumentException if the text is present but not a valid pg_lsn
     */
    public static Optional<Lsn> fromNullable(String text) {
        return text == null ? Optional.empty() : Optional.of(parse(text));
    }

    private static long parseComponent(String text, int from, int to) {
        int length = to - from;
        if (length < 1 || length > MAX_COMPONENT_DIGITS) {
            throw new IllegalArgumentException("invalid LSN \"" + text + "\": expected XXXXXXXX/XXXXXXXX");
        }
        long result = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            // Character.digit accepts non-ASCII digits (e.g. fullwidth); the server does not
            if (digit < 0 || text.charAt(i) > 'f') {
                throw new IllegalArgumentException("invalid LSN \"" + text + "\": expected XXXXXXXX/XXXXXXXX");
            }
            result = (result << 4) | digit;
        }
        return result;
    }

    /** The raw 64-bit position (compare with {@link Long#compareUnsigned} if you must compare raw values). */
    public long value() {
        return value;
    }

    /** False for {@code 0/0}. */
    public boolean isValid() {
        return value != 0;
    }

    /**
     * Bytes from {@code earlier} to this LSN, like the server's {@code pg_wal_lsn_diff(this, earlier)}: negative when
     * {@code earlier} is actually later.
     *
     * @throws ArithmeticException if the distance does not fit in a signed 64-bit value (more than 8 EiB apart)
     */
    public long minus(Lsn earlier) {
        long diff = value - earlier.value;
        // the true difference of two unsigned values fits in a long only if its sign agrees with their order
        boolean thisIsLater = Long.compareUnsigned(value, earlier.value) >= 0;
        if (thisIsLater != (diff >= 0)) {
            throw new ArithmeticException("LSN distance overflows: " + this + " - " + earlier);
        }
        return diff;
    }

    /** The LSN {@code bytes} further on (or back, if negative). */
    public Lsn plus(long bytes) {
        long result = value + bytes;
        if (bytes >= 0 ? Long.compareUnsigned(result, value) < 0 : Long.compareUnsigned(result, value) > 0) {
            throw new ArithmeticException("LSN overflows: " + this + " + " + bytes);
        }
        return of(result);
    }

    public boolean isAfter(Lsn other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(Lsn other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Lsn that && value == that.value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    /** {@code %X/%X} like the server: {@code 16/B374D848}, {@code 0/0}. */
    @Override
    public String toString() {
        String high = Long.toHexString(value >>> 32);
        String low = Long.toHexString(value & 0xFFFF_FFFFL);
        return (high + "/" + low).toUpperCase(Locale.ROOT);
    }
}
