package io.seiswork.app.cli;

import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.volume.SliceOrientation;

/**
 * Slices of an inline-sorted post-stack SEG-Y cube read the straightforward way, as the baseline
 * of {@code bench-volume slices}: an inline is nx consecutive traces, a crossline is ny traces one
 * inline apart, a depth slice needs one sample of every trace, so it reads the whole file.
 */
final class SegySlices {

    private SegySlices() {
    }

    /** The slice, row by row as {@link io.seiswork.core.volume.Slice} lays it out. */
    static float[] slice(SegyReader r, int nx, int ny, SliceOrientation o, int index) {
        int nz = r.samplesPerTrace();
        float[] trace = new float[nz];
        return switch (o) {
            case INLINE -> {
                float[] s = new float[nx * nz];
                for (int ix = 0; ix < nx; ix++) {
                    r.readTrace((long) index * nx + ix, trace);
                    for (int z = 0; z < nz; z++) {
                        s[z * nx + ix] = trace[z];
                    }
                }
                yield s;
            }
            case CROSSLINE -> {
                float[] s = new float[ny * nz];
                for (int iy = 0; iy < ny; iy++) {
                    r.readTrace((long) iy * nx + index, trace);
                    for (int z = 0; z < nz; z++) {
                        s[z * ny + iy] = trace[z];
                    }
                }
                yield s;
            }
            case DEPTH -> {
                float[] s = new float[nx * ny];
                for (long t = 0; t < (long) nx * ny; t++) {
                    r.readTrace(t, trace);
                    s[(int) t] = trace[index];
                }
                yield s;
            }
        };
    }
}
