package io.seiswork.app.desktop;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.velocity.VelocityField;
import io.seiswork.core.volume.ArrayVolume;
import io.seiswork.core.volume.VolumeAxes;
import java.util.Locale;

/**
 * The velocity models the Model tab draws. A model that fits is drawn whole; a survey's, which a
 * job keeps out of core or which would take gigabytes here, is drawn at every s-th node along x, y
 * and z, the smallest s that brings it within {@value #MAX_DECIMATED_CELLS} cells (64 MB), read a
 * row of columns at a time (the field's window reads, never the whole grid) and said in its name.
 */
final class ModelVolumes {

    /** Largest model drawn whole (cells). */
    static final long MAX_WHOLE_CELLS = 1L << 28;

    /** Most cells of a model drawn at every s-th node. */
    static final long MAX_DECIMATED_CELLS = 1L << 24;

    /** Most values read in one window: a row of columns is read in parts of at most this many. */
    private static final int MAX_WINDOW_VALUES = 1 << 24;

    private ModelVolumes() {
    }

    /** The field whole, for the viewers (call when its grid fits one array). */
    static ArrayVolume whole(String name, VelocityField field) {
        Grid g = field.grid();
        return new ArrayVolume(name, new VolumeAxes(g.xAxis(), g.yAxis(), g.zAxis()), field.whole().values(), "m",
                "velocity (m/s)", 64);
    }

    /** The smallest step s ≥ 2 that takes {@code g} at every s-th node within {@code maxCells}. */
    static int step(Grid g, long maxCells) {
        for (int s = 2; ; s++) {
            if ((long) ceilDiv(g.nx(), s) * ceilDiv(g.ny(), s) * ceilDiv(g.nz(), s) <= maxCells) {
                return s;
            }
        }
    }

    /**
     * The field at every s-th node ({@link #step}), named "{@code name}, every s-th node": node
     * (i, j, k) of the volume is node (s·i, s·j, s·k) of the field, the same value.
     */
    static ArrayVolume decimated(String name, VelocityField field, long maxCells) {
        Grid g = field.grid();
        int s = step(g, maxCells);
        int nx = ceilDiv(g.nx(), s);
        int ny = ceilDiv(g.ny(), s);
        int nz = ceilDiv(g.nz(), s);
        float[] out = new float[Math.multiplyExact(Math.multiplyExact(nx, ny), nz)];
        int part = Math.max(1, MAX_WINDOW_VALUES / g.nz());
        for (int j = 0; j < ny; j++) {
            for (int x0 = 0; x0 < g.nx(); x0 += part) {
                int w = Math.min(part, g.nx() - x0);
                float[] row = field.window(x0, j * s, new Grid(w, 1, g.nz(), g.dx(), g.dy(), g.dz())).values();
                for (int ix = ceilDiv(x0, s) * s; ix < x0 + w; ix += s) {
                    int to = (j * nx + ix / s) * nz;
                    int from = (ix - x0) * g.nz();
                    for (int k = 0; k < nz; k++) {
                        out[to + k] = row[from + k * s];
                    }
                }
            }
        }
        VolumeAxes axes = new VolumeAxes(every(g.xAxis(), s), every(g.yAxis(), s), every(g.zAxis(), s));
        return new ArrayVolume(String.format(Locale.ROOT, "%s, every %s node", name, ordinal(s)), axes, out, "m",
                "velocity (m/s)", 64);
    }

    private static Sampling every(Sampling a, int s) {
        return new Sampling(ceilDiv(a.count(), s), a.delta() * s, a.first());
    }

    private static int ceilDiv(int a, int b) {
        return Math.ceilDiv(a, b);
    }

    private static String ordinal(int n) {
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
