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
 * as it comes.
 *
 * <p>The depth step is not refused: the sample count already guarantees the shape, and the
 * interval field is so often wrong in practice (segyio's {@code from_array3D} writes 4000 unless
 * told otherwise) that a valid model would have no way in. A file whose interval matches grid.dz
 * under any of its usual readings is taken silently: the sample-interval field (3217, or trace
 * header 117 when that is 0) in thousandths of the file's length unit (Seiswork's own
 * {@code DepthVolumeWriter} and Petrel write millimetres, 20000 for 20 m), or in whole units (SEG-Y
 * rev 2 defines it so for depth), or for rev 2 the extended interval (3273, an IEEE double that
 * overrides 3217); feet when the binary header's measurement system, byte 3255, is 2. Otherwise
 * the file is still read at grid.dz, with a {@linkplain #depthStepNote() note} for a warning. A
 * file without an interval is taken at grid.dz.
 */
final class SegyColumnPlacement {

    /** Metres per foot. */
    private static final double FOOT_M = 0.3048;

    private final Grid grid;
    private final SegyGeometry geometry;
    private final boolean byNumbers;
    private final String depthStepNote;

    private SegyColumnPlacement(Grid grid, SegyGeometry geometry, boolean byNumbers, String depthStepNote) {
        this.grid = grid;
        this.geometry = geometry;
        this.byNumbers = byNumbers;
        this.depthStepNote = depthStepNote;
    }

    /**
     * The placement of the traces of the file {@code reader} reads on {@code grid}.
     *
     * @throws IllegalArgumentException when the file's trace or sample count or its cube's shape does
     *     not match the grid
     */
    static SegyColumnPlacement of(Path file, SegyReader reader, Grid grid) {
        // The counts come from the file size: a file of the wrong size is refused before the header
        // scan of info(), which reads every trace header (minutes, and a cube's offsets list, for 10^9).
        long columns = (long) grid.nx() * grid.ny();
        if (reader.traceCount() != columns || reader.samplesPerTrace() != grid.nz()) {
            throw new IllegalArgumentException("file " + file + " has " + reader.traceCount() + " traces of "
                    + reader.samplesPerTrace() + " samples but the grid needs " + columns + " traces (nx " + grid.nx()
                    + " x ny " + grid.ny() + ") of " + grid.nz() + " samples (nz)");
        }
        SegyInfo info = reader.info();
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
        return new SegyColumnPlacement(grid, geo, byNumbers, depthStepNote(reader, grid));
    }

    /**
     * Null when the file gives no depth step or one that is grid.dz under a usual reading of its
     * fields; else one line for a warning: the file's figures and grid.dz, and that the model is
     * read at grid.dz.
     */
    private static String depthStepNote(SegyReader reader, Grid grid) {
        BinaryHeader bin = reader.binaryHeader();
        boolean feet = bin != null && bin.getInt16(BinaryHeader.MEASUREMENT_SYSTEM) == 2;
        double unitM = feet ? FOOT_M : 1;
        String unit = feet ? "ft" : "m";
        double dz = grid.dz();
        double extended = bin != null && bin.revisionMajor() >= 2 ? bin.getFloat64(BinaryHeader.EXT_SAMPLE_INTERVAL) : 0;
        boolean hasExtended = extended != 0 && Double.isFinite(extended);
        boolean hasField = !reader.sampleIntervalIsFallback();
        if (!hasField && !hasExtended) {
            return null;
        }
        int field = reader.sampleIntervalUs();
        // A whole number of units or of thousandths rounds the step by at most half of one; a double by its rounding.
        if (hasField && (Math.abs(field * unitM - dz) <= 0.5 * unitM * (1 + 1e-9)
                || Math.abs(field / 1000.0 * unitM - dz) <= 0.5e-3 * unitM * (1 + 1e-9))) {
            return null;
        }
        if (hasExtended && Math.abs(extended * unitM - dz) <= 1e-6 * dz) {
            return null;
        }
        String where = bin != null && bin.sampleIntervalUs() > 0 ? "binary header 3217" : "trace header 117";
        StringBuilder b = new StringBuilder("the file's depth step is not grid.dz ").append(num(dz)).append(" m: ");
        if (hasField) {
            b.append("its sample interval field (").append(where).append(") is ").append(field).append(", ")
                    .append(num(field / 1000.0)).append(" ").append(unit).append(" in thousandths or ").append(field)
                    .append(" ").append(unit).append(" in whole ").append(feet ? "feet" : "metres");
        }
        if (hasExtended) {
            b.append(hasField ? ", and its" : "its").append(" rev-2 extended interval (3273) is ").append(num(extended))
                    .append(" ").append(unit);
        }
        if (feet) {
            b.append(" (feet: measurement system, binary header byte 3255)");
        }
        return b.append("; the model is read at grid.dz; if the file's interval field is right, resample the model")
                .toString();
    }

    /** {@code v} without a trailing ".0", to 6 significant digits. */
    private static String num(double v) {
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        return s;
    }

    /**
     * Null when the file's depth step is grid.dz or not given; else one line for a warning under
     * the spec's field (the file is read at grid.dz all the same).
     */
    String depthStepNote() {
        return depthStepNote;
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
