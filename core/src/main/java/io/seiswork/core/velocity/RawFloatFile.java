package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * {@code maxGapBytes}, for example the rows of an "xyz" file, or the planes of a narrow file) are
 * read together, gaps included, so a window costs reads of a block each rather than one per run
 * (a read per run of 64 values took three times as long as reading through gaps 13 times the
 * runs' size). Reads are positioned, so one channel may serve several threads; every buffer
 * belongs to one call.
 *
 * <p>The read buffer is off the heap (a confined arena, freed when the call returns), so a read is
 * one copy from the page cache, and values leave it converted in bulk ({@link MemorySegment#copy}
 * swaps bytes where the file's order is not the machine's). With z fastest each column is copied
 * from it straight to its place in the window. In any other order a column's depths lie a row or
 * a plane apart, so the box is read a {@link ColumnTile} (about {@code tileBytes}) at a time and
 * each tile transposed into the window's columns: placing values one by one as they came cost
 * about as much as the reads.
 */
final class RawFloatFile {

    /** Bytes read at once: large enough that a read costs far more than the system call. */
    static final int DEFAULT_BLOCK_BYTES = 4 << 20;
    /** Largest gap between runs read through rather than skipped with a new read. */
    static final int DEFAULT_MAX_GAP_BYTES = 64 << 10;
    /** Values a tile holds when z is not the fastest axis: it and the columns it fills stay in cache. */
    static final int DEFAULT_TILE_BYTES = 1 << 20;

    /** The number of the z axis in {@link AxisOrder}. */
    private static final int Z = 2;

    private final Path file;
    private final Grid grid;
    private final int[] axes;
    private final ByteOrder byteOrder;
    private final ValueLayout.OfFloat floats;
    private final int blockFloats;
    private final int maxGapFloats;
    private final int tileFloats;

    RawFloatFile(Path file, Grid grid, AxisOrder order, ByteOrder byteOrder) {
        this(file, grid, order, byteOrder, DEFAULT_BLOCK_BYTES, DEFAULT_MAX_GAP_BYTES, DEFAULT_TILE_BYTES);
    }

    /** With a block and gap size of its own (bytes, multiples of 4), for tests that cross block edges. */
    RawFloatFile(Path file, Grid grid, AxisOrder order, ByteOrder byteOrder, int blockBytes, int maxGapBytes) {
        this(file, grid, order, byteOrder, blockBytes, maxGapBytes, DEFAULT_TILE_BYTES);
    }

    /** With block, gap and tile sizes of its own (bytes, multiples of 4), for tests that cross tile edges. */
    RawFloatFile(Path file, Grid grid, AxisOrder order, ByteOrder byteOrder, int blockBytes, int maxGapBytes,
            int tileBytes) {
        this.file = file;
        this.grid = grid;
        this.axes = order.axes();
        this.byteOrder = byteOrder;
        this.floats = ValueLayout.JAVA_FLOAT.withOrder(byteOrder);
        this.blockFloats = Math.max(1, blockBytes / Float.BYTES);
        this.maxGapFloats = Math.max(0, maxGapBytes / Float.BYTES);
        this.tileFloats = Math.max(1, tileBytes / Float.BYTES);
    }

    /** The size in bytes the file must have: {@code 4 · nx · ny · nz}. */
    long expectedBytes() {
        return (long) Float.BYTES * grid.nodes();
    }

    /** Bytes at the start of a file that {@link #requireSize} looks at to tell a text file. */
    static final int TEXT_SNIFF_BYTES = 1024;

    /**
     * Checks the file open on {@code ch}: a text file (its first {@value #TEXT_SNIFF_BYTES} bytes
     * printable ASCII with a digit among them, as a model written with numpy's {@code savetxt} or
     * Fortran's formatted output) is refused as such, whatever its size, since its byte count says
     * nothing useful; float32 velocities always have bytes outside printable ASCII (1500 m/s is
     * {@code 44 BB 80 00}).
     *
     * @throws IllegalArgumentException when the file looks like text or its size is not the size the grid needs
     */
    void requireSize(FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, TEXT_SNIFF_BYTES));
        while (head.hasRemaining() && ch.read(head, head.position()) >= 0) {
            // positioned reads until full or at the end
        }
        if (looksLikeText(head.array(), head.position())) {
            throw new IllegalArgumentException("file " + file + " looks like a text file (its first bytes are"
                    + " printable ASCII: \"" + firstLine(head.array(), head.position()) + "\"); raw models are binary"
                    + " float32, " + grid.nx() + " x " + grid.ny() + " x " + grid.nz() + " values = " + expectedBytes()
                    + " bytes; convert the text to float32 (for example numpy.loadtxt(...).astype('<f4').tofile(...))");
        }
        requireSize(size);
    }

    /** Whether {@code b[0..n)} is printable ASCII, tabs and line ends, with at least one digit. */
    static boolean looksLikeText(byte[] b, int n) {
        boolean digit = false;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            if (!(c >= 0x20 && c <= 0x7E) && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
            digit |= c >= '0' && c <= '9';
        }
        return digit;
    }

    /** The first line of {@code b[0..n)}, trimmed, at most 40 characters. */
    private static String firstLine(byte[] b, int n) {
        String text = new String(b, 0, n, java.nio.charset.StandardCharsets.US_ASCII).strip();
        int end = text.indexOf('\n');
        String line = (end < 0 ? text : text.substring(0, end)).strip();
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
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
     * full depth, into {@code out} in {@code window}'s {@link Grid#index} order. Besides
     * {@code out} it holds one read buffer (at most {@code blockBytes}) and, unless z is the
     * fastest axis, one tile (about {@code tileBytes}, or at most 16 of the window's rows along
     * the file's fastest axis where such rows are longer); it keeps neither.
     */
    void readColumns(FileChannel ch, int x0, int y0, Grid window, float[] out) throws IOException {
        Box box = new Box(x0, y0, window);
        try (Arena arena = Arena.ofConfined()) {
            if (axes[0] == Z) {
                Part all = box.part(0, box.w1, 0, box.w2);
                new Blocks(ch, arena, all.longestRead()).read(all, new ColumnSink(box, out));
                return;
            }
            ColumnTile tile = ColumnTile.of(box.w0, box.w1, box.w2, axes[2] == Z, tileFloats, floats);
            int rows = tile.rows();
            int slices = tile.slices();
            Blocks blocks = new Blocks(ch, arena, box.part(0, rows, 0, slices).longestRead());
            for (int c2 = 0; c2 < box.w2; c2 += slices) {
                for (int c1 = 0; c1 < box.w1; c1 += rows) {
                    Part part = box.part(c1, Math.min(rows, box.w1 - c1), c2, Math.min(slices, box.w2 - c2));
                    tile.clear();
                    blocks.read(part, tile);
                    tile.transposeInto(out, box.o0, box.o1, box.o2, part.c1, part.rows, part.c2, part.slices);
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
     * A window's box in file order: extents {@code w0, w1, w2} along the file's fastest, middle and
     * slowest axes, where it starts in the file and the window index's steps along those axes.
     * Positions and strides are in floats.
     */
    private final class Box {

        final int w0;
        final int w1;
        final int w2;
        final long n0;
        final long n1;
        final long stride1;
        final long stride2;
        final long first;
        final int o0;
        final int o1;
        final int o2;

        Box(int x0, int y0, Grid window) {
            int[] n = {grid.nx(), grid.ny(), grid.nz()};
            int[] start = {x0, y0, 0};
            int[] width = {window.nx(), window.ny(), window.nz()};
            int[] steps = {window.nz(), window.nx() * window.nz(), 1}; // window index steps along x, y, z
            w0 = width[axes[0]];
            w1 = width[axes[1]];
            w2 = width[axes[2]];
            n0 = n[axes[0]];
            n1 = n[axes[1]];
            stride1 = n0;
            stride2 = n0 * n1;
            first = start[axes[0]] + stride1 * start[axes[1]] + stride2 * start[axes[2]];
            o0 = steps[axes[0]];
            o1 = steps[axes[1]];
            o2 = steps[axes[2]];
        }

        /** The part of {@code rows} rows from {@code c1} (middle axis) in {@code slices} planes from {@code c2}. */
        Part part(int c1, int rows, int c2, int slices) {
            return new Part(this, c1, rows, c2, slices);
        }
    }

    /**
     * A part of a {@link Box}: whole rows along the fastest axis, {@code rows} of them along the
     * middle axis from {@code c1}, in {@code slices} planes of the slowest axis from {@code c2}; as
     * runs of contiguous values, evenly spaced in each slice, merged across axes the part spans
     * whole. The runs in order are the part's values in file order.
     */
    private final class Part {

        final int c1;
        final int rows;
        final int c2;
        final int slices;
        final long first;
        final long runFloats;
        final long runsPerSlice;
        final long runStride;
        final long sliceCount;
        final long sliceSpan;
        final long sliceStride;
        final boolean throughRuns;
        final boolean throughSlices;

        Part(Box box, int c1, int rows, int c2, int slices) {
            this.c1 = c1;
            this.rows = rows;
            this.c2 = c2;
            this.slices = slices;
            this.first = box.first + box.stride1 * c1 + box.stride2 * c2;
            this.sliceStride = box.stride2;
            if (box.w0 < box.n0) {
                runFloats = box.w0;
                runsPerSlice = rows;
                runStride = box.stride1;
                sliceCount = slices;
            } else if (rows < box.n1) {
                runFloats = box.stride1 * rows;
                runsPerSlice = 1;
                runStride = 0;
                sliceCount = slices;
            } else {
                runFloats = box.stride2 * slices;
                runsPerSlice = 1;
                runStride = 0;
                sliceCount = 1;
            }
            sliceSpan = (runsPerSlice - 1) * runStride + runFloats;
            throughRuns = runsPerSlice == 1 || runStride - runFloats <= maxGapFloats;
            throughSlices = throughRuns && sliceCount > 1 && sliceStride - sliceSpan <= maxGapFloats;
        }

        /**
         * The end (file position, floats) of the longest read that may start in the run ending at
         * {@code runEnd} of the slice starting at {@code sliceStart}: the run's, the slice's or the
         * part's, as far as the gaps between are small enough to read through.
         */
        long readEnd(long sliceStart, long runEnd) {
            if (throughSlices) {
                return first + (sliceCount - 1) * sliceStride + sliceSpan;
            }
            return throughRuns ? sliceStart + sliceSpan : runEnd;
        }

        /** The most floats one read of this part takes: the buffer it needs. */
        int longestRead() {
            long longest = throughSlices ? (sliceCount - 1) * sliceStride + sliceSpan
                    : throughRuns ? sliceSpan : runFloats;
            return (int) Math.min(blockFloats, longest);
        }
    }

    /** Takes a part's values as they come in file order, a piece of a run at a time. */
    interface RunSink {
        /** Takes {@code count} floats from byte {@code offset} of {@code src}. */
        void accept(MemorySegment src, long offset, int count);
    }

    /** Reads parts' runs through one buffer of its own (off the heap, so a read is one copy). */
    private final class Blocks {

        private final FileChannel ch;
        private final MemorySegment segment;
        private final ByteBuffer buffer;
        private final int capacity;

        Blocks(FileChannel ch, Arena arena, int capacity) {
            this.ch = ch;
            this.capacity = capacity;
            this.segment = arena.allocate(ValueLayout.JAVA_FLOAT, capacity);
            this.buffer = segment.asByteBuffer();
        }

        /** Hands every value of {@code part} to {@code sink} in file order. */
        void read(Part part, RunSink sink) throws IOException {
            long bufStart = 0;
            long bufEnd = 0;
            for (long s = 0; s < part.sliceCount; s++) {
                long sliceStart = part.first + s * part.sliceStride;
                for (long r = 0; r < part.runsPerSlice; r++) {
                    long runStart = sliceStart + r * part.runStride;
                    long runEnd = runStart + part.runFloats;
                    long pos = runStart;
                    while (pos < runEnd) {
                        if (pos < bufStart || pos >= bufEnd) {
                            bufStart = pos;
                            bufEnd = Math.min(pos + capacity, part.readEnd(sliceStart, runEnd));
                            RawFloatFile.this.read(ch, buffer, bufStart, (int) (bufEnd - bufStart));
                        }
                        int take = (int) (Math.min(runEnd, bufEnd) - pos);
                        sink.accept(segment, Float.BYTES * (pos - bufStart), take);
                        pos += take;
                    }
                }
            }
        }
    }

    /**
     * Places the values of a box whose fastest axis is z: a column's depths lie together in the
     * file as in the window, so each column (or the piece of it in this read) is one bulk copy;
     * counters over the box's extent along the file's axes give each column's index in the window.
     */
    private final class ColumnSink implements RunSink {

        private final float[] out;
        private final int nz;
        private final int w1;
        private final int o1;
        private final int o2;
        private int c0;
        private int c1;
        private int c2;
        private int index;

        ColumnSink(Box box, float[] out) {
            this.out = out;
            this.nz = box.w0;
            this.w1 = box.w1;
            this.o1 = box.o1;
            this.o2 = box.o2;
        }

        @Override
        public void accept(MemorySegment src, long offset, int count) {
            while (count > 0) {
                int take = Math.min(count, nz - c0);
                MemorySegment.copy(src, floats, offset, out, index, take);
                offset += (long) Float.BYTES * take;
                count -= take;
                c0 += take;
                index += take;
                if (c0 == nz) {
                    c0 = 0;
                    if (++c1 == w1) {
                        c1 = 0;
                        c2++;
                    }
                    index = c1 * o1 + c2 * o2;
                }
            }
        }
    }
}
