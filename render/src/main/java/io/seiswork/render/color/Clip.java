package io.seiswork.render.color;

import io.seiswork.core.volume.Histogram;

/**
 * The value range a colour map spans: values at or below {@code low} take its first colour, at
 * or above {@code high} its last.
 *
 * @param low value mapped to t = 0
 * @param high value mapped to t = 1 (greater than low)
 * @param measured false when the histogram it came from counted no finite sample (a volume NaN
 *     or infinite everywhere, as a migration that blew up writes): the range is then a stand-in,
 *     no scale to print on a colour bar ({@link #UNMEASURED})
 */
public record Clip(double low, double high, boolean measured) {

    /**
     * The clip of a volume without one finite sample: [−0.5, 0.5] so the colouring still divides by
     * a width, marked so that views say "no finite samples" instead of drawing a scale.
     */
    public static final Clip UNMEASURED = new Clip(-0.5, 0.5, false);

    /** A clip measured from samples. */
    public Clip(double low, double high) {
        this(low, high, true);
    }

    public Clip {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("clip must be finite, got [" + low + ", " + high + "]");
        }
        if (!(high > low)) {
            double mid = low;
            low = mid - 0.5;
            high = mid + 0.5; // a constant volume: centre it instead of dividing by zero
        }
    }

    /**
     * The clip at {@code percent} of {@code h}: symmetric about zero (±the larger tail quantile,
     * for amplitudes and diverging maps) or between the (100 − p)/2 and 100 − (100 − p)/2 %
     * quantiles (for velocities); {@link #UNMEASURED} when {@code h} counted no sample. The
     * quantiles come from {@code h}'s logarithmic bins when it has them (within 1.6 % of the value
     * on any tails), else from its equal bins (a {@code .swv} written before those).
     */
    public static Clip percentile(Histogram h, double percent, boolean symmetric) {
        if (h.total() == 0) {
            return UNMEASURED;
        }
        if (symmetric) {
            double c = h.symmetricClip(percent);
            return new Clip(-c, c);
        }
        double tail = (100 - percent) / 200;
        return new Clip(h.quantile(tail), h.quantile(1 - tail));
    }

    /** t in [0, 1] of {@code value} (not clamped). */
    public double normalise(double value) {
        return (value - low) / (high - low);
    }
}
