package io.seiswork.kernels.rtm;

/**
 * One trace evaluated at the propagator's time levels {@code l · dt}, one level at a time, from
 * the samples at their own rate: what the receiver propagation injects is computed when it is
 * needed rather than held for every level (R × (nt + 1) floats, 8.6 GB for 100 000 receivers over
 * 21 475 steps, where the traces themselves are about 1 GB). {@link TraceUpsampler#sampler} chooses
 * the interpolation or the anti-alias low-pass; {@link TraceUpsampler#toLevels} is this evaluated
 * at every level, so the two give the same floats.
 */
@FunctionalInterface
interface LevelSampler {

    /**
     * @param level l ≥ 0, the time {@code l · dt} in seconds
     * @return the trace's value at that time (0 where the trace has no samples)
     */
    float at(int level);

    /** Levels 0 .. count − 1 in one array (the GPU's upload; tests). */
    default float[] levels(int count) {
        float[] out = new float[count];
        for (int l = 0; l < count; l++) {
            out[l] = at(l);
        }
        return out;
    }
}
