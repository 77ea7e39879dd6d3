package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.SegyGeometry;
import io.seiswork.core.segy.SegyInfo;
import io.seiswork.core.segy.TraceHeader;
import java.nio.file.Path;

/**
 * Which column of the grid each trace of a SEG-Y velocity file fills: a sorted inline/crossline
 * cube is placed by its numbers (crossline → x, inline → y, whichever order the traces come in);
 * anything else is taken in file order with x fastest. The one rule of {@link SegyVelocityReader}
 * and {@link SegyVelocityField}.
 */
final class SegyColumnPlacement {

    private final Grid grid;
    private final SegyGeometry geometry;
    private final boolean byNumbers;

    private SegyColumnPlacement(Grid grid, SegyGeometry geometry, boolean byNumbers) {
        this.grid = grid;
        this.geometry = geometry;
        this.byNumbers = byNumbers;
    }

    /**
     * The placement of {@code file}'s traces on {@code grid}.
     *
     * @throws IllegalArgumentException when the file's trace or sample count does not match the grid
     */
    static SegyColumnPlacement of(Path file, SegyInfo info, Grid grid) {
        long columns = (long) grid.nx() * grid.ny();
        if (info.traces() != columns || info.samplesPerTrace() != grid.nz()) {
            throw new IllegalArgumentException("file " + file + " has " + info.traces() + " traces of "
                    + info.samplesPerTrace() + " samples but the grid needs " + columns + " traces (nx " + grid.nx()
                    + " x ny " + grid.ny() + ") of " + grid.nz() + " samples (nz)");
        }
        SegyGeometry geo = info.geometry();
        boolean byNumbers = geo != null && geo.isCube() && geo.offsetCount() == 1
                && geo.crosslineCount() == grid.nx() && geo.inlineCount() == grid.ny();
        return new SegyColumnPlacement(grid, geo, byNumbers);
    }

    /** Whether traces are placed by their inline and crossline numbers, which {@link #column} then needs. */
    boolean byNumbers() {
        return byNumbers;
    }

    /**
     * The column {@code iy · nx + ix} that trace {@code trace} fills.
     *
     * @param header the trace's header, read only when placing {@linkplain #byNumbers() by numbers} (else may be null)
     */
    long column(long trace, TraceHeader header) {
        if (!byNumbers) {
            return trace;
        }
        int ix = lineIndex(header.getInt32(TraceHeader.CROSSLINE), geometry.crosslineMin(), geometry.crosslineMax(),
                grid.nx());
        int iy = lineIndex(header.getInt32(TraceHeader.INLINE), geometry.inlineMin(), geometry.inlineMax(), grid.ny());
        return (long) iy * grid.nx() + ix;
    }

    /** Index 0..n-1 of line number {@code value} on a regular axis from {@code min} to {@code max}. */
    private static int lineIndex(int value, int min, int max, int n) {
        return n == 1 ? 0 : (int) Math.round((double) (value - min) * (n - 1) / (max - min));
    }
}
