package io.seiswork.core.segy;

/**
 * IBM System/360 single-precision hexadecimal floating point, SEG-Y sample format 1.
 *
 * <p>An IBM float is {@code (-1)^s * 0.F * 16^(E-64)}: 1 sign bit, a 7-bit excess-64 base-16
 * exponent and a 24-bit fraction. Unlike IEEE there is no hidden bit, no infinity and no NaN,
 * and a fraction need not be normalised (leading hex digit 0): real files contain such values
 * (ObsPy's {@code 00001034.sgy} has 178), so decoding must not assume normalisation.
 *
 * <p>Every IEEE float lies inside the IBM range (IBM reaches about 7.2e75 and 5.4e-79), so
 * encoding only loses precision: 0 to 3 low bits of the 24-bit significand, correctly rounded
 * (to nearest, ties to even). Decoding rounds once to float; IBM values beyond the float range
 * are clamped to {@code ±Float.MAX_VALUE} and tiny ones round to a float subnormal or zero.
 */
public final class IbmFloat {

    /** Largest IBM single: exponent 127, fraction 0xFFFFFF. */
    public static final int IBM_MAX_BITS = 0x7FFFFFFF;

    private IbmFloat() {
    }

    /** The float nearest to the IBM single with these bits (see the class comment for limits). */
    public static float toFloat(int ibm) {
        int fraction = ibm & 0x00FFFFFF;
        if (fraction == 0) {
            return 0f;
        }
        // Normalise the 24-bit fraction so its top bit is bit 23 (this also handles IBM values
        // whose leading hex digit is 0); then value = 1.m * 2^(4 * (exponent - 64) - 1 - shift).
        int shift = Integer.numberOfLeadingZeros(fraction) - 8;
        int ieeeExponent = 4 * ((ibm >>> 24) & 0x7F) - 130 - shift;
        if (ieeeExponent > 0 && ieeeExponent < 255) { // a normal float: exact, only bits move
            return Float.intBitsToFloat((ibm & 0x80000000) | ieeeExponent << 23 | ((fraction << shift) & 0x007FFFFF));
        }
        return toFloatOutOfRange(ibm, fraction);
    }

    /** Overflow (clamped) and float-subnormal results (rounded once through double). */
    private static float toFloatOutOfRange(int ibm, int fraction) {
        int exponent = (ibm >>> 24) & 0x7F;
        // fraction * 16^(exponent-64) / 2^24, exact in double (24 bits, exponent within -280..228).
        double magnitude = Math.scalb((double) fraction, 4 * exponent - 280);
        float f = magnitude > Float.MAX_VALUE ? Float.MAX_VALUE : (float) magnitude;
        return ibm < 0 ? -f : f;
    }

    /**
     * The IBM single nearest to {@code value}, correctly rounded. Zero (either sign) gives 0;
     * infinities give the largest IBM magnitude with their sign; NaN gives 0 because IBM floats
     * have no NaN and a zero sample is the least harmful stand-in.
     */
    public static int fromFloat(float value) {
        if (value == 0f || Float.isNaN(value)) {
            return 0;
        }
        int sign = value < 0 ? 0x80000000 : 0;
        if (Float.isInfinite(value)) {
            return sign | IBM_MAX_BITS;
        }
        double magnitude = Math.abs((double) value);
        // magnitude = m * 2^e2 with m in [1, 2); IBM wants 0.F * 16^e16 with 0.F in [1/16, 1).
        int e16 = (Math.getExponent(magnitude) >> 2) + 1;
        // Bits are lost only when the leading hex digit is below 8 (1 to 3 of the float's 24), so
        // rounding up can never carry into a new hex digit: the fraction stays below 2^24.
        int fraction = (int) Math.rint(Math.scalb(magnitude, 24 - 4 * e16));
        return sign | ((e16 + 64) << 24) | fraction;
    }

    /** Decodes {@code n} IBM words of {@code src} into {@code dst}; the hot loop of format-1 reads. */
    public static void toFloats(int[] src, float[] dst, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] = toFloat(src[i]);
        }
    }

    /** Encodes {@code n} floats of {@code src} as IBM words into {@code dst}. */
    public static void fromFloats(float[] src, int[] dst, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] = fromFloat(src[i]);
        }
    }
}
