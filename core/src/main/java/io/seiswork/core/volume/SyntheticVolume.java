package io.seiswork.core.volume;

/**
 * A synthetic seismic image for demos, tests and benchmarks, computed column by column so that
 * volumes of any size can be streamed into a {@link SwvWriter} without being held in memory:
 * {@value #LAYERS} reflectors (Ricker pulses about 4 samples wide, alternating in sign), the deeper
 * ones lifted into a dome centred in (x, y), plus one flat bright reflector at
 * {@link #brightDepthFraction()} of the depth with amplitude {@value #BRIGHT_AMPLITUDE} (the others
 * have at most 1), which tests look for in rendered images.
 */
public final class SyntheticVolume {

    /** Number of ordinary reflectors. */
    public static final int LAYERS = 6;
    /** Samples on each side of a pulse's peak that it reaches. */
    private static final int PULSE_HALF_WIDTH = 4;
    /** Amplitude of the flat bright reflector. */
    public static final float BRIGHT_AMPLITUDE = 3f;

    private final int nx;
    private final int ny;
    private final int nz;

    /** A volume of nx × ny × nz samples. */
    public SyntheticVolume(int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 8) {
            throw new IllegalArgumentException("synthetic volume needs nx, ny >= 1 and nz >= 8, got " + nx + " x " + ny
                    + " x " + nz);
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
    }

    /** Depth of the bright reflector as a fraction of nz. */
    public static double brightDepthFraction() {
        return 0.8;
    }

    /** Sample index of the bright reflector's peak. */
    public int brightIndex() {
        return (int) Math.round(brightDepthFraction() * (nz - 1));
    }

    /** Fills {@code out[0 .. nz)} with column (ix, iy). */
    public void column(int ix, int iy, float[] out) {
        java.util.Arrays.fill(out, 0, nz, 0f);
        for (int k = 0; k < LAYERS; k++) {
            float amp = (k % 2 == 0 ? 1f : -0.7f) * (1f - 0.08f * k);
            add(out, reflectorDepth(k, ix, iy), amp);
        }
        add(out, brightIndex(), BRIGHT_AMPLITUDE);
    }

    /**
     * Depth in samples of ordinary reflector {@code k} (0 shallowest) at column (ix, iy): layer 1
     * dips gently along x, layers 2 and deeper are lifted by up to 0.06 nz in a dome; they never
     * cross. For building a velocity model consistent with the image.
     */
    public double reflectorDepth(int k, int ix, int iy) {
        double u = nx > 1 ? (double) ix / (nx - 1) - 0.5 : 0;
        double v = ny > 1 ? (double) iy / (ny - 1) - 0.5 : 0;
        double dome = Math.exp(-(u * u + v * v) / 0.06);
        double base = (0.12 + 0.1 * k) * nz;
        double lift = k >= 2 ? 0.06 * nz * dome : 0;
        double tilt = k == 1 ? 0.05 * nz * u : 0;
        return base - lift + tilt;
    }

    /** Adds a Ricker pulse peaking at fractional sample {@code centre} (so dipping layers stay smooth). */
    private void add(float[] out, double centre, float amp) {
        int from = Math.max(0, (int) Math.ceil(centre - PULSE_HALF_WIDTH));
        int to = Math.min(nz - 1, (int) Math.floor(centre + PULSE_HALF_WIDTH));
        for (int z = from; z <= to; z++) {
            double t = (z - centre) / 1.6;
            out[z] += (float) (amp * (1 - 2 * t * t) * Math.exp(-t * t));
        }
    }

    /** Streams every column into {@code w} in its order (x fastest, then y). */
    public void writeTo(SwvWriter w) {
        float[] col = new float[nz];
        for (int iy = 0; iy < ny; iy++) {
            for (int ix = 0; ix < nx; ix++) {
                column(ix, iy, col);
                w.writeColumn(col);
            }
        }
    }

    /** The whole volume as one array indexed {@code (iy · nx + ix) · nz + iz}: for small demo volumes only. */
    public float[] toArray() {
        float[] data = new float[Math.multiplyExact(Math.multiplyExact(nx, ny), nz)];
        float[] col = new float[nz];
        for (int iy = 0; iy < ny; iy++) {
            for (int ix = 0; ix < nx; ix++) {
                column(ix, iy, col);
                System.arraycopy(col, 0, data, (iy * nx + ix) * nz, nz);
            }
        }
        return data;
    }
}
