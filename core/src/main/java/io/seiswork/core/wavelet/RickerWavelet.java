package io.seiswork.core.wavelet;

/**
 * The Ricker (Mexican-hat) wavelet
 * {@code f(t) = (1 − 2π²f₀²(t−t₀)²) exp(−π²f₀²(t−t₀)²)}, peak amplitude 1 at {@code t₀}.
 *
 * @param peakHz peak frequency f₀ in Hz
 * @param delayS time t₀ of the peak in seconds; {@code 1 / f₀} by default so the wavelet starts
 *     from (almost) zero at t = 0
 */
public record RickerWavelet(double peakHz, double delayS) implements Wavelet {

    /**
     * Ratio of the highest significant frequency to the peak frequency: the Ricker amplitude
     * spectrum (f/f₀)² exp(1 − (f/f₀)²) is 3 % of its peak at 2.5 f₀.
     */
    public static final double HIGHEST_TO_PEAK = 2.5;

    public RickerWavelet {
        if (!(peakHz > 0) || !Double.isFinite(peakHz)) {
            throw new IllegalArgumentException("peakHz must be > 0, got " + peakHz);
        }
        if (!Double.isFinite(delayS)) {
            throw new IllegalArgumentException("delayS must be finite, got " + delayS);
        }
    }

    /** A Ricker wavelet with the conventional delay t₀ = 1 / f₀. */
    public static RickerWavelet of(double peakHz) {
        return new RickerWavelet(peakHz, 1.0 / peakHz);
    }

    @Override
    public double amplitude(double tS) {
        double a = Math.PI * peakHz * (tS - delayS);
        double a2 = a * a;
        return (1 - 2 * a2) * Math.exp(-a2);
    }

    /** The peak frequency. */
    @Override
    public double dominantHz() {
        return peakHz;
    }

    @Override
    public double highestFrequencyHz() {
        return HIGHEST_TO_PEAK * peakHz;
    }
}
