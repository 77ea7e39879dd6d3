package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link IntegerFit} counts what {@link SampleCodec}'s rounding and saturation do to float samples. */
class IntegerFitTest {

    @Test
    void smallFloatsAllRoundToZeroInInt16() {
        IntegerFit fit = new IntegerFit(SampleFormat.INT16);
        fit.add(new float[] {0.02f, -0.013f, 0f, 0.4999f, -0.5f, 0.5f}, 6);

        assertEquals(6, fit.samples());
        assertEquals(5, fit.nonZero());
        assertEquals(4, fit.roundedToZero(), "0.02, -0.013, 0.4999 and -0.5 (rounds half up) become 0; 0.5 becomes 1");
        assertEquals(0, fit.saturated());
        assertEquals(-0.5, fit.min());
        assertEquals(0.5, fit.max());
        assertTrue(fit.lossy());
        assertEquals("4 of 6 samples rounded to 0, 0 saturated at int16's -32768..32767, rounding error 100 % of"
                + " the data's RMS; the data's range is -0.5000..0.5000", fit.summary());
    }

    @Test
    void saturationAndNanAreCountedPerFormat() {
        IntegerFit int8 = new IntegerFit(SampleFormat.INT8);
        int8.add(new float[] {127.4f, 127.6f, -128.4f, -128.6f, Float.POSITIVE_INFINITY, Float.NaN, 3f}, 7);
        assertEquals(2, int8.saturated(), "127.6 and -128.6");
        assertEquals(1, int8.infinite(), "+inf");
        assertEquals(1, int8.notANumber());
        assertTrue(int8.lossy());
        assertFalse(int8.lossyForInfinitiesAlone(), "saturated besides");
        assertTrue(int8.summary().contains(", 2 saturated at int8's -128..127, 1 infinite written as 127, 1 NaN written"
                + " as 0, rounding and clipping error "), int8.summary());

        IntegerFit int32 = new IntegerFit(SampleFormat.INT32);
        int32.add(new float[] {2.147483e9f, 2.1474836e9f, -2.1474836e9f}, 3);
        assertEquals(1, int32.saturated(), "2^31 is one past int32's largest; -2^31 fits");
    }

    @Test
    void infinitiesAreCountedApartAndKeptInTheRange() {
        IntegerFit fit = new IntegerFit(SampleFormat.INT32);
        fit.add(new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, 2);

        assertEquals(0, fit.saturated());
        assertEquals(2, fit.infinite());
        assertEquals(Double.NEGATIVE_INFINITY, fit.min());
        assertEquals(Double.POSITIVE_INFINITY, fit.max());
        assertTrue(fit.lossy());
        assertEquals("0 of 2 samples rounded to 0, 0 saturated at int32's -2147483648..2147483647, 2 infinite written"
                + " as -2147483648 or 2147483647, no sample within the range to round; the data's range is -inf..inf",
                fit.summary());
    }

    /**
     * An infinite sample beside finite ones within the range is said in a clause of its own, not
     * as a saturated one whose clipping error is 0 %: [inf, 3, 50] as int16 said "1 saturated ...,
     * rounding and clipping error 0 %", as if clipping had cost nothing.
     */
    @Test
    void anInfiniteSampleBesideFiniteOnesIsSaidApart() {
        IntegerFit fit = new IntegerFit(SampleFormat.INT16);
        fit.add(new float[] {Float.POSITIVE_INFINITY, 3f, 50f}, 3);
        assertEquals(0, fit.saturated());
        assertEquals(1, fit.infinite());
        assertEquals(2, fit.inRange());
        assertTrue(fit.lossy(), "an integer format has no infinity");
        assertFalse(fit.roundingLossy(), "3 and 50 are written exactly");
        assertTrue(fit.lossyForInfinitiesAlone());
        assertEquals("0 of 3 samples rounded to 0, 0 saturated at int16's -32768..32767, 1 infinite written as 32767,"
                + " rounding error 0 % of the data's RMS; the data's range is 3.000..inf", fit.summary());
    }

    /** [inf, 0]: the 0 is within the range and rounded (exactly); it said "no sample within the range to round". */
    @Test
    void aZeroBesideAnInfinityIsWithinTheRange() {
        IntegerFit fit = new IntegerFit(SampleFormat.INT16);
        fit.add(new float[] {Float.NEGATIVE_INFINITY, 0f}, 2);
        assertEquals(1, fit.inRange());
        assertEquals("0 of 2 samples rounded to 0, 0 saturated at int16's -32768..32767, 1 infinite written as -32768,"
                + " rounding error 0 % of the data's RMS; the data's range is -inf..0.000", fit.summary());
    }

    @Test
    void hugeValuesAllSaturateWithTheirTrueRange() {
        IntegerFit fit = new IntegerFit(SampleFormat.INT32);
        fit.add(new float[] {-3e38f, 1e30f, 2.5e38f}, 3);

        assertEquals(3, fit.saturated());
        assertEquals(0, fit.inRange());
        assertEquals("0 of 3 samples rounded to 0, 3 saturated at int32's -2147483648..2147483647, rounding and"
                + " clipping error 100 % of the data's RMS (no sample within the range to round); the scaled data's"
                + " range is -3.000e+38..2.500e+38",
                fit.summary("the scaled data's range"));
    }

    /**
     * Clipping is a loss the summary says in its error: whole numbers beyond int8's range round
     * exactly, so the rounding error alone was "0 %" beside 2 of 4 samples saturated. Written
     * 127, -128, 3, 50 for 1000, -1000, 3, 50: sqrt((873² + 872²) / (1000² + 1000² + 3² + 50²)) = 87.2 %.
     */
    @Test
    void clippedSamplesCountInTheErrorSaid() {
        IntegerFit fit = new IntegerFit(SampleFormat.INT8);
        fit.add(new float[] {1000f, -1000f, 3f, 50f}, 4);
        assertEquals(2, fit.saturated());
        assertEquals(0, fit.roundingError(), "the samples within the range are whole numbers");
        double expected = Math.sqrt((873.0 * 873 + 872.0 * 872) / (1000.0 * 1000 + 1000.0 * 1000 + 9 + 2500));
        assertEquals(expected, fit.error(), 1e-12);
        assertEquals("0 of 4 samples rounded to 0, 2 saturated at int8's -128..127, rounding and clipping error 87 % of"
                + " the data's RMS; the data's range is -1000..1000", fit.summary());
    }

    @Test
    void integralDataIsNotLossy() {
        IntegerFit fit = new IntegerFit(SampleFormat.INT16);
        fit.add(new float[] {-1170, 5198, -2213, -888, 0}, 5);
        assertEquals(0, fit.roundedToZero());
        assertEquals(0, fit.saturated());
        assertFalse(fit.lossy());
    }

    @Test
    void tooFewLevelsForTheDataIsLossyThoughNoSampleBecomesZero() {
        // small.sgy's 1.2 .. 5.24 written as int8 without a scale: 1 .. 5, every sample non-zero.
        IntegerFit coarse = new IntegerFit(SampleFormat.INT8);
        coarse.add(new float[] {1.2f, 1.45f, 2.33f, 3.6f, 4.71f, 5.24f}, 6);
        assertEquals(0, coarse.roundedToZero());
        assertEquals(0, coarse.saturated());
        assertTrue(coarse.roundingError() > 0.05 && coarse.roundingError() < 0.15, "error " + coarse.roundingError());
        assertTrue(coarse.lossy());
        assertTrue(coarse.summary().contains("rounding error 9."), coarse.summary());

        // The same data scaled onto int16's range: rounding changes it by about 1e-5 of its RMS.
        IntegerFit fine = new IntegerFit(SampleFormat.INT16);
        float[] scaled = {1.2f, 1.45f, 2.33f, 3.6f, 4.71f, 5.24f};
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 32767 / 5.24f;
        }
        fine.add(scaled, scaled.length);
        assertTrue(fine.roundingError() < 1e-4, "error " + fine.roundingError());
        assertFalse(fine.lossy());
    }

    @Test
    void autoScaleMapsTheLargestMagnitudeToTheFormatsLargestValue() {
        assertEquals(32767 / 0.02, IntegerFit.autoScale(SampleFormat.INT16, 0.02), 1e-6);
        assertEquals(127.0, IntegerFit.autoScale(SampleFormat.INT8, 1.0));
        double f = IntegerFit.autoScale(SampleFormat.INT32, 1.0);
        assertTrue((float) f <= Integer.MAX_VALUE && f > 2.147e9, "int32: the largest float below 2^31, got " + f);
        IntegerFit fit = new IntegerFit(SampleFormat.INT32);
        fit.add(new float[] {(float) f, (float) -f}, 2);
        assertEquals(0, fit.saturated());
        assertEquals(1.0, IntegerFit.autoScale(SampleFormat.INT16, 0), "all zero: nothing to scale");
    }

    @Test
    void floatFormatsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new IntegerFit(SampleFormat.IEEE32));
    }
}
