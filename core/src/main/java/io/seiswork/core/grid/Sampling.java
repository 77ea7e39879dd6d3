package io.seiswork.core.grid;

/**
 * A uniformly sampled axis: {@code count} values {@code first + i * delta}.
 *
 * <p>Used for every axis in Seiswork (grid axes in metres, trace time axes in seconds), so the
 * unit is the caller's; names of fields that hold a Sampling say which (for example
 * {@code timeS}).
 *
 * @param count number of samples, at least 1
 * @param delta spacing between samples, positive and finite
 * @param first value of the first sample
 */
public record Sampling(int count, double delta, double first) {

    public Sampling {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("delta must be > 0 and finite, got " + delta);
        }
        if (!Double.isFinite(first)) {
            throw new IllegalArgumentException("first must be finite, got " + first);
        }
    }

    /** Value of sample {@code i}. */
    public double value(int i) {
        return first + i * delta;
    }

    /** Value of the last sample. */
    public double last() {
        return value(count - 1);
    }

    /** Fractional index of {@code value} (not clamped): 0 at the first sample. */
    public double fractionalIndex(double value) {
        return (value - first) / delta;
    }

    /** Whether {@code value} lies within [first, last], with a tolerance of 1e-9 of a sample. */
    public boolean contains(double value) {
        double f = fractionalIndex(value);
        return f >= -1e-9 && f <= count - 1 + 1e-9;
    }
}
