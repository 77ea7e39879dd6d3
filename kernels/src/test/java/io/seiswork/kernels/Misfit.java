package io.seiswork.kernels;

/** How far one field or set of traces is from a reference, for the tests that compare engines. */
public final class Misfit {

    private Misfit() {
    }

    /** ‖a − ref‖₂ / ‖ref‖₂, sums in double. */
    public static double relativeL2(float[] a, float[] ref) {
        return relativeL2(new float[][] {a}, new float[][] {ref});
    }

    /** ‖a − ref‖₂ / ‖ref‖₂ over every row (for example one trace per receiver), sums in double. */
    public static double relativeL2(float[][] a, float[][] ref) {
        if (a.length != ref.length) {
            throw new IllegalArgumentException(a.length + " rows against " + ref.length);
        }
        double num = 0;
        double den = 0;
        for (int r = 0; r < ref.length; r++) {
            if (a[r].length != ref[r].length) {
                throw new IllegalArgumentException("row " + r + ": " + a[r].length + " values against " + ref[r].length);
            }
            for (int i = 0; i < ref[r].length; i++) {
                double d = a[r][i] - ref[r][i];
                num += d * d;
                den += (double) ref[r][i] * ref[r][i];
            }
        }
        return Math.sqrt(num / den);
    }
}
