package io.seiswork.core.volume;

import io.seiswork.core.grid.Sampling;

/**
 * The three axes of a volume level: x (crossline direction, metres), y (inline direction,
 * metres) and z (depth in metres, or time; see the volume's units). Sample (ix, iy, iz) lies at
 * ({@code x.value(ix)}, {@code y.value(iy)}, {@code z.value(iz)}).
 *
 * @param x axis of the x index (fast across traces)
 * @param y axis of the y index (slow across traces)
 * @param z axis along each trace
 */
public record VolumeAxes(Sampling x, Sampling y, Sampling z) {

    public VolumeAxes {
        if (x == null || y == null || z == null) {
            throw new IllegalArgumentException("all three axes must be given");
        }
    }

    /** Samples in the volume (nx · ny · nz), as a long: volumes exceed 2³¹ samples. */
    public long samples() {
        return (long) x.count() * y.count() * z.count();
    }

    /**
     * The axes of the next pyramid level: each count halves (rounded up), each interval doubles,
     * and the first sample moves to the centre of the first pair (first + delta / 2), because a
     * coarse sample is the average of a 2 × 2 × 2 block (see {@link Decimation}).
     */
    public VolumeAxes decimated() {
        return new VolumeAxes(half(x), half(y), half(z));
    }

    private static Sampling half(Sampling s) {
        return new Sampling((s.count() + 1) / 2, 2 * s.delta(), s.first() + s.delta() / 2);
    }

    /** The axis across a slice of orientation {@code o} (its columns). */
    public Sampling across(SliceOrientation o) {
        return switch (o) {
            case INLINE, DEPTH -> x;
            case CROSSLINE -> y;
        };
    }

    /** The axis down a slice of orientation {@code o} (its rows). */
    public Sampling down(SliceOrientation o) {
        return switch (o) {
            case INLINE, CROSSLINE -> z;
            case DEPTH -> y;
        };
    }

    /** The axis a slice of orientation {@code o} is taken at (constant along the slice). */
    public Sampling normal(SliceOrientation o) {
        return switch (o) {
            case INLINE -> y;
            case CROSSLINE -> x;
            case DEPTH -> z;
        };
    }
}
