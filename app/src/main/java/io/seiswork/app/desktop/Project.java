package io.seiswork.app.desktop;

import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.JobName;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.SpecDraft;
import io.seiswork.core.spec.SpecException;
import io.seiswork.core.spec.SpecProblem;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.core.velocity.VelocityField;
import io.seiswork.core.volume.ArrayVolume;
import io.seiswork.core.volume.VolumeAxes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A job spec opened in the desktop app: the resolved job (checked, time stepping worked out,
 * velocity model loaded) and its velocity model as a volume for the viewers. Loading reads files
 * and builds the model's resolution pyramid, so it runs off the JavaFX thread.
 *
 * @param source where the spec came from, for the title and messages
 * @param file the spec file (relative paths in the spec resolve against its folder), or null for
 *     the built-in demo and other specs not yet saved
 * @param text the spec's JSON as opened or edited
 * @param job the resolved job
 * @param velocity the model as a volume (m/s over metres): whole, or for a survey at every s-th node
 * @param migrationVelocity a migration's velocity as a volume when it is not the model itself
 *     (smoothed, or from its own file); null otherwise or when too large
 * @param facts what the window lists about the job ({@link ProjectSummary#facts})
 * @param localLimit why this machine cannot run the job (its memory), when the job is sound but
 *     checked for the cloud's workers instead; null when it runs here
 */
record Project(String source, Path file, String text, ResolvedJob job, ArrayVolume velocity,
        ArrayVolume migrationVelocity, List<Map.Entry<String, String>> facts, String localLimit) {

    /** Classpath resource of the built-in demo: the README's layered 2D migration. */
    static final String DEMO_RESOURCE = "/io/seiswork/app/demo/layered-2d-rtm.json";

    /**
     * Reads and resolves a spec file; relative paths in it (velocity model, data) are resolved
     * against its directory.
     *
     * @throws io.seiswork.core.spec.SpecException listing every problem of the spec
     * @throws IllegalArgumentException when the file does not exist or a referenced file is unusable
     */
    static Project open(Path file) {
        return fromText(readText(file), file.toString(), file);
    }

    /**
     * The text of a spec file, as the command line reads it (a byte-order mark dropped).
     *
     * @throws IllegalArgumentException when it does not exist, is a folder or is not UTF-8
     */
    static String readText(Path file) {
        return JobSpecReader.readText(file);
    }

    /** The built-in demo project (no files needed: its velocity model is built in). */
    static Project demo() {
        return fromText(demoText(), "built-in demo", null);
    }

    /** The built-in demo spec's JSON. */
    static String demoText() {
        try (InputStream in = Project.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo spec " + DEMO_RESOURCE + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo spec: " + e.getMessage(), e);
        }
    }

    /**
     * A spec from its JSON text, as edited in the window.
     *
     * @param file where it is (or will be) saved, null for none: relative paths then resolve
     *     against the folder the app started in
     * @throws io.seiswork.core.spec.SpecException listing every problem of the spec
     */
    static Project fromText(String text, String source, Path file) {
        String name = file == null ? "demo" : JobName.defaultFor(file.getFileName().toString());
        SpecDraft spec = JobSpecReader.draft(text, source, name);
        Path base = file == null ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
        ResolvedJob job;
        String localLimit = null;
        List<Map.Entry<String, String>> facts = null;
        try {
            job = JobResolver.withHeapBudget(base).resolve(spec, source);
        } catch (SpecException e) {
            if (!e.onlyMachineLimits()) {
                throw e;
            }
            // Sound, but more than this machine's memory: opened as the cloud's workers would check it.
            double workerGiB = CloudSettings.workerMemoryGiB(CloudSettings.environment());
            job = JobResolver.forWorkers(base, (long) (workerGiB * (1L << 30)),
                    JobResolver.BudgetAdvice.workers(workerGiB, "SEISWORK_WORKER_MEMORY_GIB")).resolve(spec, source);
            localLimit = e.problems().stream().filter(SpecProblem::isError).map(SpecProblem::toString)
                    .collect(java.util.stream.Collectors.joining("; "));
            facts = ProjectSummary.facts(source, job, localLimit, workerGiB);
        }
        // A job whose whole grid the resolver kept out of core is not loaded whole for its views
        // either: its model is drawn at every s-th node, and its migration velocity (smoothed over
        // windows with their halos: many times the model's reads) not at all.
        boolean whole = job.storage() == WholeGridStorage.HEAP
                && job.spec().grid().nodes() <= ModelVolumes.MAX_WHOLE_CELLS;
        String model = job.spec().name() + " velocity";
        ArrayVolume v = whole ? ModelVolumes.whole(model, job.velocity())
                : ModelVolumes.decimated(model, job.velocity(), ModelVolumes.MAX_DECIMATED_CELLS);
        VelocityField mig = job.migrationVelocity();
        ArrayVolume m = !whole || mig == null || mig == job.velocity() ? null
                : ModelVolumes.whole(job.spec().name() + " migration velocity", mig);
        return new Project(source, file, text, job, v, m, facts != null ? facts : ProjectSummary.facts(source, job), localLimit);
    }
}
