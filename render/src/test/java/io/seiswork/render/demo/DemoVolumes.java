package io.seiswork.render.demo;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.ArrayVolume;
import io.seiswork.core.volume.SyntheticVolume;
import io.seiswork.core.volume.VolumeAxes;

/** The demo image and a matching velocity model for screenshots: 12.5 m grid, 10 m depth step. */
final class DemoVolumes {

    static final int NX = 240;
    static final int NY = 180;
    static final int NZ = 150;

    private DemoVolumes() {
    }

    static VolumeAxes axes() {
        return new VolumeAxes(new Sampling(NX, 12.5, 0), new Sampling(NY, 12.5, 0), new Sampling(NZ, 10, 0));
    }

    /** The layered image with a dome and a bright flat reflector. */
    static ArrayVolume image() {
        return new ArrayVolume("demo image", axes(), new SyntheticVolume(NX, NY, NZ).toArray(), "m", "amplitude", 64);
    }

    /**
     * A velocity model consistent with the image: 1500 m/s at the top, 200 m/s faster below each
     * of the image's reflectors, 500 m/s faster below the bright one, plus 0.3 s⁻¹ of gradient.
     */
    static ArrayVolume velocity() {
        SyntheticVolume s = new SyntheticVolume(NX, NY, NZ);
        float[] v = new float[NX * NY * NZ];
        double[] tops = new double[SyntheticVolume.LAYERS];
        for (int iy = 0; iy < NY; iy++) {
            for (int ix = 0; ix < NX; ix++) {
                for (int k = 0; k < tops.length; k++) {
                    tops[k] = s.reflectorDepth(k, ix, iy);
                }
                for (int iz = 0; iz < NZ; iz++) {
                    double vel = 1500 + 0.3 * iz * 10;
                    for (double top : tops) {
                        vel += iz >= top ? 200 : 0;
                    }
                    vel += iz >= s.brightIndex() ? 500 : 0;
                    v[(iy * NX + ix) * NZ + iz] = (float) vel;
                }
            }
        }
        return new ArrayVolume("demo velocity", axes(), v, "m", "m/s", 64);
    }
}
