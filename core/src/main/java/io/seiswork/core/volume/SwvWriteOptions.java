package io.seiswork.core.volume;

import java.util.List;

/**
 * What {@link SwvWriter} writes besides the samples.
 *
 * @param brickSize samples along each brick edge, a power of two in 4..256 (default 64: 1 MiB bricks,
 *     a good unit for both local reads and S3 ranged GETs)
 * @param lengthUnit unit of x and y (default "m")
 * @param zUnit unit of z: "m" (depth, the default) or "s" (time); see {@link #Z_UNITS}
 * @param valueUnit unit of the samples (default "amplitude")
 * @param segy SEG-Y header mapping to keep for converting back, or null
 */
public record SwvWriteOptions(int brickSize, String lengthUnit, String zUnit, String valueUnit, SegyGrid segy) {

    /** Default brick edge in samples. */
    public static final int DEFAULT_BRICK_SIZE = 64;

    /** The z units a {@code .swv} header may carry: "m" for depth, "s" for time. */
    public static final List<String> Z_UNITS = List.of("m", "s");

    public SwvWriteOptions {
        BrickLayout.of(1, 1, 1, brickSize, 0); // validates the brick size
        if (lengthUnit == null || zUnit == null || valueUnit == null) {
            throw new IllegalArgumentException("units must be given");
        }
        if (!Z_UNITS.contains(zUnit)) {
            throw new IllegalArgumentException("z unit must be m (depth) or s (time), got \"" + zUnit + "\"");
        }
    }

    /** 64³ bricks, metres, amplitudes, no SEG-Y mapping. */
    public static SwvWriteOptions defaults() {
        return new SwvWriteOptions(DEFAULT_BRICK_SIZE, "m", "m", "amplitude", null);
    }

    /** The smallest brick edge {@link #brickSizeFor} gives a thin volume. */
    static final int THIN_BRICK_SIZE = 8;

    /**
     * The brick edge for a volume {@code ny} planes of constant y thick: {@value #DEFAULT_BRICK_SIZE},
     * or for a thinner one the power of two at least {@code ny}, and at least
     * {@value #THIN_BRICK_SIZE}. Bricks are cubes padded with zeros: a 2D section (ny = 1) in 64³
     * bricks holds 63 planes of zeros for each of data, a file 60 times its values.
     */
    public static int brickSizeFor(int ny) {
        if (ny >= DEFAULT_BRICK_SIZE) {
            return DEFAULT_BRICK_SIZE;
        }
        return Math.max(THIN_BRICK_SIZE, Integer.highestOneBit(Math.max(1, ny - 1)) << 1);
    }

    /** The defaults with the brick edge for a volume {@code ny} planes thick ({@link #brickSizeFor}). */
    public static SwvWriteOptions defaultsFor(int ny) {
        return defaults().withBrickSize(brickSizeFor(ny));
    }

    /** A copy with brick edge {@code b}. */
    public SwvWriteOptions withBrickSize(int b) {
        return new SwvWriteOptions(b, lengthUnit, zUnit, valueUnit, segy);
    }

    /** A copy with the sample unit {@code unit}. */
    public SwvWriteOptions withValueUnit(String unit) {
        return new SwvWriteOptions(brickSize, lengthUnit, zUnit, unit, segy);
    }

    /** A copy with the z unit {@code unit}. */
    public SwvWriteOptions withZUnit(String unit) {
        return new SwvWriteOptions(brickSize, lengthUnit, unit, valueUnit, segy);
    }

    /** A copy keeping SEG-Y mapping {@code s}. */
    public SwvWriteOptions withSegy(SegyGrid s) {
        return new SwvWriteOptions(brickSize, lengthUnit, zUnit, valueUnit, s);
    }
}
