package io.seiswork.kernels.rtm;

import io.seiswork.core.files.DurableFiles;
import io.seiswork.core.grid.Grid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stack kept in a file so that a run can stop and go on (a local run's checkpoint): a
 * {@link PartialImageFile} of the job's whole grid at origin (0, 0) whose header's shot count is
 * the number of shots stacked, and whose header padding holds what the stack keeps besides its
 * sums: at byte {@value #MAX_AT} the running maximum of the illumination (float32), at byte
 * {@value #FLAGS_AT} int32 flags — {@value #MAX_EXACT} when that maximum is exact (no negative
 * illumination added), {@value #CHANGING} while a shot is being added to the file in place (a
 * memory-mapped stack, see {@link MappedStack}). Partial images of shots have zeros there, and
 * readers of partial images ignore it: a stack file reads as the partial image of all its shots.
 *
 * <p>A stack on the heap is saved whole ({@link #save}) under a temporary name, forced to disk
 * and renamed over the previous file: the file under its real name is always a whole stack of
 * the shots its header counts. A stack out of core is its file ({@link MappedStack#kept}).
 */
public final class StackFile {

    /** Byte of the header holding the running maximum of the illumination. */
    static final int MAX_AT = 56;
    /** Byte of the header holding the flags. */
    static final int FLAGS_AT = 60;
    /** Flag: the maximum is exact. */
    static final int MAX_EXACT = 1;
    /** Flag: a shot is being added in place; the sums are neither the old stack's nor the new one's. */
    static final int CHANGING = 2;

    /** Suffix of the file a save writes before it is renamed. */
    static final String PART = DurableFiles.PART;

    private StackFile() {
    }

    /**
     * What a stack file's header says besides the grid.
     *
     * @param shots shots stacked
     * @param maxIllumination the running maximum of the illumination
     * @param maxExact whether that maximum is exact
     * @param changing whether a shot was being added in place when the file was last written
     */
    public record State(int shots, float maxIllumination, boolean maxExact, boolean changing) {

        int flags() {
            return (maxExact ? MAX_EXACT : 0) | (changing ? CHANGING : 0);
        }
    }

    /** The header of a stack file on {@code grid} in this state, ready to write. */
    static ByteBuffer header(Grid grid, State state) {
        ByteBuffer h = PartialImageFile.headerBytes(grid, state.shots(), 0, 0);
        h.putFloat(MAX_AT, state.maxIllumination()).putInt(FLAGS_AT, state.flags());
        return h;
    }

    /**
     * Reads the state of the stack file {@code file}, checking that it is one of {@code grid}.
     *
     * @throws IllegalArgumentException naming the file when it is not a stack on {@code grid}
     *     (another grid, a shot's window, a wrong size)
     * @throws UncheckedIOException when it cannot be read
     */
    public static State read(Path file, Grid grid) {
        PartialImageFile.Header h = PartialImageFile.header(file);
        if (!h.grid().equals(grid) || h.x0() != 0 || h.y0() != 0) {
            throw new IllegalArgumentException(file + " holds a stack on grid " + h.grid() + " at (" + h.x0() + ", "
                    + h.y0() + "), this job's is " + grid);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(PartialImageFile.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // the header, whose size the check above has seen
            }
            int flags = b.getInt(FLAGS_AT);
            return new State(h.shots(), b.getFloat(MAX_AT), (flags & MAX_EXACT) != 0, (flags & CHANGING) != 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stack " + file + ": " + e.getMessage(), e);
        }
    }

    /** Floats written per write call when a stack is saved (4 MiB). */
    private static final int WRITE_BLOCK_FLOATS = 1 << 20;

    /**
     * Writes {@code stack} to {@code file} atomically: to {@code file.part}, forced to disk, then
     * renamed over {@code file} (and the folder forced), so that a crash at any moment leaves
     * {@code file} as it was or as it is now, never in part. Reads the stack plane by plane.
     *
     * @return the bytes written
     */
    static long save(ImageStacker stack, State state, Path file) {
        Grid g = stack.grid();
        Path part = file.resolveSibling(file.getFileName() + PART);
        int planeNodes = g.nx() * g.nz();
        float[] plane = new float[planeNodes];
        // Written a block at a time: a plane of a large 2D grid (ny = 1) is the whole stack, up to
        // 2^31 floats, more than one buffer may hold.
        int block = Math.min(planeNodes, WRITE_BLOCK_FLOATS);
        ByteBuffer bytes = ByteBuffer.allocateDirect(Float.BYTES * block).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            PartialImageFile.writeFully(ch, header(g, state));
            for (int sum = 0; sum < 2; sum++) {
                for (int iy = 0; iy < g.ny(); iy++) {
                    if (sum == 0) {
                        stack.readImage(iy, plane);
                    } else {
                        stack.readIllumination(iy, plane);
                    }
                    for (int from = 0; from < planeNodes; from += block) {
                        int n = Math.min(block, planeNodes - from);
                        bytes.clear();
                        bytes.asFloatBuffer().put(plane, from, n);
                        bytes.limit(Float.BYTES * n);
                        PartialImageFile.writeFully(ch, bytes);
                    }
                }
            }
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write stack " + part + ": " + e.getMessage(), e);
        }
        DurableFiles.replace(part, file);
        return PartialImageFile.bytes(g);
    }

    /** Loads the sums of {@code file} (a stack on the heap store's grid) into {@code store}. */
    static void load(Path file, HeapStack store) {
        int n = store.grid().points();
        PartialImageFile.stream(file, n, (values, from, count) -> store.setImage(from, values, count),
                (values, from, count) -> store.setIllumination(from, values, count));
    }
}
