package io.seiswork.core.spec;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.time.TimeStepping;

/**
 * What one shot needs in memory, in bytes, computed before anything is allocated so that a run
 * that cannot fit is refused up front rather than failing hours in.
 *
 * <p>Modelling holds, on the grid padded with the absorbing layer: the velocity term, two
 * wavefields (leapfrog in place), and the absorbing layer's memory variables; plus the shot's
 * traces at the internal and the output rate. Migration holds two such propagations (source and
 * receiver wavefields), the image and the illumination, and the source-wavefield boundary record
 * (the default strategy; larger snapshot strategies are planned by the migration itself).
 */
public final class MemoryEstimate {

    private MemoryEstimate() {
    }

    /** Points of the grid padded by {@code width} cells on every side (not on top when free surface). */
    public static long paddedPoints(Grid g, int width, boolean freeSurface) {
        long nx = g.nx() + 2L * width;
        long nz = g.nz() + (freeSurface ? 1L : 2L) * width;
        long ny = g.is2d() ? 1 : g.ny() + 2L * width;
        return nx * ny * nz;
    }

    /** Bytes one modelling shot needs. */
    public static long modellingBytes(Grid g, PhysicsSpec physics, int receivers, TimeStepping time) {
        long padded = paddedPoints(g, physics.boundaryWidth(), physics.freeSurface());
        long interior = (long) g.nx() * g.ny() * g.nz();
        long layer = padded - interior;
        long fields = 4L * padded * 3;          // two wavefields + velocity term
        long pml = 4L * layer * 2L * g.dimensions(); // memory variables, layer cells only
        long traces = 4L * receivers * ((long) time.steps() + time.outputS().count());
        return fields + pml + traces;
    }

    /** Bytes one migration shot needs with boundary saving of the source wavefield. */
    public static long migrationBytes(Grid g, PhysicsSpec physics, int receivers, TimeStepping time) {
        long modelling = modellingBytes(g, physics, receivers, time);
        long image = 4L * g.points() * 2;       // image and illumination
        int r = physics.spaceOrder() / 2;
        long surface = g.is2d()
                ? 2L * (g.nx() + g.nz())
                : 2L * ((long) g.nx() * g.ny() + (long) g.nx() * g.nz() + (long) g.ny() * g.nz());
        long boundary = 4L * surface * r * time.steps();
        return 2 * modelling + image + boundary;
    }

    /** Formats bytes as GiB with two decimals. */
    public static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    /** Formats bytes in the largest binary unit that keeps at least 1 before the point (MiB, GiB...). */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
