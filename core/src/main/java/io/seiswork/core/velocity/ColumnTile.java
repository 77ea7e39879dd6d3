package io.seiswork.core.velocity;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A piece of a window read from a raw file whose fastest axis is x or y, and its transposition
 * into the window's columns (z contiguous). The tile holds whole rows along the file's fastest
 * axis ({@code w0} values each), {@code rows} of them along the middle axis in each of
 * {@code slices} planes of the slowest axis, side by side in file order as {@link RawFloatFile}
 * reads them; z is the middle or the slowest axis.
 *
 * <p>Why a tile: in such a file a column's neighbouring depths are a row or a plane apart, so
 * placing values one by one as they arrive writes each to another cache line of the window, and
 * with z slowest the window's lines are evicted (by the reads between two planes) before their
 * next depths arrive. A tile gathers many depths of each column and is then written a few columns
 * at a time, each column's depths in turn: every cache line of the window is filled in one go, by
 * few streams at once. The tile holds about {@link RawFloatFile#DEFAULT_TILE_BYTES} (1 MiB, with z
 * slowest at least {@value #MIN_DEPTHS} depths, so that a column receives a whole cache line).
 *
 * <p>A tile belongs to one read of one window: it is not shared between threads.
 */
final class ColumnTile implements RawFloatFile.RunSink {

    /** Depths a tile spans at least when z is the file's slowest axis (while the window has them). */
    static final int MIN_DEPTHS = 16;
    /**
     * Columns written at once: few enough that their cache lines of the window stay in L1 even when
     * the columns' stride maps them all to one cache set (y fastest, windows of 2ⁿ columns).
     * Measured from the page cache on a 2-core VM: 8 is best with z slowest, 4 with z the middle
     * axis (whose tiles hold long runs of depths); with 16, windows of 256 × 256 columns from a
     * y-fastest file ran at 40 % of the rate, with 32 at 20 %.
     */
    private static final int COLUMNS_Z_SLOWEST = 8;
    private static final int COLUMNS_Z_MIDDLE = 4;

    private final int w0;
    private final boolean zSlowest;
    private final int rows;
    private final int slices;
    private final ValueLayout.OfFloat floats;
    private final float[] values;
    private int filled;

    private ColumnTile(int w0, boolean zSlowest, int rows, int slices, ValueLayout.OfFloat floats) {
        this.w0 = w0;
        this.zSlowest = zSlowest;
        this.rows = rows;
        this.slices = slices;
        this.floats = floats;
        this.values = new float[Math.multiplyExact(Math.multiplyExact(w0, rows), slices)];
    }

    /**
     * A tile for a box of {@code w0 × w1 × w2} values along the file's fastest, middle and slowest
     * axes, of about {@code tileFloats} values: as many whole planes of the two fast axes as fit
     * (with z slowest: while at least {@link #MIN_DEPTHS} fit), otherwise fewer rows of the middle
     * axis in one plane (with z slowest: in {@link #MIN_DEPTHS} planes).
     *
     * @param zSlowest whether z is the file's slowest axis (otherwise the middle one)
     * @param floats the file's float layout (byte order)
     */
    static ColumnTile of(int w0, int w1, int w2, boolean zSlowest, int tileFloats, ValueLayout.OfFloat floats) {
        long plane = (long) w0 * w1;
        int minSlices = zSlowest ? Math.min(w2, MIN_DEPTHS) : 1;
        if (plane * minSlices <= tileFloats) {
            return new ColumnTile(w0, zSlowest, w1, (int) Math.min(w2, tileFloats / plane), floats);
        }
        int rows = (int) Math.max(1, tileFloats / ((long) w0 * minSlices));
        return new ColumnTile(w0, zSlowest, rows, minSlices, floats);
    }

    /** Rows along the middle axis the tile holds at most. */
    int rows() {
        return rows;
    }

    /** Planes of the slowest axis the tile holds at most. */
    int slices() {
        return slices;
    }

    /** Empties the tile for the next part. */
    void clear() {
        filled = 0;
    }

    /** Appends {@code count} floats from byte {@code offset} of {@code src}, bytes swapped in bulk. */
    @Override
    public void accept(MemorySegment src, long offset, int count) {
        MemorySegment.copy(src, floats, offset, values, filled, count);
        filled += count;
    }

    /**
     * Puts the tile's values, rows {@code c1 .. c1 + partRows - 1} of planes {@code c2 .. c2 +
     * partSlices - 1} of the box, at their nodes of the window; {@code o0, o1, o2} are the window
     * index's steps along the file's fastest, middle and slowest axes (1 along z).
     */
    void transposeInto(float[] out, int o0, int o1, int o2, int c1, int partRows, int c2, int partSlices) {
        int base = c1 * o1 + c2 * o2;
        int plane = partRows * w0;
        if (zSlowest) {
            // lines of columns: the rows; depths: the planes
            transpose(out, base, o0, COLUMNS_Z_SLOWEST, partRows, w0, o1, partSlices, plane);
        } else {
            // lines of columns: the planes; depths: the rows
            transpose(out, base, o0, COLUMNS_Z_MIDDLE, partSlices, plane, o2, partRows, w0);
        }
    }

    /**
     * For each of {@code lines} lines of {@code w0} columns (tile step {@code tileLine}, window
     * step {@code outLine}), {@code block} columns at a time, copies {@code depths} depths of each
     * (tile step {@code tileDepth}, window step 1). A column's tile step is 1, its window step
     * {@code o0}.
     */
    private void transpose(float[] out, int base, int o0, int block, int lines, int tileLine, int outLine,
            int depths, int tileDepth) {
        float[] v = values;
        for (int l = 0; l < lines; l++) {
            for (int b = 0; b < w0; b += block) {
                int columns = Math.min(block, w0 - b);
                int src = l * tileLine + b;
                int dst = base + l * outLine + b * o0;
                for (int d = 0; d < depths; d++, src += tileDepth, dst++) {
                    for (int k = 0, at = dst; k < columns; k++, at += o0) {
                        out[at] = v[src + k];
                    }
                }
            }
        }
    }
}
