package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Where each node of a {@link Grid} lies in a headerless float32 file stored in any axis order and
 * byte order, and how to read a box of columns out of it with few, large positioned reads.
 *
 * <p>A box (columns x0.. by y0.., full depth) is, in file order, a set of contiguous runs: along
 * the fastest axis, merged with the next axes while the box spans them whole. With z fastest (the
 * usual "zxy") a run is a row of whole columns, and a window of full rows is a single run. Runs
 * are read in blocks of at most {@code blockBytes}; short runs separated by small gaps (at most
 * {@code maxGapBytes}, for example the rows of an "xyz" file) are read together, gaps included,
 * so a window costs reads of a block each rather than one per run. Reads are positioned, so one
 * channel may serve several threads.
 */
final class RawFloatFile {

    /** Bytes read at once: large enough that a read costs far more than the system call. */
    static final int DEFAULT_BLOCK_BYTES = 4 << 20;
    /** Largest gap between runs read through rather than skipped with a new read. */
    static final int DEFAULT_MAX_GAP_BYTES = 64 << 10;

    private final Path file;
    private final Grid grid;
    private final int[] axes;
    private final ByteOrder byteOrder;
    private final int blockFloats;
    private final int maxGapFloats;

    RawFloatFile(Path file, Grid grid, AxisOrder order, ByteOrder byteOrder) {
        this(file, grid, order, byteOrder, DEFAULT_BLOCK_BYTES, DEFAULT_MAX_GAP_BYTES);
    }

    /** With a block and gap size of its own (bytes, multiples of 4), for tests that cross block edges. */
    RawFloatFile(Path file, Grid grid, AxisOrder order, ByteOrder byteOrder, int blockBytes, int maxGapBytes) {
        this.file = file;
        this.grid = grid;
        this.axes = order.axes();
        this.byteOrder = byteOrder;
        this.blockFloats = Math.max(1, blockBytes / Float.BYTES);
        this.maxGapFloats = Math.max(0, maxGapBytes / Float.BYTES);
    }

    /** The size in bytes the file must have: {@code 4 · nx · ny · nz}. */
    long expectedBytes() {
        return (long) Float.BYTES * grid.nodes();
    }

    /**
     * @throws IllegalArgumentException when {@code size} bytes is not the size the grid needs
     */
    void requireSize(long size) {
        long expected = expectedBytes();
        if (size != expected) {
            throw new IllegalArgumentException("file " + file + " has " + size + " bytes but the grid needs "
                    + grid.nx() + " x " + grid.ny() + " x " + grid.nz() + " float32 values = " + expected + " bytes");
        }
    }

    /**
     * Reads the columns {@code x0 .. x0 + window.nx() - 1} by {@code y0 .. y0 + window.ny() - 1},
     * full depth, into {@code out} in {@code window}'s {@link Grid#index} order.
     */
    void readColumns(FileChannel ch, int x0, int y0, Grid window, float[] out) throws IOException {
        int[] n = {grid.nx(), grid.ny(), grid.nz()};
        int[] start = {x0, y0, 0};
        int[] width = {window.nx(), window.ny(), window.nz()};
        int a0 = axes[0];
        int a1 = axes[1];
        int a2 = axes[2];
        long stride1 = n[a0];
        long stride2 = (long) n[a0] * n[a1];
        long first = start[a0] + stride1 * start[a1] + stride2 * start[a2];
        // The box as groups of evenly spaced runs (floats): runs along a0, merged with a1 (and a2)
        // while the box spans the faster axes whole.
        long runFloats;
        long runsPerGroup;
        long runStride;
        long groups;
        if (width[a0] < n[a0]) {
            runFloats = width[a0];
            runsPerGroup = width[a1];
            runStride = stride1;
            groups = width[a2];
        } else if (width[a1] < n[a1]) {
            runFloats = stride1 * width[a1];
            runsPerGroup = 1;
            runStride = 0;
            groups = width[a2];
        } else {
            runFloats = stride2 * width[a2];
            runsPerGroup = 1;
            runStride = 0;
            groups = 1;
        }
        boolean readThroughGaps = runsPerGroup > 1 && runStride - runFloats <= maxGapFloats;
        long span = (groups - 1) * stride2 + (runsPerGroup - 1) * runStride + runFloats;
        ByteBuffer buf = ByteBuffer.allocate((int) (Float.BYTES * Math.min(blockFloats, span))).order(byteOrder);
        BoxSink sink = new BoxSink(window, axes, width, out);
        long bufStart = 0;
        long bufEnd = 0;
        FloatBuffer floats = null;
        for (long g = 0; g < groups; g++) {
            long groupStart = first + g * stride2;
            long groupEnd = groupStart + (runsPerGroup - 1) * runStride + runFloats;
            for (long r = 0; r < runsPerGroup; r++) {
                long runStart = groupStart + r * runStride;
                long runEnd = runStart + runFloats;
                long pos = runStart;
                while (pos < runEnd) {
                    if (pos < bufStart || pos >= bufEnd) {
                        long readEnd = Math.min(pos + blockFloats, readThroughGaps ? groupEnd : runEnd);
                        read(ch, buf, pos, (int) (readEnd - pos));
                        floats = buf.asFloatBuffer();
                        bufStart = pos;
                        bufEnd = readEnd;
                    }
                    int take = (int) (Math.min(runEnd, bufEnd) - pos);
                    floats.position((int) (pos - bufStart));
                    sink.accept(floats, take);
                    pos += take;
                }
            }
        }
    }

    /**
     * Streams the whole file once in file order, handing each block of values to {@code visitor}
     * with the file position (in floats) of its first value.
     */
    void stream(FileChannel ch, BlockVisitor visitor) throws IOException {
        long total = grid.nodes();
        int capacity = (int) Math.min(blockFloats, total);
        ByteBuffer buf = ByteBuffer.allocate(Float.BYTES * capacity).order(byteOrder);
        float[] block = new float[capacity];
        for (long pos = 0; pos < total; pos += capacity) {
            int count = (int) Math.min(capacity, total - pos);
            read(ch, buf, pos, count);
            buf.asFloatBuffer().get(block, 0, count);
            visitor.visit(block, count, pos);
        }
    }

    /** Receives the blocks of {@link #stream}. */
    interface BlockVisitor {
        /** {@code values[0 .. count)} lie at file positions {@code firstPosition ..} (floats). */
        void visit(float[] values, int count, long firstPosition);
    }

    /** The {@link Grid#offset} of the node stored at file position {@code position} (floats). */
    long nodeOffset(long position) {
        int[] n = {grid.nx(), grid.ny(), grid.nz()};
        int[] ijk = new int[3];
        ijk[axes[0]] = (int) (position % n[axes[0]]);
        long rest = position / n[axes[0]];
        ijk[axes[1]] = (int) (rest % n[axes[1]]);
        ijk[axes[2]] = (int) (rest / n[axes[1]]);
        return grid.offset(ijk[0], ijk[1], ijk[2]);
    }

    /** Reads {@code count} floats from file position {@code position} (floats) into {@code buf}, flipped. */
    private void read(FileChannel ch, ByteBuffer buf, long position, int count) throws IOException {
        buf.clear().limit(Float.BYTES * count);
        long at = Float.BYTES * position;
        while (buf.hasRemaining()) {
            int got = ch.read(buf, at);
            if (got < 0) {
                throw new IOException("file " + file + " ended at byte " + at + " while reading " + count
                        + " floats from byte " + Float.BYTES * position + " (was it truncated after it was opened?)");
            }
            at += got;
        }
        buf.flip();
    }

    /**
     * Places a box's values, arriving in file order, at their nodes of the window: counters over
     * the box's extent along the file's axes give each value's index in the window.
     */
    private static final class BoxSink {

        private final float[] out;
        private final int w0;
        private final int w1;
        private final int stride0;
        private final int stride1;
        private final int stride2;
        private int c0;
        private int c1;
        private int c2;
        private int index;

        BoxSink(Grid window, int[] axes, int[] width, float[] out) {
            int[] strides = {window.nz(), window.nx() * window.nz(), 1}; // window index steps along x, y, z
            this.out = out;
            this.w0 = width[axes[0]];
            this.w1 = width[axes[1]];
            this.stride0 = strides[axes[0]];
            this.stride1 = strides[axes[1]];
            this.stride2 = strides[axes[2]];
        }

        /** Takes the next {@code count} values of the box from {@code in}. */
        void accept(FloatBuffer in, int count) {
            while (count > 0) {
                int take = Math.min(count, w0 - c0);
                if (stride0 == 1) {
                    in.get(out, index, take);
                } else {
                    for (int k = 0, i = index; k < take; k++, i += stride0) {
                        out[i] = in.get();
                    }
                }
                count -= take;
                c0 += take;
                index += take * stride0;
                if (c0 == w0) {
                    c0 = 0;
                    if (++c1 == w1) {
                        c1 = 0;
                        c2++;
                    }
                    index = c1 * stride1 + c2 * stride2;
                }
            }
        }
    }
}
