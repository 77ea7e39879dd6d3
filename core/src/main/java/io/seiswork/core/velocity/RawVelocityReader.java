package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a headerless float32 velocity file (m/s) in any axis order and byte order onto a
 * {@link Grid}, whole. The file is read in blocks straight into the model, so only the model
 * itself is held in memory. {@link RawVelocityField} reads the same files a window at a time.
 */
public final class RawVelocityReader {

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
        RawFloatFile raw = new RawFloatFile(file, grid, AxisOrder.parse(order), byteOrder);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            raw.requireSize(ch);
            float[] v = new float[grid.points()];
            raw.readColumns(ch, 0, 0, grid, v);
            return new VelocityModel(grid, v);
        }
    }
}
