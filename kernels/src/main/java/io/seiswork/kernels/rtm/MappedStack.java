package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stack's sums in a memory-mapped scratch file, for a job grid larger than the heap or one Java
 * array (up to {@link Grid#MAX_NODES}): the image's {@code nodes} native-order float32 at byte 0,
 * the illumination's after them, addressed with {@code long} offsets. The file is made at its
 * full size without writing it (a sparse file where the file system has them), so only the pages
 * shots touch take disk, and the kernel's page cache holds what the heap cannot.
 *
 * <p>The usable space of the scratch folder is checked up front against the whole file: a page
 * that finds the disk full when first written would otherwise stop the JVM with a fault in the
 * middle of the stack. The file is opened {@code DELETE_ON_CLOSE} (on Unix the JDK unlinks it at
 * once, so it cannot outlive the JVM) and unmapped by {@link #close()}.
 */
final class MappedStack extends StackStore {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT;

    private final Arena arena = Arena.ofShared();
    private final FileChannel channel;
    private final MemorySegment sums;
    private final long illuminationByte;

    /**
     * @param dir scratch folder for the file (created if needed)
     * @throws IllegalStateException when the folder has less usable space than the file's size
     * @throws UncheckedIOException when the file cannot be made or mapped
     */
    MappedStack(Grid grid, Path dir) {
        super(grid);
        long bytes = 2L * Float.BYTES * grid.nodes();
        this.illuminationByte = (long) Float.BYTES * grid.nodes();
        FileChannel ch = null;
        try {
            Files.createDirectories(dir);
            long usable = dir.toFile().getUsableSpace();
            if (usable < bytes) {
                throw new IllegalStateException("the stack of a " + grid.nx() + " x " + grid.ny() + " x " + grid.nz()
                        + " grid (" + grid.nodes() + " nodes) needs " + bytes + " bytes of scratch in " + dir
                        + ", which has " + usable + " usable");
            }
            Path file = Files.createTempFile(dir, "seiswork-stack-", ".f32");
            ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            this.sums = ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes, arena);
            this.channel = ch;
        } catch (IOException | RuntimeException e) {
            arena.close();
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ce) {
                    e.addSuppressed(ce);
                }
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot map a stack of " + bytes + " bytes in " + dir + ": "
                        + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    void addImage(long at, float[] src, int from, int n) {
        long b = Float.BYTES * at;
        for (int k = 0; k < n; k++, b += Float.BYTES) {
            sums.set(FLOAT, b, sums.get(FLOAT, b) + src[from + k]);
        }
    }

    @Override
    float addIllumination(long at, float[] src, int from, int n, float max) {
        long b = illuminationByte + Float.BYTES * at;
        for (int k = 0; k < n; k++, b += Float.BYTES) {
            float s = sums.get(FLOAT, b) + src[from + k];
            sums.set(FLOAT, b, s);
            max = Math.max(max, s);
        }
        return max;
    }

    @Override
    void readImage(long at, float[] dst, int from, int n) {
        MemorySegment.copy(sums, FLOAT, Float.BYTES * at, dst, from, n);
    }

    @Override
    void readIllumination(long at, float[] dst, int from, int n) {
        MemorySegment.copy(sums, FLOAT, illuminationByte + Float.BYTES * at, dst, from, n);
    }

    @Override
    public void close() {
        try (channel) {
            arena.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the stack's scratch file: " + e.getMessage(), e);
        }
    }
}
