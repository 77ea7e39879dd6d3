package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceHeaderTest {

    @Test
    void scalarRules() {
        assertEquals(1230.0, TraceHeader.applyScalar(123, 10));
        assertEquals(1.23, TraceHeader.applyScalar(123, -100));
        assertEquals(123.0, TraceHeader.applyScalar(123, 0));
        assertEquals(123.0, TraceHeader.applyScalar(123, 1));
    }

    @Test
    void coordinateScalarKeepsCentimetresWhereInt32Allows() {
        assertEquals(-100, TraceHeader.coordinateScalarFor(6_074_232.95));
        assertEquals(-10, TraceHeader.coordinateScalarFor(50_000_000.0));
        assertEquals(1, TraceHeader.coordinateScalarFor(2_000_000_000.0));
        assertEquals(10, TraceHeader.coordinateScalarFor(3e9));
        assertThrows(IllegalArgumentException.class, () -> TraceHeader.coordinateScalarFor(Double.NaN));
    }

    @Test
    void setCoordinateUsesTheScalarAndReadsBack() {
        TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
        h.setInt16(TraceHeader.COORDINATE_SCALAR, TraceHeader.coordinateScalarFor(6_074_232.95));
        h.setCoordinateM(TraceHeader.CDP_Y, 6_074_232.95);
        h.setCoordinateM(TraceHeader.SOURCE_X, -12.34);
        assertEquals(607_423_295, h.getInt32(TraceHeader.CDP_Y));
        assertEquals(6_074_232.95, h.cdpYM(), 1e-9);
        assertEquals(-12.34, h.sourceXM(), 1e-9);
        h.setInt16(TraceHeader.COORDINATE_SCALAR, -100);
        assertThrows(IllegalArgumentException.class, () -> h.setCoordinateM(TraceHeader.GROUP_X, 3e7));
    }

    @Test
    void elevationAndDelayScalars() {
        TraceHeader h = new TraceHeader(ByteOrder.LITTLE_ENDIAN);
        h.setInt16(TraceHeader.ELEVATION_SCALAR, -100);
        h.setInt32(TraceHeader.RECEIVER_ELEVATION, 12345);
        h.setInt16(TraceHeader.DELAY, 10000);
        h.setInt16(TraceHeader.TIME_SCALAR, -10);
        assertEquals(123.45, h.elevationM(TraceHeader.RECEIVER_ELEVATION), 1e-12);
        assertEquals(1000.0, h.delayMs());
        h.setInt16(TraceHeader.TIME_SCALAR, 0);
        assertEquals(10000.0, h.delayMs());
    }

    @Test
    void unsignedAndSignedViewsOfTheSameBytes() {
        TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
        h.setInt16(TraceHeader.SAMPLE_COUNT, 60000);
        assertEquals(60000, h.sampleCount());
        assertEquals(-5536, h.getInt16(TraceHeader.SAMPLE_COUNT));
        h.setInt32(1, -1);
        assertEquals(4294967295L, h.getUInt32(1));
    }

    @Test
    void byteOrderConversionSwapsStandardFields() {
        TraceHeader big = new TraceHeader(ByteOrder.BIG_ENDIAN);
        big.setInt32(TraceHeader.INLINE, 0x01020304);
        big.setInt16(TraceHeader.COORDINATE_SCALAR, -100);
        big.setInt32(TraceHeader.CDP_X, 620197);
        TraceHeader little = big.withByteOrder(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x01020304, little.getInt32(TraceHeader.INLINE));
        assertEquals(-100, little.getInt16(TraceHeader.COORDINATE_SCALAR));
        assertEquals(6201.97, little.cdpXM(), 1e-9);
        assertArrayEquals(new byte[] {4, 3, 2, 1}, java.util.Arrays.copyOfRange(little.toBytes(), 188, 192));
        assertEquals(big, little.withByteOrder(ByteOrder.BIG_ENDIAN));
    }

    @ParameterizedTest(name = "{0} ms -> delay {1}, time scalar {2}")
    @CsvSource({"4, 4, 0", "1000, 1000, 0", "-20, -20, 0", "2.5, 25, -10", "0.125, 125, -1000",
            "40000, 4000, 10", "32767, 32767, 0", "-32768, -32768, 0", "-3276.8, -32768, -10",
            "-327680000, -32768, 10000", "327670000, 32767, 10000"})
    void setDelayMsPicksTheTimeScalarThatKeepsTheDelay(double ms, int stored, int scalar) {
        TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
        h.setDelayMs(ms);
        assertEquals(stored, h.getInt16(TraceHeader.DELAY));
        assertEquals(scalar, h.getInt16(TraceHeader.TIME_SCALAR));
        assertEquals(ms, h.delayMs(), 1e-12);
    }

    @Test
    void setDelayMsRefusesWhatNoScalarHolds() {
        TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.setDelayMs(4e8));
        assertTrue(e.getMessage().contains("byte 109"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> h.setDelayMs(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> h.setDelayMs(-327_690_000), "beyond int16 x 10000");
    }

    /** Just past int16's ends a whole delay needs a multiplier; at them it does not (−32768 is not −32767). */
    @Test
    void setDelayMsUsesScalarZeroUpToBothEndsOfInt16() {
        TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
        h.setDelayMs(-32769);
        assertEquals(10, h.getInt16(TraceHeader.TIME_SCALAR));
        assertEquals(-32770.0, h.delayMs(), "rounded to the multiplier");
        h.setDelayMs(-32768);
        assertEquals(0, h.getInt16(TraceHeader.TIME_SCALAR));
        assertEquals(-32768.0, h.delayMs());
        h.setDelayMs(32768);
        assertEquals(10, h.getInt16(TraceHeader.TIME_SCALAR));
    }

    @Test
    void positionsOutsideTheHeaderAreRejected() {
        TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
        assertThrows(IllegalArgumentException.class, () -> h.getInt32(238));
        assertThrows(IllegalArgumentException.class, () -> h.getInt16(0));
        assertThrows(IllegalArgumentException.class, () -> new TraceHeader(new byte[239], ByteOrder.BIG_ENDIAN));
    }
}
