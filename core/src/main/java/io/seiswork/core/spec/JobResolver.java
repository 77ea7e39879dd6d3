package io.seiswork.core.spec;

import io.seiswork.core.files.IoProblems;
import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.geometry.SurveyGeometry;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.SegyException;
import io.seiswork.core.stencil.SecondDerivative;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.InvalidVelocityException;
import io.seiswork.core.velocity.SegyVelocityField;
import io.seiswork.core.velocity.SmoothedVelocityField;
import io.seiswork.core.velocity.VelocityField;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.velocity.VelocitySmoother;
import io.seiswork.core.volume.SwvWriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link JobSpec} into a {@link ResolvedJob}: opens the velocity model and runs the
 * checks that need it, all before any compute starts. Every error is collected into one
 * {@link SpecException}, together with those found while reading the spec:
 *
 * <ul>
 *   <li>model file missing, unreadable, or of a size that does not match the grid;
 *   <li>velocities that are not positive and finite (reported with the first bad node), or
 *       outside the range of seismic velocities ({@link VelocityPlausibility});
 *   <li>a {@code time.sampleS} too coarse for the wavelet's band (its Nyquist frequency below the
 *       highest frequency, 2.5 x {@code wavelet.peakHz}): the traces would alias;
 *   <li>with a free surface, a source or receiver on it (z = 0), where the pressure is zero;
 *   <li>a given {@code time.dtS} above the CFL stability limit of the space order and dimension;
 *   <li>more time steps (of the given or the CFL's step) than the engine takes,
 *       {@link TimeStepping#MAX_STEPS}: reported at {@code time.lengthS};
 *   <li>fewer grid points per minimum wavelength than the space order needs (a warning), or fewer
 *       than {@link SecondDerivative#HARD_FLOOR_POINTS_PER_WAVELENGTH} (an error);
 *   <li>a moving spread in which no shot has a receiver (an error; some shots without one, a warning);
 *   <li>a model smaller than one wavelength (a warning: lengths in km?);
 *   <li>a memory need above the budget, checked before any array of the grid's size is allocated.
 * </ul>
 */
public final class JobResolver {

    private static final Logger LOG = LoggerFactory.getLogger(JobResolver.class);

    private final Path baseDir;
    private final long memoryBudgetBytes;
    private final long localHeapBudgetBytes;
    private final BudgetAdvice advice;

    /**
     * What a memory problem advises to raise the budget: where the budget comes from (empty for
     * this JVM's heap, else e.g. "a worker task of 14 GiB: ...; ") and how to raise it.
     *
     * @param budgetFrom text put before "raise it with", ending in "; " when not empty
     * @param raiseWith the options or settings that raise the budget
     */
    public record BudgetAdvice(String budgetFrom, String raiseWith) {

        /** This JVM's heap: raised with -Xmx. */
        public static final BudgetAdvice HEAP = new BudgetAdvice("", "-Xmx / SEISWORK_JAVA_OPTS");

        /**
         * A cloud worker's task of {@code taskGiB} GiB: "a worker task of 14 GiB: 70 % of it as
         * heap, 90 % of that for a shot; raise it with " {@code raiseWith}.
         */
        public static BudgetAdvice workers(double taskGiB, String raiseWith) {
            return new BudgetAdvice(String.format(java.util.Locale.ROOT, "a worker task of %s GiB: %d %% of it as heap,"
                    + " 90 %% of that for a shot; ", new java.math.BigDecimal(taskGiB).round(new java.math.MathContext(4))
                    .stripTrailingZeros().toPlainString(), Math.round(WORKER_HEAP_SHARE * 100)), raiseWith);
        }

        String raiseIt() {
            return budgetFrom + "raise it with " + raiseWith;
        }
    }

    /**
     * @param baseDir directory that relative file paths in the spec are resolved against
     * @param memoryBudgetBytes the most memory one shot may need
     */
    public JobResolver(Path baseDir, long memoryBudgetBytes) {
        this(baseDir, memoryBudgetBytes, heapBudget(Runtime.getRuntime().maxMemory()));
    }

    /**
     * @param localHeapBudgetBytes the memory of this JVM the resolved job's whole models may take
     *     (half of it at most): beyond that they stay fields read a window at a time (tests give
     *     a small one)
     */
    JobResolver(Path baseDir, long memoryBudgetBytes, long localHeapBudgetBytes) {
        this(baseDir, memoryBudgetBytes, localHeapBudgetBytes, BudgetAdvice.HEAP);
    }

    private JobResolver(Path baseDir, long memoryBudgetBytes, long localHeapBudgetBytes, BudgetAdvice advice) {
        this.baseDir = baseDir;
        this.memoryBudgetBytes = memoryBudgetBytes;
        this.localHeapBudgetBytes = localHeapBudgetBytes;
        this.advice = advice;
    }

    /** A resolver with the budget of 90 % of this JVM's maximum heap. */
    public static JobResolver withHeapBudget(Path baseDir) {
        return new JobResolver(baseDir, heapBudget(Runtime.getRuntime().maxMemory()));
    }

    /** Share of a cloud worker task's memory its JVM's heap may take ({@code -XX:MaxRAMPercentage} of the worker image). */
    public static final double WORKER_HEAP_SHARE = 0.70;

    /**
     * A resolver that checks a job for the cloud's workers rather than this machine: the budget a
     * worker's JVM has in a task of {@code taskMemoryBytes} ({@link #WORKER_HEAP_SHARE} of it as
     * heap, 90 % of that as on any machine). A survey a workstation could not run is submitted
     * from it all the same.
     */
    public static JobResolver forWorkers(Path baseDir, long taskMemoryBytes) {
        return forWorkers(baseDir, taskMemoryBytes, BudgetAdvice.HEAP);
    }

    /** As {@link #forWorkers(Path, long)}, its memory problems advising {@code advice} (the workers' settings). */
    public static JobResolver forWorkers(Path baseDir, long taskMemoryBytes, BudgetAdvice advice) {
        return new JobResolver(baseDir, heapBudget((long) (WORKER_HEAP_SHARE * taskMemoryBytes)),
                heapBudget(Runtime.getRuntime().maxMemory()), advice);
    }

    private static long heapBudget(long maxHeapBytes) {
        return (long) (0.9 * maxHeapBytes);
    }

    /**
     * Resolves a spec as far as it was read, reporting the reading's problems with the resolver's.
     *
     * @throws SpecException listing every problem when any is an error
     */
    public ResolvedJob resolve(SpecDraft draft, String source) {
        if (draft.spec() == null) {
            throw new SpecException(source, draft.problems());
        }
        return resolve(draft.spec(), source, draft.problems());
    }

    /** Resolves a spec read without problems; see {@link #resolve(JobSpec, String, List)}. */
    public ResolvedJob resolve(JobSpec spec, String source) {
        return resolve(spec, source, List.of());
    }

    /**
     * Resolves {@code spec}, reporting {@code earlier} (the problems reading it found, for example
     * a source outside the grid: {@link JobSpecReader#draft}) together with the resolver's own, so
     * that one pass names every problem that can be found.
     *
     * <p>Order, each step only what the steps before allow: the grid's size; the velocity, opened
     * as a field without holding the whole model (its values checked, its range found in one pass);
     * the plausibility of that range; then, from the range, the time step (CFL), points per
     * wavelength and memory; and only when all of that passes, and the job keeps its models on the
     * heap, the models themselves loaded whole. So a grid too large for memory is refused in
     * milliseconds, before anything of its size is allocated.
     *
     * @throws SpecException listing every problem, {@code earlier} included, when any is an error
     */
    public ResolvedJob resolve(JobSpec spec, String source, List<SpecProblem> earlier) {
        Problems problems = new Problems();
        problems.addAll(earlier);
        boolean geometryChecked = earlier.stream().noneMatch(p -> p.isError() && isGeometryPath(p.path()));
        Grid g = spec.grid();
        WholeGridStorage storage = spec.task() == Task.RTM ? WholeGridStorage.of(g, memoryBudgetBytes) : WholeGridStorage.HEAP;
        checkSampleInterval(spec, problems);
        checkFreeSurfaceDepth(spec.sources(), "sources", "source", "emit", spec, problems);
        checkFreeSurfaceDepth(spec.receivers(), "receivers", "receiver", "record", spec, problems);
        if (!checkGridSize(spec, geometryChecked, problems)) {
            throw new SpecException(source, problems.all());
        }
        VelocityField field = plausible(spec.velocity(), field(spec.velocity(), g, "velocity", problems), "velocity",
                problems);
        if (field == null) {
            // The time step, the points per wavelength and the memory all follow from the velocity's
            // range; a migration velocity given as a model of its own is checked all the same, so
            // that one pass names the problems of both.
            if (spec.task() == Task.RTM && !(spec.migrationVelocity() instanceof VelocitySpec.Smoothed)) {
                plausible(spec.migrationVelocity(), field(spec.migrationVelocity(), g, "migrationVelocity", problems),
                        "migrationVelocity", problems);
            }
            throw new SpecException(source, problems.all());
        }
        SecondDerivative op = SecondDerivative.ofOrder(spec.physics().spaceOrder());
        double vMax = field.max();
        double vMin = field.min();
        Sampling output = new Sampling(spec.time().outputSamples(), spec.time().sampleS(), 0);
        double limit = TimeStepping.maxStableDtS(field, op.order());
        Double given = spec.time().dtS();
        if (given != null && given > limit) {
            problems.error("time.dtS", "must be <= " + atMost(limit) + " s, the CFL stability limit of space order "
                    + op.order() + " in " + g.dimensions() + "D at the model's highest velocity " + Problems.num(vMax)
                    + " m/s, got " + Problems.num(given, limit));
            given = null;
        }
        if (given != null && given > spec.time().sampleS()) {
            given = null;  // above the output interval: the reader said so; the steps follow from the CFL limit
        }
        TimeStepping time = timeAxis(given, field, op.order(), output, problems);
        checkPointsPerWavelength(spec, op, vMin, problems);
        checkExtentInMetres(spec, vMin, problems);
        if (geometryChecked && !(spec.task() == Task.RTM && spec.recordedData())) {
            checkSpreadHasReceivers(spec, geometry(spec), problems);
        }
        if (time == null) {
            // The memory and everything after follow from the step count.
            throw new SpecException(source, problems.all());
        }
        var geometry = geometry(spec);
        int maxReceivers = geometry.receivers().size();
        long bytes;
        if (spec.task() == Task.RTM) {
            Grid shot = shotGrid(spec, geometryChecked ? geometry.shots() : List.of());
            bytes = shot == null ? storage.heapBytes(g)
                    : migrationBytes(spec, shot, heldTraces(spec, maxReceivers, output), time) + storage.heapBytes(g);
            if (shot == null) {
                problems.warning("data", "the grid holds more nodes than one array: the windows of the file's shots,"
                        + " and their memory, are checked when the file is read");
            }
        } else {
            bytes = MemoryEstimate.modellingJobBytes(g, spec.physics(), maxReceivers, time);
        }
        boolean fits = bytes <= memoryBudgetBytes;
        if (!fits) {
            String[] sizes = MemoryEstimate.distinct(bytes, memoryBudgetBytes);
            problems.machineLimit("grid", "one shot needs " + sizes[0] + " but the memory budget is " + sizes[1]
                    + " (" + advice.raiseIt() + ", or coarsen the grid)");
        }
        VelocityField migrationField = null;
        Path dataFile = null;
        boolean inMemory = storage == WholeGridStorage.HEAP && holdsWholeModels(g, spec.task() == Task.RTM ? 2 : 1);
        if (spec.task() == Task.RTM) {
            checkImageWriting(spec, storage, problems);
            boolean smoothed = spec.migrationVelocity() instanceof VelocitySpec.Smoothed;
            if (smoothed && !inMemory) {
                Grid shot = shotGrid(spec, geometryChecked ? geometry.shots() : List.of());
                WindowSmoothing p = shot == null ? null : windowSmoothingProblem(spec, shot, storage, memoryBudgetBytes,
                        advice);
                if (p != null && p.machineLimit()) {
                    problems.machineLimit("migrationVelocity.smooth", p.message());
                } else if (p != null) {
                    problems.error("migrationVelocity.smooth", p.message());
                }
            }
            if (!smoothed) {
                migrationField = plausible(spec.migrationVelocity(),
                        field(spec.migrationVelocity(), g, "migrationVelocity", problems), "migrationVelocity", problems);
            }
            // A smoothed model's velocities lie within the model's (slowness is averaged with
            // positive weights), so its largest is never above vMax: not asked, since out of core
            // it would take smoothing the whole grid.
            if (migrationField != null && migrationField.max() > vMax) {
                // One time step serves modelling and migration: take the faster model's limit.
                limit = TimeStepping.maxStableDtS(migrationField, op.order());
                time = timeAxis(given != null && given <= limit ? given : null, migrationField, op.order(), output,
                        problems);
                if (time == null) {
                    throw new SpecException(source, problems.all());
                }
            }
            if (spec.recordedData()) {
                dataFile = baseDir.resolve(spec.data());
                if (!Files.isRegularFile(dataFile)) {
                    problems.error("data", notAFile(dataFile) + " (give a SEG-Y file of shot gathers or \"synthetic\")");
                }
            }
        }
        problems.throwIfErrors(source);
        // Every check passed, the memory one included: only now is anything of the grid's size allocated.
        VelocityField velocity = inMemory ? field.whole() : field;
        VelocityField migration = null;
        if (spec.task() == Task.RTM) {
            migration = migrationField != null ? (inMemory ? migrationField.whole() : migrationField)
                    : smoothedMigration(spec, velocity);
        }
        LOG.debug("{}: velocity {}..{} m/s, dt {} s ({} steps, CFL limit {} s), {} bytes per shot, whole grid {}", source,
                vMin, vMax, time.dtS(), time.steps(), limit, bytes, storage);
        return new ResolvedJob(spec, velocity, geometry, time, limit, bytes, problems.all(), migration, dataFile, storage);
    }

    /**
     * The run's time axis: steps of {@code given} seconds (already checked against the CFL limit)
     * or, when null, of the CFL's step; null, with an error at {@code time.lengthS} naming the step,
     * the count and the limit, when reaching the record's length takes more than
     * {@link TimeStepping#MAX_STEPS} steps (a grid far finer than the record calls for: 51 × 51
     * cells of 10 µm at 2000 m/s take 2.2 ns steps, 2.7 × 10¹⁰ of them for 60 s).
     */
    private static TimeStepping timeAxis(Double given, VelocityField field, int order, Sampling output,
            Problems problems) {
        double dt = given != null ? given : TimeStepping.cflStepS(field, order, TimeStepping.DEFAULT_SAFETY, output);
        long steps = dt > 0 ? TimeStepping.stepsFor(dt, output) : Long.MAX_VALUE;
        if (steps > TimeStepping.MAX_STEPS) {
            // A step that underflows to 0 (a spacing of 1e-300 m) or a count that saturates a long is said as "more than".
            String count = dt > 0 && steps < Long.MAX_VALUE ? Long.toString(steps) : "more than " + TimeStepping.MAX_STEPS;
            String step = dt > 0 ? fmt(dt) + " s" : "under 1e-300 s";
            problems.error("time.lengthS", "needs " + count + " time steps of " + step + " ("
                    + (given != null ? "time.dtS" : "the CFL step of the grid's spacing") + ") to reach "
                    + Problems.num(output.last()) + " s, more than the engine's limit of " + TimeStepping.MAX_STEPS
                    + " steps (shorten time.lengthS or " + (given != null ? "lengthen time.dtS" : "coarsen the grid") + ")");
            return null;
        }
        return given != null ? TimeStepping.of(given, field, order, output) : TimeStepping.fromCfl(field, order, output);
    }

    /** Whether a problem at {@code path} means the sources or receivers could not be placed (outside the grid). */
    private static boolean isGeometryPath(String path) {
        return path.startsWith("sources") || path.startsWith("receivers");
    }

    /**
     * Whether {@code models} whole velocity models of grid {@code g} (4 bytes a node each) may be
     * held on this JVM's heap: within half its budget. The resolver's own budget may be another
     * machine's (a cloud worker's, {@link #forWorkers}), larger than this one: its models are then
     * kept as fields, read a window at a time, rather than loaded here where they may not fit.
     */
    private boolean holdsWholeModels(Grid g, int models) {
        return g.fitsInArray() && 4L * models * g.nodes() <= localHeapBudgetBytes / 2;
    }

    /**
     * {@code field} when its velocities are plausible ({@link VelocityPlausibility}: a warning
     * recorded under {@code path} for near-surface velocities); else null, with the error
     * recorded. Null stays null.
     */
    private static VelocityField plausible(VelocitySpec spec, VelocityField field, String path, Problems problems) {
        if (field == null) {
            return null;
        }
        return VelocityPlausibility.check(spec, path, field.min(), field.max(), problems) ? field : null;
    }

    /**
     * Checks a migration's shots once they are known, as {@link #resolve} checks a spec's: for
     * recorded data they are the file's, which the resolver does not read. The largest shot's
     * window must fit one array, and one shot's need on it (beside the whole-grid arrays kept on
     * the heap) the budget.
     *
     * @param shots the shots the run will migrate (the data file's)
     * @param traceSamples samples of each of their traces as the run holds them: the file's own
     *     (its interval and length), not the output axis'
     * @param budgetBytes the memory one shot may use
     * @return the problem in one line, starting with the spec field to change; null when none
     */
    public static String shotsProblem(ResolvedJob job, List<Shot> shots, int traceSamples, long budgetBytes) {
        JobSpec spec = job.spec();
        Grid g = spec.grid();
        if (shots.isEmpty()) {
            return null;
        }
        Double aperture = spec.imaging().apertureM();
        Grid largest = ShotWindow.largest(g, shots, aperture).grid();
        if (!largest.fitsInArray()) {
            return aperture == null
                    ? "imaging.aperture: the grid has " + g.nodes() + " nodes, more than one shot can be computed on ("
                            + Grid.MAX_POINTS + "): give the migration aperture in metres"
                    : "imaging.aperture: the largest shot's window has " + largest.nodes() + " nodes (" + largest.nx()
                            + " x " + largest.ny() + " x " + largest.nz() + "), more than one shot can be computed on ("
                            + Grid.MAX_POINTS + "): give a smaller aperture";
        }
        String surface = pointsOnFreeSurface(spec, shots);
        if (surface != null) {
            return surface;
        }
        int receivers = shots.stream().mapToInt(s -> s.receivers().size()).max().orElse(0);
        long need = migrationBytes(spec, largest, new ShotTraces(receivers, traceSamples), job.time())
                + job.storage().heapBytes(g);
        if (need > budgetBytes) {
            return "grid: one shot of the data file needs " + MemoryEstimate.gib(need) + " but the memory budget is "
                    + MemoryEstimate.gib(budgetBytes) + " (" + BudgetAdvice.HEAP.raiseIt() + ", or give a smaller"
                    + " imaging.aperture)";
        }
        if (job.migrationVelocity() instanceof SmoothedVelocityField) {
            WindowSmoothing p = windowSmoothingProblem(spec, largest, job.storage(), budgetBytes,
                    BudgetAdvice.HEAP);
            if (p != null) {
                return "migrationVelocity.smooth: " + p.message();
            }
        }
        return null;
    }

    /** Why a shot's window cannot be smoothed ({@link #windowSmoothingProblem}); whether for this machine's memory. */
    private record WindowSmoothing(String message, boolean machineLimit) { }

    /**
     * A migration velocity smoothed window by window ({@link SmoothedVelocityField}, when the
     * models are not held whole) smooths each shot's window grown by the Gaussian's halo, 3 L on
     * each side (clipped to the grid): that grown window must fit one array, and smoothing it
     * (about three float arrays of it: the source's window, the slowness, the result) the memory
     * budget beside the whole-grid arrays kept on the heap. Null when it does.
     *
     * @param window the largest shot's window
     */
    private static WindowSmoothing windowSmoothingProblem(JobSpec spec, Grid window, WholeGridStorage storage,
            long budgetBytes, BudgetAdvice advice) {
        double lengthM = ((VelocitySpec.Smoothed) spec.migrationVelocity()).lengthM();
        if (!(lengthM > 0)) {
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
     * What writing a migration's image needs, checked before any shot runs rather than after the
     * last: SEG-Y numbers its traces (one per column) in 32 bits; the image is finished and its
     * {@code .swv} written by planes of constant y and rows of 64 such planes, each one array; and
     * those planes must fit the memory budget beside the whole-grid arrays kept on the heap.
     */
    private void checkImageWriting(JobSpec spec, WholeGridStorage storage, Problems problems) {
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
            if (writing > memoryBudgetBytes) {
                problems.machineLimit("grid", "writing the image needs " + MemoryEstimate.gib(writing) + " (planes of nx x nz = "
                        + g.nx() + " x " + g.nz() + " nodes) but the memory budget is " + MemoryEstimate.gib(memoryBudgetBytes)
                        + " (" + advice.raiseIt() + ")");
            }
        }
    }

    /**
     * A grid larger than one array ({@link Grid#MAX_POINTS} nodes) is a survey's: only a
     * migration can run on it, each shot on its window (the migration aperture), each window
     * fitting one array.
     *
     * @param geometryChecked whether the sources and receivers lie inside the grid (their windows are then checked)
     * @return whether the grid's size allows the other checks (false with an error recorded)
     */
    private static boolean checkGridSize(JobSpec spec, boolean geometryChecked, Problems problems) {
        Grid g = spec.grid();
        if (g.fitsInArray()) {
            return true;
        }
        String size = "the grid has " + g.nodes() + " nodes, more than one shot can be computed on (" + Grid.MAX_POINTS + ")";
        if (spec.task() != Task.RTM) {
            problems.error("grid", size + ", and a modelling shot is computed on the whole grid; coarsen the grid or"
                    + " split the survey");
            return false;
        }
        Double aperture = spec.imaging().apertureM();
        if (aperture == null) {
            problems.error("imaging.aperture", size + ": give the migration aperture in metres, so that each shot is"
                    + " computed on the columns within it of its source and receivers");
            return false;
        }
        if (!spec.recordedData() && geometryChecked) {
            List<Shot> shots = geometry(spec).shots();
            if (!shots.isEmpty()) {
                Grid largest = ShotWindow.largest(g, shots, aperture).grid();
                if (!largest.fitsInArray()) {
                    problems.error("imaging.aperture", "the largest shot's window has " + largest.nodes() + " nodes ("
                            + largest.nx() + " x " + largest.ny() + " x " + largest.nz() + "), more than one shot can be"
                            + " computed on (" + Grid.MAX_POINTS + "): give a smaller aperture");
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The grid the largest migration shot is computed on: with a migration aperture and synthetic
     * data, the largest of the shots' windows ({@link ShotWindow}); else the whole grid (for
     * recorded data the shots are the file's, unknown here, so the whole grid bounds them; null
     * when that grid does not fit one array, and the shots are checked as the file is read).
     */
    private static Grid shotGrid(JobSpec spec, List<Shot> shots) {
        Double aperture = spec.imaging().apertureM();
        if (aperture == null || spec.recordedData() || shots.isEmpty()) {
            return spec.grid().fitsInArray() ? spec.grid() : null;
        }
        return ShotWindow.largest(spec.grid(), shots, aperture).grid();
    }

    /**
     * What one migration shot on grid {@code g} needs in memory (heap figures; the scratch files
     * of boundary saving and disk snapshots are not checked) for the wavefield strategy the spec
     * asks for; for "auto" the smallest of them, since the migration then picks the fastest that
     * fits.
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
     * shots and receivers are checked when the run reads its trace headers ({@link #shotsProblem}).
     */
    private ShotTraces heldTraces(JobSpec spec, int receivers, Sampling output) {
        ShotTraces synthetic = ShotTraces.on(receivers, output);
        if (!spec.recordedData()) {
            return synthetic;
        }
        Path file = baseDir.resolve(spec.data());
        if (!Files.isRegularFile(file)) {
            return synthetic;
        }
        return new ShotTraces(receivers, ShotTraces.samplesIn(file).orElse(output.count()));
    }

    /**
     * A migration velocity given as {@code {"smooth": L}}: {@code velocity} smoothed with a
     * Gaussian of L metres (slowness smoothed), in memory when {@code velocity} is, else window by
     * window; {@code velocity} itself for L = 0.
     */
    private static VelocityField smoothedMigration(JobSpec spec, VelocityField velocity) {
        double lengthM = ((VelocitySpec.Smoothed) spec.migrationVelocity()).lengthM();
        if (!(lengthM > 0)) {
            return velocity;
        }
        return velocity instanceof VelocityModel m ? VelocitySmoother.gaussian(m, lengthM)
                : new SmoothedVelocityField(velocity, lengthM);
    }

    /**
     * The velocity {@code v} on {@code grid} as a field read a window at a time
     * ({@link VelocityFields}), checked as the in-memory model is; null with a problem on failure,
     * under the paths of the spec's fields: {@code velocity.raw.path} or {@code velocity.segy} for a file
     * missing or of the wrong size, {@code velocity} for bad values.
     */
    private VelocityField field(VelocitySpec v, Grid grid, String path, Problems problems) {
        try {
            VelocityField f = VelocityFields.open(v, grid, baseDir);
            if (f instanceof SegyVelocityField segy && segy.depthStepNote() != null) {
                problems.warning(filePath(v, path), segy.depthStepNote());
            }
            return f;
        } catch (InvalidVelocityException e) {
            problems.error(path, shown(v, e.getMessage())
                    + VelocityPlausibility.likelyCauseOfInvalid(v, path, e.minValue(), e.maxValue()));
        } catch (NoSuchFileException e) {
            problems.error(filePath(v, path), notAFile(Path.of(e.getFile())));
        } catch (IllegalArgumentException | SegyException e) {
            problems.error(filePath(v, path), shown(v, e.getMessage()));
        } catch (IOException e) {
            problems.error(path, "cannot read the model: " + shown(v, e.getMessage()));
        }
        return null;
    }

    /**
     * {@code message} with the model file named as the spec gives it, normalised, rather than by
     * the real path it was opened through ({@link VelocityFileCache} keys and reads by the real
     * path, so a link, or a folder such as {@code shared/} that is one, would show its target).
     */
    private String shown(VelocitySpec v, String message) {
        String given = switch (v) {
            case VelocitySpec.Raw r -> r.path();
            case VelocitySpec.Segy s -> s.path();
            default -> null;
        };
        if (given == null || message == null) {
            return message;
        }
        Path file = baseDir.resolve(given).normalize();
        try {
            Path real = file.toRealPath();
            return real.equals(file) ? message : message.replace(real.toString(), file.toString());
        } catch (IOException | RuntimeException e) {
            return message;
        }
    }

    /**
     * Why {@code file}, which is not a regular file, cannot be read, its path normalised
     * ({@code /a/b/../c} as {@code /a/c}): "FILE is a folder, not a file", "FILE is not a regular
     * file" (a device such as /dev/zero, a named pipe: there, but no model of a size to check) or
     * "file FILE does not exist".
     */
    static String notAFile(Path file) {
        Path shown = file.normalize();
        IoProblems.NotARegularFile what = IoProblems.NotARegularFile.of(file);
        return switch (what) {
            case FOLDER -> shown + " " + what.words() + ", not a file";
            case OTHER -> shown + " " + what.words();
            case MISSING -> "file " + shown + " " + what.words();
        };
    }

    /** Where in the spec a velocity form names its file ("velocity.raw.path", "velocity.segy"); {@code path} for the others. */
    private static String filePath(VelocitySpec v, String path) {
        return switch (v) {
            case VelocitySpec.Raw r -> path + ".raw.path";
            case VelocitySpec.Segy s -> path + ".segy";
            default -> path;
        };
    }

    /**
     * The output traces sample the wavelet's band only if their Nyquist frequency 1 / (2 sampleS)
     * is at least its highest frequency f_max = 2.5 x peakHz: above the Nyquist the energy (11 %
     * of a 90 Hz Ricker's at 4 ms) does not vanish but folds back into the band. The largest
     * interval allowed, 1 / (2 f_max), is given in whole microseconds (SEG-Y stores it so). A
     * migration of recorded data writes no traces and takes each trace from its own interval to the
     * propagator's steps, so its {@code sampleS} samples nothing and is not checked.
     */
    private static void checkSampleInterval(JobSpec spec, Problems problems) {
        if (spec.task() == Task.RTM && spec.recordedData()) {
            return;
        }
        double fMax = spec.wavelet().toWavelet().highestFrequencyHz();
        double sample = spec.time().sampleS();
        double limit = 1 / (2 * fMax);
        if (sample > limit * (1 + 1e-9)) {
            double largest = Math.floor(limit * 1e6 + 1e-6) / 1e6;
            problems.error("time.sampleS", "must be <= " + Problems.num(largest, sample) + " s = 1 / (2 x " + Problems.num(fMax)
                    + " Hz), the wavelet's highest frequency (2.5 x wavelet.peakHz), got " + Problems.num(sample, largest)
                    + ": its Nyquist frequency " + Problems.num(Math.round(10 / (2 * sample)) / 10.0) + " Hz is below"
                    + " the band, whose energy above it would fold back into the traces; lower time.sampleS or"
                    + " wavelet.peakHz");
        }
    }

    /**
     * Under a free surface the pressure is zero at z = 0 (the mirror of the engine sets it so after
     * every step, and a point spread drops its weight on the surface node): a source there would
     * inject nothing and a receiver record nothing, all-zero traces and an empty image with no
     * other sign. Refused when a point lies within 1e-3 dz of the surface; depths between that and
     * dz are physical (the point and its ghost nearly cancel) and pass.
     *
     * @param path "sources" or "receivers"
     * @param what "source" or "receiver"
     * @param verb what the point would fail to do: "emit" or "record"
     */
    private static void checkFreeSurfaceDepth(Layout layout, String path, String what, String verb, JobSpec spec,
            Problems problems) {
        if (!spec.physics().freeSurface() || layout == null) {
            return;
        }
        String field;
        double z;
        String count = "";
        switch (layout) {
            case Layout.Line l when onFreeSurface(spec, l.zM()) -> {
                field = path + ".line.z";
                z = l.zM();
            }
            case Layout.Areal a when onFreeSurface(spec, a.zM()) -> {
                field = path + ".grid.z";
                z = a.zM();
            }
            case Layout.Points p -> {
                List<Position> pts = p.positions();
                int first = -1;
                int on = 0;
                for (int i = 0; i < pts.size(); i++) {
                    if (onFreeSurface(spec, pts.get(i).z())) {
                        on++;
                        first = first < 0 ? i : first;
                    }
                }
                if (on == 0) {
                    return;
                }
                field = path + ".list[" + first + "]";
                z = pts.get(first).z();
                count = pts.size() == 1 ? "" : " (" + on + " of " + pts.size() + " " + what + "s)";
            }
            default -> {
                return;
            }
        }
        problems.error(field, onFreeSurfaceWhy(spec, z, what, verb, count));
    }

    /**
     * Whether depth {@code z} (metres) lies on the free surface: within 1e-3 dz of 0, where the
     * pressure is zero (see {@link #checkFreeSurfaceDepth}).
     */
    private static boolean onFreeSurface(JobSpec spec, double z) {
        return spec.physics().freeSurface() && Math.abs(z) < 1e-3 * spec.grid().dz();
    }

    private static String onFreeSurfaceWhy(JobSpec spec, double z, String what, String verb, String count) {
        return "z = " + Problems.num(z) + " m lies on the free surface (physics.freeSurface is true)" + count
                + ", where the pressure is zero, so a " + what + " there would " + verb + " nothing; give z >= dz = "
                + Problems.num(spec.grid().dz()) + " m, or physics.freeSurface false";
    }

    /**
     * The free-surface check of {@link #checkFreeSurfaceDepth} on a data file's shots, whose
     * depths the spec does not give: land or ocean-bottom data often record at elevation 0.
     *
     * @return the problem in one line, or null
     */
    private static String pointsOnFreeSurface(JobSpec spec, List<Shot> shots) {
        for (Shot shot : shots) {
            if (onFreeSurface(spec, shot.source().z())) {
                return "physics.freeSurface: shot " + shot.number() + "'s source at "
                        + onFreeSurfaceWhy(spec, shot.source().z(), "source", "emit", "");
            }
            for (Position r : shot.receivers()) {
                if (onFreeSurface(spec, r.z())) {
                    return "physics.freeSurface: a receiver of shot " + shot.number() + " at "
                            + onFreeSurfaceWhy(spec, r.z(), "receiver", "record", "");
                }
            }
        }
        return null;
    }

    private static void checkPointsPerWavelength(JobSpec spec, SecondDerivative op, double vMin, Problems problems) {
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
     */
    private static void checkExtentInMetres(JobSpec spec, double vMin, Problems problems) {
        Grid g = spec.grid();
        double peakHz = spec.wavelet().peakHz();
        double wavelength = vMin / peakHz;
        double x = g.xAxis().last();
        double y = g.is2d() ? 0 : g.yAxis().last();
        double z = g.zAxis().last();
        if (Math.max(x, Math.max(y, z)) >= wavelength) {
            return;
        }
        String size = Problems.num(round3(x)) + " m x " + (g.is2d() ? "" : Problems.num(round3(y)) + " m x ")
                + Problems.num(round3(z)) + " m";
        problems.warning("grid", "grid is " + size + ", shorter than one wavelength (" + Problems.num(round3(wavelength))
                + " m at " + Problems.num(peakHz) + " Hz, " + Problems.num(vMin) + " m/s): are the lengths in km?"
                + " Seiswork uses metres (grid, sources, receivers) and m/s");
    }

    /** {@code v} to 3 significant digits, for figures in messages. */
    private static double round3(double v) {
        return v == 0 || !Double.isFinite(v) ? v
                : new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue();
    }

    /**
     * A moving spread records, per shot, the receivers within its offsets of the source: when no
     * shot has one the run would write empty gathers (and a migration an all-zero image) and exit
     * 0, so it is refused, saying where sources and receivers lie; when only some shots have none,
     * one warning counts them.
     */
    private static void checkSpreadHasReceivers(JobSpec spec, SurveyGeometry geometry, Problems problems) {
        if (!(spec.spread() instanceof Spread.Moving m)) {
            return;
        }
        int[] without = geometry.shotsWithoutReceivers();
        if (without.length == 0) {
            return;
        }
        List<Position> sources = geometry.sources();
        String offsets = "offsets " + Problems.num(m.minOffsetM()) + ".." + Problems.num(m.maxOffsetM()) + " m";
        if (without.length < sources.size()) {
            problems.warning("receivers.spread.moving", without.length + " of " + sources.size() + " shots have no"
                    + " receiver within their " + offsets + " (first: shot " + (without[0] + 1) + "), and write empty"
                    + " gathers");
            return;
        }
        // Every shot is empty: where sources and receivers lie, from one pass over each (not every
        // pair: the check runs on each as-you-type check of the desktop too).
        Grid g = spec.grid();
        String have = "the sources lie at " + extent(sources, g.is2d()) + " and the receivers at "
                + extent(geometry.receivers(), g.is2d()) + " (the model spans x 0.." + Problems.num(g.xAxis().last())
                + (g.is2d() ? "" : ", y 0.." + Problems.num(g.yAxis().last())) + " m)";
        problems.error("receivers.spread.moving", "no shot has a receiver within its " + offsets + ": " + have
                + "; every gather would be empty. Lower minOffset, raise maxOffset, or move the receivers");
    }

    /** Where {@code points} lie: "x A..B m" (and ", y C..D m" in 3D), to 3 significant digits. */
    private static String extent(List<Position> points, boolean twoD) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Position p : points) {
            x0 = Math.min(x0, p.x());
            x1 = Math.max(x1, p.x());
            y0 = Math.min(y0, p.y());
            y1 = Math.max(y1, p.y());
        }
        return "x " + Problems.num(round3(x0)) + ".." + Problems.num(round3(x1)) + " m"
                + (twoD ? "" : ", y " + Problems.num(round3(y0)) + ".." + Problems.num(round3(y1)) + " m");
    }

    private static SurveyGeometry geometry(JobSpec spec) {
        var src = spec.sources().positions();
        var rec = spec.receivers().positions();
        return switch (spec.spread()) {
            case Spread.Fixed f -> SurveyGeometry.fixedSpread(src, rec);
            case Spread.Moving m -> SurveyGeometry.movingSpread(src, rec, m.minOffsetM(), m.maxOffsetM());
        };
    }

    /**
     * {@code limit} to 6 significant digits, rounded down: a user who types the figure a message
     * gives as an upper limit has a value the check accepts (rounding to nearest could show a
     * figure just above the limit, refused again).
     */
    static String atMost(double limit) {
        if (!Double.isFinite(limit) || limit <= 0) {
            return Problems.num(limit);
        }
        double shown = new java.math.BigDecimal(limit)
                .round(new java.math.MathContext(6, java.math.RoundingMode.FLOOR)).doubleValue();
        return Problems.num(shown);
    }

    private static String fmt(double s) {
        return String.format(java.util.Locale.ROOT, "%.6g", s);
    }
}
