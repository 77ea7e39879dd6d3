package io.seiswork.app.desktop;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.volume.ArrayVolume;
import io.seiswork.core.volume.VolumeAxes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A job spec opened in the desktop app: the resolved job (checked, time stepping worked out,
 * velocity model loaded) and its velocity model as a volume for the viewers. Loading reads files
 * and builds the model's resolution pyramid, so it runs off the JavaFX thread.
 *
 * @param source where the spec came from, for the title and messages
 * @param job the resolved job
 * @param velocity the model as a volume (m/s over metres), or null when it is too large to show
 */
record Project(String source, ResolvedJob job, ArrayVolume velocity) {

    /** Classpath resource of the built-in demo: the README's layered 2D migration. */
    static final String DEMO_RESOURCE = "/io/seiswork/app/demo/layered-2d-rtm.json";

    /** Largest model shown as a volume (cells); larger ones are run but not drawn. */
    static final long MAX_SHOWN_CELLS = 1L << 28;

    /**
     * Reads and resolves a spec file; relative paths in it (velocity model, data) are resolved
     * against its directory.
     *
     * @throws io.seiswork.core.spec.SpecException listing every problem of the spec
     * @throws IllegalArgumentException when the file does not exist or a referenced file is unusable
     */
    static Project open(Path file) {
        JobSpec spec = JobSpecReader.read(file);
        Path base = file.toAbsolutePath().getParent();
        return of(file.toString(), JobResolver.withHeapBudget(base).resolve(spec, file.toString()));
    }

    /** The built-in demo project (no files needed: its velocity model is built in). */
    static Project demo() {
        try (InputStream in = Project.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo spec " + DEMO_RESOURCE + " is missing from this build");
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JobSpec spec = JobSpecReader.read(json, "built-in demo", "demo");
            Path here = Path.of("").toAbsolutePath();
            return of("built-in demo", JobResolver.withHeapBudget(here).resolve(spec, "built-in demo"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo spec: " + e.getMessage(), e);
        }
    }

    private static Project of(String source, ResolvedJob job) {
        Grid g = job.velocity().grid();
        ArrayVolume v = (long) g.nx() * g.ny() * g.nz() > MAX_SHOWN_CELLS ? null
                : new ArrayVolume(job.spec().name() + " velocity", new VolumeAxes(g.xAxis(), g.yAxis(), g.zAxis()),
                        job.velocity().values(), "m", "velocity (m/s)", 64);
        return new Project(source, job, v);
    }
}
