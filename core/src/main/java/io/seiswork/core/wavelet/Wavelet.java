package io.seiswork.core.wavelet;

/**
 * A source time function f(t), t in seconds from the start of the recording.
 *
 * <p>Engines sample it at their internal time step; validation uses
 * {@link #highestFrequencyHz()} to check grid spacing (points per wavelength) and RTM uses it to
 * choose the snapshot interval.
 */
public interface Wavelet {

    /** Amplitude at time {@code tS} seconds. */
    double amplitude(double tS);

    /**
     * Highest frequency in Hz that carries significant energy (about 3 % of the spectral peak or
     * more): the frequency the grid must resolve.
     */
    double highestFrequencyHz();

    /** The wavelet sampled at {@code i * dtS} for i = 0 .. nt-1. */
    default float[] sample(double dtS, int nt) {
        float[] out = new float[nt];
        for (int i = 0; i < nt; i++) {
            out[i] = (float) amplitude(i * dtS);
        }
        return out;
    }
}
