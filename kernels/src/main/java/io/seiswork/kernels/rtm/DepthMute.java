package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;

/**
 * Zeroes an image above a depth and tapers it in below, with a half cosine. RTM images are
 * dominated near the acquisition depth by artefacts that no imaging condition removes: the
 * receiver wavefield is singular at the receivers and the source field at the source, so their
 * product (and its Laplacian) is large there and carries no reflectivity. Muting down to the
 * deepest source or receiver plus half a dominant wavelength is the usual remedy.
 */
public final class DepthMute {

    private DepthMute() {
    }

    /**
     * Mutes {@code image} in place.
     *
     * @param image values on {@code g}, z contiguous
     * @param g the grid
     * @param topM depth in metres above which the image is zeroed
     * @param taperM length in metres of the cosine taper below {@code topM} (0 for a hard cut)
     */
    public static void apply(float[] image, Grid g, double topM, double taperM) {
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
        for (int c = 0; c < g.nx() * g.ny(); c++) {
            int base = c * nz;
            for (int iz = 0; iz < nz; iz++) {
                image[base + iz] *= w[iz];
            }
        }
    }
}
