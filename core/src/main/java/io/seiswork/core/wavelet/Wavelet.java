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

    /**
     * Dominant frequency in Hz, the one the absorbing layer tunes its frequency shift to and
     * migration uses for its taper lengths: by default the highest significant frequency divided
     * by the Ricker ratio {@value RickerWavelet#HIGHEST_TO_PEAK}.
     */
    default double dominantHz() {
        return highestFrequencyHz() / RickerWavelet.HIGHEST_TO_PEAK;
    }

    /** The wavelet sampled at {@code i * dtS} for i = 0 .. nt-1. */
    default float[] sample(double dtS, int nt) {
        float[] out = new float[nt];
        for (int i = 0; i < nt; i++) {
            out[i] = (float) amplitude(i * dtS);
        }
        return out;
    }
}
