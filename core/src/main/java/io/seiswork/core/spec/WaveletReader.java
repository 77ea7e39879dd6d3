package io.seiswork.core.spec;

import static io.seiswork.core.spec.JobSpecReader.MAX_PEAK_HZ;

import java.util.List;

/**
 * Reads a spec's {@code wavelet} (a Ricker wavelet: its peak frequency in Hz, its delay in
 * seconds) and checks that its peak lies within the record ({@code time.lengthS}, seconds) with
 * time for its waves to travel, since a wavelet cut at either end of the record leaves traces
 * that are all but zero.
 */
final class WaveletReader {

    /**
     * A {@code wavelet.delayS} below this many periods of the peak frequency starts the Ricker
     * wavelet cut: at 0.8 / peakHz its first sample is already 2 % of its peak (at the default,
     * 1 / peakHz, 0.1 %).
     */
    static final double MIN_UNCUT_DELAY_PERIODS = 0.8;

    private final Problems problems;

    /** @param problems where the problems found are recorded */
    WaveletReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * The wavelet of object {@code w}, a {@code delayS} that starts it cut warned of; null when
     * {@code w} is null (its absence already reported) or a problem leaves no wavelet.
     */
    WaveletSpec wavelet(JsonObject w) {
        if (w == null) {
            return null;
        }
        String type = w.choice("type", "ricker", List.of("ricker"));
        double peak = w.positive("peakHz", null);
        Double delay = w.optionalNumber("delayS");
        w.rejectUnknownKeys();
        if (peak > MAX_PEAK_HZ) {
            problems.error(w.pathOf("peakHz"), "must be <= " + Problems.num(MAX_PEAK_HZ) + " Hz (its band, to 2.5 x"
                    + " peakHz, sampled by time.sampleS of at least 1 microsecond, the finest SEG-Y stores), got "
                    + Problems.num(peak, MAX_PEAK_HZ));
            peak = Double.NaN;
        }
        if (delay != null && !(delay >= 0)) {
            problems.error(w.pathOf("delayS"), "must be >= 0, got " + Problems.num(delay));
        } else if (delay != null && !Double.isNaN(peak) && delay < MIN_UNCUT_DELAY_PERIODS / peak) {
            double a = Math.PI * peak * delay;
            double first = (1 - 2 * a * a) * Math.exp(-a * a);
            problems.warning(w.pathOf("delayS"), Problems.num(delay) + " s is less than "
                    + Problems.num(MIN_UNCUT_DELAY_PERIODS) + " / peakHz = " + Figures.decimals(MIN_UNCUT_DELAY_PERIODS / peak, 4)
                    + " s: the Ricker wavelet starts cut (its value at 0 s is " + Figures.decimals(100 * first, 1)
                    + " % of its peak); leave delayS out for 1 / peakHz = " + Figures.decimals(1 / peak, 4) + " s");
        }
        return type == null || Double.isNaN(peak) ? null : new WaveletSpec(type, peak, delay);
    }

    /**
     * A Ricker wavelet's energy lies within about one period, 1 / peakHz, either side of its
     * peak at {@code delayS}. A {@code delayS} given at or past the record's end fires nothing
     * the record holds (its traces all but zero): refused, naming both values. A peak, given or
     * the default 1 / peakHz, that leaves less than one period of the record after it cuts the
     * wavelet at the record's end, and its waves have no time to reach the receivers: warned.
     */
    void checkPeakInRecord(JsonObject root, WaveletSpec wavelet, TimeSpec time) {
        double peak = wavelet.peakDelayS();
        double period = 1 / wavelet.peakHz();
        double length = time.lengthS();
        String lengthPath = root.pathOf("time") + ".lengthS";
        String delayPath = root.pathOf("wavelet") + ".delayS";
        if (wavelet.peakHz() * length < 1) {
            problems.error(root.pathOf("wavelet") + ".peakHz", "must be >= 1 / " + lengthPath + " = "
                    + Figures.decimals(1 / length, 6) + " Hz (at least one period within the " + Problems.num(length)
                    + " s record), got " + Problems.num(wavelet.peakHz()) + ": every trace would be (nearly) zero");
            return;
        }
        if (wavelet.delayS() != null && peak >= length) {
            problems.independentError(delayPath, "must be < " + lengthPath + " (" + Problems.num(length, peak) + " s), got "
                    + Problems.num(peak, length) + ": the wavelet would peak after the record ends and every trace"
                    + " would be (nearly) zero");
        } else if (wavelet.delayS() == null && peak >= length) {
            problems.independentError(lengthPath, "must be > the wavelet's peak at 1 / peakHz = " + Figures.decimals(peak, 6) + " s ("
                    + delayPath + " not given), got " + Problems.num(length) + ": the traces would hold only its onset");
        } else if (length - peak < period) {
            String at = wavelet.delayS() != null ? Problems.num(peak) + " s"
                    : "1 / peakHz = " + Figures.decimals(peak, 4) + " s (" + delayPath + " not given)";
            problems.warning(wavelet.delayS() != null ? delayPath : lengthPath, "the wavelet's peak at " + at
                    + " leaves " + Figures.decimals(length - peak, 4) + " s of the " + Problems.num(length) + " s record ("
                    + lengthPath + "), less than one period (1 / peakHz = " + Figures.decimals(period, 4) + " s): the wavelet"
                    + " is cut at the record's end and its waves have no time to reach the receivers");
        }
    }
}
