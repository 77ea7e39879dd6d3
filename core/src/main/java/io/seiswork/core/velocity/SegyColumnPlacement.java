package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.BinaryHeader;
import io.seiswork.core.segy.SegyGeometry;
import io.seiswork.core.segy.SegyInfo;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.TraceHeader;
import java.nio.file.Path;

/**
 * Which column of the grid each trace of a SEG-Y velocity file fills: a sorted inline/crossline
 * cube is placed by its numbers (crossline → x, inline → y, whichever order the traces come in);
 * anything else is taken in file order with x fastest. The one rule of {@link SegyVelocityReader}
 * and {@link SegyVelocityField}.
 *
 * <p>A file that does not fit the grid is refused rather than scrambled or stretched: its trace
 * count must be nx · ny and its samples per trace nz; a sorted cube must have nx crosslines and
 * ny inlines (a cube of the right trace count but another shape, a transposed one say, would be
 * taken apart in file order otherwise), except a single line on a 2D grid, which is read along x
 * as it comes; and a file that gives its depth step (the sample-interval field, which holds it in
 * thousandths of the file's length unit: Seiswork's own {@code DepthVolumeWriter} and Petrel write
 * millimetres, 20000 for 20 m; feet when the binary header's measurement system, byte 3255, is 2)
 * must give grid.dz to within that field's rounding. A file without an interval (the field 0,
 * {@link SegyInfo#sampleIntervalFallback()}) is taken at grid.dz.
 */
final class SegyColumnPlacement {

    /** Metres per foot. */
    private static final double FOOT_M = 0.3048;

    private final Grid grid;
    private final SegyGeometry geometry;
    private final boolean byNumbers;

    private SegyColumnPlacement(Grid grid, SegyGeometry geometry, boolean byNumbers) {
        this.grid = grid;
        this.geometry = geometry;
        this.byNumbers = byNumbers;
    }

    /**
     * The placement of the traces of the file {@code reader} reads on {@code grid}.
     *
     * @throws IllegalArgumentException when the file's trace or sample count, its cube's shape or its
     *     depth step does not match the grid
     */
    static SegyColumnPlacement of(Path file, SegyReader reader, Grid grid) {
        SegyInfo info = reader.info();
        long columns = (long) grid.nx() * grid.ny();
        if (info.traces() != columns || info.samplesPerTrace() != grid.nz()) {
            throw new IllegalArgumentException("file " + file + " has " + info.traces() + " traces of "
                    + info.samplesPerTrace() + " samples but the grid needs " + columns + " traces (nx " + grid.nx()
                    + " x ny " + grid.ny() + ") of " + grid.nz() + " samples (nz)");
        }
        SegyGeometry geo = info.geometry();
        boolean cube = geo != null && geo.isCube() && geo.offsetCount() == 1;
        boolean byNumbers = cube && geo.crosslineCount() == grid.nx() && geo.inlineCount() == grid.ny();
        boolean line = grid.ny() == 1 && cube && (geo.inlineCount() == 1 || geo.crosslineCount() == 1);
        if (cube && !byNumbers && !line) {
            int xl = geo.crosslineCount();
            int il = geo.inlineCount();
            throw new IllegalArgumentException("file " + file + " is a " + xl + " x " + il + " cube (crosslines x inlines)"
                    + " but grid.nx x grid.ny is " + grid.nx() + " x " + grid.ny()
                    + (xl == grid.ny() && il == grid.nx() ? ": swap nx and ny?" : ": give nx " + xl + " and ny " + il));
        }
        checkDepthStep(file, reader, grid);
        return new SegyColumnPlacement(grid, geo, byNumbers);
    }

    /** Refuses a file whose depth step, when it gives one, is not grid.dz. */
    private static void checkDepthStep(Path file, SegyReader reader, Grid grid) {
        if (reader.sampleIntervalIsFallback()) {
            return;
        }
        int field = reader.sampleIntervalUs();
        BinaryHeader bin = reader.binaryHeader();
        boolean feet = bin != null && bin.getInt16(BinaryHeader.MEASUREMENT_SYSTEM) == 2;
        double unitM = feet ? FOOT_M : 1;
        double dzM = field / 1000.0 * unitM;
        // The field is a whole number of thousandths of the unit: it rounds the step by at most half of one.
        if (Math.abs(dzM - grid.dz()) <= 0.5e-3 * unitM * (1 + 1e-9)) {
            return;
        }
        String step = feet ? num(field / 1000.0) + " ft = " + num(dzM) + " m" : num(dzM) + " m";
        throw new IllegalArgumentException("file " + file + " samples depth every " + step + " (sample interval field "
                + field + ", thousandths of a " + (feet ? "foot: measurement system, binary header byte 3255, is feet"
                        : "metre, as Seiswork and Petrel write depth") + ") but grid.dz is " + num(grid.dz())
                + " m: give grid.dz " + num(dzM) + ", or resample the model to " + num(grid.dz())
                + " m (it is not stretched to fit)");
    }

    /** {@code v} without a trailing ".0", to 6 significant digits. */
    private static String num(double v) {
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        return s;
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
