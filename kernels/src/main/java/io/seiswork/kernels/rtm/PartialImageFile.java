package io.seiswork.kernels.rtm;

import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file form of a {@link PartialImage}, one per shot (local scratch or
 * {@code jobs/<jobId>/shots/<shot>.bin} in the cloud), small enough to stream.
 *
 * <p>Layout, little-endian: a {@value #HEADER_BYTES}-byte header — magic {@code "SWPI"}, int32
 * version ({@value #VERSION}), int32 nx, ny, nz, float64 dx, dy, dz (metres), int32 shots, int32
 * x0, y0 (where the image's first node lies in the job's grid: a shot's window, see
 * {@link io.seiswork.core.geometry.ShotWindow}), zero padding — then nx·ny·nz float32 image values
 * and as many illumination values, both in {@link Grid#index} order (z fastest). Version 1 files,
 * written before windows, have no origin and are read at (0, 0). Readers stream a file in blocks
 * of {@value #BLOCK_FLOATS} floats, so a stacker never holds a second volume. A local run's
 * checkpoint of its stack ({@link StackFile}) is a file of this layout on the job's whole grid,
 * with the stack's running maximum and flags in the padding.
 */
public final class PartialImageFile {

    /** Header size in bytes. */
    public static final int HEADER_BYTES = 64;
    /** Format version written; version 1 (no origin) is read too. */
    public static final int VERSION = 2;
    /** Floats per I/O block. */
    static final int BLOCK_FLOATS = 1 << 18;
    private static final int MAGIC = 0x49505753; // "SWPI" read little-endian

    private PartialImageFile() {
    }

    /** Writes {@code p} to {@code file} (replaced if present). */
    public static void write(PartialImage p, Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, headerBytes(p.grid(), p.shots(), p.x0(), p.y0()));
            ByteBuffer block = ByteBuffer.allocate(4 * BLOCK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] a : new float[][] {p.image(), p.illumination()}) {
                for (int i = 0; i < a.length; i += BLOCK_FLOATS) {
                    int n = Math.min(BLOCK_FLOATS, a.length - i);
                    block.clear();
                    block.asFloatBuffer().put(a, i, n);
                    block.limit(4 * n);
                    writeFully(ch, block);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write partial image " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@value #HEADER_BYTES} header bytes of a partial image on {@code g} (padding zero), ready
     * to write (position 0, limit {@value #HEADER_BYTES}).
     */
    static ByteBuffer headerBytes(Grid g, int shots, int x0, int y0) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(MAGIC).putInt(VERSION).putInt(g.nx()).putInt(g.ny()).putInt(g.nz())
                .putDouble(g.dx()).putDouble(g.dy()).putDouble(g.dz()).putInt(shots).putInt(x0).putInt(y0);
        return h.position(HEADER_BYTES).flip();
    }

    /** Reads a whole partial image into memory, on its own grid and origin. */
    public static PartialImage read(Path file) {
        Header h = header(file);
        float[] image = new float[h.grid().points()];
        float[] illumination = new float[h.grid().points()];
        stream(file, h.grid().points(), (values, from, n) -> System.arraycopy(values, 0, image, from, n),
                (values, from, n) -> System.arraycopy(values, 0, illumination, from, n));
        return new PartialImage(h.grid(), image, illumination, h.shots(), h.x0(), h.y0());
    }

    /**
     * The size in bytes of the file of a partial image on {@code g} (a shot's window, or a job's
     * whole grid, which need not fit one array).
     */
    public static long bytes(Grid g) {
        return HEADER_BYTES + 2L * Float.BYTES * g.nodes();
    }

    /** The grid and shot count of a partial image file, from its header. */
    public static Header header(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, b, file);
            b.flip();
            if (b.getInt() != MAGIC) {
                throw new IllegalArgumentException(file + " is not a Seiswork partial image (magic SWPI missing)");
            }
            int version = b.getInt();
            if (version != 1 && version != VERSION) {
                throw new IllegalArgumentException(file + " has partial-image version " + version + ", this build reads 1 to "
                        + VERSION);
            }
            Grid g = new Grid(b.getInt(), b.getInt(), b.getInt(), b.getDouble(), b.getDouble(), b.getDouble());
            int shots = b.getInt();
            int x0 = version >= 2 ? b.getInt() : 0;
            int y0 = version >= 2 ? b.getInt() : 0;
            if (x0 < 0 || y0 < 0) {
                throw new IllegalArgumentException(file + " has origin (" + x0 + ", " + y0 + ")");
            }
            long expected = bytes(g);
            if (ch.size() != expected) {
                throw new IllegalArgumentException(file + " has " + ch.size() + " bytes, its header needs " + expected);
            }
            return new Header(g, shots, x0, y0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read partial image " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds the image and illumination of {@code file} into {@code stack}, where the file's window
     * lies in the stack's grid, block by block.
     *
     * @throws IllegalArgumentException when the file's window does not lie inside the stack's grid
     */
    static void addInto(Path file, ImageStacker stack) {
        Header h = header(file);
        ShotWindow window = h.window();
        WindowPlacement at;
        try {
            at = new WindowPlacement(window, stack.grid());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is on grid " + window.grid() + " at (" + window.x0() + ", "
                    + window.y0() + "), the stack on " + stack.grid(), e);
        }
        WindowPlacement illumination = new WindowPlacement(window, stack.grid());
        stream(file, window.grid().points(), (values, from, n) -> at.addNext(values, 0, n, stack::addImage),
                (values, from, n) -> illumination.addNext(values, 0, n, stack::addIllumination));
    }

    /** Receives one block of a file's values: {@code values[0 .. n)}, values {@code from ..} of their volume. */
    @FunctionalInterface
    interface Block {
        void take(float[] values, int from, int n);
    }

    /** Reads the {@code count} image values of {@code file}, then as many illumination values, block by block. */
    static void stream(Path file, int count, Block image, Block illumination) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(HEADER_BYTES);
            ByteBuffer block = ByteBuffer.allocate(4 * BLOCK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[BLOCK_FLOATS];
            for (Block to : new Block[] {image, illumination}) {
                for (int i = 0; i < count; i += BLOCK_FLOATS) {
                    int n = Math.min(BLOCK_FLOATS, count - i);
                    block.clear().limit(4 * n);
                    readFully(ch, block, file);
                    block.flip();
                    block.asFloatBuffer().get(values, 0, n);
                    to.take(values, i, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read partial image " + file + ": " + e.getMessage(), e);
        }
    }

    /** What a partial image file's header says: its grid, shot count and origin in the job's grid. */
    public record Header(Grid grid, int shots, int x0, int y0) {

        /** Where the file's image lies in the job's grid. */
        public ShotWindow window() {
            return new ShotWindow(x0, y0, grid);
        }
    }

    static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, Path file) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException(file + " ended early");
            }
        }
    }
}
