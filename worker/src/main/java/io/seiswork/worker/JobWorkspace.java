package io.seiswork.worker;

import io.seiswork.cloud.dispatch.StoredSpec;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.SpecInputs;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.core.files.FileTrees;
import io.seiswork.core.files.IoProblems;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.job.ShotIndex;
import io.seiswork.kernels.job.ShotIndexFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's files on a worker: {@code <workDir>/jobs/<id>/spec.json}, and the inputs it names in
 * {@code <inputCache>/inputs/sha256/}, shared by all jobs and by the other workers of the machine
 * (a model used by many jobs is downloaded once), so the spec's rewritten relative paths resolve
 * against the input cache. Every file field of the spec must be an input key; anything else (an
 * absolute path, {@code ../}) is refused before any file is opened. The resolved job (velocity
 * models loaded) is kept, since a worker usually runs many shots of one job in a row.
 *
 * <p>An input is downloaded into this worker's own folder, its SHA-256 checked, and only then
 * renamed into the cache in one step: another worker sees either no file or the whole verified
 * one, and two workers fetching the same input at once both end with the same content in place.
 *
 * <p>A migration of recorded data whose stored spec names a shot index
 * ({@link StoredSpec#dataIndex()}) does not download its data file: the index (an input, verified
 * as any) is, and each shot's traces are fetched alone into the shot's scratch
 * ({@link RecordedShots}, {@link #fetchShot}), so disk and downloads count a shot's bytes, not the
 * file's. A job submitted before indexes existed downloads the whole file, as before.
 */
final class JobWorkspace {

    private static final Logger LOG = LoggerFactory.getLogger(JobWorkspace.class);

    private final ArtifactStore store;
    private final Path workDir;
    private final InputCache inputs;
    private final long maxInputBytes;
    private final EngineChoice engine;
    private final long taskMemoryBytes;
    private JobId cachedId;
    private ResolvedJob cached;
    private List<Integer> cachedShots;
    private RecordedShots cachedRecorded;

    /**
     * @param engine the worker's engine, replacing the spec's, or null to keep the spec's
     * @param taskMemoryBytes the worker task's memory jobs are resolved for, 0 for this JVM's heap
     *     ({@link WorkerSettings#taskMemoryBytes})
     */
    JobWorkspace(ArtifactStore store, Path workDir, Path inputCache, long maxInputBytes, EngineChoice engine,
            long taskMemoryBytes) {
        this.store = store;
        this.taskMemoryBytes = taskMemoryBytes;
        this.workDir = workDir;
        this.inputs = InputCache.on(inputCache);
        this.maxInputBytes = maxInputBytes;
        this.engine = engine;
    }

    /** The job, resolved from its stored spec and inputs (downloaded once). */
    ResolvedJob resolve(JobRecord job) {
        if (job.id().equals(cachedId)) {
            return cached;
        }
        Path dir = workDir.resolve("jobs").resolve(job.id().value());
        try {
            Files.createDirectories(dir);
            StoredSpec stored = StoredSpec.read(store, job.id());
            String indexed = stored.dataIndex() != null ? stored.dataKey() : null;
            if (indexed == null && stored.dataKey() != null) {
                LOG.info("job {}: data {} has no shot index (submitted before shot indexes): downloading the whole file",
                        job.id(), stored.dataKey());
            }
            // The job's inputs stay while it runs: neither its own downloads nor its shots' data make room with them.
            List<String> own = new java.util.ArrayList<>();
            for (SpecInputs.FileField f : stored.files()) {
                if (!f.value().equals(indexed)) {
                    own.add(f.value());
                }
            }
            if (stored.dataIndex() != null) {
                own.add(stored.dataIndex());
            }
            inputs.pin(own);
            for (SpecInputs.FileField f : stored.files()) {
                if (!f.value().equals(indexed) && inputs.lookup(f.value()) == null) {
                    download(f.value());
                }
            }
            RecordedShots recorded = indexed == null ? null : recorded(job.id(), stored, dir);
            Files.write(dir.resolve("spec.json"), stored.bytes());
            JobSpec parsed = JobSpecReader.read(stored.text(recorded == null ? null : recorded.headers()),
                    "job " + job.id(), job.name());
            if (engine != null) {
                parsed = parsed.withEngine(engine);
            }
            JobResolver resolver = taskMemoryBytes > 0 ? JobResolver.forWorkers(inputs.root(), taskMemoryBytes)
                    : JobResolver.withHeapBudget(inputs.root());
            ResolvedJob resolved = resolver.resolve(parsed, "job " + job.id());
            cachedId = job.id();
            cached = resolved;
            cachedShots = stored.shots();
            cachedRecorded = recorded;
            return resolved;
        } catch (IOException e) {
            throw new UncheckedIOException("job " + job.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The numbers (FFID) of the spec's shots the job runs, in its order, its shot {@code n} the
     * {@code n}-th of them; empty when it runs every shot ({@link StoredSpec#shots()}).
     */
    List<Integer> shots(JobRecord job) {
        resolve(job);
        return cachedShots;
    }

    /**
     * The job's recorded data read a shot at a time by its shot index, or null when the job has
     * no recorded data or no index (its data file then downloaded whole, {@link #resolve}).
     */
    RecordedShots recorded(JobRecord job) {
        resolve(job);
        return cachedRecorded;
    }

    /** Downloads the job's data index (once per machine, verified) and fetches the data file's headers. */
    private RecordedShots recorded(JobId id, StoredSpec stored, Path dir) throws IOException {
        String key = stored.dataIndex();
        if (inputs.lookup(key) == null) {
            // An index is read whole into memory: its own limit, far below an input's.
            download(key, ShotIndexFormat.MAX_BYTES);
        }
        long size = Files.size(inputs.root().resolve(key));
        if (size > ShotIndexFormat.MAX_BYTES) {
            throw new IllegalArgumentException("job " + id + ": shot index " + key + " has " + size + " bytes, more than "
                    + ShotIndexFormat.MAX_BYTES);
        }
        ShotIndex index = ShotIndexFormat.decode(Files.readAllBytes(inputs.root().resolve(key)), key);
        RecordedShots recorded = RecordedShots.open(store, stored.dataKey(), key, index, dir, maxInputBytes);
        LOG.info("job {}: data {} ({} bytes, {} shots) read a shot at a time by its shot index {}", id,
                stored.dataKey(), index.dataBytes(), index.shots().size(), key);
        return recorded;
    }

    /**
     * Fetches shot {@code ffid}'s own file of the job's recorded data into {@code dir} (the
     * shot's scratch, removed with it), after checking it against the worker's input limit and
     * making room for it on the disk the input cache shares: a shot's bytes, not the file's.
     *
     * @throws IllegalArgumentException when the shot's file is larger than the input limit
     */
    Path fetchShot(RecordedShots recorded, int ffid, Path dir) {
        long bytes = recorded.shotBytes(ffid);
        if (bytes > maxInputBytes) {
            throw new IllegalArgumentException("shot FFID " + ffid + " of data " + recorded.dataKey() + " has " + bytes
                    + " bytes, more than the " + maxInputBytes + " a worker downloads");
        }
        inputs.makeRoom(bytes);
        return recorded.fetch(ffid, dir);
    }

    /**
     * Frees {@code bytes} on the disk the input cache shares with the shots' scratch, removing the
     * least recently used inputs not of the running job: a shot's spill found short of free space
     * ({@link io.seiswork.kernels.rtm.ScratchSpace#makingRoomWith}), since the cache may fill the
     * disk to 95 % and otherwise frees space only for its own downloads.
     *
     * @return the bytes freed
     */
    long makeRoomForScratch(long bytes) {
        return inputs.free(bytes);
    }

    /**
     * Downloads input {@code key} privately after making room for it in the cache, checks its
     * SHA-256, then puts it in the cache.
     */
    private void download(String key) throws IOException {
        download(key, maxInputBytes);
    }

    /** As {@link #download(String)}, refusing an object above {@code maxBytes}. */
    private void download(String key, long maxBytes) throws IOException {
        long size = store.sizeOf(key);
        if (size > maxBytes) {
            throw new IllegalArgumentException("input " + key + " has " + size + " bytes, more than the " + maxBytes
                    + " allowed here");
        }
        if (size > 0) {
            inputs.makeRoom(size);
        }
        Path downloads = Files.createDirectories(workDir.resolve("downloads"));
        Path part = downloads.resolve(key.substring(key.lastIndexOf('/') + 1));
        try {
            store.getVerifiedInput(key, part, maxBytes);
            inputs.put(key, part);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Removes the job's directory (spec and scratch; not the shared inputs) and its cached resolution. */
    void forget(JobId id) {
        if (id.equals(cachedId)) {
            cachedId = null;
            cached = null;
            cachedShots = null;
            cachedRecorded = null;
            inputs.pin(List.of());
        }
        FileTrees.delete(workDir.resolve("jobs").resolve(id.value()));
    }

    /** The job's directory on this worker: its spec and scratch. */
    Path jobDir(JobId id) {
        Path p = workDir.resolve("jobs").resolve(id.value());
        return IoProblems.createFolders(p, "");
    }
}
