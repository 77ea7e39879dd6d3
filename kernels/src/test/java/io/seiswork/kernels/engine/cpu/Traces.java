package io.seiswork.kernels.engine.cpu;

/** Trace comparisons for the physics tests. */
final class Traces {

    private Traces() {
    }

    /** max |a|. */
    static double peak(float[] a) {
        double m = 0;
        for (float x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** Index of max |a|. */
    static int peakIndex(float[] a) {
        int k = 0;
        for (int i = 1; i < a.length; i++) {
            if (Math.abs(a[i]) > Math.abs(a[k])) {
                k = i;
            }
        }
        return k;
    }

    /** a − b. */
    static float[] minus(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    /** Least-squares scale s minimising ‖a − s b‖: ⟨a, b⟩ / ⟨b, b⟩. */
    static double scale(float[] a, float[] b) {
        double ab = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            bb += (double) b[i] * b[i];
        }
        return ab / bb;
    }

    /** Lag in samples (within ±maxLag) maximising the cross-correlation of a with b shifted. */
    static int bestLag(float[] a, float[] b, int maxLag) {
        int best = 0;
        double bestC = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double c = 0;
            for (int i = 0; i < a.length; i++) {
                int j = i - lag;
                if (j >= 0 && j < b.length) {
                    c += (double) a[i] * b[j];
                }
            }
            if (c > bestC) {
                bestC = c;
                best = lag;
            }
        }
        return best;
    }
}
