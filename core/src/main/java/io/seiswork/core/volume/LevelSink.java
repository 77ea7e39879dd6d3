package io.seiswork.core.volume;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * One pyramid level being written by {@link SwvWriter}: a slab of one brick-row (B y-rows of
 * nx × nz samples, index {@code (y · nx + x) · nz + z}) that fills up, is cut into bricks and
 * written, then decimated into the next level's slab. The next level flushes every second
 * brick-row, so the whole pyramid is built in the same single pass as level 0 and memory stays at
 * about 4/3 of one level-0 slab.
 */
final class LevelSink {

    private final BrickWriter out;
    private final BrickLayout layout;
    private final int level;
    private final BrickLayout.Level dims;
    private final LevelSink next;
    private final int b;
    private final float[] slab;
    private final float[] brick;
    private final ByteBuffer brickBytes;
    private final FloatBuffer brickFloats;
    private int brickRow;
    private int rows;

    /** Writes bricks at positions in the file. */
    interface BrickWriter {
        void write(long offset, ByteBuffer bytes);
    }

    LevelSink(BrickWriter out, BrickLayout layout, int level, LevelSink next) {
        this.out = out;
        this.layout = layout;
        this.level = level;
        this.dims = layout.level(level);
        this.next = next;
        this.b = layout.brickSize();
        // A brick-row holds b planes of constant y, or all of them when the level has fewer (a 2D
        // section has one): its bricks are padded with zeros when written, not held padded.
        long samples = slabRows(b, dims.ny()) * dims.nx() * dims.nz();
        if (samples > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a brick-row of " + slabRows(b, dims.ny()) + " x " + dims.nx() + " x "
                    + dims.nz() + " samples exceeds 2^31; use a smaller brick size");
        }
        this.slab = new float[(int) samples];
        this.brick = new float[layout.brickSamples()];
        this.brickBytes = ByteBuffer.allocateDirect((int) layout.brickBytes()).order(ByteOrder.LITTLE_ENDIAN);
        this.brickFloats = brickBytes.asFloatBuffer();
    }

    /** Planes of constant y a level's slab holds: a brick's edge, or the level's planes when fewer. */
    static long slabRows(int brickSize, int ny) {
        return Math.min(brickSize, ny);
    }

    /** The slab being filled (row {@code r} starts at {@code r · nx · nz}). */
    float[] slab() {
        return slab;
    }

    /** Records that rows {@code [0, end)} of the slab hold data. */
    void rowsFilled(int end) {
        rows = Math.max(rows, end);
    }

    /**
     * Writes the current brick-row, hands its decimation to the next level (which flushes after
     * every second brick-row, or after the last one), and starts the next brick-row.
     */
    void flush() {
        if (rows == 0) {
            return;
        }
        int by = brickRow;
        for (int bx = 0; bx < dims.bricksX(); bx++) {
            for (int bz = 0; bz < dims.bricksZ(); bz++) {
                pack(bx, bz);
                brickBytes.clear();
                out.write(layout.brickOffset(level, bx, by, bz), brickBytes);
            }
        }
        if (next != null) {
            int half = b / 2;
            int at = (by % 2) * half;
            Decimation.decimate(slab, rows, dims.nx(), dims.nz(), next.slab, at);
            next.rowsFilled(at + (rows + 1) / 2);
            if (by % 2 == 1 || by == dims.bricksY() - 1) {
                next.flush();
            }
        }
        rows = 0;
        brickRow++;
    }

    private void pack(int bx, int bz) {
        int x0 = bx * b;
        int z0 = bz * b;
        int nxIn = Math.min(b, dims.nx() - x0);
        int nzIn = Math.min(b, dims.nz() - z0);
        java.util.Arrays.fill(brick, 0f);
        for (int ly = 0; ly < rows; ly++) {
            for (int lx = 0; lx < nxIn; lx++) {
                System.arraycopy(slab, (ly * dims.nx() + x0 + lx) * dims.nz() + z0, brick, (ly * b + lx) * b, nzIn);
            }
        }
        brickFloats.clear();
        brickFloats.put(brick);
    }

    /** Brick-rows written so far. */
    int brickRowsWritten() {
        return brickRow;
    }
}
