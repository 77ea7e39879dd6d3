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
     * The spread of the timed runs above which the estimate gives a range, fastest to slowest:
     * below it, "about" says as much.
     */
    static final double RANGE_WORTH_SAYING = 1.2;

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
     * @param imageBytes the image files a migration writes after its last shot (0 for task model):
     *     for a survey they take longer than its shots, at the disk's speed, which is not
     *     measured here, so the estimate names their size instead
     * @param load how busy the machine was when the engine had been measured
     */
    public record Estimate(RunWork work, String engine, EngineSpeed.Measured modelling, StepTimes migration,
            double startupSeconds, long imageBytes, MachineLoad load) {

        /** What {@link #describe} adds when the engine was timed while the JIT was still compiling it. */
        public static final String UNSETTLED = " (timed while the JIT was still compiling, so the engine may not have been compiled yet: it may take less)";

        /** How {@link #describe}'s note on a busy machine starts. */
        public static final String BUSY = "; this machine is busy (";

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

        /** Seconds at the fastest timed runs' speeds. */
        public double fastestSeconds() {
            return secondsAt(modelling.fastestGptsPerSecond(), migration.fastest());
        }

        /** Seconds at the slowest timed runs' speeds. */
        public double slowestSeconds() {
            return secondsAt(modelling.slowestGptsPerSecond(), migration.slowest());
        }

        private double secondsAt(double gptsPerSecond, double migrationSecondsPerStep) {
            double modelling = work.modellingPropagations() * (double) work.pointsPerStep() / (gptsPerSecond * 1e9);
            double migration = work.migrationPropagations() > 0 ? migrationSecondsPerStep : 0;
            return startupSeconds + (double) work.shots() * work.steps() * (modelling + migration);
        }

        /**
         * Whether one figure would say more than is known: the machine busy (other programs' load
         * may change before and during the run), or the timed runs spread by more than
         * {@link #RANGE_WORTH_SAYING}.
         */
        public boolean uncertain() {
            return load.busy() || slowestSeconds() > RANGE_WORTH_SAYING * fastestSeconds();
        }

        /**
         * One line for the user, for example "about 5 s on cpu (2 threads, Vector API): 9 shots × 3
         * propagations × 1,501 steps of 112,896 points (absorbing layers included), at 1.44 Gpts/s
         * on the user's grid, 2.02 with the absorbing layers, and 0.215 ms per migration step,
         * measured on the first shot": the speed counted as the run's last line counts it, the
         * user's grid first (the per-shot lines' and {@code run.json}'s {@code userGptsPerSecond}),
         * then these computed points. When {@link #uncertain}, the range of the timed runs follows
         * the figure and the speeds they went at the line, on the user's grid: "about 1 min 3 s
         * (57 s to 2 min 29 s) on cpu … measured on the first shot; this machine is busy (load 9.9
         * on 2 cores) and the timed runs went at 0.0112 to 0.0850 Gpts/s on the user's grid: the
         * run takes longer or less as other programs' load comes and goes".
         */
        public String describe() {
            String shots = work.shots() == 1 ? "1 shot" : String.format(Locale.ROOT, "%,d shots", work.shots());
            int p = work.propagationsPerShot();
            String props = p == 1 ? "" : " × " + p + " propagations";
            String migrationStep = work.migrationPropagations() == 0 ? ""
                    : ", and " + significant(migration.median() * 1e3) + " ms per migration step";
            double s = seconds();
            String figure = s < 1 ? "under a second" : "about " + duration(s);
            String fastest = duration(fastestSeconds());
            String slowest = duration(slowestSeconds());
            String range = uncertain() && !fastest.equals(slowest) ? " (" + fastest + " to " + slowest + ")" : "";
            String image = imageBytes < IMAGE_BYTES_WORTH_SAYING ? ""
                    : "; then " + MemoryEstimate.human(imageBytes) + " of image files to write";
            return String.format(Locale.ROOT, "%s%s on %s: %s%s × %,d steps of %,d points (absorbing layers included), at "
                    + "%s Gpts/s on the user's grid, %s with the absorbing layers%s, measured on the first shot%s%s%s",
                    figure, range, engine, shots, props, work.steps(), work.pointsPerStep(),
                    Throughput.gpts(userGptsPerSecond()), Throughput.gpts(gptsPerSecond()), migrationStep,
                    settled() ? "" : UNSETTLED, spread(), image);
        }

        /** How far the timed runs spread and why the range, or nothing when one figure will do. */
        private String spread() {
            if (!uncertain()) {
                return "";
            }
            String speeds = "the timed runs went at " + Throughput.gpts(work.userShare() * modelling.slowestGptsPerSecond())
                    + " to " + Throughput.gpts(work.userShare() * modelling.fastestGptsPerSecond()) + " Gpts/s on the user's grid";
            return load.busy()
                    ? BUSY + load.describe() + ") and " + speeds
                            + ": the run takes longer or less as other programs' load comes and goes"
                    : "; " + speeds;
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
                Estimate e = new Estimate(work, engine.name(), speed, migration, startup(runsIn, earlier, last),
                        imageBytes, MachineLoad.now());
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
     * What the run pays before the engine's speed: in a fresh JVM, the JIT compiling the kernels
     * and the imaging code for as long as every warm-up here ({@code earlier} measurements', then
     * {@code last}'s) took beyond the speeds {@code last} found; nothing in this JVM, whose code they
     * compiled.
     */
    private static double startup(RunsIn runsIn, List<Attempt> earlier, Attempt last) {
        if (runsIn == RunsIn.THIS_JVM) {
            return 0;
        }
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
