package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IbmFloatTest {

    @Test
    void knownEncodings() {
        // Classic examples: 1.0 = 0x41100000, -118.625 = 0xC276A000, 0.15625 = 0x40280000.
        assertEquals(0x41100000, IbmFloat.fromFloat(1.0f));
        assertEquals(0xC276A000, IbmFloat.fromFloat(-118.625f));
        assertEquals(0x40280000, IbmFloat.fromFloat(0.15625f));
        assertEquals(1.0f, IbmFloat.toFloat(0x41100000));
        assertEquals(-118.625f, IbmFloat.toFloat(0xC276A000));
        assertEquals(0.15625f, IbmFloat.toFloat(0x40280000));
    }

    @Test
    void zeroAndNegativeZero() {
        assertEquals(0, IbmFloat.fromFloat(0f));
        assertEquals(0, IbmFloat.fromFloat(-0f));
        assertEquals(0f, IbmFloat.toFloat(0));
        assertEquals(0f, IbmFloat.toFloat(0x80000000));
        assertEquals(0f, IbmFloat.toFloat(0x45000000), "zero fraction with any exponent is zero");
    }

    @Test
    void nonNormalisedFractionsDecodeByValue() {
        // 0x41010000 = 0x010000/2^24 * 16 = 1/16; the same value as the normalised 0x40100000.
        assertEquals(0.0625f, IbmFloat.toFloat(0x41010000));
        assertEquals(IbmFloat.toFloat(0x40100000), IbmFloat.toFloat(0x41010000));
        assertEquals(-0.0625f, IbmFloat.toFloat(0xC1010000));
    }

    @Test
    void overflowAndSpecialValues() {
        assertEquals(Float.MAX_VALUE, IbmFloat.toFloat(IbmFloat.IBM_MAX_BITS), "IBM max clamps to float max");
        assertEquals(-Float.MAX_VALUE, IbmFloat.toFloat(0xFFFFFFFF));
        assertEquals(IbmFloat.IBM_MAX_BITS, IbmFloat.fromFloat(Float.POSITIVE_INFINITY));
        assertEquals(0x80000000 | IbmFloat.IBM_MAX_BITS, IbmFloat.fromFloat(Float.NEGATIVE_INFINITY));
        assertEquals(0, IbmFloat.fromFloat(Float.NaN));
        assertEquals(0f, IbmFloat.toFloat(0x00100000), "16^-65 underflows float to 0");
    }

    @Test
    void floatExtremesSurviveTheRoundTrip() {
        for (float f : new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, Float.MIN_VALUE, 3e-44f}) {
            float back = IbmFloat.toFloat(IbmFloat.fromFloat(f));
            assertEquals(f, back, Math.abs(f) * 0x1p-21, "value " + f);
        }
        assertEquals(Float.MIN_VALUE, IbmFloat.toFloat(IbmFloat.fromFloat(Float.MIN_VALUE)), "subnormals are exact");
    }

    @Test
    void roundsToNearestEvenWhenBitsAreLost() {
        // Leading hex digit 1: three low bits of the float's significand do not fit.
        assertEquals(0x40100000, IbmFloat.fromFloat(Float.intBitsToFloat(0x3D800001)), "2^20 + 1/8 rounds down");
        assertEquals(0x40100000, IbmFloat.fromFloat(Float.intBitsToFloat(0x3D800004)), "2^20 + 1/2 ties to even");
        assertEquals(0x40100002, IbmFloat.fromFloat(Float.intBitsToFloat(0x3D80000C)), "2^20 + 3/2 ties to even");
        assertEquals(0x40100001, IbmFloat.fromFloat(Float.intBitsToFloat(0x3D800007)), "2^20 + 7/8 rounds up");
        // Leading hex digit F: all 24 bits fit, so the largest fraction is exact.
        assertEquals(0x40FFFFFF, IbmFloat.fromFloat(0.99999994f));
    }

    @Test
    void roundTripIsExactForIbmValuesAndWithin3BitsForFloats() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            float f = Float.intBitsToFloat(rnd.nextInt());
            if (Float.isNaN(f) || Float.isInfinite(f)) {
                continue;
            }
            int ibm = IbmFloat.fromFloat(f);
            float back = IbmFloat.toFloat(ibm);
            assertEquals(f, back, Math.abs(f) * 0x1p-21, "float " + f);
            // decoding then re-encoding an IBM value of float precision gives the same word
            assertEquals(ibm, IbmFloat.fromFloat(back), "ibm " + Integer.toHexString(ibm));
        }
    }

    @Test
    void bulkLoopsMatchScalarConversion() {
        float[] in = {1.5f, -2.25f, 1e-30f, 6.02e23f};
        int[] words = new int[4];
        float[] out = new float[4];
        IbmFloat.fromFloats(in, words, 4);
        IbmFloat.toFloats(words, out, 4);
        for (int i = 0; i < 4; i++) {
            assertEquals(IbmFloat.fromFloat(in[i]), words[i]);
            assertEquals(IbmFloat.toFloat(words[i]), out[i]);
        }
    }
}
