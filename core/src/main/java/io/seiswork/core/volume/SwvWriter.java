package io.seiswork.core.volume;

import io.seiswork.core.files.IoProblems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Writes a {@code .swv} volume column by column (streaming): the caller hands the nz samples of
 * each (x, y) column in SEG-Y post-stack order, x fastest then y, as traces come from a file or a
 * generator. Memory is one brick-row slab per level (B · nx · nz floats at level 0, a quarter of
 * that at level 1, ...), never the volume: every pyramid level is built from the level below in
 * the same pass (see {@link LevelSink}).
 *
 * <p>The header is written last, by {@link #close()}, so a file whose writing stopped half way
 * has no magic and is rejected when opened. Not thread-safe.
 */
public final class SwvWriter implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final VolumeAxes axes;
    private final SwvWriteOptions options;
    private final BrickLayout layout;
    private final LevelSink level0;
    private final HistogramBuilder histogram = new HistogramBuilder();
    private final int nx;
    private final int nz;
    private final long columns;
    private long written;
    private boolean closed;

    private SwvWriter(Path file, FileChannel channel, VolumeAxes axes, SwvWriteOptions options) {
        this.file = file;
        this.channel = channel;
        this.axes = axes;
        this.options = options;
        this.nx = axes.x().count();
        this.nz = axes.z().count();
        this.columns = (long) nx * axes.y().count();
        this.layout = BrickLayout.of(nx, axes.y().count(), nz, options.brickSize(), SwvFormat.DATA_OFFSET);
        LevelSink sink = null;
        for (int l = layout.levels().size() - 1; l >= 0; l--) {
            sink = new LevelSink(this::writeAt, layout, l, sink);
        }
        this.level0 = sink;
    }

    /**
     * The memory a writer of a volume of nx × ny × nz samples holds, in bytes: per pyramid level
     * one brick-row of float32 (a brick's edge of planes of constant y, or the level's planes when
     * fewer) and one brick packed for writing, twice (an array and a direct buffer): what writing
     * a survey's image costs beside its planes.
     */
    public static long bufferBytes(int nx, int ny, int nz, int brickSize) {
        long bytes = 0;
        for (BrickLayout.Level l : BrickLayout.of(nx, ny, nz, brickSize, SwvFormat.DATA_OFFSET).levels()) {
            // The level's brick-row, then the brick it packs and that brick's direct buffer.
            bytes += 4 * LevelSink.slabRows(brickSize, l.ny()) * l.nx() * l.nz() + 8L * brickSize * brickSize * brickSize;
        }
        return bytes;
    }

    /**
     * Creates (or truncates) {@code file} for a volume with these axes.
     *
     * @throws SwvException when the file cannot be created
     * @throws IllegalArgumentException when the options or dimensions are invalid
     */
    public static SwvWriter create(Path file, VolumeAxes axes, SwvWriteOptions options) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new SwvException(file.toString(), "cannot create: " + IoProblems.notCreated(e, file), e);
        }
        try {
            return new SwvWriter(file, ch, axes, options);
        } catch (RuntimeException e) {
            try {
                ch.close();
            } catch (IOException ce) {
                e.addSuppressed(ce);
            }
            throw e;
        }
    }

    /** The brick layout being written. */
    public BrickLayout layout() {
        return layout;
    }

    /** Columns written so far. */
    public long columnsWritten() {
        return written;
    }

    /**
     * Appends the next column: {@code column[0 .. nz)} at x = written mod nx, y = written / nx.
     *
     * @throws IllegalArgumentException when the column is shorter than nz
     * @throws IllegalStateException when every column was already written
     */
    public void writeColumn(float[] column) {
        if (column.length < nz) {
            throw new IllegalArgumentException("column " + written + " for " + file + " has " + column.length
                    + " samples, the volume has nz = " + nz);
        }
        if (written >= columns) {
            throw new IllegalStateException(file + " already has all " + columns + " columns");
        }
        int b = layout.brickSize();
        int iy = (int) (written / nx);
        int ix = (int) (written % nx);
        int row = iy % b;
        System.arraycopy(column, 0, level0.slab(), (row * nx + ix) * nz, nz);
        histogram.add(column, 0, nz);
        written++;
        if (ix == nx - 1) {
            level0.rowsFilled(row + 1);
            if (row == b - 1 || written == columns) {
                level0.flush();
            }
        }
    }

    private void writeAt(long offset, ByteBuffer bytes) {
        long pos = offset;
        try {
            while (bytes.hasRemaining()) {
                pos += channel.write(bytes, pos);
            }
        } catch (IOException e) {
            throw new SwvException(file.toString(), "write failed at byte " + pos + ": " + IoProblems.describe(e, file), e);
        }
    }

    /**
     * Writes the header and closes the file.
     *
     * @throws SwvException when fewer columns than nx · ny were written (the file is left without a
     *     header, so it cannot be mistaken for a volume) or writing fails
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            if (written != columns) {
                throw SwvException.mismatch(file.toString(), "volume closed before all columns were written (columns)",
                        columns, written);
            }
            VolumeHeader header = new VolumeHeader(axes, options.lengthUnit(), options.zUnit(), options.valueUnit(),
                    options.brickSize(), SwvFormat.DATA_OFFSET, histogram.build(SwvFormat.HISTOGRAM_BINS), options.segy());
            writeAt(0, preamble(SwvHeaderJson.write(header)));
        } catch (IOException e) {
            throw new SwvException(file.toString(), "close failed: " + IoProblems.describe(e, file), e);
        }
    }

    /** Magic, version, JSON length and CRC-32, JSON, zero padding up to the data offset. */
    private ByteBuffer preamble(byte[] json) {
        if (SwvFormat.JSON_OFFSET + json.length > SwvFormat.DATA_OFFSET) {
            throw new SwvException(file.toString(), "header of " + json.length + " bytes does not fit before byte "
                    + SwvFormat.DATA_OFFSET);
        }
        CRC32 crc = new CRC32();
        crc.update(json);
        ByteBuffer head = ByteBuffer.allocate(SwvFormat.DATA_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        head.put(SwvFormat.MAGIC).putInt(SwvFormat.VERSION).putInt(json.length).putInt((int) crc.getValue()).put(json);
        head.clear();
        return head;
    }
}
