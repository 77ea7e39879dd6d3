package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;
import io.seiswork.kernels.job.FreeSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stack's sums in a memory-mapped file, for a job grid larger than the heap or one Java array
 * (up to {@link Grid#MAX_NODES}): the image's {@code nodes} little-endian float32, the
 * illumination's after them, addressed with {@code long} offsets. The file is made at its full
 * size without writing it (a sparse file where the file system has them), so only the pages
 * shots touch take disk, and the kernel's page cache holds what the heap cannot.
 *
 * <p>The usable space of the folder is checked up front against the whole file when it is made:
 * a page that finds the disk full when first written would otherwise stop the JVM with a fault in
 * the middle of the stack.
 *
 * <p>Two kinds of file:
 * <ul>
 *   <li><b>Scratch</b> ({@link #MappedStack(Grid, Path)}): a temporary file opened
 *       {@code DELETE_ON_CLOSE} (on Unix the JDK unlinks it at once, so it cannot outlive the JVM),
 *       sums from byte 0.
 *   <li><b>Kept</b> ({@link #kept}): a run's checkpoint, a {@link StackFile} (a header, then the
 *       sums) that stays when the stack is closed and is mapped again when the run goes on. The
 *       file itself is the checkpoint; no copy of a stack of many GB is ever written. What makes
 *       it safe is the order of each shot's add ({@link #beginChange}, the adds, {@link #commit}):
 *       the header's {@link StackFile#CHANGING} flag is set and forced to disk before the first
 *       sum changes; after the last, every page is forced, then the header gets the new shot
 *       count with the flag cleared and is forced again. The kernel writes dirty pages back
 *       whenever it likes, so after a crash the file on disk is the last committed stack exactly
 *       when the flag is clear, and a file whose flag is set — the run died while adding a shot,
 *       which takes seconds in shots of an hour — is recognised as neither stack and refused.
 * </ul>
 * {@link #close()} unmaps the file.
 */
final class MappedStack extends StackStore {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Arena arena = Arena.ofShared();
    private final FileChannel channel;
    private final MemorySegment sums;
    /** Byte of the first image sum: after the header of a kept file, 0 in a scratch file. */
    private final long imageByte;
    private final long illuminationByte;
    /** The kept file, or null for a scratch file. */
    private final Path file;

    /**
     * A scratch stack, zero, in a temporary file of {@code dir}.
     *
     * @param dir scratch folder for the file (created if needed)
     * @throws IllegalStateException when the folder has less usable space than the file's size
     * @throws UncheckedIOException when the file cannot be made or mapped
     */
    MappedStack(Grid grid, Path dir) {
        this(grid, dir, null, false);
    }

    /**
     * A stack kept in {@code file} ({@link StackFile} layout): with {@code existing}, the stack the
     * file holds, checked to be on {@code grid} (its state is the caller's to read, see
     * {@link StackFile#read}); otherwise a new, zero stack replacing whatever the file was.
     *
     * @throws IllegalStateException when a new file does not fit its folder's usable space
     * @throws UncheckedIOException when the file cannot be made or mapped
     */
    static MappedStack kept(Grid grid, Path file, boolean existing) {
        if (existing) {
            StackFile.read(file, grid);
        }
        return new MappedStack(grid, file.toAbsolutePath().getParent(), file, existing);
    }

    private MappedStack(Grid grid, Path dir, Path keptFile, boolean existing) {
        super(grid);
        long header = keptFile == null ? 0 : PartialImageFile.HEADER_BYTES;
        long bytes = header + 2L * Float.BYTES * grid.nodes();
        this.file = keptFile;
        this.imageByte = header;
        this.illuminationByte = header + (long) Float.BYTES * grid.nodes();
        FileChannel ch = null;
        try {
            Files.createDirectories(dir);
            if (!existing) {
                long usable = FreeSpace.usable(dir);
                if (FreeSpace.known(usable) && usable < bytes) {
                    throw new IllegalStateException("the stack of a " + grid.nx() + " x " + grid.ny() + " x " + grid.nz()
                            + " grid (" + grid.nodes() + " nodes) needs " + bytes + " bytes of scratch in " + dir
                            + ", which has " + usable + " usable");
                }
            }
            if (keptFile == null) {
                Path temp = Files.createTempFile(dir, "seiswork-stack-", ".f32");
                ch = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        StandardOpenOption.DELETE_ON_CLOSE);
            } else if (existing) {
                ch = FileChannel.open(keptFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } else {
                ch = FileChannel.open(keptFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            }
            this.sums = ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes, arena);
            this.channel = ch;
            if (keptFile != null && !existing) {
                writeHeader(new StackFile.State(0, 0, true, false));
                sums.force();
            }
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

    /** Whether the sums are kept in their file after {@link #close()} (a run's checkpoint). */
    boolean kept() {
        return file != null;
    }

    /**
     * Kept file: marks the file as changing ({@link StackFile#CHANGING}) and forces that to disk,
     * before the first sum of a shot is added.
     */
    void beginChange(StackFile.State now) {
        writeHeader(new StackFile.State(now.shots(), now.maxIllumination(), now.maxExact(), true));
        sums.asSlice(0, PartialImageFile.HEADER_BYTES).force();
    }

    /**
     * Kept file: forces every page to disk, then records {@code after} (the flag cleared) in the
     * header and forces it, after the last sum of a shot is added.
     */
    void commit(StackFile.State after) {
        sums.force();
        writeHeader(after);
        sums.asSlice(0, PartialImageFile.HEADER_BYTES).force();
    }

    private void writeHeader(StackFile.State state) {
        MemorySegment.copy(MemorySegment.ofBuffer(StackFile.header(grid(), state)), 0, sums, 0,
                PartialImageFile.HEADER_BYTES);
    }

    @Override
    void addImage(long at, float[] src, int from, int n) {
        long b = imageByte + Float.BYTES * at;
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
        MemorySegment.copy(sums, FLOAT, imageByte + Float.BYTES * at, dst, from, n);
    }

    @Override
    void readIllumination(long at, float[] dst, int from, int n) {
        MemorySegment.copy(sums, FLOAT, illuminationByte + Float.BYTES * at, dst, from, n);
    }

    /** Unmaps the file; a scratch file is deleted, a kept one stays. */
    @Override
    public void close() {
        try (channel) {
            arena.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the stack's file: " + e.getMessage(), e);
        }
    }
}
