package io.seiswork.app.run;

import io.seiswork.app.testing.SmallSpec;
import io.seiswork.core.progress.CancellationToken;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The migration's image-so-far (the desktop's preview): after each stacked shot the whole image
 * (or, too large to copy, its middle inline), finished by the code that finishes the final image,
 * so the last one is the written image, and a run watched by the desktop writes the same files as
 * one that is not.
 */
class ImagePreviewTest {

    @TempDir
    Path dir;

    private static final String SPEC = SmallSpec.named("preview").rtm("synthetic").grid(81, 51)
            .with("migrationVelocity", "{ \"smooth\": 50 }").lengthS(0.6).shots(250, 300, 2).onCpu().json();

    /** A thin 3D migration: the whole-image preview's planes must land at their own y. */
    private static final String SPEC_3D = """
        {
          "name": "preview3d",
          "task": "rtm",
          "grid": { "nx": 41, "ny": 9, "nz": 31, "dx": 10, "dy": 10, "dz": 10 },
          "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 150, "vp": 2200 } ] },
          "migrationVelocity": { "smooth": 30 },
          "wavelet": { "peakHz": 20 },
          "time": { "lengthS": 0.35, "sampleS": 0.004 },
          "sources": { "list": [ [150, 30, 20], [250, 50, 20] ] },
          "receivers": { "grid": { "x0": 0, "dx": 20, "nx": 21, "y0": 0, "dy": 20, "ny": 5, "z": 20 } },
          "physics": { "boundary": { "width": 8 } },
          "data": "synthetic",
          "engine": "cpu"
        }
        """;

    /** Records the previews; wants them only when asked to. */
    private static final class Previews implements RunListener {
        final boolean want;
        final List<Integer> stacked = new ArrayList<>();
        final List<Slice> sections = new ArrayList<>();
        final List<VolumeSource> volumes = new ArrayList<>();

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

        @Override
        public void imageUpdated(int done, int shots, VolumeSource image) {
            assertEquals(2, shots);
            assertEquals("Image after " + done + " of 2 shots", image.name());
            stacked.add(done);
            volumes.add(image);
        }
    }

    /**
     * A small 3D image comes whole after each shot, and the last one is the written image plane
     * for plane, in every inline.
     */
    @Test
    void aSmall3dImageComesWholeAndTheLastIsTheFinalImage() throws Exception {
        ResolvedJob job = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(SPEC_3D, "spec", "preview3d"), "spec");
        Previews watched = new Previews(true);
        run(job, watched, dir.resolve("watched3d"));
        assertEquals(List.of(1, 2), watched.stacked);
        assertEquals(List.of(), watched.sections, "small enough: whole, not an inline");
        VolumeSource last = watched.volumes.get(1);
        try (VolumeSource image = SwvReader.open(dir.resolve("watched3d/image.swv"))) {
            for (int iy = 0; iy < 9; iy++) {
                assertArrayEquals(image.slice(SliceOrientation.INLINE, iy, 0).values(),
                        last.slice(SliceOrientation.INLINE, iy, 0).values(), "inline " + iy);
            }
            float[] first = watched.volumes.get(0).slice(SliceOrientation.INLINE, 3, 0).values();
            assertFalse(java.util.Arrays.equals(first, last.slice(SliceOrientation.INLINE, 3, 0).values()),
                    "the second shot changed the image");
        }
    }

    /** An image too large to copy whole each shot comes as its middle inline, the whole image's inline. */
    @Test
    void aLargeImageComesAsItsMiddleInline() throws Exception {
        ResolvedJob job = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(SPEC_3D, "spec", "preview3d"), "spec");
        var selected = JobEngine.select(job.withEngine(EngineChoice.CPU));
        try (var engine = selected.engine();
                var computer = new io.seiswork.kernels.job.ShotComputer(job, engine, dir.resolve("scratch"));
                var stack = new io.seiswork.kernels.rtm.ImageStacker(job.spec().grid(), dir.resolve("stack"),
                        io.seiswork.core.spec.WholeGridStorage.HEAP)) {
            stack.add(computer.migrate(computer.shots().getFirst(), io.seiswork.core.progress.ProgressListener.NONE,
                    CancellationToken.none()).image());
            Previews small = new Previews(true);
            Previews large = new Previews(true);
            ImageSoFar.report(stack, job, 2, small, 1L << 32);
            ImageSoFar.report(stack, job, 2, large, 1L << 10);  // a heap too small for a copy
            assertEquals(1, small.volumes.size());
            assertEquals(List.of(), large.volumes);
            assertEquals(1, large.sections.size());
            assertArrayEquals(small.volumes.getFirst().slice(SliceOrientation.INLINE, 4, 0).values(),
                    large.sections.getFirst().values(), "the middle inline (y index 4 of 9)");
        }
    }

    /** Whole copies stay small next to the run: at most 2^25 nodes and 2.5 % of the heap. */
    @Test
    void onlySmallImagesAreCopiedWhole() {
        long gib = 1L << 30;
        assertTrue(ImageSoFar.fitsWhole(new io.seiswork.core.grid.Grid(401, 1, 201, 10, 10, 10), 4 * gib));
        assertTrue(ImageSoFar.fitsWhole(new io.seiswork.core.grid.Grid(256, 256, 256, 10, 10, 10), 4 * gib),
                "16.8 M nodes, 67 MB: 1.6 % of 4 GiB");
        assertFalse(ImageSoFar.fitsWhole(new io.seiswork.core.grid.Grid(256, 256, 256, 10, 10, 10), 2 * gib),
                "3.1 % of 2 GiB");
        assertFalse(ImageSoFar.fitsWhole(new io.seiswork.core.grid.Grid(400, 400, 400, 10, 10, 10), 64 * gib),
                "64 M nodes: more than 2^25");
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
        assertEquals(2, watched.volumes.size(), "a 2D image is small: whole each time");
        assertArrayEquals(Files.readAllBytes(dir.resolve("unwatched/image.sgy")),
                Files.readAllBytes(dir.resolve("watched/image.sgy")), "the same image either way");
        try (VolumeSource image = SwvReader.open(dir.resolve("watched/image.swv"))) {
            float[] whole = new float[81 * 51];
            for (int ix = 0; ix < 81; ix++) {
                float[] column = image.slice(SliceOrientation.CROSSLINE, ix, 0).values();
                System.arraycopy(column, 0, whole, ix * 51, 51);
            }
            Slice last = watched.volumes.get(1).slice(SliceOrientation.INLINE, 0, 0);
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
