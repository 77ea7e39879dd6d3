package io.seiswork.kernels.rtm;

import io.seiswork.core.files.FileTrees;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.kernels.engine.EngineSpeed;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.StepTimes;
import io.seiswork.kernels.engine.WarmUp;
import io.seiswork.kernels.engine.WaveEngine;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.engine.cuda.CudaWaveEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long one time step of a migration takes on an engine: the source field forward, the
 * receivers' field backward, the imaging condition every k steps and whatever the wavefield
 * strategy adds (snapshots kept, or the source field rebuilt from its boundary ring). Measured by
 * migrating the run's first shot, cut short, against silent data (the cost does not depend on the
 * values): a first migration of a few steps lets the JIT compile the imaging code, then
 * {@value #TIMED_REPETITIONS} of about {@value #TARGET_SECONDS} s together are timed whole, set-up
 * included, as a run pays it per shot: their median counts, their fastest and slowest say how far
 * other programs moved it ({@link StepTimes}; the fastest alone is a quiet burst's on a busy machine).
 * Modelling speed alone ({@link EngineSpeed}) misses all but the propagations, about a third of a
 * migration's time on the CPU.
 */
public final class MigrationSpeed {

    /** Wall time the timed migration aims at, seconds. */
    public static final double TARGET_SECONDS = 0.5;

    /** Timed migrations; their median gives the figure. */
    public static final int TIMED_REPETITIONS = 3;

    /** Fewest time steps of a measuring migration. */
    public static final int MIN_STEPS = 8;

    /**
     * @param timed seconds per step of the timed migrations, set-up included: median, fastest, slowest
     * @param warmUp the first migration, which lets the JIT compile the imaging code: what it took
     *     beyond the timed speed is what a run in a fresh JVM pays for that code once
     */
    public record Measured(StepTimes timed, WarmUp warmUp) {
    }

    private MigrationSpeed() {
    }

    /**
     * Seconds per time step of migrating {@code shot} on {@code engine} (a CPU or GPU engine): the
     * median of the timed migrations, and their fastest and slowest; and the warm-up's time.
     *
     * @param wavefield the spec's wavefield strategy ("auto", "memory", "boundary" or "disk")
     * @param budgetBytes the memory one CPU migration shot may use, as the run plans it
     * @param modellingSecondsPerStep the engine's measured time per modelling step, to size the runs
     * @throws io.seiswork.core.progress.CancelledException when {@code cancel} is cancelled
     * @throws IllegalArgumentException for an engine that cannot migrate
     */
    public static Measured measure(WaveEngine engine, ShotRequest shot, String wavefield, long budgetBytes,
            double modellingSecondsPerStep, CancellationToken cancel) {
        int most = shot.timing().steps();
        int warm = Math.min(most, MIN_STEPS);
        // The strategy the whole shot gets: cut short, "auto" would find room for snapshots.
        String strategy = MemoryPlan.of(shot, wavefield, budgetBytes).strategy().json();
        Path scratch = scratch();
        try {
            long w0 = System.nanoTime();
            migrate(engine, EngineSpeed.shortened(shot, warm), strategy, budgetBytes, scratch, cancel);
            WarmUp warmUp = new WarmUp((System.nanoTime() - w0) * 1e-9, warm);
            // A migration step is about three propagation steps and the imaging.
            long wanted = Math.round(TARGET_SECONDS / TIMED_REPETITIONS / Math.max(3 * modellingSecondsPerStep, 1e-9));
            int steps = (int) Math.max(Math.min(most, MIN_STEPS), Math.min(most, wanted));
            double[] perStep = new double[TIMED_REPETITIONS];
            for (int i = 0; i < TIMED_REPETITIONS; i++) {
                long t0 = System.nanoTime();
                migrate(engine, EngineSpeed.shortened(shot, steps), strategy, budgetBytes, scratch, cancel);
                perStep[i] = (System.nanoTime() - t0) * 1e-9 / steps;
            }
            return new Measured(StepTimes.of(perStep), warmUp);
        } finally {
            delete(scratch);
        }
    }

    private static void migrate(WaveEngine engine, ShotRequest r, String strategy, long budgetBytes, Path scratch,
            CancellationToken cancel) {
        float[][] silent = new float[r.receivers().size()][r.timing().outputS().count()];
        MemoryPlan plan = MemoryPlan.of(r, strategy, budgetBytes);
        if (engine instanceof CudaWaveEngine gpu) {
            new CudaShotMigrator(gpu, scratch).migrate(r, silent, plan.interval(), ProgressListener.NONE, cancel);
        } else if (engine instanceof CpuWaveEngine cpu) {
            new ShotMigrator(cpu, scratch).migrate(r, silent, plan, ProgressListener.NONE, cancel);
        } else {
            throw new IllegalArgumentException("engine " + engine.name() + " cannot run reverse-time migration");
        }
    }

    private static Path scratch() {
        try {
            return Files.createTempDirectory("seiswork-estimate-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for the estimate: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (UncheckedIOException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
