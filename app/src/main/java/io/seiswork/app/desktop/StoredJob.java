package io.seiswork.app.desktop;

import io.seiswork.cloud.dispatch.StoredSpec;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.SpecInputs;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.core.files.IoProblems;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.VelocitySpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A cloud job read back from its bucket, for the image so far of a job this window did not
 * submit (picked from Cloud jobs): its spec as stored at {@code jobs/<id>/spec.json}, its file
 * fields rewritten to input keys ({@code inputs/sha256/<hash>}), resolved here as its workers
 * resolve it, but with only what finishing the image needs.
 *
 * <p>Finishing a stack as the final image ({@link io.seiswork.kernels.job.FinalImage}) takes the
 * grid, the imaging condition and filter, the space order, the depth of the deepest source or
 * receiver, and the mute's taper: half a dominant wavelength at the slowest migration velocity.
 * That last figure is the only one the spec alone does not give when a velocity is a file, so:
 * <ul>
 *   <li>the spec is read first ({@link #read}), and the caller decides from its task and grid
 *       whether there is an image so far at all before anything else is downloaded;</li>
 *   <li>{@link #resolve} downloads the velocity files the spec names, and only those, since the
 *       resolver loads both models; each lies on the job's grid, so it is at most
 *       {@link #modelBytesBound} (a grid copied whole each shot has at most 2^25 nodes: at most
 *       128 MiB of samples);</li>
 *   <li>the recorded data (a job's largest input, often many GB) are never downloaded: the
 *       finishing does not read them, and the mute's depth comes from the spec's sources and
 *       receivers for recorded data too. The spec is resolved as with synthetic data, which
 *       changes only what the resolver checks of the data file (that it exists) and the memory it
 *       estimates for a shot;</li>
 *   <li>no shot runs here, so no shot's memory is checked: the resolver has no budget, and keeps
 *       the models on the heap (the grid is one the image so far copies whole).</li>
 * </ul>
 * As on a worker, every file field must be an input key: anything else ({@code /etc/passwd},
 * {@code ../x}) is refused before any file is opened, so a stored spec can never make the window
 * read its own disk.
 */
final class StoredJob {

    /** File headers a SEG-Y model may have besides its traces: the 3600-byte header and extended textual ones. */
    private static final long SEGY_HEADER_BYTES = 1L << 20;

    private final ArtifactStore store;
    private final JobId id;
    private final JobSpec spec;
    private final List<String> modelKeys;

    private StoredJob(ArtifactStore store, JobId id, JobSpec spec, List<String> modelKeys) {
        this.store = store;
        this.id = id;
        this.spec = spec;
        this.modelKeys = modelKeys;
    }

    /**
     * Reads job {@code id}'s stored spec and checks its file fields; downloads nothing else.
     *
     * @param name the job's name in the job table, the spec's name when it has none
     * @throws IllegalArgumentException when the spec is missing, too large, not a JSON object, or
     *     names a file that is not a stored input
     * @throws io.seiswork.core.spec.SpecException when it is not a valid spec
     * @throws RuntimeException from the store when it cannot be read (denied, throttled, unreachable)
     */
    static StoredJob read(ArtifactStore store, JobId id, String name) {
        StoredSpec stored = StoredSpec.read(store, id);
        List<String> models = new ArrayList<>();
        for (SpecInputs.FileField f : stored.files()) {
            if (!"data".equals(f.path()) && !models.contains(f.value())) {
                models.add(f.value());
            }
        }
        JobSpec spec = JobSpecReader.read(stored.text(), "job " + id, name);
        return new StoredJob(store, id, spec, List.copyOf(models));
    }

    /** The spec as stored (file fields are input keys). */
    JobSpec spec() {
        return spec;
    }

    /** The input keys of the velocity files the spec names (the model's, the migration velocity's), each once. */
    List<String> modelKeys() {
        return modelKeys;
    }

    /**
     * The job resolved for its image so far: the velocity files downloaded into
     * {@code inputs/sha256/} under {@code root}, the data left out (see the class comment).
     *
     * @param root a folder of this machine, made here; the caller removes it
     * @throws IllegalArgumentException when a velocity file is missing or larger than the grid allows
     * @throws io.seiswork.core.spec.SpecException when the job does not resolve (a model that does
     *     not fit the grid, velocities that are not positive)
     */
    ResolvedJob resolve(Path root) {
        long bound = modelBytesBound(spec.grid());
        for (String key : modelKeys) {
            Path file = root.resolve(key);
            IoProblems.createFolders(file.getParent(), "");
            store.getVerifiedInput(key, file, bound);  // as a worker: resolved on what the workers use
        }
        JobSpec s = spec;
        // A smoothed migration velocity is never used by the image so far: its mute takes the
        // model's slowest velocity (ResolvedJob.slowestMigrationVelocityBound), so the smoothing,
        // seconds of a 2^25-node grid, and its copy of the grid are skipped (a length of 0).
        VelocitySpec migration = s.migrationVelocity() instanceof VelocitySpec.Smoothed ? new VelocitySpec.Smoothed(0)
                : s.migrationVelocity();
        JobSpec withoutData = new JobSpec(s.name(), s.task(), s.grid(), s.velocity(), migration, s.wavelet(),
                s.time(), s.sources(), s.receivers(), s.spread(), JobSpec.SYNTHETIC, s.physics(), s.imaging(), s.engine());
        return new JobResolver(root, Long.MAX_VALUE).resolve(withoutData, "job " + id);
    }

    /**
     * Most bytes a velocity file on {@code grid} can have, whatever its form: a raw file 4 bytes a
     * node; SEG-Y at most 8 bytes a sample, a 240-byte header a trace (one per column) and
     * {@value #SEGY_HEADER_BYTES} bytes of file headers. A larger object is not this grid's model
     * and is not downloaded.
     */
    static long modelBytesBound(Grid grid) {
        long columns = (long) grid.nx() * grid.ny();
        return SEGY_HEADER_BYTES + 240 * columns + 8 * grid.nodes();
    }
}
