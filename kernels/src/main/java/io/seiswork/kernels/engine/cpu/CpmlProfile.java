package io.seiswork.kernels.engine.cpu;

/**
 * Damping profile of the convolutional PML along one padded axis, as the recursive-convolution
 * coefficients the time loop uses.
 *
 * <p>In the layer the spatial derivative is stretched by {@code s = κ + d / (α + iω)} with
 * κ = 1 (κ > 1 helps evanescent waves in elastic media; for the acoustic second-order form it
 * only adds a reflection at the layer's inner edge). The memory variables obey
 * {@code ψⁿ = b ψⁿ⁻¹ + a ∂(·)} with {@code b = exp(−(d + α) dt)} and
 * {@code a = d (b − 1) / (d + α)} (Komatitsch and Martin 2007; for the second-order acoustic
 * form Pasalic and McGarry 2010).
 *
 * <ul>
 *   <li>d(x) = d0 (x / L)², x the depth into the layer, L its thickness; d0 =
 *       −3 v ln(R) / (2 L), which makes the theoretical normal-incidence reflection R (here
 *       {@value #TARGET_REFLECTION}).
 *   <li>α(x) = π f0 (1 − x / L): largest at the inner edge, where it stops the layer from
 *       growing low-frequency, near-grazing energy; zero at the outer edge, where d dominates.
 * </ul>
 * Outside the layers d = 0, so a = 0 and the memory variables stay zero.
 */
public final class CpmlProfile {

    /** Target theoretical reflection coefficient at normal incidence used for d0. */
    public static final double TARGET_REFLECTION = 1e-4;

    /** Power of the polynomial damping profile. */
    public static final int PROFILE_POWER = 2;

    private final float[] a;
    private final float[] b;
    private final float[] mask;
    private final int lowStart;
    private final int lowEnd;
    private final int highStart;
    private final int highEnd;

    /**
     * @param n padded axis length in cells
     * @param radius stencil radius (zero halo outside the layers)
     * @param width layer thickness in cells
     * @param lowAbsorbs whether the low end (index 0 side) has a layer (false under a free surface)
     * @param highAbsorbs whether the high end has a layer (false for the y axis of 2D models)
     * @param hM grid spacing along the axis in metres
     * @param vMaxMps velocity used for d0 in m/s (the model maximum)
     * @param dtS time step in seconds
     * @param dominantHz dominant frequency f0 of the source in Hz (sets α)
     */
    public CpmlProfile(int n, int radius, int width, boolean lowAbsorbs, boolean highAbsorbs, double hM,
            double vMaxMps, double dtS, double dominantHz) {
        a = new float[n];
        b = new float[n];
        double thickness = width * hM;
        double d0 = -(PROFILE_POWER + 1) * vMaxMps * Math.log(TARGET_REFLECTION) / (2 * thickness);
        double alphaMax = Math.PI * dominantHz;
        lowStart = lowAbsorbs ? radius : 0;
        lowEnd = lowAbsorbs ? radius + width : 0;
        highStart = highAbsorbs ? n - radius - width : n;
        highEnd = highAbsorbs ? n - radius : n;
        for (int i = lowStart; i < lowEnd; i++) {
            set(i, (double) (lowEnd - i) / width, d0, alphaMax, dtS);
        }
        for (int i = highStart; i < highEnd; i++) {
            set(i, (double) (i - highStart + 1) / width, d0, alphaMax, dtS);
        }
        mask = new float[n];
        for (int i = 0; i < n; i++) {
            mask[i] = inLayer(i) ? 1f : 0f;
        }
    }

    private void set(int i, double depth, double d0, double alphaMax, double dtS) {
        double d = d0 * Math.pow(depth, PROFILE_POWER);
        double alpha = alphaMax * (1 - depth);
        double bb = Math.exp(-(d + alpha) * dtS);
        b[i] = (float) bb;
        a[i] = (float) (d + alpha > 0 ? d * (bb - 1) / (d + alpha) : 0);
    }

    /** Coefficient a per padded index (0 outside the layers). */
    public float[] a() {
        return a;
    }

    /** Coefficient b per padded index. */
    public float[] b() {
        return b;
    }

    /** 1 in the layers, 0 elsewhere, per padded index. */
    public float[] mask() {
        return mask;
    }

    /** First padded index of the low-side layer (equal to {@link #lowEnd()} when there is none). */
    public int lowStart() {
        return lowStart;
    }

    /** End (exclusive) of the low-side layer. */
    public int lowEnd() {
        return lowEnd;
    }

    /** First padded index of the high-side layer. */
    public int highStart() {
        return highStart;
    }

    /** End (exclusive) of the high-side layer. */
    public int highEnd() {
        return highEnd;
    }

    /** Whether padded index i lies in a layer. */
    public boolean inLayer(int i) {
        return (i >= lowStart && i < lowEnd) || (i >= highStart && i < highEnd);
    }
}
