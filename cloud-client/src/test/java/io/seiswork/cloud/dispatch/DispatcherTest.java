package io.seiswork.cloud.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.job.ShotState;
import io.seiswork.cloud.queue.ReceivedShot;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.s3.TransferCancelledException;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.cloud.testing.UploadedParts;
import io.seiswork.core.files.FileSha256;
import io.seiswork.core.files.RunOutputs;
import io.seiswork.core.progress.CancellationToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** Submit, status, cancel and fetch against the three emulators. */
class DispatcherTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    private CloudClients clients() {
        return new CloudClients(CloudSettings.local(CLOUD.s3Endpoint(), CLOUD.sqsEndpoint(), CLOUD.dynamoDbEndpoint()));
    }

    @Test
    void aSubmitWhoseMessagesWereSentInPartLeavesItsJobCancelledForAResume() throws Exception {
        Path spec = Files.writeString(dir.resolve("part.json"), """
                {"name": "Sent in part", "task": "model", "data": "synthetic"}""");
        java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor linkDown =
                new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                            software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                        if (context.request() instanceof software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest
                                && batches.incrementAndGet() > 5) {
                            throw new IllegalStateException("the link went down");
                        }
                    }
                };
        try (CloudClients c = clients(); var sqs = CLOUD.sqsSeenBy(linkDown)) {
            Dispatcher d = Dispatcher.of(c);
            Dispatcher halfLinked = new Dispatcher(d.store(), d.table(),
                    io.seiswork.cloud.queue.ShotQueue.open(sqs, c.settings().queue()));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> halfLinked.submit(spec, 200, TransferProgress.NONE));
            var id = d.recentJobs(1).get(0).id();
            assertTrue(id.value().startsWith("sent-in-part-"), id.value());
            assertTrue(e.getMessage().startsWith("could not queue the shots of job " + id + " ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("the job is CANCELLED: 'seiswork resume " + id + "' queues its shots again"),
                    e.getMessage());
            assertEquals(JobStatus.CANCELLED, d.status(id).job().status(), "not QUEUED, waiting for messages never sent");
            assertTrue(d.status(id).job().error().startsWith("its shots could not all be queued: "),
                    "why it is CANCELLED: " + d.status(id).job().error());
            assertEquals(200, d.resume(id).queued().size());
            assertEquals(JobStatus.QUEUED, d.status(id).job().status());
        }
    }

    /**
     * The shot items' batch writes fail part way (the link down after four of eight batches):
     * the job is CANCELLED with why, and its resume writes the missing items and queues all 200
     * shots (old behaviour: the failure escaped before the guard, the job stayed QUEUED with some
     * shot items and no messages, and a resume requeued only the items there were).
     */
    @Test
    void aSubmitWhoseShotItemsWereWrittenInPartIsCancelledAndItsResumeWritesTheRest() throws Exception {
        Path spec = Files.writeString(dir.resolve("items.json"), """
                {"name": "Items in part", "task": "model", "data": "synthetic"}""");
        java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor linkDown = failing(
                software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest.class, batches, 4);
        try (CloudClients c = clients(); var db = CLOUD.dynamoDbSeenBy(linkDown)) {
            Dispatcher d = Dispatcher.of(c);
            Dispatcher halfLinked = new Dispatcher(d.store(), new io.seiswork.cloud.job.JobTable(db, c.settings().table()),
                    d.queue());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> halfLinked.submit(spec, 200, TransferProgress.NONE));
            var id = d.recentJobs(1).get(0).id();
            assertTrue(id.value().startsWith("items-in-part-"), id.value());
            assertTrue(e.getMessage().startsWith("could not queue the shots of job " + id + " ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("the job is CANCELLED: 'seiswork resume " + id + "' queues its shots again"),
                    e.getMessage());
            JobView view = d.status(id);
            assertEquals(JobStatus.CANCELLED, view.job().status());
            assertTrue(view.job().error().startsWith("its shots could not all be queued: "), view.job().error());
            assertTrue(view.shots().size() < 200, view.shots().size() + " shot items written");

            var resumed = d.resume(id);
            assertEquals(java.util.stream.IntStream.rangeClosed(1, 200).boxed().toList(), resumed.queued());
            JobView healed = d.status(id);
            assertEquals(JobStatus.QUEUED, healed.job().status());
            assertEquals(200, healed.count(ShotState.QUEUED), "every shot has its item again");
        }
    }

    /**
     * The shot items cannot be written and neither can the cancel (the same outage): the
     * message keeps the first failure, the cancel's is added to it, and it says what to do.
     * Done as it says, the job is whole again (old behaviour: the cancel's failure replaced the
     * first, and nothing said the job waited QUEUED for shots never queued).
     */
    @Test
    void aSubmitThatCannotCancelItsJobSaysSoAndKeepsBothFailures() throws Exception {
        Path spec = Files.writeString(dir.resolve("cut.json"), """
                {"name": "Cut off", "task": "model", "data": "synthetic"}""");
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor linkDown =
                new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                            software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                        if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest) {
                            down.set(true);
                        }
                        if (down.get()) {
                            throw new IllegalStateException("the link went down");
                        }
                    }
                };
        try (CloudClients c = clients(); var db = CLOUD.dynamoDbSeenBy(linkDown)) {
            Dispatcher d = Dispatcher.of(c);
            Dispatcher cutOff = new Dispatcher(d.store(), new io.seiswork.cloud.job.JobTable(db, c.settings().table()),
                    d.queue());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> cutOff.submit(spec, 60, TransferProgress.NONE));
            var id = d.recentJobs(1).get(0).id();
            assertTrue(id.value().startsWith("cut-off-"), id.value());
            assertTrue(e.getMessage().startsWith("could not queue the shots of job " + id + " ("), e.getMessage());
            assertTrue(e.getMessage().contains("nor could the job be cancelled"), e.getMessage());
            assertTrue(e.getMessage().endsWith("'seiswork cancel " + id + "', then 'seiswork resume " + id
                    + "' queues its shots again"), e.getMessage());
            assertTrue(e.getCause().getSuppressed().length >= 1, "the cancel's failure kept with the first");
            assertEquals(JobStatus.QUEUED, d.status(id).job().status());

            assertEquals(JobStatus.CANCELLED, d.cancel(id));
            assertEquals(60, d.resume(id).queued().size());
            assertEquals(60, d.status(id).count(ShotState.QUEUED));
        }
    }

    /** Fails every request of type {@code type} after the first {@code passed} of them. */
    private static software.amazon.awssdk.core.interceptor.ExecutionInterceptor failing(Class<?> type,
            java.util.concurrent.atomic.AtomicInteger seen, int passed) {
        return new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                    software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                if (type.isInstance(context.request()) && seen.incrementAndGet() > passed) {
                    throw new IllegalStateException("the link went down");
                }
            }
        };
    }

    @Test
    void submitStoresInputsByContentRewritesTheSpecAndQueuesEveryShot() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.write(models.resolve("vp.bin"), new byte[4 * 6]);
        Path spec = Files.writeString(dir.resolve("job.json"), """
                {"name": "Dispatch test", "task": "rtm",
                 "velocity": {"raw": {"path": "models/vp.bin", "order": "zxy", "endian": "little"}},
                 "migrationVelocity": {"smooth": 100}, "data": "synthetic"}""");
        try (CloudClients c = clients()) {
            Dispatcher d = Dispatcher.of(c);
            SubmittedJob job = d.submit(spec, 5, TransferProgress.NONE);
            assertTrue(job.id().value().startsWith("dispatch-test-"), job.id().value());
            String input = "inputs/sha256/" + FileSha256.hexOf(models.resolve("vp.bin"));
            assertEquals(java.util.List.of(input), job.inputs());
            assertEquals(24, job.uploadedBytes());
            var stored = new ObjectMapper().readTree(d.store().getBytes(ObjectKeys.spec(job.id()), 1 << 20));
            assertEquals(input, stored.at("/velocity/raw/path").asText());
            assertEquals("zxy", stored.at("/velocity/raw/order").asText());

            JobView view = d.status(job.id());
            assertEquals(JobStatus.QUEUED, view.job().status());
            assertEquals("rtm", view.job().task());
            assertEquals(5, view.count(ShotState.QUEUED));
            TreeSet<Integer> queued = new TreeSet<>();
            for (int i = 0; i < 5; i++) {
                ReceivedShot r = d.queue().receive(1, 60).orElseThrow();
                assertEquals(job.id(), r.task().jobId());
                queued.add(r.task().shot());
                d.queue().delete(r);
            }
            assertEquals(java.util.List.of(1, 2, 3, 4, 5), queued.stream().toList());

            // The same model again: found stored, nothing uploaded.
            assertEquals(0, d.submit(spec, 1, TransferProgress.NONE).uploadedBytes());

            var notDone = assertThrows(IllegalStateException.class, () -> d.fetch(job.id(), dir.resolve("out"), 1 << 20,
                    TransferProgress.NONE));
            assertEquals("job " + job.id() + " is QUEUED, its outputs exist once it is DONE", notDone.getMessage());
            assertEquals(JobStatus.CANCELLED, d.cancel(job.id()));
            assertEquals(JobStatus.CANCELLED, d.cancel(job.id()));
        }
    }

    /**
     * Fetching a job again downloads only what the folder lacks: nothing when both outputs are
     * there as fetched, the one changed by hand, the one replaced in the bucket.
     */
    /** A submission's passes as {@link SubmitProgress#said} words them, each with the last bytes it reported. */
    private static final class RecordedPasses {

        final java.util.Map<String, long[]> last = new java.util.concurrent.ConcurrentHashMap<>();
        final io.seiswork.core.progress.CancellationToken cancel = new io.seiswork.core.progress.CancellationToken();
        final SubmitProgress progress = SubmitProgress.said(doing -> (done, total) -> last.put(doing,
                new long[] {done, total}), cancel);
    }

    /**
     * An input whose SHA-256 is not known is read whole for it, and that read says its progress
     * as the upload does; a file whose digest is remembered is not read for it again. A submission
     * cancelled while it reads an input stores no job and queues nothing.
     */
    @Test
    void hashingAnInputSaysItsProgressAndACancelledSubmissionWritesNoJob() throws Exception {
        io.seiswork.core.files.FileSha256.forget();
        Path models = Files.createDirectories(dir.resolve("models"));
        byte[] bytes = new byte[9 << 20];  // three blocks of the hashing read
        new java.util.Random(7).nextBytes(bytes);
        Path vp = Files.write(models.resolve("vp.bin"), bytes);
        String json = """
                {"name": "Hashed", "task": "model",
                 "velocity": {"raw": {"path": "models/vp.bin", "order": "zxy", "endian": "little"}}}""";
        try (CloudClients c = clients()) {
            Dispatcher d = Dispatcher.of(c);
            RecordedPasses first = new RecordedPasses();
            d.submit(SpecTree.parse(json, "spec"), dir, 1, 0, null, first.progress);
            long[] hashed = first.last.get("reading vp.bin for its SHA-256");
            assertEquals(bytes.length, hashed[0], "the hashing read said it reached the end");
            assertEquals(bytes.length, hashed[1]);
            assertEquals(bytes.length, first.last.get("uploading")[0]);

            RecordedPasses again = new RecordedPasses();
            d.submit(SpecTree.parse(json, "spec"), dir, 1, 0, null, again.progress);
            assertEquals(java.util.Set.of(), again.last.keySet(), "remembered and stored: neither read nor sent");

            bytes[0] ^= 1;
            Files.write(vp, bytes);
            int jobs = d.recentJobs(100).size();
            RecordedPasses cancelled = new RecordedPasses();
            cancelled.cancel.cancel();
            assertThrows(io.seiswork.core.progress.CancelledException.class,
                    () -> d.submit(SpecTree.parse(json, "spec"), dir, 1, 0, null, cancelled.progress));
            assertEquals(jobs, d.recentJobs(100).size(), "no job written");
            assertEquals(-1, d.store().sizeOf(ObjectKeys.input(FileSha256.hexOf(vp))), "the input not stored");
        }
    }

    /**
     * The dispatcher of the emulators, its inputs moved in parts of 5 MiB (S3's least), two at a
     * time, through {@code s3}: a file of a few parts stands for one of thousands.
     */
    private static Dispatcher inSmallParts(CloudClients c, S3Client s3) {
        Dispatcher d = Dispatcher.of(c);
        return new Dispatcher(new ArtifactStore(s3, d.store().bucket(), 5 << 20, 2), d.table(), d.queue());
    }

    /**
     * Cancel while an input of 8 parts is uploading, after its second part: the upload stops, the
     * part in flight stopped part-way unless it was at its last block (ArtifactStoreTest holds
     * parts in flight to be sure of it), says how much S3 holds, and writes no job; submitted
     * again, only the parts S3 lacks are sent, and the job is written.
     */
    @Test
    void aSubmissionCancelledWhileUploadingStopsAtTheNextPartAndTheNextGoesOnFromThere() throws Exception {
        io.seiswork.core.files.FileSha256.forget();
        byte[] bytes = new byte[(38 << 20) + 7];  // 8 parts of 5 MiB, the last of 3 MiB
        new java.util.Random().nextBytes(bytes);  // never stored before: the emulators outlive a test run
        Path vp = Files.write(Files.createDirectories(dir.resolve("models")).resolve("vp.bin"), bytes);
        String name = "upload-cancel-" + Long.toHexString(System.nanoTime());
        String json = """
                {"name": "%s", "task": "model",
                 "velocity": {"raw": {"path": "models/vp.bin", "order": "zxy", "endian": "little"}}}""".formatted(name);
        UploadedParts sent = new UploadedParts();
        try (CloudClients c = clients(); S3Client counting = CLOUD.s3SeenBy(sent)) {
            Dispatcher d = inSmallParts(c, counting);
            String key = ObjectKeys.input(FileSha256.hexOf(vp));
            CancellationToken cancel = new CancellationToken();
            SubmitProgress cancelAfterTwoParts = SubmitProgress.said(doing -> (done, total) -> {
                if (doing.equals("uploading") && done >= 2 * (5 << 20)) {
                    cancel.cancel();  // the user's Cancel, during the upload
                }
            }, cancel);
            var stopped = assertThrows(TransferCancelledException.class,
                    () -> d.submit(SpecTree.parse(json, "spec"), dir, 1, 0, null, cancelAfterTwoParts));
            int held = c.s3().listParts(r -> r.bucket(d.store().bucket()).key(key).uploadId(c.s3()
                    .listMultipartUploads(u -> u.bucket(d.store().bucket()).prefix(key)).uploads().get(0).uploadId()))
                    .parts().size();
            assertTrue(sent.count() >= 2 && sent.count() <= 4, "the parts before the cancel and those in flight: " + sent);
            assertEquals(sent.count(), held, "the upload kept every part sent");
            assertEquals(held * (5L << 20), stopped.keptBytes());
            assertEquals(String.format(java.util.Locale.ROOT, "cancelled while uploading vp.bin: %.1f MiB of 38.0 MiB stored",
                    held * 5.0), stopped.getMessage());
            assertEquals(-1, d.store().sizeOf(key), "nothing stored under the key");
            assertTrue(d.recentJobs(100).stream().noneMatch(j -> j.id().value().startsWith(name)), "no job written");

            int before = sent.count();
            SubmittedJob job = d.submit(SpecTree.parse(json, "spec"), dir, 1, 0, null, SubmitProgress.NONE);
            assertEquals(8 - held, sent.count() - before, "only the parts S3 lacked were sent");
            assertEquals(java.util.List.of(key), job.inputs());
            assertTrue(java.util.Arrays.equals(bytes, d.store().getBytes(key, bytes.length)), "the stored input is the file");
            assertEquals(JobStatus.QUEUED, d.status(job.id()).job().status());
            drain(d, job.id());
            d.cancel(job.id());
        }
    }

    /**
     * Cancel while a DONE job's 23 MiB output is fetched, after its second part of five: the
     * download stops there, says what is on disk, leaves no file under the real name; fetched
     * again, it goes on from the two parts.
     */
    @Test
    void aFetchCancelledBetweenPartsKeepsThemAndTheNextGoesOnFromThere() throws Exception {
        try (CloudClients c = clients()) {
            Dispatcher base = Dispatcher.of(c);
            Dispatcher d = new Dispatcher(new ArtifactStore(c.s3(), base.store().bucket(), 5 << 20, 1), base.table(),
                    base.queue());
            var id = new io.seiswork.cloud.job.JobId("fetch-cancel-" + Long.toHexString(System.nanoTime()));
            d.table().createJob(id, "fetch", "rtm", ObjectKeys.spec(id), 1);
            d.table().startShot(id, 1, "w");
            d.table().completeShot(id, 1, 1, 1);
            assertTrue(d.table().stacking().startStacking(id));
            byte[] image = new byte[(23 << 20) + 5];
            new java.util.Random(12).nextBytes(image);
            d.store().putBytes(ObjectKeys.output(id, "image.sgy"), image);
            assertTrue(d.table().finishJob(id, java.util.List.of("image.sgy")));
            Path out = dir.resolve("fetched");

            CancellationToken cancel = new CancellationToken();
            var stopped = assertThrows(TransferCancelledException.class, () -> d.fetch(id, out, 1L << 30,
                    (done, total) -> {
                        if (done >= 2 * (5 << 20)) {
                            cancel.cancel();
                        }
                    }, cancel));
            assertEquals("cancelled while fetching image.sgy: 10.0 MiB of 23.0 MiB on disk", stopped.getMessage());
            assertTrue(Files.notExists(out.resolve("image.sgy")), "no file under the real name until it is whole");
            assertTrue(Files.exists(out.resolve("image.sgy.part.json")), "what is on disk is recorded");

            java.util.List<Long> resumed = new java.util.ArrayList<>();
            d.fetch(id, out, 1L << 30, (done, total) -> resumed.add(done), new CancellationToken());
            assertEquals(java.util.List.of(10L << 20, 15L << 20, 20L << 20, (long) image.length), resumed,
                    "from the two parts on disk, then the other three");
            assertTrue(java.util.Arrays.equals(image, Files.readAllBytes(out.resolve("image.sgy"))));
        }
    }

    @Test
    void fetchingAgainDownloadsOnlyOutputsThatAreNotAlreadyThere() throws Exception {
        try (CloudClients c = clients()) {
            Dispatcher d = Dispatcher.of(c);
            var id = new io.seiswork.cloud.job.JobId("fetch-again-1");
            d.table().createJob(id, "fetch", "rtm", ObjectKeys.spec(id), 1);
            d.table().startShot(id, 1, "w");
            d.table().completeShot(id, 1, 1, 1);
            assertTrue(d.table().stacking().startStacking(id));
            d.store().putBytes(ObjectKeys.output(id, "image.sgy"), "sgy bytes".getBytes());
            d.store().putBytes(ObjectKeys.output(id, "image.swv"), "swv bytes".getBytes());
            assertTrue(d.table().finishJob(id, java.util.List.of("image.sgy", "image.swv")));
            Path out = dir.resolve("fetched");
            java.util.List<Long> downloads = new java.util.ArrayList<>();
            TransferProgress counting = (done, total) -> downloads.add(total);

            d.fetch(id, out, 1 << 20, counting);
            assertEquals(java.util.List.of(9L, 9L), downloads, "both outputs the first time");
            downloads.clear();
            d.fetch(id, out, 1 << 20, counting);
            assertEquals(java.util.List.of(), downloads, "nothing the second time");

            // A fetched file written since (an edit, a local run into the folder) is not the fetch's to replace.
            Files.writeString(out.resolve("image.sgy"), "edited by hand");
            d.store().putBytes(ObjectKeys.output(id, "image.swv"), "swv bytes, restacked".getBytes());
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> d.fetch(id, out, 1 << 20, counting));
            assertEquals(out + " holds image.sgy, which no fetch of job " + id + " left as it is (another run's outputs,"
                    + " or written since?): fetch into another folder, or replace it with fetch --replace; nothing was"
                    + " downloaded", refused.getMessage());
            assertEquals("edited by hand", Files.readString(out.resolve("image.sgy")));
            Files.delete(out.resolve("image.sgy"));
            d.fetch(id, out, 1 << 20, counting);
            assertEquals(java.util.List.of(9L, 20L), downloads, "the file moved away and the replaced object");
            assertEquals("sgy bytes", Files.readString(out.resolve("image.sgy")));
            assertEquals("swv bytes, restacked", Files.readString(out.resolve("image.swv")));
        }
    }

    /** A DONE job of {@code image.sgy} and {@code image.swv} whose bytes are {@code what}. */
    private static io.seiswork.cloud.job.JobId doneJob(Dispatcher d, String name, String what) {
        return doneJob(d, name, "rtm", what, java.util.List.of("image.sgy", "image.swv"));
    }

    /** A DONE job of task {@code task} whose {@code outputs} hold "{@code what} {@code <extension>}". */
    static io.seiswork.cloud.job.JobId doneJob(Dispatcher d, String name, String task, String what,
            java.util.List<String> outputs) {
        var id = new io.seiswork.cloud.job.JobId(name + "-" + Long.toHexString(System.nanoTime()));
        d.table().createJob(id, "fetch", task, ObjectKeys.spec(id), 1);
        d.table().startShot(id, 1, "w");
        d.table().completeShot(id, 1, 1, 1);
        assertTrue(d.table().stacking().startStacking(id));
        for (String output : outputs) {
            d.store().putBytes(ObjectKeys.output(id, output), (what + " " + output.substring(output.indexOf('.') + 1))
                    .getBytes());
        }
        assertTrue(d.table().finishJob(id, outputs));
        return id;
    }

    /**
     * A folder holding another run's outputs (a local run's image.sgy and run.json, another job's
     * fetched image.swv) is refused before anything is downloaded, naming the files, as is a file a
     * fetch of the same job wrote and something wrote since; the same job fetched again into its
     * own folder goes on; asked to replace them (the desktop's Run, once
     * the user agreed), they are replaced and recorded as the job's.
     */
    @Test
    void aFetchDoesNotReplaceFilesThatNoFetchOfTheJobWrote() throws Exception {
        try (CloudClients c = clients()) {
            Dispatcher d = Dispatcher.of(c);
            var first = doneJob(d, "fetch-first", "first");
            var second = doneJob(d, "fetch-second", "second");
            Path out = dir.resolve("fetched");
            d.fetch(first, out, 1 << 20, TransferProgress.NONE);
            Files.delete(out.resolve("image.sgy"));
            Files.writeString(out.resolve("image.sgy"), "a local run's image");
            Files.writeString(out.resolve("run.json"), "{}");
            java.util.List<Long> downloads = new java.util.ArrayList<>();
            TransferProgress counting = (done, total) -> downloads.add(total);

            var refused = assertThrows(IllegalStateException.class, () -> d.fetch(second, out, 1 << 20, counting));
            assertEquals(out + " holds image.sgy, image.swv and run.json, which no fetch of job " + second + " left as they"
                    + " are (another run's outputs, or written since?): fetch into another folder, or replace them with"
                    + " fetch --replace; nothing was downloaded", refused.getMessage());
            assertEquals(java.util.List.of(), downloads);
            assertEquals("a local run's image", Files.readString(out.resolve("image.sgy")));
            assertEquals("first swv", Files.readString(out.resolve("image.swv")));

            // Nor is image.sgy the first job's any more: a local run wrote it since that job's fetch.
            var written = assertThrows(IllegalStateException.class, () -> d.fetch(first, out, 1 << 20, counting));
            assertEquals(out + " holds image.sgy and run.json, which no fetch of job " + first + " left as they are"
                    + " (another run's outputs, or written since?): fetch into another folder, or replace them with"
                    + " fetch --replace; nothing was downloaded", written.getMessage());
            assertEquals("a local run's image", Files.readString(out.resolve("image.sgy")));
            // Moved away, the first job's outputs are its to fetch again: image.swv as it was, image.sgy anew.
            Files.move(out.resolve("image.sgy"), dir.resolve("kept-image.sgy"));
            Files.move(out.resolve("run.json"), dir.resolve("kept-run.json"));
            var again = d.fetch(first, out, 1 << 20, counting);
            assertEquals(java.util.List.of(9L), downloads, "only the image.sgy moved away");
            assertEquals(java.util.List.of(false, true), again.stream().map(FetchedOutput::alreadyThere).toList());
            assertEquals("first sgy", Files.readString(out.resolve("image.sgy")));

            downloads.clear();
            d.fetch(second, out, 1 << 20, counting, new CancellationToken(), RunOutputs.ALL);
            assertEquals(java.util.List.of(10L, 10L), downloads, "both replaced when asked");
            assertEquals("second sgy", Files.readString(out.resolve("image.sgy")));
            downloads.clear();
            d.fetch(second, out, 1 << 20, counting);
            assertEquals(java.util.List.of(), downloads, "recorded as the second job's now");
        }
    }

    /**
     * Two fetches into one folder: the second is refused, in words, while the first holds the
     * folder's lock (held here by this test, as another process's fetch or run would); nothing is
     * written, and once the lock is let go the fetch goes.
     */
    @Test
    void aSecondFetchIntoTheFolderIsRefusedWhileTheFirstWrites() throws Exception {
        try (CloudClients c = clients()) {
            Dispatcher d = Dispatcher.of(c);
            var id = doneJob(d, "fetch-locked", "locked");
            Path out = Files.createDirectories(dir.resolve("fetched"));
            try (var held = io.seiswork.core.files.FolderLock.tryAcquire(out).orElseThrow()) {
                var refused = assertThrows(IllegalStateException.class, () -> d.fetch(id, out, 1 << 20,
                        TransferProgress.NONE));
                assertEquals("another fetch or run is writing into " + out + " (it holds .seiswork-run.lock): let it"
                        + " end, or fetch into another folder", refused.getMessage());
                assertTrue(Files.notExists(out.resolve("image.sgy")));
            }
            d.fetch(id, out, 1 << 20, TransferProgress.NONE);
            assertEquals("locked sgy", Files.readString(out.resolve("image.sgy")));
        }
    }

    /**
     * {@code submit --shots 2,5,9}: a job of 3 shots, numbered 1-3 in the table and the queue like
     * any job's (so counting, resume and delete go as for any job), whose stored spec says which
     * shots of the survey they are, in order; the spec reader never sees that field, and deleting
     * the job removes exactly its 3 shot items.
     */
    @Test
    void aJobOfSomeShotsNumbersThemFromOneAndItsStoredSpecSaysWhichTheyAre() throws Exception {
        try (CloudClients c = clients()) {
            Dispatcher d = Dispatcher.of(c);
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree("""
                    {"name": "Some shots", "task": "model"}""");
            SubmittedJob job = d.submitShots(tree, dir, java.util.List.of(2, 5, 9), 0, TransferProgress.NONE);
            assertEquals(3, job.shots());
            JobView view = d.status(job.id());
            assertEquals(3, view.job().total());
            assertEquals(java.util.List.of(1, 2, 3), view.shots().stream().map(s -> s.shot()).toList());
            assertEquals(java.util.List.of("1@0", "2@0", "3@0"), drain(d, job.id()));

            StoredSpec stored = StoredSpec.read(d.store(), job.id());
            assertEquals(java.util.List.of(2, 5, 9), stored.shots());
            var text = new ObjectMapper().readTree(stored.text());
            assertEquals(null, text.get(StoredSpec.SHOTS_FIELD), "not part of the job spec: " + stored.text());
            assertEquals("Some shots", text.get("name").asText());
            var whole = d.submit(tree.without(StoredSpec.SHOTS_FIELD), dir, 4, 0, TransferProgress.NONE);
            drain(d, whole.id());
            assertEquals(java.util.List.of(), StoredSpec.read(d.store(), whole.id()).shots(), "every shot");

            assertEquals(JobStatus.CANCELLED, d.cancel(job.id()));
            d.delete(job.id());
            assertTrue(d.table().shots(job.id()).isEmpty(), "its shot items deleted");

            for (var bad : java.util.List.of(java.util.List.<Integer>of(), java.util.List.of(3, 3), java.util.List.of(0))) {
                var e = assertThrows(IllegalArgumentException.class, () -> d.submitShots(tree.deepCopy(), dir, bad, 0,
                        TransferProgress.NONE));
                assertTrue(e.getMessage().startsWith("the shots of a job must "), e.getMessage());
            }
        }
    }

    /** A stored list of shots the dispatcher could not have written is refused by its readers, in one line. */
    @Test
    void aStoredSpecWhoseShotListIsWrongIsRefused() throws Exception {
        try (CloudClients c = clients()) {
            Dispatcher d = Dispatcher.of(c);
            var id = new io.seiswork.cloud.job.JobId("bad-shot-list");
            for (String shots : java.util.List.of("\"1-3\"", "[]", "[1, 1]", "[0]", "[1.5]", "[\"2\"]")) {
                d.store().putBytes(ObjectKeys.spec(id), ("{\"name\": \"x\", \"shots\": " + shots + "}").getBytes());
                var e = assertThrows(IllegalArgumentException.class, () -> StoredSpec.read(d.store(), id), shots);
                assertTrue(e.getMessage().startsWith("job bad-shot-list: its spec's \"shots\" must "), e.getMessage());
            }
        }
    }

    @Test
    void aMissingInputFileIsNamedByItsField() throws Exception {
        Path spec = Files.writeString(dir.resolve("job.json"), """
                {"name": "x", "task": "model", "velocity": {"segy": "nowhere.sgy"}}""");
        try (CloudClients c = clients()) {
            var e = assertThrows(IllegalArgumentException.class, () -> Dispatcher.of(c).submit(spec, 1, TransferProgress.NONE));
            assertTrue(e.getMessage().startsWith("velocity.segy: file "), e.getMessage());
        }
    }

    /**
     * Takes every message off the queue (the emulators are shared by this class's tests): job
     * {@code id}'s shot numbers, ascending, each with its run as {@code shot@run}.
     */
    private static java.util.List<String> drain(Dispatcher d, io.seiswork.cloud.job.JobId id) {
        TreeSet<String> shots = new TreeSet<>();
        for (var m = d.queue().receive(1, 60); m.isPresent(); m = d.queue().receive(1, 60)) {
            if (m.get().task() != null && m.get().task().jobId().equals(id)) {
                shots.add(m.get().task().shot() + "@" + m.get().run());
            }
            d.queue().delete(m.get());
        }
        return java.util.List.copyOf(shots);
    }

    @Test
    void resumeKeepsTheDoneShotsWhoseResultsAreStoredAndQueuesTheRest() throws Exception {
        Path spec = Files.writeString(dir.resolve("job.json"), """
                {"name": "Resume test", "task": "rtm"}""");
        try (CloudClients c = clients()) {
            Dispatcher d = Dispatcher.of(c);
            var id = d.submit(spec, 5, TransferProgress.NONE).id();
            assertEquals(java.util.List.of("1@0", "2@0", "3@0", "4@0", "5@0"), drain(d, id));
            var running = assertThrows(IllegalStateException.class, () -> d.resume(id));
            assertEquals("job " + id + " is QUEUED: only a FAILED or CANCELLED job can be resumed", running.getMessage());
            for (int shot = 1; shot <= 3; shot++) {
                d.table().startShot(id, shot, "w");
                d.store().putBytes(ObjectKeys.shotResult(id, shot), new byte[] {(byte) shot});
                d.table().completeShot(id, shot, 1, 1);
            }
            d.table().startShot(id, 4, "w");
            d.table().failShot(id, 4, "w", "out of memory", true);
            assertEquals(JobStatus.FAILED, d.status(id).job().status());
            // Shot 3's result is gone (deleted by hand, or a lifecycle rule): it runs again.
            d.store().delete(java.util.List.of(ObjectKeys.shotResult(id, 3)));

            ResumedJob resumed = d.resume(id);
            assertEquals(java.util.List.of(3, 4, 5), resumed.queued());
            assertEquals(2, resumed.kept());
            assertEquals(java.util.List.of(3), resumed.lostResults());
            JobView view = d.status(id);
            assertEquals(JobStatus.RUNNING, view.job().status());
            assertEquals(2, view.job().done());
            assertEquals(0, view.job().failed());
            assertEquals(null, view.job().error());
            assertEquals(1, view.job().resumes());
            assertEquals(2, view.count(ShotState.DONE));
            assertEquals(3, view.count(ShotState.QUEUED));
            assertEquals(java.util.List.of("3@1", "4@1", "5@1"), drain(d, id), "one message per shot to run again, of run 1");
            var again = assertThrows(IllegalStateException.class, () -> d.resume(id));
            assertEquals("job " + id + " is RUNNING: only a FAILED or CANCELLED job can be resumed", again.getMessage());
        }
    }

    @Test
    void aJobWhoseShotsAreAllDoneIsResumedByOneMessageForItsStack() throws Exception {
        Path spec = Files.writeString(dir.resolve("job.json"), """
                {"name": "Restack test", "task": "rtm"}""");
        try (CloudClients c = clients()) {
            Dispatcher d = Dispatcher.of(c);
            var id = d.submit(spec, 2, TransferProgress.NONE).id();
            drain(d, id);
            for (int shot = 1; shot <= 2; shot++) {
                d.table().startShot(id, shot, "w");
                d.store().putBytes(ObjectKeys.shotResult(id, shot), new byte[] {1});
                d.table().completeShot(id, shot, 1, 1);
            }
            assertTrue(d.table().stacking().startStacking(id));
            d.table().failJob(id, "stacking failed 3 times: disk full");
            ResumedJob resumed = d.resume(id);
            assertEquals(java.util.List.of(), resumed.queued());
            assertEquals(2, resumed.kept());
            assertEquals(JobStatus.RUNNING, d.status(id).job().status());
            assertEquals(java.util.List.of("2@1"), drain(d, id), "the last shot's message: its worker finds it done and stacks");
            assertEquals(JobStatus.CANCELLED, d.cancel(id), "a resumed job can be cancelled");
            assertEquals(2, d.resume(id).kept(), "and resumed again");
            assertEquals(2, d.status(id).job().resumes());
            assertEquals(java.util.List.of("2@2"), drain(d, id), "the second resume's message is of run 2");
            // A delete under way (marked, then stopped half way): the job is not resumed, and a delete finishes it.
            assertEquals(JobStatus.CANCELLED, d.cancel(id));
            drain(d, id);
            assertTrue(d.table().markDeleting(id));
            var deleting = assertThrows(IllegalStateException.class, () -> d.resume(id));
            assertEquals("job " + id + " is being deleted: finish with seiswork delete " + id, deleting.getMessage());
            assertTrue(d.table().reopen(id, true).isEmpty(), "the table refuses to reopen it too");
            assertEquals(3, d.delete(id).objects(), "its spec and two shot results");
            assertTrue(d.table().job(id).isEmpty());
            var nothing = assertThrows(IllegalArgumentException.class, () -> d.resume(new io.seiswork.cloud.job.JobId("no-such-job")));
            assertEquals("no job no-such-job in the job table", nothing.getMessage());
        }
    }
}
