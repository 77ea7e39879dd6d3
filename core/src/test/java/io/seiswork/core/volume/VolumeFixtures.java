package io.seiswork.core.volume;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.SegyWriteOptions;
import io.seiswork.core.segy.SegyWriter;
import io.seiswork.core.segy.TraceHeader;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Small test volumes: random arrays, their .swv files, SEG-Y cubes, and an independent decimation. */
final class VolumeFixtures {

    private VolumeFixtures() {
    }

    static VolumeAxes axes(int nx, int ny, int nz) {
        return new VolumeAxes(new Sampling(nx, 12.5, 1000), new Sampling(ny, 25, 2000), new Sampling(nz, 4, 0));
    }

    /** Random values in [-1, 1), indexed (iy · nx + ix) · nz + iz. */
    static float[] random(int nx, int ny, int nz, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[nx * ny * nz];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (2 * r.nextDouble() - 1);
        }
        return a;
    }

    /** Writes {@code data} as a .swv with bricks of {@code brick}. */
    static Path writeSwv(Path file, VolumeAxes axes, float[] data, int brick) {
        int nx = axes.x().count();
        int nz = axes.z().count();
        float[] col = new float[nz];
        try (SwvWriter w = SwvWriter.create(file, axes, SwvWriteOptions.defaults().withBrickSize(brick))) {
            for (int iy = 0; iy < axes.y().count(); iy++) {
                for (int ix = 0; ix < nx; ix++) {
                    System.arraycopy(data, (iy * nx + ix) * nz, col, 0, nz);
                    w.writeColumn(col);
                }
            }
        }
        return file;
    }

    /**
     * The 2 × 2 × 2 mean of {@code a} (nx × ny × nz), written independently of {@link Decimation}:
     * each coarse sample averages the fine samples whose indices halve to its own.
     */
    static float[] decimateReference(float[] a, int nx, int ny, int nz) {
        int mx = (nx + 1) / 2;
        int my = (ny + 1) / 2;
        int mz = (nz + 1) / 2;
        double[] sum = new double[mx * my * mz];
        int[] n = new int[sum.length];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                for (int z = 0; z < nz; z++) {
                    int c = ((y / 2) * mx + x / 2) * mz + z / 2;
                    sum[c] += a[(y * nx + x) * nz + z];
                    n[c]++;
                }
            }
        }
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sum[i] / n[i]);
        }
        return out;
    }

    /**
     * An inline-sorted (or crossline-sorted) SEG-Y cube of {@code data}: inline = 100 + 2·iy,
     * crossline = 10 + ix, CDP X/Y on a rotated grid (x step (10, 6) m, y step (-12, 20) m) with scalar -100.
     */
    static void writeSegyCube(Path file, float[] data, int nx, int ny, int nz, boolean inlineSorted) {
        writeSegyCube(file, data, nx, ny, nz, inlineSorted, (ix, iy) -> 0);
    }

    /** As {@link #writeSegyCube(Path, float[], int, int, int, boolean)}, trace (ix, iy) starting at {@code delayMs}. */
    static void writeSegyCube(Path file, float[] data, int nx, int ny, int nz, boolean inlineSorted,
            java.util.function.IntBinaryOperator delayMs) {
        float[] col = new float[nz];
        try (SegyWriter w = SegyWriter.create(file, SegyWriteOptions.of(nz, 4000))) {
            int outer = inlineSorted ? ny : nx;
            int inner = inlineSorted ? nx : ny;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int ix = inlineSorted ? i : o;
                    int iy = inlineSorted ? o : i;
                    TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
                    h.setInt32(TraceHeader.INLINE, 100 + 2 * iy);
                    h.setInt32(TraceHeader.CROSSLINE, 10 + ix);
                    h.setInt16(TraceHeader.COORDINATE_SCALAR, -100);
                    h.setCoordinateM(TraceHeader.CDP_X, 500000.25 + 10 * ix - 12 * iy);
                    h.setCoordinateM(TraceHeader.CDP_Y, 6000000.5 + 6 * ix + 20 * iy);
                    h.setDelayMs(delayMs.applyAsInt(ix, iy));
                    System.arraycopy(data, (iy * nx + ix) * nz, col, 0, nz);
                    w.write(h, col);
                }
            }
        }
    }
}
