package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a headerless float32 velocity file (m/s) in any axis order and byte order onto a
 * {@link Grid}. The file is streamed in blocks, so only the model itself is held in memory.
 */
public final class RawVelocityReader {

    private static final int BLOCK_FLOATS = 1 << 20;

    private RawVelocityReader() {
    }

    /**
     * Reads {@code file}.
     *
     * @param order axis order from fastest to slowest, a permutation of "xyz"
     * @param byteOrder byte order of the floats
     * @throws IllegalArgumentException if the file size is not {@code 4 · nx · ny · nz} bytes
     */
    public static VelocityModel read(Path file, Grid grid, String order, ByteOrder byteOrder) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long expected = 4L * grid.points();
            long size = ch.size();
            if (size != expected) {
                throw new IllegalArgumentException("file " + file + " has " + size + " bytes but the grid needs "
                        + grid.nx() + " x " + grid.ny() + " x " + grid.nz() + " float32 values = " + expected + " bytes");
            }
            int[] n = {grid.nx(), grid.ny(), grid.nz()};
            int a0 = axis(order.charAt(0));
            int a1 = axis(order.charAt(1));
            int a2 = axis(order.charAt(2));
            float[] v = new float[grid.points()];
            ByteBuffer buf = ByteBuffer.allocateDirect(4 * BLOCK_FLOATS).order(byteOrder);
            int[] ijk = new int[3];
            long read = 0;
            long total = grid.points();
            while (read < total) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), 4 * (total - read)));
                while (buf.hasRemaining()) {
                    if (ch.read(buf) < 0) {
                        throw new IOException("file " + file + " ended early at byte " + (4 * read + buf.position()));
                    }
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    long k = read++;
                    ijk[a0] = (int) (k % n[a0]);
                    long rest = k / n[a0];
                    ijk[a1] = (int) (rest % n[a1]);
                    ijk[a2] = (int) (rest / n[a1]);
                    v[grid.index(ijk[0], ijk[1], ijk[2])] = buf.getFloat();
                }
            }
            return new VelocityModel(grid, v);
        }
    }

    private static int axis(char c) {
        return switch (c) {
            case 'x' -> 0;
            case 'y' -> 1;
            case 'z' -> 2;
            default -> throw new IllegalArgumentException("axis order must be a permutation of \"xyz\", got '" + c + "'");
        };
    }
}
