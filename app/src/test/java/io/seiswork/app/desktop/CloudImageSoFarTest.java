package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.run.RunListener;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.core.volume.GridSections;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.VolumeSource;
import io.seiswork.kernels.job.FinalImage;
import io.seiswork.kernels.job.JobEngine;
import io.seiswork.kernels.job.ShotComputer;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.PartialImage;
import io.seiswork.kernels.rtm.PartialImageFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cloud migration's image so far, stacked on this machine from the shots' results in S3 (the
 * S3 emulator, over HTTP) on a thread of its own: each image is the finished stack of the shots
 * read so far, in the order the job table reports them done; a result already deleted stops it
 * with one message.
 */
class CloudImageSoFarTest {

    @RegisterExtension
    static final LocalCloud CLOUD = LocalCloud.of(LocalCloud.Service.S3);

    @TempDir
    Path dir;

    private static final String SPEC = """
        {
          "name": "cloud-preview",
          "task": "rtm",
          "grid": { "nx": 81, "nz": 51, "dx": 10, "dz": 10 },
          "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 250, "vp": 2200 } ] },
          "migrationVelocity": { "smooth": 50 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.5, "sampleS": 0.004 },
          "sources": { "line": { "x0": 200, "dx": 200, "n": 3, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 10, "n": 81, "z": 20 } },
          "engine": "cpu"
        }
        """;

    /** Records what the image so far sends. */
    private static final class Seen implements RunListener {
        final List<VolumeSource> images = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void imageUpdated(int stacked, int shots, VolumeSource image) {
            images.add(image);
        }

        @Override
        public void message(String line) {
            messages.add(line);
        }
    }

    @Test
    void theShotsDoneAreStackedHereAndAGoneResultIsSkipped() throws Exception {
        ResolvedJob job = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(SPEC, "spec", "cloud-preview"), "spec");
        ArtifactStore store = ArtifactStore.createIfMissing(CLOUD.s3(), LocalCloud.uniqueName("preview"));
        JobId id = JobId.newFor("cloud-preview", Instant.now(), new Random(7));
        List<PartialImage> partials = migrate(job);
        for (int n = 2; n <= 3; n++) {  // shot 1's result is gone, as after the job's stacker deleted it
            Path f = dir.resolve("shot" + n + ".bin");
            PartialImageFile.write(partials.get(n - 1), f);
            store.putFile(ObjectKeys.shotResult(id, n), f, TransferProgress.NONE);
        }

        Seen seen = new Seen();
        Path scratch = dir.resolve("image-scratch");
        try (CloudImageSoFar image = CloudImageSoFar.start(job, store, id, scratch, seen)) {
            image.shotDone(3, 3);
            waitFor(() -> seen.images.size() == 1);
            image.shotDone(2, 3);
            waitFor(() -> seen.images.size() == 2);
            assertEquals(2, image.stacked());
            image.shotDone(1, 3);
            waitFor(() -> !seen.messages.isEmpty());
            assertEquals(1, seen.messages.size());
            assertTrue(seen.messages.getFirst().startsWith("image so far: shot 1's result is gone"), seen.messages.getFirst());
            image.shotDone(1, 3);  // stopped: nothing more is read or said
        }
        assertEquals(1, seen.messages.size());
        assertEquals(2, seen.images.size());
        assertFalse(Files.exists(scratch), "its scratch removed");
        assertEquals(List.of("Image after 1 of 3 shots", "Image after 2 of 3 shots"),
                seen.images.stream().map(VolumeSource::name).toList());

        try (ImageStacker reference = new ImageStacker(job.spec().grid(), dir.resolve("ref"), WholeGridStorage.HEAP)) {
            reference.add(partials.get(2));
            reference.add(partials.get(1));
            float[] whole = FinalImage.whole(reference, job);
            assertArrayEquals(GridSections.inline(job.spec().grid(), whole, 0).values(),
                    seen.images.get(1).slice(SliceOrientation.INLINE, 0, 0).values(),
                    "the stack of shots 3 and 2, finished as the final image");
        }
    }

    @Test
    void onlyAMigrationHasAnImageSoFar() throws Exception {
        ResolvedJob model = JobResolver.withHeapBudget(dir).resolve(
                JobSpecReader.read(SPEC.replace("\"rtm\"", "\"model\""), "spec", "m"), "spec");
        ArtifactStore store = ArtifactStore.createIfMissing(CLOUD.s3(), LocalCloud.uniqueName("preview"));
        assertNull(CloudImageSoFar.start(model, store, JobId.newFor("m", Instant.now(), new Random(1)), dir.resolve("s"),
                new Seen()));
    }

    private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 30 s");
            }
            Thread.sleep(10);
        }
    }

    /** Every shot's partial image, as a worker computes and stores it. */
    private List<PartialImage> migrate(ResolvedJob job) {
        var selected = JobEngine.select(job.withEngine(EngineChoice.CPU));
        List<PartialImage> out = new ArrayList<>();
        try (var engine = selected.engine();
                ShotComputer computer = new ShotComputer(job, engine, dir.resolve("scratch"))) {
            for (var shot : computer.shots()) {
                out.add(computer.migrate(shot, ProgressListener.NONE, CancellationToken.none()).image());
            }
        }
        return out;
    }
}
