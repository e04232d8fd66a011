package odoodr.units;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one byte formatter, in each of its styles. */
class ByteSizeTest {
    @Test
    void sizesInHumanUnitsLikePgSizePretty() {
        assertThat(ByteSize.human(0)).isEqualTo("0 bytes");
        assertThat(ByteSize.human(1)).isEqualTo("1 byte");
        assertThat(ByteSize.human(1023)).isEqualTo("1023 bytes");
        assertThat(ByteSize.human(1024)).isEqualTo("1.0 kB");
        assertThat(ByteSize.human(1536)).isEqualTo("1.5 kB");
        assertThat(ByteSize.human(46_032_896)).isEqualTo("43.9 MB");
        assertThat(ByteSize.human(312L << 30)).isEqualTo("312 GB");
        assertThat(ByteSize.human((1L << 40) * 3 / 2)).isEqualTo("1.5 TB");
        // just under a unit boundary rounds up into the next unit instead of printing "1024 MB"
        assertThat(ByteSize.human((1L << 30) - 1)).isEqualTo("1.0 GB");
        assertThat(ByteSize.human(Long.MAX_VALUE)).isEqualTo("8192 PB");
        assertThatThrownBy(() -> ByteSize.human(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compactForTheStatusTable() {
        assertThat(ByteSize.compact(0)).isEqualTo("0 B");
        assertThat(ByteSize.compact(512)).isEqualTo("512 B");
        assertThat(ByteSize.compact(1024)).isEqualTo("1 kB");
        assertThat(ByteSize.compact(1536)).isEqualTo("1.5 kB");
        assertThat(ByteSize.compact(16 << 20)).isEqualTo("16 MB");
        assertThat(ByteSize.compact(-2048)).isEqualTo("-2 kB");
        assertThat(ByteSize.compact(Math.pow(1024, 6))).isEqualTo("1024 PB");
    }

    @Test
    void ratesAndGigabytes() {
        assertThat(ByteSize.rate(1_258_291)).isEqualTo("1.2 MB/s");
        assertThat(ByteSize.rate(0)).isEqualTo("0 bytes/s");
        assertThat(ByteSize.gigabytes(12L << 30)).isEqualTo("12.0 GB");
        assertThat(ByteSize.gigabytes(1L << 20)).isEqualTo("0.0 GB");
    }
}
