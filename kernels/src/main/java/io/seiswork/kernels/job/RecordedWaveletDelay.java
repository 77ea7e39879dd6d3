package io.seiswork.kernels.job;

import io.seiswork.core.segy.ScaleCard;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.TextHeaderCodec;
import io.seiswork.core.segy.WaveletDelayCard;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.SpecException;
import io.seiswork.core.spec.SpecProblem;
import io.seiswork.core.spec.VelocityRange;
import io.seiswork.core.spec.WaveletSpec;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Refuses to migrate recorded data whose wavelet peaks at another time than the spec's
 * {@code wavelet.delayS}. The migration injects its source wavelet peaking at that time; data
 * whose wavelet peaks Δt later image every reflector v·Δt/2 deeper (earlier: shallower), and the
 * image shows nothing wrong. Only a file that says its peak time can be checked: Seiswork's own
 * {@code shots.sgy} ({@link WaveletDelayCard}); for any other file the docs ask that
 * {@code wavelet.delayS} be the time of the data's wavelet peak.
 */
final class RecordedWaveletDelay {

    private RecordedWaveletDelay() {
    }

    /**
     * Checks {@code job}'s data file (task rtm with recorded data; nothing otherwise) before its
     * trace headers are scanned: reads only its text header.
     *
     * @throws SpecException with one error under {@code wavelet.delayS} naming both peak times and
     *     the depth shift, when the file's card gives a time more than half the file's sample
     *     interval from the spec's
     */
    static void check(ResolvedJob job) {
        if (job.dataFile() == null) {
            return;
        }
        OptionalDouble recorded;
        double sampleS;
        try (SegyReader r = SegyReader.open(job.dataFile())) {
            List<byte[]> raw = r.rawTextHeaders();
            recorded = raw.isEmpty() ? OptionalDouble.empty()
                    : WaveletDelayCard.delayS(TextHeaderCodec.decode(raw.get(0), TextHeaderCodec.detect(raw.get(0))));
            sampleS = r.sampleIntervalUs() * 1e-6;
        }
        if (recorded.isEmpty()) {
            return;
        }
        WaveletSpec w = job.spec().wavelet();
        double specS = w.peakDelayS();
        double dt = recorded.getAsDouble() - specS;
        if (Math.abs(dt) <= sampleS / 2) {
            return;
        }
        throw new SpecException(job.spec().name(), List.of(SpecProblem.error("wavelet.delayS",
                message(job, recorded.getAsDouble(), specS, w.delayS() == null, sampleS))));
    }

    private static String message(ResolvedJob job, double recordedS, double specS, boolean defaulted,
            double sampleS) {
        double dt = recordedS - specS;
        VelocityRange v = job.migrationVelocityRange();
        String way = dt > 0 ? "deeper" : "shallower";
        String shift = v.minMps() == v.maxMps()
                ? String.format(Locale.ROOT, "%.1f m at %.0f m/s", Math.abs(dt) * v.minMps() / 2, v.minMps())
                : String.format(Locale.ROOT, "%.1f m at %.0f m/s to %.1f m at %.0f m/s", Math.abs(dt) * v.minMps() / 2,
                        v.minMps(), Math.abs(dt) * v.maxMps() / 2, v.maxMps());
        return String.format(Locale.ROOT, "the data file %s says its wavelet peaks %s s after time zero (its text"
                + " header), the spec's wavelet at %s s%s: %s ms apart (more than half its %s ms sample), which"
                + " would image every reflector v·Δt/2 %s, %s; set wavelet.delayS to %s",
                job.dataFile().getFileName(), num(recordedS), num(specS),
                defaulted ? " (1 / peakHz, the default)" : "", num(Math.abs(dt) * 1e3), num(sampleS * 1e3), way, shift,
                num(recordedS));
    }

    private static String num(double v) {
        return ScaleCard.number(v);
    }
}
