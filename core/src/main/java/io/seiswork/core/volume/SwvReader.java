package io.seiswork.core.volume;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32;

/**
 * Reads a {@code .swv} volume brick by brick through a {@link ByteRangeReader} (a local file or a
 * remote object), with decoded bricks kept in a {@link BrickCache} bounded in bytes.
 *
 * <p>Opening reads only the first {@value SwvFormat#DATA_OFFSET} bytes and checks the magic, the
 * version, the header's CRC-32, every header field, the levels against the layout the dimensions
 * imply and the object size against that layout; any mismatch is a {@link SwvException} naming the
 * file, what was checked, and what was expected and found.
 *
 * <p>A slice reads only the bricks it crosses (one brick-row, -column or -layer of the level), so
 * its cost grows with the slice's area, not with the volume; a superseded read stops between
 * bricks ({@link #slice(SliceOrientation, int, int, BooleanSupplier)}). Thread-safe.
 */
public final class SwvReader implements VolumeSource {

    /** Default brick cache: 256 MiB (256 bricks of 64³). */
    public static final long DEFAULT_CACHE_BYTES = 256L << 20;

    private final ByteRangeReader source;
    private final VolumeHeader header;
    private final BrickLayout layout;
    private final VolumeAxes[] axes;
    private final BrickCache cache;

    private SwvReader(ByteRangeReader source, VolumeHeader header, long cacheBytes) {
        this.source = source;
        this.header = header;
        this.layout = header.layout();
        this.axes = new VolumeAxes[layout.levels().size()];
        axes[0] = header.axes();
        for (int l = 1; l < axes.length; l++) {
            axes[l] = axes[l - 1].decimated();
        }
        this.cache = new BrickCache(cacheBytes);
    }

    /** Opens a local file with the default cache. */
    public static SwvReader open(Path file) {
        return open(FileRangeReader.open(file), DEFAULT_CACHE_BYTES);
    }

    /**
     * Opens the volume {@code source} holds; the reader owns {@code source} and closes it.
     *
     * @throws SwvException when the object is not a valid {@code .swv} (closing {@code source})
     */
    public static SwvReader open(ByteRangeReader source, long cacheBytes) {
        try {
            return new SwvReader(source, readHeader(source), cacheBytes);
        } catch (RuntimeException e) {
            try {
                source.close();
            } catch (RuntimeException ce) {
                e.addSuppressed(ce);
            }
            throw e;
        }
    }

    private static VolumeHeader readHeader(ByteRangeReader src) {
        String name = src.name();
        long size = src.size();
        if (size < SwvFormat.DATA_OFFSET) {
            throw SwvException.mismatch(name, "file too short for a .swv header (bytes)", ">= " + SwvFormat.DATA_OFFSET, size);
        }
        ByteBuffer head = ByteBuffer.allocate(SwvFormat.DATA_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        src.read(0, head);
        byte[] magic = new byte[SwvFormat.MAGIC.length];
        head.get(0, magic);
        if (!Arrays.equals(magic, SwvFormat.MAGIC)) {
            throw SwvException.mismatch(name, "not a .swv volume (magic bytes 0-7)", hex(SwvFormat.MAGIC), hex(magic));
        }
        int version = head.getInt(8);
        if (version != SwvFormat.VERSION) {
            throw SwvException.mismatch(name, "unsupported .swv version (bytes 8-11)", SwvFormat.VERSION, version);
        }
        int length = head.getInt(12);
        if (length <= 0 || length > SwvFormat.DATA_OFFSET - SwvFormat.JSON_OFFSET) {
            throw SwvException.mismatch(name, "header length (bytes 12-15)",
                    "1.." + (SwvFormat.DATA_OFFSET - SwvFormat.JSON_OFFSET), length);
        }
        byte[] json = new byte[length];
        head.get(SwvFormat.JSON_OFFSET, json);
        CRC32 crc = new CRC32();
        crc.update(json);
        int stored = head.getInt(16);
        if (stored != (int) crc.getValue()) {
            throw SwvException.mismatch(name, "header is corrupted (CRC-32 of the JSON header, bytes 16-19)",
                    String.format("%08x", stored), String.format("%08x", (int) crc.getValue()));
        }
        VolumeHeader h = SwvHeaderJson.read(name, json);
        long expected = h.layout().fileSize();
        if (size != expected) {
            throw SwvException.mismatch(name, (size < expected ? "file is truncated" : "file has trailing bytes")
                    + " (size in bytes for " + h.axes().x().count() + " x " + h.axes().y().count() + " x "
                    + h.axes().z().count() + " samples in " + h.brickSize() + "³ bricks, "
                    + h.layout().levels().size() + " levels)", expected, size);
        }
        return h;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }

    /** The parsed header. */
    public VolumeHeader header() {
        return header;
    }

    /** The SEG-Y grid kept in the header (inline and crossline numbers), null when it has none. */
    @Override
    public SegyGrid segyGrid() {
        return header.segy();
    }

    /** The brick layout. */
    public BrickLayout layout() {
        return layout;
    }

    /** The brick cache (for statistics and cold-cache benchmarks). */
    public BrickCache cache() {
        return cache;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public int levels() {
        return axes.length;
    }

    @Override
    public VolumeAxes axes(int level) {
        return axes[level];
    }

    @Override
    public Histogram histogram() {
        return header.histogram();
    }

    @Override
    public String zUnit() {
        return header.zUnit();
    }

    @Override
    public String valueUnit() {
        return header.valueUnit();
    }

    /**
     * The samples of brick (bx, by, bz) of {@code level}: B³ floats indexed
     * {@code (ly · B + lx) · B + lz}, zero outside the volume. Shared with the cache: do not modify.
     */
    public float[] brick(int level, int bx, int by, int bz) {
        BrickLayout.Level d = layout.level(level);
        long index = ((long) by * d.bricksX() + bx) * d.bricksZ() + bz;
        return cache.get(BrickCache.key(level, index), k -> load(layout.brickOffset(level, bx, by, bz)));
    }

    private float[] load(long offset) {
        ByteBuffer bytes = ByteBuffer.allocate((int) layout.brickBytes()).order(ByteOrder.LITTLE_ENDIAN);
        source.read(offset, bytes);
        bytes.flip();
        float[] out = new float[layout.brickSamples()];
        bytes.asFloatBuffer().get(out);
        return out;
    }

    @Override
    public Slice slice(SliceOrientation o, int index, int level) {
        return slice(o, index, level, () -> false);
    }

    /** Asks {@code superseded} before each brick, or each run of an inline's bricks, it reads. */
    @Override
    public Slice slice(SliceOrientation o, int index, int level, BooleanSupplier superseded) {
        VolumeSource.checkSlice(this, o, index, level);
        VolumeAxes a = axes[level];
        int w = a.across(o).count();
        int h = a.down(o).count();
        float[] out = new float[Math.multiplyExact(w, h)];
        int b = layout.brickSize();
        int fixedBrick = index / b;
        int local = index % b;
        int acrossBricks = (w + b - 1) / b;
        int downBricks = (h + b - 1) / b;
        if (o == SliceOrientation.INLINE) {
            inlineBricks(level, fixedBrick, superseded, (ba, bd, brick) -> place(o, brick, ba, bd, local, b, w, h, out));
        } else {
            for (int bd = 0; bd < downBricks; bd++) {
                for (int ba = 0; ba < acrossBricks; ba++) {
                    stopIf(superseded);
                    float[] brick = o == SliceOrientation.CROSSLINE ? brick(level, fixedBrick, ba, bd)
                            : brick(level, ba, bd, fixedBrick);
                    place(o, brick, ba, bd, local, b, w, h, out);
                }
            }
        }
        return new Slice(o, level, index, a.across(o), a.down(o), out);
    }

    private void stopIf(BooleanSupplier superseded) {
        if (superseded.getAsBoolean()) {
            throw new CancellationException("slice of " + name() + " superseded");
        }
    }

    /** Takes one brick of an inline slice: across index {@code ba} (x), down index {@code bd} (z). */
    @FunctionalInterface
    private interface InlineBrick {
        void accept(int ba, int bd, float[] brick);
    }

    /** The most bytes one read of consecutive bricks fetches (one ranged GET on S3). */
    static final long RUN_BYTES = 16L << 20;

    /**
     * Hands every brick of brick row {@code by} of {@code level} to {@code sink}, in file order.
     * The bricks of an inline lie one after the other in the file (x, then z), so those missing
     * from the cache are read in runs, one read (one GET on S3) of at most {@link #RUN_BYTES}
     * each, instead of one per brick: a 2D section in small bricks, or a remote 3D inline, would
     * otherwise cost a round trip per brick. Each run is decoded and handed over before the next is
     * read, so memory stays one run whatever the row's size.
     */
    private void inlineBricks(int level, int by, BooleanSupplier superseded, InlineBrick sink) {
        BrickLayout.Level d = layout.level(level);
        int perRow = Math.multiplyExact(d.bricksX(), d.bricksZ());
        long first = (long) by * perRow;
        long brickBytes = layout.brickBytes();
        int maxRun = (int) Math.max(1, RUN_BYTES / brickBytes);
        int i = 0;
        while (i < perRow) {
            stopIf(superseded);
            float[] cached = cache.peek(BrickCache.key(level, first + i));
            if (cached != null) {
                sink.accept(i / d.bricksZ(), i % d.bricksZ(), brick(level, i / d.bricksZ(), by, i % d.bricksZ()));
                i++;
                continue;
            }
            int run = 1;
            while (i + run < perRow && run < maxRun && cache.peek(BrickCache.key(level, first + i + run)) == null) {
                run++;
            }
            ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(run * brickBytes)).order(ByteOrder.LITTLE_ENDIAN);
            source.read(d.offset() + (first + i) * brickBytes, bytes);
            bytes.flip();
            FloatBuffer floats = bytes.asFloatBuffer();
            for (int k = 0; k < run; k++, i++) {
                float[] decoded = new float[layout.brickSamples()];
                floats.get(decoded);
                float[] brick = cache.get(BrickCache.key(level, first + i), key -> decoded);
                sink.accept(i / d.bricksZ(), i % d.bricksZ(), brick);
            }
        }
    }

    /** Copies the part of {@code brick} (across index ba, down index bd) that the slice shows into {@code out}. */
    private static void place(SliceOrientation o, float[] brick, int ba, int bd, int local, int b, int w, int h,
            float[] out) {
        int cols = Math.min(b, w - ba * b);
        int rows = Math.min(b, h - bd * b);
        for (int r = 0; r < rows; r++) {
            int dst = (bd * b + r) * w + ba * b;
            for (int c = 0; c < cols; c++) {
                int src = switch (o) {
                    case INLINE -> (local * b + c) * b + r;
                    case CROSSLINE -> (c * b + local) * b + r;
                    case DEPTH -> (r * b + c) * b + local;
                };
                out[dst + c] = brick[src];
            }
        }
    }

    @Override
    public void close() {
        cache.clear();
        source.close();
    }
}
