package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.run.RunListener;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

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
        List<PartialImage> partials = migrate(job, dir.resolve("scratch"));
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
            image.shotDone(1, 3);  // gone: stacked in the cloud already, so it stops without a word
            waitFor(image::isStopped);
            image.shotDone(2, 3);  // stopped: nothing more is read or said
        }
        assertEquals(List.of(), seen.messages);
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

    /**
     * The job's stacker may delete a result between this thread's look at it and its read (the
     * look finds it, the read does not): that too means the written image is coming, and the
     * image so far stops without a word, as for a result already gone.
     */
    @Test
    void aResultDeletedAsItIsReadStopsQuietlyToo() throws Exception {
        ResolvedJob job = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(SPEC, "spec", "cloud-preview"), "spec");
        ArtifactStore store = ArtifactStore.createIfMissing(CLOUD.s3(), LocalCloud.uniqueName("preview"));
        JobId id = JobId.newFor("cloud-preview", Instant.now(), new Random(8));
        List<PartialImage> partials = migrate(job, dir.resolve("scratch"));
        for (int n = 1; n <= 2; n++) {
            Path f = dir.resolve("shot" + n + ".bin");
            PartialImageFile.write(partials.get(n - 1), f);
            store.putFile(ObjectKeys.shotResult(id, n), f, TransferProgress.NONE);
        }
        // Shot 2's result is deleted as the stacker does, once this thread has found it there.
        String key = ObjectKeys.shotResult(id, 2);
        AtomicBoolean deleted = new AtomicBoolean();
        ExecutionInterceptor stacker = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof HeadObjectRequest head && key.equals(head.key())
                        && deleted.compareAndSet(false, true)) {
                    store.delete(List.of(key));
                }
            }
        };

        Seen seen = new Seen();
        Path scratch = dir.resolve("deleted-scratch");
        try (S3Client s3 = CLOUD.s3SeenBy(stacker);
                CloudImageSoFar image = CloudImageSoFar.start(job, new ArtifactStore(s3, store.bucket()), id, scratch,
                        seen)) {
            image.shotDone(1, 3);
            waitFor(() -> seen.images.size() == 1);
            image.shotDone(2, 3);
            waitFor(image::isStopped);
            assertEquals(1, image.stacked(), "shot 2 was not added");
        }
        assertTrue(deleted.get(), "shot 2's result was found, then deleted before it was read");
        assertEquals(List.of(), seen.messages);
        assertEquals(List.of("Image after 1 of 3 shots"), seen.images.stream().map(VolumeSource::name).toList());
        assertFalse(Files.exists(scratch), "its scratch removed");
    }

    /**
     * A job followed from the Cloud jobs menu, whose window has only its job item: the image so
     * far reads the spec back from the bucket, and the shots reported done before it has (its
     * read of the spec held until both are reported) are stacked once it has, in one pass, giving
     * the same image as for the job resolved here.
     */
    @Test
    void aFollowedJobReadsItsSpecBackAndStacksTheSame() throws Exception {
        ResolvedJob job = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(SPEC, "spec", "cloud-preview"), "spec");
        ArtifactStore store = ArtifactStore.createIfMissing(CLOUD.s3(), LocalCloud.uniqueName("follow"));
        JobId id = JobId.newFor("cloud-preview", Instant.now(), new Random(11));
        store.putBytes(ObjectKeys.spec(id), SPEC.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<PartialImage> partials = migrate(job, dir.resolve("scratch"));
        for (int n = 1; n <= 3; n++) {
            Path f = dir.resolve("shot" + n + ".bin");
            PartialImageFile.write(partials.get(n - 1), f);
            store.putFile(ObjectKeys.shotResult(id, n), f, TransferProgress.NONE);
        }

        Seen seen = new Seen();
        Path scratch = dir.resolve("follow-scratch");
        // Its first look at the spec waits until both shots are reported: on a fast thread the spec
        // could be read back between the two reports, and the shots stacked in two passes.
        SpecReadHeld held = new SpecReadHeld(ObjectKeys.spec(id));
        try (S3Client s3 = CLOUD.s3SeenBy(held);
                CloudImageSoFar image = CloudImageSoFar.follow(record(id, "rtm", JobStatus.RUNNING),
                        new ArtifactStore(s3, store.bucket()), scratch, seen)) {
            image.shotDone(2, 3);
            image.shotDone(1, 3);
            held.release.countDown();
            waitFor(() -> image.stacked() == 2 && !seen.images.isEmpty());
        }
        assertEquals(List.of(), seen.messages);
        assertFalse(Files.exists(scratch), "its scratch removed");
        assertTrue(held.seen.get(), "the spec was read back through the held client");
        assertEquals(List.of("Image after 2 of 3 shots"), seen.images.stream().map(VolumeSource::name).toList(),
                "both shots reported, stacked once the spec was read back");
        VolumeSource last = seen.images.getLast();
        try (ImageStacker reference = new ImageStacker(job.spec().grid(), dir.resolve("ref2"), WholeGridStorage.HEAP)) {
            reference.add(partials.get(1));
            reference.add(partials.get(0));
            assertArrayEquals(GridSections.inline(job.spec().grid(), FinalImage.whole(reference, job), 0).values(),
                    last.slice(SliceOrientation.INLINE, 0, 0).values(), "shots 2 and 1 finished as the final image");
        }
    }

    /**
     * A followed job whose spec is gone says so once and reads nothing more; one too large to copy
     * whole each shot says nothing and downloads nothing (its model is not even stored here); a
     * modelling job and one already being stacked have no image so far.
     */
    @Test
    void aFollowedJobWithoutAnImageSoFarFollowsAllTheSame() throws Exception {
        ArtifactStore store = ArtifactStore.createIfMissing(CLOUD.s3(), LocalCloud.uniqueName("follow"));
        JobId gone = JobId.newFor("gone", Instant.now(), new Random(12));
        Seen seen = new Seen();
        try (CloudImageSoFar image = CloudImageSoFar.follow(record(gone, "rtm", JobStatus.RUNNING), store,
                dir.resolve("gone"), seen)) {
            waitFor(() -> !seen.messages.isEmpty());
            image.shotDone(1, 3);
        }
        assertEquals(List.of("no image so far: cannot read job " + gone + "'s spec back: s3://" + store.bucket() + "/"
                + ObjectKeys.spec(gone) + " does not exist; the image comes with the job's outputs"), seen.messages);
        assertEquals(List.of(), seen.images);

        JobId large = JobId.newFor("large", Instant.now(), new Random(13));
        String model = "inputs/sha256/" + "ab".repeat(32);  // never stored: reading it would fail, and say so
        store.putBytes(ObjectKeys.spec(large), SPEC.replace("\"nx\": 81, \"nz\": 51", "\"nx\": 8193, \"nz\": 8193")
                .replace("{ \"layers\": [ { \"top\": 0, \"vp\": 1500 }, { \"top\": 250, \"vp\": 2200 } ] }",
                        "{ \"raw\": { \"path\": \"" + model + "\" } }")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Seen quiet = new Seen();
        Path scratch = dir.resolve("large");
        try (CloudImageSoFar image = CloudImageSoFar.follow(record(large, "rtm", JobStatus.QUEUED), store, scratch, quiet)) {
            image.shotDone(1, 3);
            waitFor(() -> !Files.exists(scratch));  // the thread ended, having read the spec alone
        }
        assertEquals(List.of(), quiet.messages);
        assertEquals(List.of(), quiet.images);

        assertNull(CloudImageSoFar.follow(record(large, "model", JobStatus.RUNNING), store, dir.resolve("m"), quiet));
        assertNull(CloudImageSoFar.follow(record(large, "rtm", JobStatus.STACKING), store, dir.resolve("st"), quiet));
        assertNull(CloudImageSoFar.follow(record(large, "rtm", JobStatus.DONE), store, dir.resolve("d"), quiet));
        assertFalse(Files.exists(dir.resolve("m")) || Files.exists(dir.resolve("st")) || Files.exists(dir.resolve("d")));
    }

    /** Holds the first request for object {@code key} (the followed job's spec) until {@link #release}. */
    private static final class SpecReadHeld implements ExecutionInterceptor {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean seen = new AtomicBoolean();
        private final String key;

        SpecReadHeld(String key) {
            this.key = key;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (key.equals(context.request().getValueForField("Key", String.class).orElse(null))
                    && seen.compareAndSet(false, true)) {
                try {
                    release.await(60, TimeUnit.SECONDS);  // a test that failed first lets it go
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The job table's item of a 3-shot job in {@code status}. */
    private static JobRecord record(JobId id, String task, JobStatus status) {
        return new JobRecord(id, "cloud-preview", task, status, ObjectKeys.spec(id), 3, 0, 0, Instant.now(), Instant.now(),
                null, List.of(), 0, 0, List.of(), 0, false, null, null, 0);
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

    /** Every shot's partial image, as a worker computes and stores it; {@code scratch} for its wavefields. */
    static List<PartialImage> migrate(ResolvedJob job, Path scratch) {
        var selected = JobEngine.select(job.withEngine(EngineChoice.CPU));
        List<PartialImage> out = new ArrayList<>();
        try (var engine = selected.engine();
                ShotComputer computer = new ShotComputer(job, engine, scratch)) {
            for (var shot : computer.shots()) {
                out.add(computer.migrate(shot, ProgressListener.NONE, CancellationToken.none()).image());
            }
        }
        return out;
    }
}
