package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;

/**
 * Zeroes an image above a depth and tapers it in below, with a half cosine. RTM images are
 * dominated near the acquisition depth by artefacts that no imaging condition removes: the
 * receiver wavefield is singular at the receivers and the source field at the source, so their
 * product (and its Laplacian) is large there and carries no reflectivity. Muting down to the
 * deepest source or receiver plus half a dominant wavelength is the usual remedy.
 *
 * <p>The mute is one weight per depth, the same in every column, so it applies to any run of
 * whole columns: a plane of the image as it streams by, or a whole image.
 */
public final class DepthMute {

    private static final DepthMute NONE = new DepthMute(null);

    /** Weight per depth index, or null for no mute. */
    private final float[] weights;

    private DepthMute(float[] weights) {
        this.weights = weights;
    }

    /**
     * @param g the image's grid
     * @param topM depth in metres above which the image is zeroed
     * @param taperM length in metres of the cosine taper below {@code topM} (0 for a hard cut)
     */
    public static DepthMute of(Grid g, double topM, double taperM) {
        int nz = g.nz();
        float[] w = new float[nz];
        for (int iz = 0; iz < nz; iz++) {
            double z = iz * g.dz();
            if (z <= topM) {
                w[iz] = 0;
            } else if (z >= topM + taperM) {
                w[iz] = 1;
            } else {
                w[iz] = (float) (0.5 - 0.5 * Math.cos(Math.PI * (z - topM) / taperM));
            }
        }
        return new DepthMute(w);
    }

    /** No mute: {@link #apply} leaves the image as it is. */
    public static DepthMute none() {
        return NONE;
    }

    /**
     * Mutes {@code columns} in place: whole z columns of the grid's nz values, one after the
     * other (a plane of constant y, or a whole image in {@link Grid#index} order).
     *
     * @throws IllegalArgumentException when its length is not a whole number of columns
     */
    public void apply(float[] columns) {
        if (weights == null) {
            return;
        }
        int nz = weights.length;
        if (columns.length % nz != 0) {
            throw new IllegalArgumentException(columns.length + " values are not whole columns of nz = " + nz);
        }
        apply(columns, 0, columns.length / nz);
    }

    /** Mutes columns {@code from .. to − 1} of {@code columns} in place (whole z columns, one after the other). */
    public void apply(float[] columns, int from, int to) {
        if (weights == null) {
            return;
        }
        int nz = weights.length;
        for (int base = from * nz; base < to * nz; base += nz) {
            for (int iz = 0; iz < nz; iz++) {
                columns[base + iz] *= weights[iz];
            }
        }
    }
}
