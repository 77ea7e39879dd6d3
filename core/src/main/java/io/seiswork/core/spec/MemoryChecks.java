package io.seiswork.core.spec;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.SmoothedVelocityField;
import io.seiswork.core.velocity.VelocitySmoother;
import io.seiswork.core.volume.SwvWriteOptions;
import java.nio.file.Path;

/**
 * Whether one shot of a job fits the memory budget (bytes), checked from the grid's size and the
 * step count before any array of the grid's size is allocated: a modelling or migration shot
 * (the latter for its wavefield strategy, beside the whole-grid arrays kept on the heap), the
 * window-by-window smoothing of a migration velocity, and the writing of a migration's image. A
 * need above the budget is this machine's limit ({@link SpecProblem#machineLimit}), and its
 * message says how to raise the budget ({@link JobResolver.BudgetAdvice}).
 */
final class MemoryChecks {

    private final long budgetBytes;
    private final JobResolver.BudgetAdvice advice;

    /**
     * @param budgetBytes the most memory one shot may need
     * @param advice what a memory problem advises to raise the budget
     */
    MemoryChecks(long budgetBytes, JobResolver.BudgetAdvice advice) {
        this.budgetBytes = budgetBytes;
        this.advice = advice;
    }

    /**
     * What one shot needs in memory: a modelling shot on the whole grid; a migration shot on
     * {@code shot}, the grid of its largest shot ({@link GridSizeChecks.Result#shotGrid}), beside the
     * whole-grid arrays kept per {@code storage}; with no such grid (a survey's grid, recorded
     * data) only those arrays, with a warning that the file's shots are checked when it is read.
     *
     * @param receivers the most receivers a shot records
     * @param dataFile the recorded data file, resolved, when it is a file; null for synthetic data or
     *     a file that is not there (the output axis then stands for its traces' samples)
     */
    long shotBytes(JobSpec spec, Grid shot, WholeGridStorage storage, int receivers, Sampling output,
            TimeStepping time, Path dataFile, Problems problems) {
        Grid g = spec.grid();
        if (spec.task() != Task.RTM) {
            return MemoryEstimate.modellingJobBytes(g, spec.physics(), receivers, time);
        }
        if (shot == null) {
            problems.warning("data", "the grid holds more nodes than one array: the windows of the file's shots,"
                    + " and their memory, are checked when the file is read");
            return storage.heapBytes(g);
        }
        return migrationBytes(spec, shot, heldTraces(dataFile, receivers, output), time) + storage.heapBytes(g);
    }

    /** Records this machine's limit when one shot's {@code bytes} exceed the budget. */
    void checkShotFits(long bytes, Problems problems) {
        if (bytes <= budgetBytes) {
            return;
        }
        String[] sizes = MemoryEstimate.distinct(bytes, budgetBytes);
        problems.machineLimit("grid", "one shot needs " + sizes[0] + " but the memory budget is " + sizes[1]
                + " (" + advice.raiseIt() + ", or coarsen the grid)");
    }

    /**
     * What writing a migration's image needs, checked before any shot runs rather than after the
     * last: SEG-Y numbers its traces (one per column) in 32 bits; the image is finished and its
     * {@code .swv} written by planes of constant y and rows of 64 such planes, each one array; and
     * those planes must fit the memory budget beside the whole-grid arrays kept on the heap.
     */
    void checkImageWriting(JobSpec spec, WholeGridStorage storage, Problems problems) {
        Grid g = spec.grid();
        long columns = (long) g.nx() * g.ny();
        long brickRow = (long) Math.min(SwvWriteOptions.brickSizeFor(g.ny()), g.ny()) * g.nx() * g.nz();
        if (columns > Integer.MAX_VALUE) {
            problems.error("grid", "the image would have " + columns + " columns (nx x ny), more than SEG-Y can number ("
                    + Integer.MAX_VALUE + " traces); split the survey into several jobs");
        } else if (brickRow > Grid.MAX_POINTS) {
            problems.error("grid", "the image is written in rows of " + Math.min(SwvWriteOptions.brickSizeFor(g.ny()), g.ny())
                    + " planes of nx x nz = " + g.nx() + " x " + g.nz() + " nodes, " + brickRow + " values, more than one"
                    + " array holds (" + Grid.MAX_POINTS + "); orient the survey with its longer side along y, or split it");
        } else {
            long writing = MemoryEstimate.imageWritingBytes(g, spec.physics().spaceOrder()) + storage.heapBytes(g);
            if (writing > budgetBytes) {
                problems.machineLimit("grid", "writing the image needs " + MemoryEstimate.gib(writing) + " (planes of nx x nz = "
                        + g.nx() + " x " + g.nz() + " nodes) but the memory budget is " + MemoryEstimate.gib(budgetBytes)
                        + " (" + advice.raiseIt() + ")");
            }
        }
    }

    /**
     * Records at {@code migrationVelocity.smooth} why the largest shot's window {@code shot}
     * cannot be smoothed ({@link #windowSmoothingProblem}): this machine's limit when for its
     * memory, else an error. Nothing for a null window (the file's shots are checked when read).
     */
    void checkWindowSmoothing(JobSpec spec, Grid shot, WholeGridStorage storage, Problems problems) {
        WindowSmoothing p = shot == null ? null : windowSmoothingProblem(spec, shot, storage, budgetBytes, advice);
        if (p != null && p.machineLimit()) {
            problems.machineLimit("migrationVelocity.smooth", p.message());
        } else if (p != null) {
            problems.error("migrationVelocity.smooth", p.message());
        }
    }

    /** Why a shot's window cannot be smoothed ({@link #windowSmoothingProblem}); whether for this machine's memory. */
    record WindowSmoothing(String message, boolean machineLimit) { }

    /**
     * A migration velocity smoothed window by window ({@link SmoothedVelocityField}, when the
     * models are not held whole) smooths each shot's window grown by the Gaussian's halo, 3 L on
     * each side (clipped to the grid): that grown window must fit one array, and smoothing it
     * (about three float arrays of it: the source's window, the slowness, the result) the memory
     * budget beside the whole-grid arrays kept on the heap. Null when it does.
     *
     * <p>Static, with the budget and advice as parameters rather than this instance's: {@link RecordedShotChecks}
     * asks it outside a resolve, with the heap's budget and advice.
     *
     * @param window the largest shot's window
     */
    static WindowSmoothing windowSmoothingProblem(JobSpec spec, Grid window, WholeGridStorage storage,
            long budgetBytes, JobResolver.BudgetAdvice advice) {
        double lengthM = VelocityLoading.smoothingM(spec);
        if (lengthM == 0) {
            return null;
        }
        Grid g = spec.grid();
        int haloX = Math.min(VelocitySmoother.haloCells(lengthM, g.dx()), g.nx() - 1);
        int haloY = g.is2d() ? 0 : Math.min(VelocitySmoother.haloCells(lengthM, g.dy()), g.ny() - 1);
        long nx = Math.min(g.nx(), window.nx() + 2L * haloX);
        long ny = Math.min(g.ny(), window.ny() + 2L * haloY);
        long nodes = nx * ny * g.nz();
        String grown = "out of core each shot's window is smoothed with the Gaussian's halo of 3 x " + Problems.num(lengthM)
                + " m (" + haloX + " x " + haloY + " columns) on each side: the largest shot's window ("
                + window.nx() + " x " + window.ny() + " columns) grows to " + nx + " x " + ny + " x " + g.nz() + " = "
                + nodes + " nodes";
        String what = "give a smaller smoothing, or smooth the model beforehand and give it as a file";
        if (nodes > Grid.MAX_POINTS) {
            return new WindowSmoothing(grown + ", more than one array holds (" + Grid.MAX_POINTS + "); " + what, false);
        }
        long need = 3L * Float.BYTES * nodes + storage.heapBytes(g);
        if (need > budgetBytes) {
            String[] sizes = MemoryEstimate.distinct(need, budgetBytes);
            return new WindowSmoothing(grown + ", and smoothing it needs " + sizes[0] + " but the memory budget is "
                    + sizes[1] + "; " + what + " (or raise the budget with " + advice.raiseWith() + ")", true);
        }
        return null;
    }

    /**
     * What one migration shot on grid {@code g} needs in memory, bytes (heap figures; the scratch
     * files of boundary saving and disk snapshots are not checked) for the wavefield strategy the
     * spec asks for; for "auto" the smallest of them, since the migration then picks the fastest
     * that fits.
     */
    static long migrationBytes(JobSpec spec, Grid g, ShotTraces traces, TimeStepping time) {
        PhysicsSpec p = spec.physics();
        int interval = MemoryEstimate.imagingInterval(spec.wavelet().toWavelet().highestFrequencyHz(), time.dtS());
        long gpuHost = spec.engine() == EngineChoice.CPU ? 0
                : MemoryEstimate.gpuHostLevelBytes(traces.receivers(), time);
        return gpuHost + switch (spec.imaging().wavefield()) {
            case "memory" -> MemoryEstimate.snapshotBytes(g, p, traces, time, interval);
            case "boundary" -> MemoryEstimate.boundaryBytes(g, p, traces, time);
            case "disk" -> MemoryEstimate.diskBytes(g, p, traces, time);
            default -> Math.min(MemoryEstimate.diskBytes(g, p, traces, time),
                    MemoryEstimate.boundaryBytes(g, p, traces, time));
        };
    }

    /**
     * The traces a migration shot of {@code receivers} receivers holds, as far as the resolver
     * knows before the file is read: for recorded data the file's samples per trace, from its
     * file headers alone ({@link ShotTraces#samplesIn}: a few KB, not the 100 GB of traces), else,
     * and when those headers cannot be read (the run says why), the output axis'. The file's own
     * shots and receivers are checked when the run reads its trace headers
     * ({@link JobResolver#shotsProblem}).
     */
    private static ShotTraces heldTraces(Path dataFile, int receivers, Sampling output) {
        if (dataFile == null) {
            return ShotTraces.on(receivers, output);
        }
        return new ShotTraces(receivers, ShotTraces.samplesIn(dataFile).orElse(output.count()));
    }
}
