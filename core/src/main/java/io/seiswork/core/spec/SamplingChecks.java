package io.seiswork.core.spec;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.stencil.SecondDerivative;

/**
 * Whether the job samples its wavelet's band finely enough, in time (the output traces'
 * {@code time.sampleS}, seconds) and in space (grid points per minimum wavelength, from the
 * spacing in metres and the slowest velocity in m/s), and whether the model's lengths are metres
 * at all. The highest frequency is 2.5 x {@code wavelet.peakHz} (Hz).
 */
final class SamplingChecks {

    private SamplingChecks() {
    }

    /**
     * The output traces sample the wavelet's band only if their Nyquist frequency 1 / (2 sampleS)
     * is at least its highest frequency f_max = 2.5 x peakHz: above the Nyquist the energy (11 %
     * of a 90 Hz Ricker's at 4 ms) does not vanish but folds back into the band. The largest
     * interval allowed, 1 / (2 f_max), is given in whole microseconds (SEG-Y stores it so). A
     * migration of recorded data writes no traces and takes each trace from its own interval to the
     * propagator's steps, so its {@code sampleS} samples nothing and is not checked.
     */
    static void checkSampleInterval(JobSpec spec, Problems problems) {
        if (spec.task() == Task.RTM && spec.recordedData()) {
            return;
        }
        double fMax = spec.wavelet().toWavelet().highestFrequencyHz();
        double sample = spec.time().sampleS();
        double limit = 1 / (2 * fMax);
        if (sample > limit * (1 + 1e-9)) {
            double largest = Math.floor(limit * 1e6 + 1e-6) / 1e6;
            // The Nyquist frequency to 0.1 Hz as Math.round of 10 / (2 x sample) rounds it, not
            // Figures.decimals(1 / (2 x sample), 1): the two round the quotient from different
            // doubles, so on near-ties they differ (1.2506722363270258E-4 s: 3997.9 and 3997.8 Hz).
            problems.error("time.sampleS", "must be <= " + Problems.num(largest, sample) + " s = 1 / (2 x " + Problems.num(fMax)
                    + " Hz), the wavelet's highest frequency (2.5 x wavelet.peakHz), got " + Problems.num(sample, largest)
                    + ": its Nyquist frequency " + Problems.num(Math.round(10 / (2 * sample)) / 10.0) + " Hz is below"
                    + " the band, whose energy above it would fold back into the traces; lower time.sampleS or"
                    + " wavelet.peakHz");
        }
    }

    /**
     * Fewer grid points per minimum wavelength (slowest velocity / highest frequency / the
     * largest spacing) than the space order needs is a warning (numerical dispersion); fewer than
     * {@link SecondDerivative#HARD_FLOOR_POINTS_PER_WAVELENGTH}, an error.
     *
     * @param vMin the model's slowest velocity, m/s
     */
    static void checkPointsPerWavelength(JobSpec spec, SecondDerivative op, double vMin, Problems problems) {
        Grid g = spec.grid();
        double fMax = spec.wavelet().toWavelet().highestFrequencyHz();
        double h = g.is2d() ? Math.max(g.dx(), g.dz()) : Math.max(g.dx(), Math.max(g.dy(), g.dz()));
        double ppw = vMin / fMax / h;
        String what = String.format(java.util.Locale.ROOT,
                "%.2f points per minimum wavelength (slowest velocity %s m/s, highest frequency %s Hz = 2.5 x wavelet.peakHz, spacing %s m)",
                ppw, Problems.num(vMin), Problems.num(fMax), Problems.num(h));
        if (ppw < SecondDerivative.HARD_FLOOR_POINTS_PER_WAVELENGTH) {
            problems.error("grid", what + "; must be >= " + SecondDerivative.HARD_FLOOR_POINTS_PER_WAVELENGTH
                    + ": refine the grid or lower wavelet.peakHz");
        } else if (ppw < op.recommendedPointsPerWavelength()) {
            problems.warning("grid", what + "; space order " + op.order() + " needs "
                    + Problems.num(op.recommendedPointsPerWavelength()) + " for accurate results (numerical dispersion)");
        }
    }

    /**
     * A model smaller than one wavelength of the wavelet's peak frequency at its slowest velocity
     * is no seismic model: most often lengths given in km with velocities in m/s (a 1 km model of
     * dx = 0.01 is 1 m wide). Warned, naming both figures, since Seiswork's lengths are metres.
     *
     * @param vMin the model's slowest velocity, m/s
     */
    static void checkExtentInMetres(JobSpec spec, double vMin, Problems problems) {
        Grid g = spec.grid();
        double peakHz = spec.wavelet().peakHz();
        double wavelength = vMin / peakHz;
        double x = g.xAxis().last();
        double y = g.is2d() ? 0 : g.yAxis().last();
        double z = g.zAxis().last();
        if (Math.max(x, Math.max(y, z)) >= wavelength) {
            return;
        }
        String size = Problems.num(Figures.round3(x)) + " m x " + (g.is2d() ? "" : Problems.num(Figures.round3(y)) + " m x ")
                + Problems.num(Figures.round3(z)) + " m";
        problems.warning("grid", "grid is " + size + ", shorter than one wavelength ("
                + Problems.num(Figures.round3(wavelength)) + " m at " + Problems.num(peakHz) + " Hz, " + Problems.num(vMin)
                + " m/s): are the lengths in km? Seiswork uses metres (grid, sources, receivers) and m/s");
    }
}
