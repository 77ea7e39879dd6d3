package io.seiswork.app.run;

import io.seiswork.core.progress.CancellationToken;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.volume.GridSections;
import io.seiswork.core.volume.Slice;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.SwvReader;
import io.seiswork.core.volume.VolumeSource;
import io.seiswork.kernels.job.JobEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration's image-so-far (the desktop's preview): one inline per stacked shot, finished by
 * the code that finishes the final image (from the inline's neighbouring planes only), so the
 * last one is the written image's inline, and a run watched by the desktop writes the same files
 * as one that is not.
 */
class ImagePreviewTest {

    @TempDir
    Path dir;

    private static final String SPEC = """
        {
          "name": "preview",
          "task": "rtm",
          "grid": { "nx": 81, "nz": 51, "dx": 10, "dz": 10 },
          "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 250, "vp": 2200 } ] },
          "migrationVelocity": { "smooth": 50 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.6, "sampleS": 0.004 },
          "sources": { "line": { "x0": 250, "dx": 300, "n": 2, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 10, "n": 81, "z": 20 } },
          "data": "synthetic",
          "engine": "cpu"
        }
        """;

    /** Records the previews; wants them only when asked to. */
    private static final class Previews implements RunListener {
        final boolean want;
        final List<Integer> stacked = new ArrayList<>();
        final List<Slice> sections = new ArrayList<>();

        Previews(boolean want) {
            this.want = want;
        }

        @Override
        public boolean wantsImage() {
            return want;
        }

        @Override
        public void imageUpdated(int done, int shots, Slice section) {
            assertEquals(2, shots);
            stacked.add(done);
            sections.add(section);
        }
    }

    @Test
    void theLastPreviewIsTheFinalImageAndWatchingChangesNoFile() throws Exception {
        ResolvedJob job = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(SPEC, "spec", "preview"), "spec");
        Previews watched = new Previews(true);
        Previews unwatched = new Previews(false);
        run(job, watched, dir.resolve("watched"));
        run(job, unwatched, dir.resolve("unwatched"));
        assertEquals(List.of(1, 2), watched.stacked);
        assertEquals(List.of(), unwatched.stacked);
        assertArrayEquals(Files.readAllBytes(dir.resolve("unwatched/image.sgy")),
                Files.readAllBytes(dir.resolve("watched/image.sgy")), "the same image either way");
        try (VolumeSource image = SwvReader.open(dir.resolve("watched/image.swv"))) {
            float[] whole = new float[81 * 51];
            for (int ix = 0; ix < 81; ix++) {
                float[] column = image.slice(SliceOrientation.CROSSLINE, ix, 0).values();
                System.arraycopy(column, 0, whole, ix * 51, 51);
            }
            Slice last = watched.sections.get(1);
            assertArrayEquals(GridSections.inline(job.spec().grid(), whole, 0).values(), last.values(),
                    "the last preview is the written image");
        }
    }

    private static void run(ResolvedJob job, RunListener listener, Path out) {
        var selected = JobEngine.select(job.withEngine(EngineChoice.CPU));
        try (var engine = selected.engine()) {
            new LocalRunner(selected, listener, CancellationToken.none()).run(job, out);
        }
    }
}
