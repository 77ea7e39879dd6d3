package io.seiswork.app.run;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.Throughput;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.engine.EngineSpeed;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.StepTimes;
import io.seiswork.kernels.engine.WaveEngine;
import io.seiswork.kernels.engine.cuda.CudaWaveEngine;
import io.seiswork.kernels.job.ImageFiles;
import io.seiswork.kernels.job.JobEngine;
import io.seiswork.kernels.job.ShotComputer;
import io.seiswork.kernels.rtm.MemoryPlan;
import io.seiswork.kernels.rtm.MigrationSpeed;
import io.seiswork.kernels.rtm.WavefieldStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How long a job will run, before it runs: its work ({@link RunWork}) at the speeds the engine it
 * selects shows on its first shot once warm, plus the warm-up a run in a fresh JVM still pays:
 * modelling by {@link EngineSpeed}, a migration's own step (propagations, imaging, wavefield
 * strategy) by {@link MigrationSpeed}; a few seconds of the engine's time in all, measured again
 * (up to {@value #ATTEMPTS} times in all) while the JIT was still compiling the engine. It opens
 * what the run would (the engine, the GPU's context, one shot's memory), so callers run it off the
 * JavaFX thread and not beside a run. The command line and the desktop both say what
 * {@link Estimate#describe} says.
 */
public final class RunTimeEstimator {

    /**
     * Measurements at most, while the engine is timed before the JIT has compiled it
     * ({@link Estimate#settled}): a window just opened, or a busy machine whose JIT threads wait
     * for a core too, may take 20 s and more to compile the kernels.
     */
    public static final int ATTEMPTS = 3;

    /** What follows an estimate that is being measured again ({@link #estimate}'s {@code measuringAgain}). */
    public static final String MEASURING_AGAIN = "; measuring again...";

    /**
     * The least the range runs below the figure, as a share of it: on an idle machine the runs of
     * the examples took 0.77 to 1.22 × their estimate (docs/benchmarks.md, "Run-time estimates on
     * a busy machine"), which no spread of 5 timed runs of a second shows.
     */
    static final double LEAST_BELOW = 0.75;

    /** The least the range runs above the figure, as a multiple of it (see {@link #LEAST_BELOW}). */
    static final double LEAST_ABOVE = 1.3;

    /** Where the run estimated will run, which decides whether it still pays the JIT's warm-up. */
    public enum RunsIn {
        /**
         * A JVM of its own ({@code seiswork run} after {@code run --estimate}): its kernels
         * compile again, as long as the measurements' warm-ups took beyond the engine's speed.
         */
        A_FRESH_JVM,
        /** This JVM (the desktop's Run after its estimate): the measurement compiled the kernels. */
        THIS_JVM
    }

    /**
     * @param work the run's grid-point updates
     * @param engine the engine's name, as {@code run.json} gives it
     * @param modelling the engine's modelling speed, measured on the first shot: the median of its
     *     timed runs, and their fastest and slowest
     * @param migration seconds per migration step of the run's mean shot window, imaging and
     *     wavefield strategy included: median, fastest and slowest of the timed migrations (0 for
     *     task model)
     * @param startupSeconds what the run pays once before those speeds (the JIT compiling the CPU
     *     kernels and the imaging code in a fresh JVM; 0 in a JVM whose code is compiled)
     * @param warmUpSeconds what the measurements' warm-ups took beyond those speeds: the start-up
     *     a fresh JVM pays, which the range's slow end counts even in this JVM (a run whose code
     *     the JIT compiles again: other shot sizes, the run's own code, a busy JIT)
     * @param imageBytes the image files a migration writes after its last shot (0 for task model):
     *     for a survey they take longer than its shots, at the disk's speed, which is not
     *     measured here, so the estimate names their size instead
     * @param load how busy the machine was when the engine had been measured, and lately
     */
    public record Estimate(RunWork work, String engine, EngineSpeed.Measured modelling, StepTimes migration,
            double startupSeconds, double warmUpSeconds, long imageBytes, MachineLoad load) {

        /** What {@link #describe} adds when the engine was timed while the JIT was still compiling it. */
        public static final String UNSETTLED = " (timed while the JIT was still compiling, so the engine may not have been compiled yet: it may take less)";

        /** What {@link #headline} says the figure is for: not a bound. */
        public static final String THIS_MACHINE_NOW = " on this machine now";

        /** Image files smaller than this are not mentioned: they take a moment to write. */
        static final long IMAGE_BYTES_WORTH_SAYING = 1L << 30;

        /** Billions of computed point updates per second the engine modelled at (the median timed run). */
        public double gptsPerSecond() {
            return modelling.gptsPerSecond();
        }

        /**
         * The same on the user's grid, the absorbing layers left out: as the run's per-shot lines,
         * its last line and {@code run.json}'s {@code userGptsPerSecond} count it.
         */
        public double userGptsPerSecond() {
            return work.userShare() * gptsPerSecond();
        }

        /**
         * False when the engine was timed while the JIT may still have been compiling it
         * ({@link EngineSpeed.Measured#settled}): the estimate may be many times long, and
         * measuring again later gives the real one.
         */
        public boolean settled() {
            return modelling.settled();
        }

        /** Seconds the run should take at the median speeds: on a machine whose load stays as it was. */
        public double seconds() {
            return secondsAt(modelling.gptsPerSecond(), migration.median());
        }

        /** Seconds at the fastest timed runs' speeds, the load as it was. */
        public double fastestSeconds() {
            return secondsAt(modelling.fastestGptsPerSecond(), migration.fastest());
        }

        /** Seconds at the slowest timed runs' speeds, the load as it was. */
        public double slowestSeconds() {
            return secondsAt(modelling.slowestGptsPerSecond(), migration.slowest());
        }

        /**
         * The range's fast end: the fastest timed runs at the lowest load of the last 15 minutes
         * ({@link MachineLoad#timeFactor}), at most {@link #LEAST_BELOW} × {@link #seconds}.
         */
        public double lowSeconds() {
            return Math.min(fastestSeconds() * load.timeFactor(load.lowest()), LEAST_BELOW * seconds());
        }

        /**
         * The range's slow end: the slowest timed runs with the JIT's warm-up paid again
         * ({@link #warmUpSeconds}), at the highest load of the last 15 minutes, at least
         * {@link #LEAST_ABOVE} × {@link #seconds}.
         */
        public double highSeconds() {
            double slowest = slowestSeconds() - startupSeconds + Math.max(startupSeconds, warmUpSeconds);
            return Math.max(slowest * load.timeFactor(load.highest()), LEAST_ABOVE * seconds());
        }

        private double secondsAt(double gptsPerSecond, double migrationSecondsPerStep) {
            double modelling = work.modellingPropagations() * (double) work.pointsPerStep() / (gptsPerSecond * 1e9);
            double migration = work.migrationPropagations() > 0 ? migrationSecondsPerStep : 0;
            return startupSeconds + (double) work.shots() * work.steps() * (modelling + migration);
        }

        /**
         * The figure and its range, as an estimate for this machine at its present load, not a
         * bound: "about 55 s on this machine now; 41 s to 1 min 12 s" (the desktop's Run time
         * fact; {@link #describe} goes on from it).
         */
        public String headline() {
            double s = seconds();
            String figure = s < 1 ? "under a second" : "about " + duration(s);
            String low = duration(lowSeconds());
            String high = duration(highSeconds());
            String range = low.equals(high) ? "" : "; " + low + " to " + high;
            return figure + THIS_MACHINE_NOW + range;
        }

        /**
         * {@link #headline}, then what it is made of, for example "about 6 s on this machine now; 5
         * s to 8 s, on cpu (2 threads, Vector API): 9 shots × 3 propagations × 1,501 steps of
         * 112,896 points (absorbing layers included), at 1.44 Gpts/s on the user's grid, 2.02 with
         * the absorbing layers, and 0.215 ms per migration step, measured on the first shot at load
         * 0.5 on 2 cores; the range: the timed runs (1.40 to 1.47 Gpts/s on the user's grid), the
         * load of the last 15 minutes, the JIT compiling again (1.2 s), and at least -25 % to +30 %
         * (as runs went on an idle machine)". The speed is counted as the run's last line counts
         * it, the user's grid first, then these computed points.
         */
        public String describe() {
            String shots = work.shots() == 1 ? "1 shot" : String.format(Locale.ROOT, "%,d shots", work.shots());
            int p = work.propagationsPerShot();
            String props = p == 1 ? "" : " × " + p + " propagations";
            String migrationStep = work.migrationPropagations() == 0 ? ""
                    : ", and " + significant(migration.median() * 1e3) + " ms per migration step";
            String image = imageBytes < IMAGE_BYTES_WORTH_SAYING ? ""
                    : "; then " + MemoryEstimate.human(imageBytes) + " of image files to write";
            return String.format(Locale.ROOT, "%s, on %s: %s%s × %,d steps of %,d points (absorbing layers included), at "
                    + "%s Gpts/s on the user's grid, %s with the absorbing layers%s, measured on the first shot%s at %s%s%s",
                    headline(), engine, shots, props, work.steps(), work.pointsPerStep(),
                    Throughput.gpts(userGptsPerSecond()), Throughput.gpts(gptsPerSecond()), migrationStep,
                    settled() ? "" : UNSETTLED, load.describeRecent(), rangeNote(), image);
        }

        /** What the range allows for. */
        private String rangeNote() {
            String speeds = "the timed runs (" + Throughput.gpts(work.userShare() * modelling.slowestGptsPerSecond())
                    + " to " + Throughput.gpts(work.userShare() * modelling.fastestGptsPerSecond())
                    + " Gpts/s on the user's grid)";
            String loadNote = load.busy() || load.highest() > load.cores()
                    ? ", the load of the last 15 minutes (the run goes slower or faster as other programs' load comes"
                            + " and goes)"
                    : "";
            String jit = warmUpSeconds >= 0.05 && warmUpSeconds > startupSeconds
                    ? String.format(Locale.ROOT, ", the JIT compiling again (%.1f s)", warmUpSeconds)
                    : "";
            return "; the range: " + speeds + loadNote + jit + ", and at least -25 % to +30 % (as runs went on an idle"
                    + " machine)";
        }

        private static String significant(double v) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).toPlainString();
        }
    }

    /** How the engine's speed is measured: {@link EngineSpeed#measure}, or a script in tests. */
    interface SpeedMeter {
        EngineSpeed.Measured measure(WaveEngine engine, ShotRequest shot, long runSteps, CancellationToken cancel);
    }

    private RunTimeEstimator() {
    }

    /** {@link #estimate(ResolvedJob, List, Integer, RunsIn, CancellationToken, Consumer)} of every shot, in a fresh JVM. */
    public static Estimate estimate(ResolvedJob job, CancellationToken cancel) {
        return estimate(job, ShotComputer.shotsOf(job), null, RunsIn.A_FRESH_JVM, cancel, e -> { });
    }

    /**
     * The estimate for a run of {@code job}'s {@code shots} (all of them, or some: {@code run
     * --shots}) on the engine its spec selects, the CPU engine on {@code cpuThreads} threads
     * ({@code run --threads}; null: one per processor). Measured again, {@value #ATTEMPTS} times
     * in all at most, while the engine was timed before the JIT had compiled it.
     *
     * @param runsIn where the run will run: in a fresh JVM it pays the JIT's warm-up again
     * @param measuringAgain given each estimate that is not settled before it is measured again
     *     (the command line and the desktop show it, followed by {@link #MEASURING_AGAIN}); called
     *     on this thread
     * @throws io.seiswork.core.progress.CancelledException when {@code cancel} is cancelled
     * @throws IllegalArgumentException when the engine cannot be had (engine "gpu" without one)
     *     or a data file cannot be read
     */
    public static Estimate estimate(ResolvedJob job, List<Shot> shots, Integer cpuThreads, RunsIn runsIn,
            CancellationToken cancel, Consumer<Estimate> measuringAgain) {
        return estimate(job, shots, cpuThreads, runsIn, cancel, measuringAgain, EngineSpeed::measure);
    }

    /** {@link #estimate(ResolvedJob, List, Integer, RunsIn, CancellationToken, Consumer)} measuring by {@code meter}. */
    static Estimate estimate(ResolvedJob job, List<Shot> shots, Integer cpuThreads, RunsIn runsIn,
            CancellationToken cancel, Consumer<Estimate> measuringAgain, SpeedMeter meter) {
        JobSpec spec = job.spec();
        PhysicsOptions physics = PhysicsOptions.of(spec.physics());
        if (shots.isEmpty()) {
            throw new IllegalArgumentException("the job has no shots");
        }
        // The first shot, or with a migration aperture the shot of the largest window, in that window's frame.
        Double aperture = spec.task() == Task.RTM ? spec.imaging().apertureM() : null;
        Shot largest = ShotWindow.largestShot(spec.grid(), shots, aperture);
        ShotWindow window = ShotWindow.of(spec.grid(), largest, aperture);
        Shot measured = window.local(largest);
        ShotRequest shot = new ShotRequest(window.crop(job.velocity()), physics, measured.source(),
                spec.wavelet().toWavelet(), measured.receivers(), job.time());
        EngineSelection selected = JobEngine.select(job).withCpuThreads(cpuThreads);
        WaveEngine engine = selected.engine();
        try {
            boolean onGpu = engine instanceof CudaWaveEngine;
            long budget = ShotComputer.heapBudgetBytes();  // as the migration plans it
            WavefieldStrategy strategy = spec.task() == Task.RTM
                    ? MemoryPlan.of(shot, spec.imaging().wavefield(), budget).strategy()
                    : null;
            RunWork work = RunWork.of(job, shots, onGpu, strategy);
            long runSteps = (long) work.shots() * work.propagationsPerShot() * work.steps();
            long imageBytes = spec.task() == Task.RTM
                    ? ImageFiles.diskBytes(spec.grid(), WholeGridStorage.HEAP)  // the two files, without the stack
                    : 0;
            List<Attempt> earlier = new ArrayList<>();
            while (true) {
                EngineSpeed.Measured speed = meter.measure(engine, shot, runSteps, cancel);
                MigrationSpeed.Measured migrationSpeed = null;
                StepTimes migration = new StepTimes(0, 0, 0);
                if (work.migrationPropagations() > 0) {
                    // Measured on the largest window; a migration step's time scales with the points it updates.
                    double windowPoints = RunWork.computedPoints(window.grid(), spec);
                    ShotRequest migrated = new ShotRequest(window.crop(job.migrationVelocity()), physics,
                            measured.source(), spec.wavelet().toWavelet(), measured.receivers(), job.time());
                    migrationSpeed = MigrationSpeed.measure(engine, migrated, spec.imaging().wavefield(), budget,
                            windowPoints / (speed.gptsPerSecond() * 1e9), cancel);
                    migration = migrationSpeed.timed().scaled(work.pointsPerStep() / windowPoints);
                }
                Attempt last = new Attempt(speed, migrationSpeed);
                double warmUp = warmUpBeyond(earlier, last);
                Estimate e = new Estimate(work, engine.name(), speed, migration,
                        runsIn == RunsIn.A_FRESH_JVM ? warmUp : 0, warmUp, imageBytes, MachineLoad.now());
                if (e.settled() || earlier.size() + 1 >= ATTEMPTS) {
                    return e;
                }
                measuringAgain.accept(e);
                earlier.add(last);
            }
        } finally {
            engine.close();
        }
    }

    /** One measurement: the modelling speed and, for a migration, the migration's step (else null). */
    private record Attempt(EngineSpeed.Measured modelling, MigrationSpeed.Measured migration) {

        /** What its warm-ups took beyond the speeds {@code last} found. */
        double warmUpBeyond(Attempt last) {
            double seconds = modelling.warmUp().secondsBeyond(last.modelling.timed().median());
            return migration == null ? seconds
                    : seconds + migration.warmUp().secondsBeyond(last.migration.timed().median());
        }
    }

    /**
     * What every warm-up here ({@code earlier} measurements', then {@code last}'s) took beyond the
     * speeds {@code last} found: the JIT compiling the kernels and the imaging code, which a run in
     * a fresh JVM pays before those speeds, and one in this JVM, whose code they compiled, does not.
     */
    private static double warmUpBeyond(List<Attempt> earlier, Attempt last) {
        double seconds = last.warmUpBeyond(last);
        for (Attempt a : earlier) {
            seconds += a.warmUpBeyond(last);
        }
        return seconds;
    }

    /** "under a second", "12 s", "2 min 10 s", "3 h 20 min", "2 d 5 h". */
    static String duration(double seconds) {
        if (!(seconds >= 1)) {
            return "under a second";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        long m = Math.round(seconds / 60);
        if (m < 24 * 60) {
            return m / 60 + " h" + (m % 60 == 0 ? "" : " " + m % 60 + " min");
        }
        long h = Math.round(seconds / 3600);
        return h / 24 + " d" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
    }
}
