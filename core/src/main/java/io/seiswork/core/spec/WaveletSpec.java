package io.seiswork.core.spec;

import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.core.wavelet.Wavelet;

/**
 * The source wavelet.
 *
 * @param type only "ricker" today
 * @param peakHz peak frequency in Hz
 * @param delayS time of the peak in seconds; {@code 1 / peakHz} when absent
 */
public record WaveletSpec(String type, double peakHz, Double delayS) {

    /** Time of the peak in seconds: {@code delayS}, or {@code 1 / peakHz} when absent. */
    public double peakDelayS() {
        return delayS != null ? delayS : 1 / peakHz;
    }

    /** The wavelet this spec describes. */
    public Wavelet toWavelet() {
        return delayS == null ? RickerWavelet.of(peakHz) : new RickerWavelet(peakHz, delayS);
    }
}
