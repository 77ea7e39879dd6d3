package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.SegyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A SEG-Y velocity file (one trace of {@code nz} samples per column, m/s) read a window at a time.
 *
 * <p>Opening reads the file once, in file order: it places every trace on its column
 * ({@link SegyColumnPlacement}: by inline/crossline numbers for a sorted cube, else file order x
 * fastest), finds the range and checks every value. A cube whose traces do not already lie in
 * column order (x fastest, then y) keeps a table of each column's trace, 4 bytes per column (100 MB
 * for 25 million columns); one in column order keeps none.
 *
 * <p>The field holds no file descriptor: each window opens its own {@link SegyReader} (headers
 * only, 3600 bytes) and reads just the window's traces, in file order, so fields are thread-safe.
 *
 * <p>Measured on the development machine from the page cache (IEEE floats, 1000 samples per
 * trace): opening at 0.4 to 1.1 GB/s of file, windows of a crossline-sorted cube at about 0.7 GB/s.
 */
public final class SegyVelocityField extends ColumnVelocityField {

    /** Sorts after every trace of a table (which holds at most {@code Integer.MAX_VALUE - 8}). */
    private static final int NO_TRACE = Integer.MAX_VALUE;

    private final Path file;
    /** The trace of each column {@code iy · nx + ix}, -1 for none; null when column c is trace c. */
    private final int[] traceOfColumn;
    private final String depthStepNote;

    private SegyVelocityField(Path file, Grid grid, int[] traceOfColumn, float min, float max, String depthStepNote) {
        super(grid, min, max);
        this.file = file;
        this.traceOfColumn = traceOfColumn;
        this.depthStepNote = depthStepNote;
    }

    /**
     * Null when the file's depth step is grid.dz (or not given); else one line for a warning: the
     * file's interval fields say another step, and the model is read at grid.dz all the same
     * ({@link SegyColumnPlacement}).
     */
    public String depthStepNote() {
        return depthStepNote;
    }

    /**
     * Opens {@code file} and checks it with one pass over its traces.
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws IllegalArgumentException when the file's trace or sample count, or its cube's shape, does not
     *     match the grid (a depth step other than grid.dz is a {@link #depthStepNote()})
     * @throws InvalidVelocityException when a value is not positive and finite
     * @throws io.seiswork.core.segy.SegyException when the file is not readable SEG-Y
     */
    public static SegyVelocityField open(Path file, Grid grid) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (SegyReader r = SegyReader.open(file)) {
            SegyColumnPlacement placement = SegyColumnPlacement.of(file, r, grid);
            long columns = r.traceCount();
            int[] table = placement.byNumbers() ? newTable(file, columns) : null;
            boolean collided = false;
            VelocityScan scan = new VelocityScan(grid);
            float[] trace = new float[grid.nz()];
            for (long t = 0; t < columns; t++) {
                long column;
                if (table != null) {
                    column = placement.column(t, r.readHeaderAndTrace(t, trace));
                    collided |= table[(int) column] >= 0;
                    table[(int) column] = (int) t;
                } else {
                    r.readTrace(t, trace);
                    column = t;
                }
                scan.addRun(trace, 0, grid.nz(), column * grid.nz());
            }
            if (collided) {
                // Two traces rounded to one column: the later one fills it and some column stays 0 m/s,
                // as in the whole model; check what the columns finally hold.
                scan = rescan(r, grid, table);
            }
            scan.requireValid();
            return new SegyVelocityField(file, grid, isIdentity(table) ? null : table, scan.min(), scan.max(),
                    placement.depthStepNote());
        }
    }

    private static int[] newTable(Path file, long columns) {
        if (columns > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("file " + file + " has " + columns + " traces placed by their inline and"
                    + " crossline numbers; at most " + (Integer.MAX_VALUE - 8) + " can be placed");
        }
        int[] table = new int[(int) columns];
        Arrays.fill(table, -1);
        return table;
    }

    private static VelocityScan rescan(SegyReader r, Grid grid, int[] table) {
        VelocityScan scan = new VelocityScan(grid);
        float[] trace = new float[grid.nz()];
        for (int c = 0; c < table.length; c++) {
            if (table[c] >= 0) {
                r.readTrace(table[c], trace);
            } else {
                Arrays.fill(trace, 0f);
            }
            scan.addRun(trace, 0, grid.nz(), (long) c * grid.nz());
        }
        return scan;
    }

    private static boolean isIdentity(int[] table) {
        if (table == null) {
            return true;
        }
        for (int c = 0; c < table.length; c++) {
            if (table[c] != c) {
                return false;
            }
        }
        return true;
    }

    /** The file the field reads. */
    public Path file() {
        return file;
    }

    /**
     * Reads the window's traces.
     *
     * @throws io.seiswork.core.segy.SegyException when the file cannot be read (moved or changed since it was opened)
     */
    @Override
    void fill(int x0, int y0, Grid window, float[] out) {
        Grid grid = grid();
        int nz = grid.nz();
        float[] trace = new float[nz];
        try (SegyReader r = SegyReader.open(file)) {
            if (traceOfColumn == null) {
                for (int iy = 0; iy < window.ny(); iy++) {
                    for (int ix = 0; ix < window.nx(); ix++) {
                        r.readTrace((long) (y0 + iy) * grid.nx() + x0 + ix, trace);
                        System.arraycopy(trace, 0, out, window.index(ix, iy, 0), nz);
                    }
                }
            } else {
                for (long key : tracesInFileOrder(x0, y0, window)) {
                    int t = (int) (key >>> 32);
                    if (t != NO_TRACE) {
                        r.readTrace(t, trace);
                        System.arraycopy(trace, 0, out, (int) key * nz, nz);
                    }
                }
            }
        }
    }

    /**
     * The window's columns, each as {@code trace << 32 | column in the window}, sorted by trace so
     * the reader reads them in file order (and reads ahead); columns without a trace come last.
     */
    private long[] tracesInFileOrder(int x0, int y0, Grid window) {
        int wnx = window.nx();
        long[] keys = new long[wnx * window.ny()];
        for (int iy = 0; iy < window.ny(); iy++) {
            for (int ix = 0; ix < wnx; ix++) {
                int t = traceOfColumn[(y0 + iy) * grid().nx() + x0 + ix];
                keys[iy * wnx + ix] = (long) (t < 0 ? NO_TRACE : t) << 32 | (iy * wnx + ix);
            }
        }
        Arrays.sort(keys);
        return keys;
    }
}
