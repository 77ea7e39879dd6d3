package io.seiswork.core.spec;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.SurveyGeometry;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.stencil.SecondDerivative;
import io.seiswork.core.text.SignificantDigits;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityField;
import java.nio.file.Files;
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
 *
 * <p>The checks live in classes of their own ({@link SamplingChecks}, {@link FreeSurfaceChecks},
 * {@link SpreadChecks}, {@link TimeAxisChecks}, {@link GridSizeChecks}, {@link MemoryChecks},
 * {@link VelocityLoading}); this class orders them, each only as far as the ones before allow.
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
                    + " 90 %% of that for a shot; ", SignificantDigits.plain(taskGiB, 4), Math.round(WORKER_HEAP_SHARE * 100)), raiseWith);
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
        SurveyGeometry geometry = spec.surveyGeometry();
        boolean geometryChecked = earlier.stream().noneMatch(p -> p.isError() && isGeometryPath(p.path()));
        Grid g = spec.grid();
        WholeGridStorage storage = spec.task() == Task.RTM ? WholeGridStorage.of(g, memoryBudgetBytes) : WholeGridStorage.HEAP;
        SamplingChecks.checkSampleInterval(spec, problems);
        FreeSurfaceChecks.checkDepth(spec.sources(), "sources", "source", "emit", spec, problems);
        FreeSurfaceChecks.checkDepth(spec.receivers(), "receivers", "receiver", "record", spec, problems);
        GridSizeChecks.Result sized = GridSizeChecks.check(spec, geometry, geometryChecked, problems);
        if (!sized.passed()) {
            throw new SpecException(source, problems.all());
        }
        VelocityLoading velocities = new VelocityLoading(baseDir);
        VelocityField field = velocities.open(spec.velocity(), g, "velocity", problems);
        if (field == null) {
            // The time step, the points per wavelength and the memory all follow from the velocity's
            // range; a migration velocity given as a model of its own is checked all the same, so
            // that one pass names the problems of both.
            if (spec.task() == Task.RTM && !(spec.migrationVelocity() instanceof VelocitySpec.Smoothed)) {
                velocities.open(spec.migrationVelocity(), g, "migrationVelocity", problems);
            }
            throw new SpecException(source, problems.all());
        }
        SecondDerivative op = SecondDerivative.ofOrder(spec.physics().spaceOrder());
        double vMax = field.max();
        double vMin = field.min();
        Sampling output = new Sampling(spec.time().outputSamples(), spec.time().sampleS(), 0);
        double limit = TimeStepping.maxStableDtS(field, op.order());
        Double given = TimeAxisChecks.givenStep(spec, limit, op.order(), vMax, problems);
        TimeStepping time = TimeAxisChecks.timeAxis(given, field, op.order(), output, problems);
        SamplingChecks.checkPointsPerWavelength(spec, op, vMin, problems);
        SamplingChecks.checkExtentInMetres(spec, vMin, problems);
        if (geometryChecked && !(spec.task() == Task.RTM && spec.recordedData())) {
            SpreadChecks.checkHasReceivers(spec, geometry, problems);
        }
        if (time == null) {
            // The memory and everything after follow from the step count.
            throw new SpecException(source, problems.all());
        }
        MemoryChecks memory = new MemoryChecks(memoryBudgetBytes, advice);
        Grid shot = sized.shotGrid();
        // The data file resolved and looked at once: its samples per trace count in the memory, its absence is an error.
        Path dataFile = spec.task() == Task.RTM && spec.recordedData() ? baseDir.resolve(spec.data()) : null;
        boolean dataIsFile = dataFile != null && Files.isRegularFile(dataFile);
        long bytes = memory.shotBytes(spec, shot, storage, geometry.receivers().size(), output, time,
                dataIsFile ? dataFile : null, problems);
        memory.checkShotFits(bytes, problems);
        VelocityField migrationField = null;
        boolean inMemory = storage == WholeGridStorage.HEAP && holdsWholeModels(g, spec.task() == Task.RTM ? 2 : 1);
        if (spec.task() == Task.RTM) {
            memory.checkImageWriting(spec, storage, problems);
            boolean smoothed = spec.migrationVelocity() instanceof VelocitySpec.Smoothed;
            if (smoothed && !inMemory) {
                memory.checkWindowSmoothing(spec, shot, storage, problems);
            }
            if (!smoothed) {
                migrationField = velocities.open(spec.migrationVelocity(), g, "migrationVelocity", problems);
            }
            // A smoothed model's velocities lie within the model's (slowness is averaged with
            // positive weights), so its largest is never above vMax: not asked, since out of core
            // it would take smoothing the whole grid.
            if (migrationField != null && migrationField.max() > vMax) {
                // One time step serves modelling and migration: take the faster model's limit.
                limit = TimeStepping.maxStableDtS(migrationField, op.order());
                time = TimeAxisChecks.timeAxis(given != null && given <= limit ? given : null, migrationField, op.order(),
                        output, problems);
                if (time == null) {
                    throw new SpecException(source, problems.all());
                }
            }
            if (dataFile != null && !dataIsFile) {
                problems.error("data", ShownPaths.notAFile(dataFile) + " (give a SEG-Y file of shot gathers or \"synthetic\")");
            }
        }
        problems.throwIfErrors(source);
        // Every check passed, the memory one included: only now is anything of the grid's size allocated.
        VelocityField velocity = inMemory ? field.whole() : field;
        VelocityField migration = null;
        if (spec.task() == Task.RTM) {
            migration = migrationField != null ? (inMemory ? migrationField.whole() : migrationField)
                    : VelocityLoading.smoothedMigration(spec, velocity);
        }
        LOG.debug("{}: velocity {}..{} m/s, dt {} s ({} steps, CFL limit {} s), {} bytes per shot, whole grid {}", source,
                vMin, vMax, time.dtS(), time.steps(), limit, bytes, storage);
        return new ResolvedJob(spec, velocity, geometry, time, limit, bytes, problems.all(), migration, dataFile, storage);
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
     * Checks a migration's shots once they are known, as {@link #resolve} checks a spec's: for
     * recorded data they are the file's (its trace headers'), which the resolver does not read. The
     * largest shot's window must fit one array, no source or receiver may lie on a free surface,
     * and one shot's need (bytes) on that window, beside the whole-grid arrays kept on the heap,
     * must fit the budget, its migration velocity's smoothing window by window included.
     *
     * @param shots the shots the run will migrate (the data file's)
     * @param traceSamples samples of each of their traces as the run holds them: the file's own
     *     (its interval and length), not the output axis'
     * @param budgetBytes the memory one shot may use
     * @return the problem in one line, starting with the spec field to change; null when none
     */
    public static String shotsProblem(ResolvedJob job, List<Shot> shots, int traceSamples, long budgetBytes) {
        return RecordedShotChecks.problem(job, shots, traceSamples, budgetBytes);
    }
}
