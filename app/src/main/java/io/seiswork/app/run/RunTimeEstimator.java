package io.seiswork.app.run;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.engine.EngineSpeed;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.WaveEngine;
import io.seiswork.kernels.engine.cuda.CudaWaveEngine;
import io.seiswork.kernels.job.ImageFiles;
import io.seiswork.kernels.job.JobEngine;
import io.seiswork.kernels.job.ShotComputer;
import io.seiswork.kernels.rtm.MemoryPlan;
import io.seiswork.kernels.rtm.MigrationSpeed;
import io.seiswork.kernels.rtm.WavefieldStrategy;
import java.util.List;
import java.util.Locale;

/**
 * How long a job will run, before it runs: its work ({@link RunWork}) at the speeds the engine it
 * selects shows on its first shot once warm, plus the warm-up a run in this JVM still pays:
 * modelling by {@link EngineSpeed}, a migration's own step (propagations, imaging, wavefield
 * strategy) by {@link MigrationSpeed}; a few seconds of the engine's time in all. It opens what
 * the run would (the engine, the GPU's context, one shot's memory), so callers run it off the
 * JavaFX thread and not beside a run.
 */
public final class RunTimeEstimator {

    /**
     * @param work the run's grid-point updates
     * @param engine the engine's name, as {@code run.json} gives it
     * @param gptsPerSecond its measured modelling speed, billions of computed point updates per
     *     second
     * @param migrationSecondsPerStep its measured time per migration step, imaging and wavefield
     *     strategy included (0 for task model)
     * @param startupSeconds what a run starting in this JVM pays once before that speed (the JIT
     *     compiling the CPU kernels; 0 once they are)
     * @param imageBytes the image files a migration writes after its last shot (0 for task model):
     *     for a survey they take longer than its shots, at the disk's speed, which is not
     *     measured here, so the estimate names their size instead
     * @param settled false when the engine was timed while the JIT may still have been compiling
     *     it ({@link EngineSpeed.Measured#settled}): the estimate may be many times long, and
     *     measuring again later gives the real one
     */
    public record Estimate(RunWork work, String engine, double gptsPerSecond, double migrationSecondsPerStep,
            double startupSeconds, long imageBytes, boolean settled) {

        /** What {@link #describe} adds when the engine was timed while the JIT was still compiling it. */
        public static final String UNSETTLED = " (timed while the JIT was still compiling, so the engine may not have been compiled yet: it may take less)";

        /** Image files smaller than this are not mentioned: they take a moment to write. */
        static final long IMAGE_BYTES_WORTH_SAYING = 1L << 30;

        /** Seconds the run should take. */
        public double seconds() {
            double modelling = work.modellingPropagations() * (double) work.pointsPerStep() / (gptsPerSecond * 1e9);
            double migration = work.migrationPropagations() > 0 ? migrationSecondsPerStep : 0;
            return startupSeconds + (double) work.shots() * work.steps() * (modelling + migration);
        }

        /**
         * One line for the user, for example "about 28 s on cpu (2 threads): 4 shots × 3
         * propagations × 801 steps of 1,442,784 points (absorbing layers included), at 0.760 Gpts/s
         * and 5.93 ms per migration step, measured on the first shot": the Gpts/s of these computed
         * points, unlike the user-grid headline of {@code run.json}'s {@code userGptsPerSecond}.
         */
        public String describe() {
            String shots = work.shots() == 1 ? "1 shot" : String.format(Locale.ROOT, "%,d shots", work.shots());
            int p = work.propagationsPerShot();
            String props = p == 1 ? "" : " × " + p + " propagations";
            String migration = work.migrationPropagations() == 0 ? ""
                    : " and " + significant(migrationSecondsPerStep * 1e3) + " ms per migration step";
            double s = seconds();
            String image = imageBytes < IMAGE_BYTES_WORTH_SAYING ? ""
                    : "; then " + MemoryEstimate.human(imageBytes) + " of image files to write";
            return String.format(Locale.ROOT, "%s on %s: %s%s × %,d steps of %,d points (absorbing layers included), at "
                    + "%s Gpts/s%s, measured on "
                    + "the first shot%s%s", s < 1 ? "under a second" : "about " + duration(s), engine, shots, props,
                    work.steps(), work.pointsPerStep(), io.seiswork.core.progress.Throughput.gpts(gptsPerSecond), migration,
                    settled ? "" : UNSETTLED, image);
        }

        private static String significant(double v) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).toPlainString();
        }
    }

    private RunTimeEstimator() {
    }

    /**
     * The estimate for {@code job} on the engine its spec selects.
     *
     * @throws io.seiswork.core.progress.CancelledException when {@code cancel} is cancelled
     * @throws IllegalArgumentException when the engine cannot be had (engine "gpu" without one)
     *     or a data file cannot be read
     */
    public static Estimate estimate(ResolvedJob job, CancellationToken cancel) {
        return estimate(job, ShotComputer.shotsOf(job), cancel);
    }

    /** {@link #estimate} of a run of {@code shots} only (some of the job's: {@code run --shots}). */
    public static Estimate estimate(ResolvedJob job, List<Shot> shots, CancellationToken cancel) {
        return estimate(job, shots, null, cancel);
    }

    /**
     * {@link #estimate(ResolvedJob, List, CancellationToken)} with the CPU engine on
     * {@code cpuThreads} threads ({@code run --threads}; null: one per processor).
     */
    public static Estimate estimate(ResolvedJob job, List<Shot> shots, Integer cpuThreads, CancellationToken cancel) {
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
            EngineSpeed.Measured speed = EngineSpeed.measure(engine, shot, runSteps, cancel);
            double migration = 0;
            if (work.migrationPropagations() > 0) {
                ShotRequest migrated = new ShotRequest(window.crop(job.migrationVelocity()), physics, measured.source(),
                        spec.wavelet().toWavelet(), measured.receivers(), job.time());
                // Measured on the largest window; a migration step's time scales with the points it updates.
                double windowPoints = RunWork.computedPoints(window.grid(), spec);
                double perStep = windowPoints / (speed.gptsPerSecond() * 1e9);
                migration = MigrationSpeed.secondsPerStep(engine, migrated, spec.imaging().wavefield(), budget,
                        perStep, cancel) * (work.pointsPerStep() / windowPoints);
            }
            long imageBytes = spec.task() == Task.RTM
                    ? ImageFiles.diskBytes(spec.grid(), WholeGridStorage.HEAP)  // the two files, without the stack
                    : 0;
            return new Estimate(work, engine.name(), speed.gptsPerSecond(), migration, speed.warmupSeconds(), imageBytes,
                    speed.settled());
        } finally {
            engine.close();
        }
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
