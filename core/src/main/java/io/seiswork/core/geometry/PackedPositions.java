package io.seiswork.core.geometry;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable list of positions held as one {@code double[]} of x, y, z one after the other:
 * 24 bytes a position, where a {@code List} of {@link Position} objects takes about 44 (a 40-byte
 * object and a reference). A recorded survey has 10^8 to 10^9 traces, each with its receiver's
 * position, so that difference is gigabytes of heap. The doubles are kept as given, so a position
 * read back equals the one added ({@link Position#equals}, bit for bit).
 *
 * <p>{@link #get} makes a {@link Position} on each call: cheap to read a few times a shot, as the
 * engines and the geometry checks do. {@link Shot} keeps a list of this class as it is instead of
 * copying it ({@link FixedPositions}). Made by a {@link Builder}, which grows as a scan of trace headers finds receivers.
 */
public final class PackedPositions extends FixedPositions {

    private static final PackedPositions EMPTY = new PackedPositions(new double[0], 0);

    /** x, y, z of position i at 3i, 3i + 1, 3i + 2, metres; possibly longer than 3 · size. */
    private final double[] xyz;
    private final int size;

    private PackedPositions(double[] xyz, int size) {
        this.xyz = xyz;
        this.size = size;
    }

    /** The positions of {@code positions}, packed (a list of this class is returned as it is). */
    public static PackedPositions copyOf(List<Position> positions) {
        if (positions instanceof PackedPositions p) {
            return p;
        }
        Builder b = new Builder(positions.size());
        for (Position p : positions) {
            b.add(Objects.requireNonNull(p, "a position is null"));
        }
        return b.build();
    }

    @Override
    public Position get(int index) {
        Objects.checkIndex(index, size);
        int at = 3 * index;
        return new Position(xyz[at], xyz[at + 1], xyz[at + 2]);
    }

    /** x of position {@code index}, metres, without making a {@link Position}. */
    public double x(int index) {
        Objects.checkIndex(index, size);
        return xyz[3 * index];
    }

    /** y of position {@code index}, metres, without making a {@link Position}. */
    public double y(int index) {
        Objects.checkIndex(index, size);
        return xyz[3 * index + 1];
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * Positions added one at a time, into an array grown by half again when full: a scan of
     * trace headers does not know a shot's trace count before it ends.
     */
    public static final class Builder {

        private double[] xyz;
        private int size;

        public Builder() {
            this(16);
        }

        /** @param expected positions expected, to size the first array (more may be added) */
        public Builder(int expected) {
            if (expected < 0) {
                throw new IllegalArgumentException("expected positions must be >= 0, got " + expected);
            }
            xyz = new double[3 * Math.max(1, expected)];
        }

        /** Adds a position, metres. */
        public Builder add(double x, double y, double z) {
            if (3 * size == xyz.length) {
                int grown = size + size / 2 + 1;
                if (grown > MAX_POSITIONS) {
                    if (size == MAX_POSITIONS) {
                        throw new IllegalStateException("more than " + MAX_POSITIONS + " positions in one list");
                    }
                    grown = MAX_POSITIONS;
                }
                xyz = Arrays.copyOf(xyz, 3 * grown);
            }
            int at = 3 * size++;
            xyz[at] = x;
            xyz[at + 1] = y;
            xyz[at + 2] = z;
            return this;
        }

        /** Adds a position. */
        public Builder add(Position p) {
            return add(p.x(), p.y(), p.z());
        }

        /** Positions added so far. */
        public int size() {
            return size;
        }

        /**
         * The positions added, in order, in an array of their size (the builder's spare room is
         * not kept); the builder must not be used afterwards.
         */
        public PackedPositions build() {
            if (size == 0) {
                return EMPTY;
            }
            double[] exact = 3 * size == xyz.length ? xyz : Arrays.copyOf(xyz, 3 * size);
            xyz = null;
            return new PackedPositions(exact, size);
        }
    }

    /** Most positions one list holds: three doubles each in one Java array. */
    static final int MAX_POSITIONS = (Integer.MAX_VALUE - 8) / 3;
}
