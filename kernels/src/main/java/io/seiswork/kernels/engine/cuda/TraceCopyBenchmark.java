package io.seiswork.kernels.engine.cuda;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.RunStats;
import io.seiswork.kernels.engine.ShotRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether the GPU engine's trace copies overlap its compute: the same shot timed with a dense
 * carpet of receivers and with one receiver. The engine samples the receivers into device chunks
 * and copies each chunk to pinned host memory on a second stream while the next chunk computes;
 * if that overlap works, the carpet costs only its sampling kernel, a few per cent; if the copies
 * serialised with the stencil, the difference would be their whole transfer time.
 *
 * <p>Command line (GPU machines, {@code scripts/gpu-report.sh}): {@code [--grid N] [--steps K]
 * [--receivers R]}, an N³ grid of 10 m cells with an R × R receiver carpet 20 m deep; prints one
 * line; exit status 2 when no GPU is usable.
 */
public final class TraceCopyBenchmark {

    /**
     * @param receivers receivers of the carpet
     * @param samples output samples per trace
     * @param withCarpet loop seconds of the shot with the carpet (median of three)
     * @param alone loop seconds of the same shot with one receiver (median of three)
     */
    public record Result(int receivers, int samples, double withCarpet, double alone) {

        /** Extra time the carpet costs, as a fraction of the shot without it. */
        public double overhead() {
            return withCarpet / alone - 1;
        }

        /** Bytes of traces copied to the host. */
        public long bytes() {
            return (long) receivers * samples * Float.BYTES;
        }

        /** One line for the report. */
        public String describe() {
            return String.format(Locale.ROOT, "receiver carpet: %,d receivers x %,d samples (%.1f MB sampled, copied "
                    + "to pinned memory and resampled on the host) cost %+.1f %% of the shot (%.3f s against %.3f s "
                    + "with one receiver)", receivers, samples, bytes() / 1e6,
                    100 * overhead(), withCarpet, alone);
        }
    }

    private TraceCopyBenchmark() {
    }

    /**
     * Times the shot both ways on a new GPU engine.
     *
     * @throws IllegalStateException when no GPU is usable
     */
    public static Result run(int n, int steps, int carpet) {
        Grid g = Grid.of3d(n, n, n, 10);
        VelocityModel model = VelocityModel.constant(g, 2500f);
        double dt = 0.8 * TimeStepping.maxStableDtS(model, 8);
        int every = 4;
        int samples = steps / every;
        TimeStepping timing = new TimeStepping(dt, steps, new Sampling(samples, every * dt, 0));
        Position source = new Position(n * 5.0, n * 5.0, n * 5.0);
        List<Position> receivers = new ArrayList<>();
        double spacing = 10.0 * (n - 1) / Math.max(1, carpet - 1);
        for (int iy = 0; iy < carpet; iy++) {
            for (int ix = 0; ix < carpet; ix++) {
                receivers.add(new Position(ix * spacing, iy * spacing, 20));
            }
        }
        PhysicsOptions physics = PhysicsOptions.defaults();
        ShotRequest with = new ShotRequest(model, physics, source, RickerWavelet.of(10), receivers, timing);
        ShotRequest one = new ShotRequest(model, physics, source, RickerWavelet.of(10), receivers.subList(0, 1),
                timing);
        try (CudaWaveEngine engine = new CudaWaveEngine()) {
            loopSeconds(engine, one);  // warm-up: module, buffers, JIT of the host side
            double[] a = new double[3];
            double[] b = new double[3];
            for (int i = 0; i < 3; i++) {  // interleaved, so that clocks and heat treat both alike
                a[i] = loopSeconds(engine, with);
                b[i] = loopSeconds(engine, one);
            }
            return new Result(receivers.size(), samples, median(a), median(b));
        }
    }

    private static double loopSeconds(CudaWaveEngine engine, ShotRequest r) {
        RunStats s = engine.model(r, ProgressListener.NONE, CancellationToken.none()).stats();
        return s.wallSeconds();
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    /** See the class comment. */
    public static void main(String[] args) {
        int n = 256;
        int steps = 800;
        int carpet = 200;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--grid" -> n = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--receivers" -> carpet = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: TraceCopyBenchmark [--grid N] [--steps K] [--receivers R]");
                    System.exit(64);
                }
            }
        }
        if (!CudaProbe.available()) {
            System.out.println("gpu: not usable: " + CudaProbe.reason());
            System.exit(2);
        }
        System.out.println(run(n, steps, carpet).describe());
    }
}
