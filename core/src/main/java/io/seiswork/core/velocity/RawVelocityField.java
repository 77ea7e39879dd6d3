package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A headerless float32 velocity file (any axis order, either byte order, times a scale factor to
 * give m/s) read a window at a time.
 *
 * <p>Opening checks the size and streams the whole file once, in 4 MiB reads, to find its range
 * and check every value: measured on the development machine from the page cache, about 2 GB/s
 * (1.2 to 1.7 GB/s with a scale other than 1), so a 100 GB model costs about a minute, or one read
 * of the file at the disk's speed when it is not cached.
 *
 * <p>The field holds no file descriptor: each window opens the file, reads with positioned reads
 * and closes it, so fields are thread-safe and a job may keep many. With z fastest ("zxy", the
 * usual case) a window is one read per row of its columns (one read per 4 MiB for windows of whole
 * rows) copied column by column: about 8.7 GB/s of window from the page cache on a 2-core VM
 * (windows of 64 × 64 columns × 500 depths). Other orders read blocks of up to 4 MiB through the
 * gaps between the window's rows and transpose tiles of about 1 MiB into columns (see
 * {@link RawFloatFile}, {@link ColumnTile}): 1.2 to 1.6 GB/s for the same windows, bound by
 * reading the file's rows whole (14 times the window's bytes there), more for wider windows.
 */
public final class RawVelocityField extends ColumnVelocityField {

    private final RawFloatFile file;
    private final Path path;
    private final double scale;

    private RawVelocityField(RawFloatFile file, Path path, Grid grid, double scale, float min, float max) {
        super(grid, min, max);
        this.file = file;
        this.path = path;
        this.scale = scale;
    }

    /**
     * Opens {@code file} and checks it with one streaming pass.
     *
     * @param order axis order from fastest to slowest, a permutation of "xyz"
     * @param byteOrder byte order of the floats
     * @param scale factor applied to every value to give m/s (1 for files in m/s, 1000 for km/s)
     * @throws NoSuchFileException when the file does not exist
     * @throws IllegalArgumentException when the file size is not {@code 4 · nx · ny · nz} bytes or the order is not a permutation of "xyz"
     * @throws InvalidVelocityException when a scaled value is not positive and finite
     */
    public static RawVelocityField open(Path file, Grid grid, String order, ByteOrder byteOrder, double scale)
            throws IOException {
        return open(new RawFloatFile(file, grid, AxisOrder.parse(order), byteOrder), file, grid, scale);
    }

    /** {@link #open} over a file reader with its own block sizes (tests). */
    static RawVelocityField open(RawFloatFile raw, Path file, Grid grid, double scale) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        VelocityScan scan = new VelocityScan(grid);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            raw.requireSize(ch);
            raw.stream(ch, (values, count, first) -> {
                scale(values, count, scale);
                scan.addStored(values, count, first, raw::nodeOffset);
            });
        }
        scan.requireValid();
        return new RawVelocityField(raw, file, grid, scale, scan.min(), scan.max());
    }

    /** The file the field reads. */
    public Path file() {
        return path;
    }

    /**
     * Reads the window from the file.
     *
     * @throws UncheckedIOException when the file cannot be read (moved or truncated since it was opened)
     */
    @Override
    void fill(int x0, int y0, Grid window, float[] out) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            file.readColumns(ch, x0, y0, window, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the velocity window " + window + " at (" + x0 + ", " + y0
                    + ") from " + path + ": " + e.getMessage(), e);
        }
        scale(out, out.length, scale);
    }

    /** Multiplies values by the scale in double and rounds to float, as the in-memory loader does. */
    private static void scale(float[] v, int count, double scale) {
        if (scale == 1.0) {
            return;
        }
        for (int i = 0; i < count; i++) {
            v[i] = (float) (v[i] * scale);
        }
    }
}
