package io.seiswork.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Figures to a few significant digits, as the spec's messages and the summaries write them. */
class SignificantDigitsTest {

    @Test
    void plainDropsTrailingZerosAndNeverWritesAnExponent() {
        assertEquals("14", SignificantDigits.plain(14.0, 4));
        assertEquals("1.333", SignificantDigits.plain(4.0 / 3, 4));
        assertEquals("0.004", SignificantDigits.plain(0.004, 4));
        assertEquals("1000000000", SignificantDigits.plain(1e9, 4));
        assertEquals("123500", SignificantDigits.plain(123456.0, 4));
        assertEquals("-2.5", SignificantDigits.plain(-2.5, 4));
        assertEquals("0", SignificantDigits.plain(0.0, 4));
    }

    @Test
    void plainRoundsHalfUpFromTheExactBinaryValue() {
        // 0.15 and 1.0005 lie a little below their decimals in binary; 0.125 and 2.5 are exact.
        assertEquals("0.1", SignificantDigits.plain(0.15, 1));
        assertEquals("1", SignificantDigits.plain(1.0005, 4));
        assertEquals("0.13", SignificantDigits.plain(0.125, 2));
        assertEquals("3", SignificantDigits.plain(2.5, 1));
        assertEquals(new BigDecimal("0.333"), SignificantDigits.round(1.0 / 3, 3));
    }

    @Test
    void plainRefusesWhatIsNoNumber() {
        assertThrows(NumberFormatException.class, () -> SignificantDigits.plain(Double.NaN, 4));
        assertThrows(NumberFormatException.class, () -> SignificantDigits.plain(Double.POSITIVE_INFINITY, 4));
    }

    @Test
    void roundedIsRoundAsADoubleAndLeavesWhatIsNoFigureAsItIs() {
        // Each as BigDecimal(v).round(MathContext(d)).doubleValue(), the copies it replaced, gave it.
        double[][] table = {
            {1.2345678e-5, 4, 1.235e-5}, {4.2e-7, 4, 4.2e-7}, {0.0638412, 4, 0.06384}, {173.456, 4, 173.5},
            {2.0234, 3, 2.02}, {-1234.5, 3, -1230}, {0.15, 1, 0.1}, {1.0005, 4, 1},
        };
        for (double[] row : table) {
            double v = row[0];
            int digits = (int) row[1];
            assertEquals(row[2], SignificantDigits.rounded(v, digits), v + " to " + digits + " digits");
            assertEquals(new BigDecimal(v).round(new java.math.MathContext(digits)).doubleValue(),
                    SignificantDigits.rounded(v, digits), v + " as before");
        }
        assertEquals(0.0, SignificantDigits.rounded(0, 3));
        assertEquals(-0.0, SignificantDigits.rounded(-0.0, 3), "the sign of a zero kept");
        assertEquals(Double.NaN, SignificantDigits.rounded(Double.NaN, 3));
        assertEquals(Double.NEGATIVE_INFINITY, SignificantDigits.rounded(Double.NEGATIVE_INFINITY, 3));
    }

    @Test
    void plainOrScientificIsPlainOnlyWhereThatIsShort() {
        assertEquals("1.5", SignificantDigits.plainOrScientific(1.5, 4));
        assertEquals("2200", SignificantDigits.plainOrScientific(2200.0, 4));
        assertEquals("0", SignificantDigits.plainOrScientific(0.0, 4));
        assertEquals("0", SignificantDigits.plainOrScientific(-0.0, 4));
        assertEquals("0.001", SignificantDigits.plainOrScientific(1e-3, 4));
        assertEquals("9999000", SignificantDigits.plainOrScientific(9.999e6, 4));
        assertEquals("1.000e+07", SignificantDigits.plainOrScientific(1e7, 4));
        assertEquals("0.0009990", SignificantDigits.plainOrScientific(9.99e-4, 4));  // %g's own plain form
        assertEquals("9.990e-05", SignificantDigits.plainOrScientific(9.99e-5, 4));
        assertEquals("8.978e-41", SignificantDigits.plainOrScientific(8.978e-41, 4));
        assertEquals("-1.235e+09", SignificantDigits.plainOrScientific(-1.23456e9, 4));
        assertEquals("NaN", SignificantDigits.plainOrScientific(Double.NaN, 4));
        assertEquals("Infinity", SignificantDigits.plainOrScientific(Double.POSITIVE_INFINITY, 4));
    }

    @Test
    void plainOrScientificRoundsAsPercentGDoes() {
        // %g rounds the shortest decimal that reads back as v: 1.0005 is "1.0005", so "1.001".
        assertEquals("1.001", SignificantDigits.plainOrScientific(1.0005, 4));
        assertEquals("1.23", SignificantDigits.plainOrScientific(1.23, 3));
    }
}
