package odoodr.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LsnTest {

    @Test
    void parsesAndFormatsLikeTheServer() {
        Lsn lsn = Lsn.parse("16/B374D848");
        assertThat(lsn.value()).isEqualTo(0x16_B374D848L);
        assertThat(lsn).hasToString("16/B374D848");
    }

    @Test
    void lowerCaseAndLeadingZerosAreAcceptedAndNormalised() {
        assertThat(Lsn.parse("0/3071db8")).hasToString("0/3071DB8");
        assertThat(Lsn.parse("00000000/00000001")).hasToString("0/1");
    }

    @Test
    void zeroIsInvalid() {
        assertThat(Lsn.parse("0/0")).isEqualTo(Lsn.INVALID);
        assertThat(Lsn.INVALID.isValid()).isFalse();
        assertThat(Lsn.of(1).isValid()).isTrue();
        assertThat(Lsn.of(0)).isSameAs(Lsn.INVALID);
    }

    @Test
    void fullRangeRoundTrips() {
        Lsn max = Lsn.parse("FFFFFFFF/FFFFFFFF");
        assertThat(max.value()).isEqualTo(-1L);
        assertThat(max).hasToString("FFFFFFFF/FFFFFFFF");
        assertThat(Lsn.parse(max.toString())).isEqualTo(max);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "16", "16/", "/B374D848", "123456789/0", "0/123456789", "16/B374D84G",
        " 16/B374D848", "16/B374D848 ", "16//B374D848", "16/B3/74", "-1/0", "+1/0", "0x16/0", "１/0"})
    void rejectsWhatPgLsnInRejects(String text) {
        assertThatThrownBy(() -> Lsn.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullIsRejectedByParseButEmptyForFromNullable() {
        assertThatThrownBy(() -> Lsn.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Lsn.fromNullable(null)).isEmpty();
        assertThat(Lsn.fromNullable("0/10")).contains(Lsn.of(16));
    }

    @Test
    void comparesAsUnsigned() {
        Lsn low = Lsn.parse("0/FFFFFFFF");
        Lsn high = Lsn.parse("1/0");
        Lsn top = Lsn.parse("FFFFFFFF/0"); // negative as a signed long
        assertThat(low).isLessThan(high);
        assertThat(high).isLessThan(top);
        assertThat(top.isAfter(low)).isTrue();
        assertThat(low.isBefore(top)).isTrue();
        assertThat(low.isAfter(low)).isFalse();
        List<Lsn> sorted = new ArrayList<>(List.of(top, low, high));
        Collections.sort(sorted);
        assertThat(sorted).containsExactly(low, high, top);
    }

    @Test
    void minusIsBytesBetweenLikePgWalLsnDiff() {
        Lsn a = Lsn.parse("0/3000028");
        Lsn b = Lsn.parse("0/3071DB8");
        assertThat(b.minus(a)).isEqualTo(0x3071DB8L - 0x3000028L);
        assertThat(a.minus(b)).isEqualTo(-(0x3071DB8L - 0x3000028L));
        assertThat(Lsn.parse("1/0").minus(Lsn.parse("0/FFFFFFFF"))).isEqualTo(1);
    }

    @Test
    void minusAcrossTheSignBitStillWorksWhileItFits() {
        Lsn beforeSign = Lsn.of(Long.MAX_VALUE);
        Lsn afterSign = Lsn.of(Long.MIN_VALUE); // 8000000000000000: one byte further
        assertThat(afterSign.minus(beforeSign)).isEqualTo(1);
        assertThat(beforeSign.minus(afterSign)).isEqualTo(-1);
    }

    @Test
    void minusOverflowIsReported() {
        assertThatThrownBy(() -> Lsn.parse("FFFFFFFF/FFFFFFFF").minus(Lsn.INVALID))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void plusMovesAndChecksOverflow() {
        assertThat(Lsn.parse("0/FFFFFFFF").plus(1)).isEqualTo(Lsn.parse("1/0"));
        assertThat(Lsn.parse("1/0").plus(-1)).isEqualTo(Lsn.parse("0/FFFFFFFF"));
        assertThatThrownBy(() -> Lsn.parse("FFFFFFFF/FFFFFFFF").plus(1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Lsn.INVALID.plus(-1)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void equalityAndHash() {
        assertThat(Lsn.parse("16/B374D848")).isEqualTo(Lsn.parse("16/b374d848"))
                .hasSameHashCodeAs(Lsn.parse("16/b374d848"))
                .isNotEqualTo(Lsn.parse("16/B374D849"));
    }
}
