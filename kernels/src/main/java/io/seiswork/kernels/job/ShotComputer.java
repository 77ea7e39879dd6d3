package io.seiswork.kernels.job;

import io.seiswork.core.files.FileTrees;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.progress.WavefieldListener;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.volume.Slice;
import io.seiswork.core.wavelet.Wavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRecord;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.WaveEngine;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import io.seiswork.kernels.engine.cuda.CudaWaveEngine;
import io.seiswork.kernels.engine.cuda.HostMemoryBudget;
import io.seiswork.kernels.engine.cuda.RtmRingPlan;
import io.seiswork.kernels.rtm.CudaShotMigrator;
import io.seiswork.kernels.rtm.MemoryPlan;
import io.seiswork.kernels.rtm.PartialImage;
import io.seiswork.kernels.rtm.ScratchSpace;
import io.seiswork.kernels.rtm.ShotMigrator;
import io.seiswork.kernels.rtm.WavefieldStrategy;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes one shot of a job, whichever process runs it: the local run loops over
 * {@link #shots()} on one computer, a cloud worker computes the shots its queue hands it, and
 * since both go through this class a cloud run of N shots stacks to the same image, bit for bit,
 * as a local run of the same spec.
 *
 * <p>Task model: {@link #model} is the engine's modelling of the shot in the job's velocity.
 * Task rtm: {@link #migrate} gets the shot's observed traces (modelled on the engine minus the
 * direct wave, or read from the job's SEG-Y file of shot gathers, each trace on its own axis: the
 * file's interval from its own delay), then migrates them in the migration velocity, each trace
 * brought straight from its axis to the propagator's steps. The migration runs on the GPU
 * ({@link CudaShotMigrator}, source wavefield rebuilt from its boundary ring, the ring on the
 * device or staged through the host) when the engine is the GPU and the job's first shot fits
 * its memory; if it does not, engine "auto" migrates on a CPU engine of its own, with the reason
 * ({@link #migrationEngineReason()}), and engine "gpu" is refused before any shot is computed.
 * On the CPU it runs {@link ShotMigrator} with the {@link MemoryPlan} made for the first shot
 * under the heap budget ({@link #heapBudgetBytes()}). That choice is made once, on the first
 * call that needs it ({@link #migrationEngine()} or {@link #migrate}), and holds for every shot.
 *
 * <p>With a migration aperture ({@code imaging.aperture}) each migration shot, its synthetic data
 * included, is computed on the shot's window of the model ({@link ShotWindow}) and its partial
 * image placed there in the job's grid; memory is then planned, and the GPU chosen, on the
 * largest window of the job, which is what the first shot stands for above.
 *
 * <p>Before a migration shot's first step (the modelling of its synthetic data included) the
 * bytes it will spill to {@code scratch} are reserved ({@link ScratchSpace}: the CPU's snapshots
 * or boundary ring, the GPU's ring levels staged to disk), and a shot whose spill does not fit the
 * free space there is refused at once ({@link io.seiswork.kernels.rtm.ScratchSpaceException})
 * instead of failing with a full disk after its forward phase.
 *
 * <p>Not for concurrent use: one shot at a time, like the engine it drives. The caller keeps the
 * engine and closes it; {@link #close} releases what this computer opened (the data file, a CPU
 * engine of a GPU fallback) and removes the migration's scratch directory.
 */
public final class ShotComputer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShotComputer.class);

    private final ResolvedJob job;
    private final WaveEngine engine;
    private final Path scratch;
    private final Consumer<String> messages;
    private final PhysicsOptions physics;
    private final Wavelet wavelet;
    private final TimeStepping timing;
    /** Task rtm: where the observed traces come from; null for task model. */
    private final ObservedData data;
    /** Task rtm: how the source wavefield is kept on the CPU; null for task model. */
    private final MemoryPlan plan;
    /** Task rtm: the migration aperture in metres, or null for the whole model. */
    private final Double aperture;

    /** The migration of one shot on the engine chosen; null until chosen. */
    private Migration migration;
    private String migrationEngine;
    private String migrationEngineReason;
    private RtmRingPlan ringPlan;
    private boolean onGpu;
    private CpuWaveEngine ownCpu;
    /** What a shot of the chosen migration spills to {@link #scratch}; null until chosen. */
    private Spill spill;
    private ScratchSpace scratchSpace = ScratchSpace.process();
    /** Whether the note that the scratch's free space is unknown was given. */
    private boolean unknownSpaceSaid;

    /** One shot's migration on whichever engine runs it. */
    private interface Migration {
        PartialImage migrate(ShotRequest request, float[][] observed, Sampling[] axes, ProgressListener progress,
                CancellationToken cancel);
    }

    /**
     * What a shot of the chosen migration writes to the scratch folder.
     *
     * @param bytes the bytes of a shot's spill, planned before its first step
     * @param what the spill, for the refusal's message
     * @param remedy how to make it spill less, for the refusal's message
     */
    private record Spill(ToLongFunction<ShotRequest> bytes, String what, String remedy) {
    }

    /**
     * As {@link #ShotComputer(ResolvedJob, WaveEngine, Path, Consumer)}, the lines about the
     * migration's engine and source wavefield going to the log (info).
     */
    public ShotComputer(ResolvedJob job, WaveEngine engine, Path scratch) {
        this(job, engine, scratch, LOG::info);
    }

    /**
     * Opens the job's observed data (task rtm with a SEG-Y file: reads its geometry) and plans the
     * source wavefield's memory on its first shot.
     *
     * @param job the resolved job (task rtm: migration velocity loaded)
     * @param engine the engine the job selected: it models, and migrates when it is a
     *     {@link CudaWaveEngine} or a {@link CpuWaveEngine}; the caller closes it
     * @param scratch a directory of this computer's own for the migration's spill files (created
     *     when needed, removed by {@link #close})
     * @param messages receives lines for the user about the migration: where the GPU's boundary
     *     ring goes, why the migration falls back to the CPU, the CPU's memory plan
     * @throws IllegalArgumentException when the job's data file cannot be read or does not fit
     *     the grid
     */
    public ShotComputer(ResolvedJob job, WaveEngine engine, Path scratch, Consumer<String> messages) {
        this(job, engine, scratch, messages, null);
    }

    /**
     * A computer for a migration of recorded data whose traces it never reads whole: it plans on
     * the shots of {@code dataIndex} ({@link ShotIndex#planningShot}: the same windows and receiver
     * counts, so the same memory plan and engine as a computer that scanned the file), and
     * migrates each shot from a small file of that shot's traces ({@link #migrateGather}). A cloud
     * worker's, which fetches only those traces of the stored data.
     *
     * @param dataIndex the index of the job's data file, made when the job was submitted
     * @throws IllegalArgumentException when the job is not a migration of recorded data
     */
    public ShotComputer(ResolvedJob job, WaveEngine engine, Path scratch, ShotIndex dataIndex) {
        this(job, engine, scratch, LOG::info, java.util.Objects.requireNonNull(dataIndex, "dataIndex"));
    }

    private ShotComputer(ResolvedJob job, WaveEngine engine, Path scratch, Consumer<String> messages,
            ShotIndex dataIndex) {
        JobSpec spec = job.spec();
        if (dataIndex != null && (spec.task() != Task.RTM || job.dataFile() == null)) {
            throw new IllegalArgumentException("job " + spec.name() + ": a shot index is for a migration of recorded data");
        }
        this.job = job;
        this.engine = engine;
        this.scratch = scratch;
        this.messages = messages;
        this.physics = PhysicsOptions.of(spec.physics());
        this.wavelet = spec.wavelet().toWavelet();
        this.timing = job.time();
        this.aperture = spec.task() == Task.RTM ? spec.imaging().apertureM() : null;
        if (spec.task() != Task.RTM) {
            this.data = null;
            this.plan = null;
            return;
        }
        if (dataIndex == null) {
            RecordedWaveletDelay.check(job);  // before the data's headers are scanned (the index's was at submission)
        }
        this.data = job.dataFile() == null
                ? new SyntheticData(engine, job.velocity(), physics, wavelet, timing, job.geometry().shots(), this::window)
                : dataIndex != null ? new IndexedShots(dataIndex, job.dataFile())
                : new SegyShotGathers(job.dataFile(), spec.grid(), timing.outputS());
        try {
            if (data instanceof SegyShotGathers gathers) {
                gathers.notes().forEach(messages);  // zero-offset data, traces outside the modelled time: said
            }
            if (job.dataFile() != null) {
                // The file's shots, unknown to the resolver: checked as it checks a spec's.
                String problem = JobResolver.shotsProblem(job, data.shots(), data.samplesPerTrace(), heapBudgetBytes());
                if (problem != null) {
                    throw new IllegalArgumentException(job.dataFile().getFileName() + ": " + problem);
                }
            }
            // A shot plans beside the job's whole-grid models and stack, when they are on the heap.
            long budget = heapBudgetBytes() - job.storage().heapBytes(spec.grid());
            this.plan = MemoryPlan.of(largestRequest(), data.samplesPerTrace(), spec.imaging().wavefield(),
                    Math.max(0, budget));
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /**
     * The heap a CPU migration may plan its source wavefield in, in bytes: 90 % of the JVM's
     * maximum heap, the rest left for the image stack and the run's bookkeeping.
     */
    public static long heapBudgetBytes() {
        return (long) (0.9 * Runtime.getRuntime().maxMemory());
    }

    /**
     * The shots a run of {@code job} has, in order, without an engine: those of
     * {@link #shots()} (for a migration of recorded data, the gathers in its file, read and
     * closed). The file's geometry is kept while the file is unchanged, so that the computer the
     * run makes next does not read its trace headers a second time (minutes for a file of many
     * GB): see {@link SegyShotGathers}.
     */
    public static List<Shot> shotsOf(ResolvedJob job) {
        return shotsAndNotes(job).shots();
    }

    /**
     * A job's shots and the lines about its recorded data for the user.
     *
     * @param shots the shots in order
     * @param notes for a migration of recorded data, what its computer would say of the file
     *     (zero-offset data; traces wholly outside the modelled time); else none
     * @param dataIndex for a migration of recorded data, where each shot's traces lie in the file
     *     (from the same pass over its headers), for the cloud's workers to fetch only theirs;
     *     else null
     */
    public record Shots(List<Shot> shots, List<String> notes, ShotIndex dataIndex, Path dataFile) {

        public Shots {
            shots = List.copyOf(shots);
            notes = List.copyOf(notes);
        }

        /** As {@link #storedDataIndex(ByteProgress, CancellationToken)}, unwatched and not cancellable. */
        public byte[] storedDataIndex() {
            return storedDataIndex(ByteProgress.NONE, CancellationToken.none());
        }

        /**
         * The data file's index as stored ({@link ShotIndexFormat}) for a submission, with the
         * digests of the file's headers and of each shot's traces ({@link ShotIndex#withDigests}:
         * one streamed pass over the whole file, which also leaves the whole file's SHA-256
         * remembered for its input key, so the upload that follows does not read it for that
         * again), or null when there is none.
         *
         * @param progress bytes read of the data file (a file of a TB takes minutes)
         * @param cancel checked between blocks of the read
         */
        public byte[] storedDataIndex(ByteProgress progress, CancellationToken cancel) {
            return dataIndex == null ? null : ShotIndexFormat.encode(dataIndex.withDigests(dataFile, progress, cancel));
        }

        /** Shots without a data file, so without an index. */
        public Shots(List<Shot> shots, List<String> notes) {
            this(shots, notes, null, null);
        }
    }

    /**
     * As {@link #shotsOf}, with the notes on the data file a run's computer gives its messages:
     * for a process that submits the job and so never makes that computer (a cloud submission,
     * whose workers' logs the user does not read).
     */
    public static Shots shotsAndNotes(ResolvedJob job) {
        return shotsAndNotes(job, ByteProgress.NONE, CancellationToken.none());
    }

    /**
     * As {@link #shotsAndNotes(ResolvedJob)}, the pass over a data file's trace headers watched and
     * cancellable: it reads every trace header, minutes for a file of a TB, before a submission
     * stores or queues anything.
     *
     * @param headers how far the pass has read into the data file, bytes of its size, a few times a
     *     second at most and once at the end; not called without a data file, nor when its geometry
     *     is kept from an earlier pass over the file unchanged
     * @param cancel checked every few thousand traces of the pass
     * @throws io.seiswork.core.progress.CancelledException when {@code cancel} is cancelled during the pass
     */
    public static Shots shotsAndNotes(ResolvedJob job, ByteProgress headers, CancellationToken cancel) {
        if (job.dataFile() == null) {
            return new Shots(job.geometry().shots(), List.of());
        }
        RecordedWaveletDelay.check(job);
        try (SegyShotGathers file = new SegyShotGathers(job.dataFile(), job.spec().grid(), job.time().outputS(),
                headers, cancel)) {
            ShotIndex index = file.shotIndex();
            List<String> notes = new java.util.ArrayList<>(file.notes());
            if (index == null) {
                notes.add("data file " + job.dataFile().getFileName() + ": no shot index, since "
                        + file.noIndexBecause() + "; each cloud worker downloads the whole file");
            }
            return new Shots(file.shots(), notes, index, job.dataFile());
        }
    }

    /**
     * Wavefield propagations of one shot that model data: one for task model; two for a migration
     * of synthetic data ({@link SyntheticData}: the data, then the direct wave taken out of them,
     * each a whole propagation); none for a migration of recorded data. What the run-time
     * estimate and the job's kernel choice both count.
     */
    public static int modellingPropagations(ResolvedJob job) {
        if (job.spec().task() != Task.RTM) {
            return 1;
        }
        return job.dataFile() == null ? 2 : 0;
    }

    /**
     * Wavefield propagations of one migration shot: the source wavefield forward and the
     * receivers' wavefield backward, and a third that runs the source wavefield backward from its
     * saved boundary ring when it is reconstructed rather than stored (strategy "boundary", and
     * always on the GPU).
     */
    public static int migrationPropagations(boolean onGpu, WavefieldStrategy strategy) {
        return onGpu || strategy == WavefieldStrategy.BOUNDARY ? 3 : 2;
    }

    /**
     * The job's shots in order, with the receivers that record each: for task rtm with a SEG-Y
     * data file the file's shots (FFID order of first appearance), else the survey geometry's.
     */
    public List<Shot> shots() {
        return data != null ? data.shots() : job.geometry().shots();
    }

    /**
     * The run's output time axis in seconds: that of the traces {@link #model} returns, and the
     * axis observed traces are resampled onto before a migration.
     */
    public Sampling timeS() {
        return timing.outputS();
    }

    /**
     * Models {@code shot} in the job's velocity on the engine, on the calling thread.
     *
     * @param progress the engine's progress and, when it is a {@link WavefieldListener}, its live
     *     wavefield
     * @throws io.seiswork.core.progress.CancelledException when {@code cancel} is cancelled
     */
    public ModelledShot model(Shot shot, ProgressListener progress, CancellationToken cancel) {
        ShotRecord record = engine.model(request(job.velocity().whole(), shot), progress, cancel);
        return new ModelledShot(shot, record.traces(), record.stats());
    }

    /**
     * Migrates {@code shot} (task rtm) on the calling thread: its observed traces, resampled onto
     * {@link #timeS()} when they are on another axis (another interval, or a SEG-Y delay), then the migration in the migration velocity.
     *
     * @param progress one bar for the whole shot: the data's modelling steps (none for a file),
     *     then the migration's; the total announced during the modelling counts two propagations
     *     for the migration, and the migration then reports its own. When it is a
     *     {@link WavefieldListener} the live wavefield of the true model's run and of the
     *     migration's propagations goes to it.
     * @throws io.seiswork.core.progress.CancelledException when {@code cancel} is cancelled
     * @throws IllegalArgumentException when engine "gpu" cannot migrate the first shot on the
     *     device, or the engine cannot migrate at all
     * @throws IllegalStateException when the job is not task rtm (as for every rtm accessor)
     */
    public MigratedShot migrate(Shot shot, ProgressListener progress, CancellationToken cancel) {
        return migrate(data, shot, progress, cancel);
    }

    /**
     * Migrates shot {@code ffid} (task rtm) from {@code gatherFile}, a file of that shot's traces
     * alone with the job's data file's headers ({@link ShotIndex}), as {@link #migrate} migrates
     * the same shot read from the whole file: the same geometry, delays, resampling and taper,
     * to the same partial image, bit for bit.
     *
     * @throws WrongShotTracesException in one line naming the shot when the file holds traces of
     *     another FFID (the ranges it was cut by were wrong), or another count, size or place of
     *     traces than the index gives the shot
     * @throws IllegalArgumentException when its traces do not fit the grid
     */
    public MigratedShot migrateGather(Path gatherFile, int ffid, ProgressListener progress, CancellationToken cancel) {
        requireRtm();
        try (SegyShotGathers one = SegyShotGathers.oneShotOf(gatherFile, job.spec().grid(), timing.outputS())) {
            if (data instanceof IndexedShots indexed) {
                checkLayout(one, indexed.index(), ffid);
            }
            List<Shot> found = one.shots();
            if (found.size() != 1 || found.get(0).number() != ffid) {
                throw new WrongShotTracesException("shot FFID " + ffid + ": the traces fetched for it are of FFID "
                        + found.stream().map(s -> String.valueOf(s.number())).collect(java.util.stream.Collectors.joining(", "))
                        + ": the data file's shot index names the wrong traces");
            }
            return migrate(one, found.get(0), progress, cancel);
        }
    }

    /**
     * Checks a shot's own file against the job's index: its first trace where the index puts the
     * data file's (its headers copied whole), traces of the index's size, as many as the index
     * gives the shot; a reader could otherwise read the fetched bytes on another layout.
     */
    private static void checkLayout(SegyShotGathers one, ShotIndex index, int ffid) {
        ShotIndex.Entry e = index.entry(ffid);
        long[] got = one.layout();
        long traces = e == null ? -1 : e.traces();
        if (got[2] != traces || got[0] != index.headerBytes() || got[1] != index.traceBytes()) {
            throw new WrongShotTracesException("shot FFID " + ffid + ": its file has " + got[2] + " traces of " + got[1]
                    + " bytes from byte " + got[0] + ", the data file's shot index gives it " + traces + " of "
                    + index.traceBytes() + " bytes from byte " + index.headerBytes());
        }
    }

    /**
     * This computer with its shots' spills reserved in {@code space} instead of the process's
     * ({@link ScratchSpace#process()}): tests give a disk of any size.
     *
     * @return this computer
     */
    public ShotComputer withScratchSpace(ScratchSpace space) {
        this.scratchSpace = java.util.Objects.requireNonNull(space, "space");
        return this;
    }

    private MigratedShot migrate(ObservedData data, Shot shot, ProgressListener progress, CancellationToken cancel) {
        Migration m = migration();
        ShotWindow w = window(shot);
        ShotRequest r = request(w.crop(job.migrationVelocity()), w.local(shot));
        try (ScratchSpace.Reservation held = reserveScratch(shot, r)) {
            return migrate(m, data, shot, w, r, progress, cancel);
        }
    }

    /**
     * Reserves the scratch bytes the migration of {@code shot} ({@code r}, in its window) will
     * spill, before its first step.
     *
     * @throws io.seiswork.kernels.rtm.ScratchSpaceException when they do not fit
     */
    private ScratchSpace.Reservation reserveScratch(Shot shot, ShotRequest r) {
        long bytes = spill.bytes().applyAsLong(r);
        ScratchSpace.Reservation held = scratchSpace.reserve(scratch, bytes, "shot FFID " + shot.number() + ": "
                + spill.what(), spill.remedy());
        if (!held.checked() && !unknownSpaceSaid) {
            unknownSpaceSaid = true;
            messages.accept(FreeSpace.unknownNote(scratch, "each shot's spill", bytes));
        }
        return held;
    }

    private MigratedShot migrate(Migration m, ObservedData data, Shot shot, ShotWindow w, ShotRequest r,
            ProgressListener progress, CancellationToken cancel) {
        int migrationSteps = 2 * timing.steps();
        int[] dataSteps = {0};
        long t0 = System.nanoTime();
        float[][] traces = data.traces(shot, relabelled(progress, w, (s, n) -> {
            dataSteps[0] = n;
            progress.onProgress(s, n + migrationSteps);
        }), cancel);
        long t1 = System.nanoTime();
        Sampling[] axes = taperedOnOwnAxes(data, shot, traces);
        PartialImage image = m.migrate(r, traces, axes,
                relabelled(progress, w, (s, n) -> progress.onProgress(dataSteps[0] + s, dataSteps[0] + n)), cancel);
        long t2 = System.nanoTime();
        long computedPoints = new PaddedGrid(w.grid(), physics.boundaryWidth(), physics.operator().radius(),
                physics.freeSurface()).computedPoints();
        double points = (double) computedPoints * timing.steps() * migrationPropagations(onGpu, plan.strategy());
        return new MigratedShot(shot, image.placedAt(w), (t1 - t0) / 1e9, (t2 - t1) / 1e9, points);
    }

    /**
     * The part of the model {@code shot} is migrated on: its window within the migration aperture,
     * or the whole grid when the job has none (and for task model).
     */
    public ShotWindow window(Shot shot) {
        return ShotWindow.of(job.spec().grid(), shot, aperture);
    }

    /** Task rtm: one line for run.json saying where the observed data come from. */
    public String dataDescription() {
        requireRtm();
        return data.describe();
    }

    /**
     * Task rtm: the CPU's plan for the source wavefield, made on the first shot (strategy, imaging
     * interval in steps, bytes per shot of each strategy). On the GPU its interval is the imaging
     * interval too.
     */
    public MemoryPlan memoryPlan() {
        requireRtm();
        return plan;
    }

    /**
     * Task rtm: the name of the engine that migrates (that of the engine given, or of the CPU
     * engine of a fallback), choosing it if not yet done.
     *
     * @throws IllegalArgumentException when engine "gpu" cannot migrate the first shot on the
     *     device, or the engine cannot migrate at all
     */
    public String migrationEngine() {
        migration();
        return migrationEngine;
    }

    /**
     * Task rtm: why the migration runs on another engine than the one given ("engine \"auto\":
     * ... the migration runs on the CPU"), or null when it runs on the engine given.
     */
    public String migrationEngineReason() {
        migration();
        return migrationEngineReason;
    }

    /**
     * Task rtm on the GPU: where the first shot's boundary ring goes (device slots, host and disk
     * bytes, device bytes per shot); null when the migration runs on the CPU. Each shot plans its
     * own ring from the device memory free when it starts.
     */
    public RtmRingPlan ringPlan() {
        migration();
        return ringPlan;
    }

    /** Task rtm: whether the shots migrate on the GPU. */
    public boolean migratesOnGpu() {
        migration();
        return onGpu;
    }

    /** The migration, chosen on first use as the class comment says. */
    private Migration migration() {
        requireRtm();
        if (migration == null) {
            migration = chooseMigration(largestRequest());
        }
        return migration;
    }

    private Migration chooseMigration(ShotRequest first) {
        if (engine instanceof CudaWaveEngine gpu) {
            CudaShotMigrator m = new CudaShotMigrator(gpu, scratch);
            int k = plan.interval();
            String tooBig = m.memoryCheck(first);
            RtmRingPlan ring = tooBig == null ? m.ringPlan(first, k) : null;
            if (ring != null && !ring.fits()) {
                tooBig = ring.reason();
            }
            if (tooBig == null) {
                ringPlan = ring;
                migrationEngine = gpu.name();
                onGpu = true;
                messages.accept("source wavefield: boundary ring placed on the " + ring.placement().json() + ", "
                        + ring.device().describe() + " of GPU memory per shot");
                spill = new Spill(req -> m.ringPlan(req, k).diskBytes(), "its boundary ring's levels staged to disk"
                        + " (over the pinned host budget)", "a larger pinned host budget (-D" + HostMemoryBudget.PROPERTY
                        + "=N in SEISWORK_JAVA_OPTS) so that they stay in host memory");
                return (r, observed, axes, p, cancel) -> m.migrate(r, observed, axes, k, p, cancel);
            }
            if (!gpu.fallsBackToCpu()) {
                throw new IllegalArgumentException("engine: \"gpu\" requested but " + tooBig + "; use \"cpu\" or \"auto\"");
            }
            // The kernels the GPU engine's own fallback takes (the job's, weighed where it was
            // selected), so the migration's and a synthetic-data shot's CPU runs agree with a CPU run of the job.
            ownCpu = new CpuWaveEngine(gpu.cpuFallbackThreads(), gpu.cpuFallbackKernels());  // and its --threads
            migrationEngineReason = "engine \"auto\": " + tooBig + "; the migration runs on the CPU";
            messages.accept(migrationEngineReason);
            return cpuMigration(ownCpu);
        }
        if (engine instanceof CpuWaveEngine cpu) {
            return cpuMigration(cpu);
        }
        throw new IllegalArgumentException("engine " + engine.name() + " cannot run reverse-time migration");
    }

    private Migration cpuMigration(CpuWaveEngine cpu) {
        migrationEngine = cpu.name();
        messages.accept("source wavefield: " + plan);
        int samples = data.samplesPerTrace();
        spill = new Spill(req -> plan.ringInMemory() ? 0
                : MemoryPlan.of(req, samples, plan.strategy().json(), 0).spillBytes(),
                "its source wavefield's " + (plan.strategy() == WavefieldStrategy.DISK ? "snapshots" : "boundary ring")
                + " (strategy \"" + plan.strategy().json() + "\")", "more heap (-Xmx in SEISWORK_JAVA_OPTS) so that"
                + " less of the source wavefield spills (\"imaging.wavefield\": \"auto\" keeps it in memory when"
                + " it fits)");
        ShotMigrator m = new ShotMigrator(cpu, scratch);
        return (r, observed, axes, p, cancel) -> m.migrate(r, observed, axes, plan, p, cancel);
    }

    private void requireRtm() {
        if (data == null) {
            throw new IllegalStateException("job " + job.spec().name() + " is task " + job.spec().task().json()
                    + ", not rtm: it has no migration");
        }
    }

    private ShotRequest request(VelocityModel velocity, Shot shot) {
        return new ShotRequest(velocity, physics, shot.source(), wavelet, shot.receivers(), timing);
    }

    /**
     * The migration request of the job's largest shot window (the whole model without an
     * aperture), in its own frame: what memory is planned and the engine chosen on.
     */
    private ShotRequest largestRequest() {
        Shot shot = ShotWindow.largestShot(job.spec().grid(), data.shots(), aperture);
        ShotWindow w = window(shot);
        return request(w.crop(job.migrationVelocity()), w.local(shot));
    }

    /**
     * {@code steps} in place of {@code progress}'s own progress, its live wavefield (if it wants
     * one) passed through, moved from the window's frame into the job's: for the two phases of a
     * migration shot sharing one bar.
     */
    private static ProgressListener relabelled(ProgressListener progress, ShotWindow window, ProgressListener steps) {
        if (progress instanceof WavefieldListener live) {
            return WavefieldListener.of(steps, live::wantsWavefield,
                    (WavefieldListener.Sink) (step, section, phase) -> live.onWavefield(step,
                            inJobFrame(section, window), phase));
        }
        return steps;
    }

    /** A wavefield section of a shot's window with the job's x axis and y index. */
    private static Slice inJobFrame(Slice section, ShotWindow window) {
        if (window.x0() == 0 && window.y0() == 0) {
            return section;
        }
        Sampling across = section.across();
        return new Slice(section.orientation(), section.level(), section.index() + window.y0(),
                new Sampling(across.count(), across.delta(), across.first() + window.x0() * window.grid().dx()),
                section.down(), section.values());
    }

    /**
     * The time axis of each trace of {@code shot} ({@link ObservedData#timeS}: the file's interval,
     * from the trace's own delay), the traces tapered in place where they start or end strictly
     * inside the modelled time. The migration brings each straight from that axis to the
     * propagator's steps ({@code TraceUpsampler}: interpolated, or low-passed where the data are
     * finer than the step), never through {@code time.sampleS}, whose Nyquist frequency may lie
     * below the data's band (1 ms data through the default 4 ms would lose everything above
     * 125 Hz and fold it into the band). Samples before 0 s are not injected, and the trace counts
     * as 0 where it has no sample (before its first, after its last). Where a trace starts or ends
     * strictly inside the modelled time its data would jump from or to 0 there, and the receivers'
     * injection (−∂d/∂t) would turn that step into a spike that the migration smears along the
     * edge's isochron: the trace is tapered there instead ({@link #taperedEdges}).
     */
    private Sampling[] taperedOnOwnAxes(ObservedData data, Shot shot, float[][] traces) {
        Sampling out = timing.outputS();
        double taperS = edgeTaperS(out.delta(), job.spec().wavelet().peakHz());
        Sampling[] axes = new Sampling[traces.length];
        for (int r = 0; r < traces.length; r++) {
            axes[r] = data.timeS(shot, r);
            if (edgeTaper) {
                taperedEdges(traces[r], axes[r], out, axes[r].first(), axes[r].last(), taperS);
            }
        }
        return axes;
    }

    /** Whether recorded traces are tapered at edges inside the modelled time ({@link #withoutEdgeTaper}). */
    private boolean edgeTaper = true;

    /** This computer with recorded traces left untapered at their edges: tests measure the spike a cut gives. */
    ShotComputer withoutEdgeTaper() {
        edgeTaper = false;
        return this;
    }

    /**
     * The length (s) of the taper at a recorded trace's edge inside the modelled time: two periods
     * of the wavelet's peak frequency, and at least 3 output samples. The step's imprint on the
     * image is its part inside the wavelet's band (the imaging condition correlates it with the
     * source wavefield), and a step's spectrum grows as 1/f towards the low end of that band. A
     * raised-cosine ramp of length τ multiplies the step's spectrum by cos(πfτ) / (1 − (2fτ)²):
     * for τ = 2/f_peak that is 0 at 0.75 and 1.25 f_peak, 1/15 at f_peak and under 0.1 from 0.6
     * to 2.5 f_peak, while a quarter period leaves 0.94 at f_peak and one period 1/3.
     * Measured (RecordedDelayTest: a large level cut at 160 ms), the largest artefact above the
     * reflector falls to 0.99 of the untapered one for a quarter period, 0.30 for one period, 0.14
     * for 1.5 and 0.09 for two. The cost: the first (last) two periods of a cut trace weighted down.
     */
    static double edgeTaperS(double outputDeltaS, double peakHz) {
        return Math.max(3 * outputDeltaS, 2 / peakHz);
    }

    /**
     * Multiplies {@code trace} (on {@code out}) by a raised-cosine ramp of {@code taperS} from each
     * of the recorded trace's edges that lies strictly inside {@code out}: from 0 at its first
     * sample, {@code startS}, up to 1 at {@code startS + taperS}, and down to 0 at its last,
     * {@code endS}. An edge at or outside the modelled axis is left alone (the data are cut there
     * anyway, or not at all); a trace shorter than two tapers inside the axis gets ramps of half
     * its length.
     */
    static void taperedEdges(float[] trace, Sampling out, double startS, double endS, double taperS) {
        taperedEdges(trace, out, out, startS, endS, taperS);
    }

    /**
     * As {@link #taperedEdges(float[], Sampling, double, double, double)} for a trace sampled on
     * {@code times} (its own axis), the edges judged against the modelled axis {@code out}.
     */
    static void taperedEdges(float[] trace, Sampling times, Sampling out, double startS, double endS, double taperS) {
        double eps = 1e-9 * out.delta();
        boolean startInside = startS > out.first() + eps && startS < out.last();
        boolean endInside = endS < out.last() - eps && endS > out.first();
        if (!startInside && !endInside) {
            return;
        }
        double from = Math.max(startS, out.first());
        double to = Math.min(endS, out.last());
        double tau = Math.min(taperS, Math.max(0, to - from) / 2);
        if (!(tau > 0)) {
            return;
        }
        for (int i = 0; i < trace.length; i++) {
            double t = times.value(i);
            double w = 1;
            if (startInside && t < startS + tau) {
                w = t <= startS ? 0 : 0.5 * (1 - Math.cos(Math.PI * (t - startS) / tau));
            }
            if (endInside && t > endS - tau) {
                w *= t >= endS ? 0 : 0.5 * (1 - Math.cos(Math.PI * (endS - t) / tau));
            }
            if (w != 1) {
                trace[i] = (float) (trace[i] * w);
            }
        }
    }

    /**
     * Closes the data file, removes the migration's scratch directory and closes the CPU engine of
     * a GPU fallback, in that order; the engine given stays open.
     */
    @Override
    public void close() {
        if (data == null) {
            return;
        }
        try {
            data.close();
        } finally {
            try {
                FileTrees.delete(scratch);
            } finally {
                if (ownCpu != null) {
                    ownCpu.close();
                    ownCpu = null;
                }
            }
        }
    }
}
