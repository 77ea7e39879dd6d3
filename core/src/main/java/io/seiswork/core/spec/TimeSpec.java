package io.seiswork.core.spec;

/**
 * The recording time.
 *
 * @param lengthS record length in seconds
 * @param sampleS output sample interval in seconds (the traces written)
 * @param dtS internal time step in seconds, or null to derive it from the CFL limit
 */
public record TimeSpec(double lengthS, double sampleS, Double dtS) {

    /** Number of output samples per trace: 0 .. lengthS inclusive. */
    public int outputSamples() {
        return (int) Math.floor(lengthS / sampleS + 1e-9) + 1;
    }
}
