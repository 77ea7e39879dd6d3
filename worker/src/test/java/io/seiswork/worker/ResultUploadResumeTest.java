package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.FileReadException;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.cloud.testing.OutageLink;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * A computed shot's result of several parts that an outage breaks part-way goes on where it
 * broke: the retry sends only the parts S3 had not confirmed, in the same multipart upload, and
 * the bytes that cross the link after the outage are those parts', not the whole file's (counted
 * in a real TCP relay, {@link OutageLink}, in front of the S3 emulator). A result given up (a
 * cancel, a failure that cannot heal) leaves no unfinished multipart upload, and one that S3 no
 * longer has (NoSuchUpload) is begun again.
 *
 * <p>Parts of 5 MiB (S3's least), two at a time, of a 25 MiB result: five parts; the outage
 * comes when S3 has confirmed the third.
 */
class ResultUploadResumeTest {

    @RegisterExtension
    static final LocalCloud CLOUD = LocalCloud.of(LocalCloud.Service.S3);

    private static final String BUCKET = "result-resume-test";
    private static final JobId JOB = new JobId("resume-20260101-000000-0001");
    private static final int PART = 5 << 20;
    private static final int PARTS = 5;
    private static final int PARTS_BEFORE_OUTAGE = 3;
    /** Requests' headers and the completion's XML: far less than a part. */
    private static final long OVERHEAD_BYTES = 256 << 10;

    @TempDir
    Path dir;

    private OutageLink link;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void link() throws Exception {
        ArtifactStore.createIfMissing(CLOUD.s3(), BUCKET);
        link = new OutageLink(CLOUD.s3Endpoint());
    }

    @AfterEach
    void close() throws Exception {
        later.shutdownNow();
        link.close();
    }

    /**
     * The outage resets the parts in flight once three are confirmed; the retry sends the two or
     * fewer missing: each part is confirmed once in all, and the bytes after the outage are those
     * parts' (old behaviour: a new multipart upload of all five, 25 MiB again).
     */
    @Test
    void anOutageMidWaySendsOnlyThePartsMissing() throws Exception {
        byte[] bytes = result(1);
        Path result = Files.write(dir.resolve("partial.bin"), bytes);
        AtomicLong atUp = new AtomicLong(-1);
        AtomicInteger keptAtUp = new AtomicInteger(-1);
        Parts parts = new Parts(PARTS_BEFORE_OUTAGE);
        parts.then(() -> {
            link.down();
            later.schedule(() -> {
                // Nothing is carried, nor a part confirmed, while down: what is there now is all the upload can keep.
                keptAtUp.set(parts.confirmed());
                atUp.set(link.bytesToTarget());
                link.up();
            }, 4, TimeUnit.SECONDS);
        });
        String log;
        try (S3Client s3 = viaLink(parts)) {
            ResultUpload upload = new ResultUpload(new ArtifactStore(s3, BUCKET, PART, 2), Duration.ofSeconds(60));
            log = StandardError.of(() -> upload.store(JOB, 1, result, CancellationToken.none()));
        }
        long after = link.bytesToTarget() - atUp.get();
        assertTrue(atUp.get() >= 0, "the outage never ended");
        int kept = keptAtUp.get();
        long missing = (long) (PARTS - kept) * PART;
        System.out.printf("bytes sent after the outage: %d (%d parts missing: %d bytes; the file: %d)%n", after,
                PARTS - kept, missing, bytes.length);
        assertTrue(kept >= PARTS_BEFORE_OUTAGE && kept < PARTS, "parts confirmed before the outage: " + kept);
        assertEquals(PARTS, parts.confirmed(), "parts confirmed in all: none sent twice");
        // The last part is 12345 bytes short of the others, and may be among the missing.
        assertTrue(after >= missing - 12345 && after <= missing + OVERHEAD_BYTES,
                after + " bytes sent after the outage for " + (PARTS - kept) + " missing parts of " + PART);
        assertTrue(log.contains("INFO " + "io.seiswork.cloud.s3.ResumableUpload - uploading partial.bin to s3://"
                + BUCKET + "/" + ObjectKeys.shotResult(JOB, 1) + " again: "), log);
        assertTrue(log.contains(" parts (") && log.contains(") to send"), log);
        assertStored(bytes, 1);
    }

    /** A cancel once two parts are stored ends the upload and aborts it (old behaviour: the upload went on to the end). */
    @Test
    void aCancelMidWayAbortsTheMultipartUpload() throws Exception {
        Path result = Files.write(dir.resolve("partial.bin"), result(2));
        CancellationToken cancel = new CancellationToken();
        Parts parts = new Parts(2);
        parts.then(cancel::cancel);
        try (S3Client s3 = viaLink(parts)) {
            ResultUpload upload = new ResultUpload(new ArtifactStore(s3, BUCKET, PART, 1), Duration.ofSeconds(60));
            CancelledException e = assertThrows(CancelledException.class, () -> upload.store(JOB, 2, result, cancel));
            assertTrue(e.getMessage().contains("storing shot 2's result"), e.getMessage());
        }
        assertTrue(parts.confirmed() >= 2 && parts.confirmed() < PARTS, "parts confirmed: " + parts.confirmed());
        assertNothingLeft(2);
    }

    /**
     * A worker stopping (SIGTERM) once two parts are stored cancels the shot's token, a child of
     * the job's: the upload under way goes on to the end and the result is stored whole, so that
     * the computed shot counts (as ShotWorker stores it); only the job's end stops the parts.
     */
    @Test
    void aWorkerStoppingMidWayLetsTheUploadFinish() throws Exception {
        byte[] bytes = result(5);
        Path result = Files.write(dir.resolve("partial.bin"), bytes);
        CancellationToken jobEnded = new CancellationToken();
        CancellationToken stopping = jobEnded.child();
        Parts parts = new Parts(2);
        parts.then(stopping::cancel);
        String log;
        try (S3Client s3 = viaLink(parts)) {
            ResultUpload upload = new ResultUpload(new ArtifactStore(s3, BUCKET, PART, 1), Duration.ofSeconds(60));
            log = StandardError.of(() -> upload.store(JOB, 5, result, stopping, jobEnded));
        }
        assertTrue(stopping.isCancelled(), "stopped mid-way");
        assertEquals(PARTS, parts.confirmed());
        assertStored(bytes, 5);
        // Its tagging is one request, tried as the bytes' try under way is (was skipped: stored untagged, never expiring).
        assertEquals(1, parts.taggings(), "tagging requests");
        assertFalse(log.contains("its tagging was cancelled"), log);
    }

    /**
     * A worker stopping once the shot is computed but before its upload's first try (while the
     * result is written to disk, seconds for a 3D partial image) still stores and tags it: the
     * computed shot counts (was: no try made, the shot handed back to be computed again).
     */
    @Test
    void aWorkerStoppingBeforeTheFirstTryStillStoresTheResult() throws Exception {
        byte[] bytes = result(6);
        Path result = Files.write(dir.resolve("partial.bin"), bytes);
        CancellationToken jobEnded = new CancellationToken();
        CancellationToken stopping = jobEnded.child();
        stopping.cancel();
        Parts parts = new Parts(PARTS + 1);
        String log;
        try (S3Client s3 = viaLink(parts)) {
            ResultUpload upload = new ResultUpload(new ArtifactStore(s3, BUCKET, PART, 2), Duration.ofSeconds(60));
            log = StandardError.of(() -> upload.store(JOB, 6, result, stopping, jobEnded));
        }
        assertEquals(PARTS, parts.confirmed());
        assertStored(bytes, 6);
        assertEquals(1, parts.taggings(), "tagging requests");
        assertFalse(log.contains("its tagging was cancelled"), log);
    }

    /**
     * A complete that S3 carried out but whose answer was lost (the connection reset as it came
     * back): the next try finds every part confirmed and sends none again. S3Proxy takes the
     * repeated complete; AWS S3 may answer NoSuchUpload for an upload it completed a while ago,
     * which the second case gives in S3's place: the object is found stored at the file's size
     * and counted stored (was: NoSuchUpload failed the attempt, or a new upload sent it all again).
     */
    @Test
    void aCompleteWhoseAnswerWasLostIsFoundStored() throws Exception {
        String log = completeAnswerLost(8, false);
        assertFalse(log.contains("NoSuchUpload"), log);
        log = completeAnswerLost(9, true);
        assertTrue(log.contains("its multipart upload was completed already (the answer to the complete was lost)"), log);
    }

    /** Stores result {@code shot}, the first complete's answer lost, the second answered NoSuchUpload when {@code forgotten}. */
    private String completeAnswerLost(int shot, boolean forgotten) throws Exception {
        byte[] bytes = result(shot);
        Path result = Files.write(dir.resolve("partial" + shot + ".bin"), bytes);
        Parts parts = new Parts(PARTS + 1);
        AtomicInteger completes = new AtomicInteger();
        ExecutionInterceptor loseFirstAnswer = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof CompleteMultipartUploadRequest && completes.get() == 1 && forgotten) {
                    completes.incrementAndGet();
                    throw NoSuchUploadException.builder().statusCode(404).message("The specified upload does not exist")
                            .build();
                }
            }

            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof CompleteMultipartUploadRequest && completes.incrementAndGet() == 1) {
                    throw SdkClientException.create("the answer to the complete was lost",
                            new java.io.IOException("Connection reset"));
                }
            }
        };
        String log;
        try (S3Client s3 = S3Client.builder().endpointOverride(link.endpoint()).region(LocalCloud.REGION)
                .forcePathStyle(true).credentialsProvider(LocalCloud.credentials())
                .overrideConfiguration(c -> c.addExecutionInterceptor(parts).addExecutionInterceptor(loseFirstAnswer))
                .build()) {
            ResultUpload upload = new ResultUpload(new ArtifactStore(s3, BUCKET, PART, 2), Duration.ofSeconds(60));
            log = StandardError.of(() -> upload.store(JOB, shot, result, CancellationToken.none()));
        }
        assertTrue(completes.get() >= 2, "the complete tried again: " + completes.get());
        assertEquals(PARTS, parts.confirmed(), "no part sent again");
        assertStored(bytes, shot);
        return log;
    }

    /** The job's end before the first try stops the upload: nothing is sent, nothing left. */
    @Test
    void theJobEndedBeforeTheFirstTryStoresNothing() throws Exception {
        Path result = Files.write(dir.resolve("partial.bin"), result(7));
        CancellationToken jobEnded = new CancellationToken();
        CancellationToken stopping = jobEnded.child();
        jobEnded.cancel();
        Parts parts = new Parts(PARTS + 1);
        try (S3Client s3 = viaLink(parts)) {
            ResultUpload upload = new ResultUpload(new ArtifactStore(s3, BUCKET, PART, 2), Duration.ofSeconds(60));
            CancelledException e = assertThrows(CancelledException.class,
                    () -> upload.store(JOB, 7, result, stopping, jobEnded));
            assertTrue(e.getMessage().contains("storing shot 7's result"), e.getMessage());
        }
        assertEquals(0, parts.confirmed());
        assertNothingLeft(7);
    }

    /**
     * A result file gone when the outage ends (a failure that cannot heal, met on a retry) fails
     * the attempt and aborts the multipart upload kept through the outage (old behaviour: the
     * abort of the first upload was tried while S3 was out of reach, and failed, leaving it).
     */
    @Test
    void aFailureThatCannotHealOnARetryAbortsTheMultipartUpload() throws Exception {
        Path result = Files.write(dir.resolve("partial.bin"), result(3));
        Parts parts = new Parts(2);
        parts.then(() -> {
            link.down();
            later.schedule(() -> {
                Files.delete(result);
                link.up();
                return null;
            }, 3, TimeUnit.SECONDS);
        });
        try (S3Client s3 = viaLink(parts)) {
            ResultUpload upload = new ResultUpload(new ArtifactStore(s3, BUCKET, PART, 2), Duration.ofSeconds(60));
            ResultNotStoredException e = assertThrows(ResultNotStoredException.class,
                    () -> upload.store(JOB, 3, result, CancellationToken.none()));
            assertTrue(FileReadException.in(e.getCause()), e.getCause().toString());
        }
        assertNothingLeft(3);
    }

    /**
     * S3 no longer has the multipart upload when the outage ends (aborted during it, as another
     * hand or a lifecycle rule may): the retry begins a new one and sends the whole file, said at
     * INFO, and the result is stored.
     */
    @Test
    void anUploadS3NoLongerHasIsBegunAgain() throws Exception {
        byte[] bytes = result(4);
        Path result = Files.write(dir.resolve("partial.bin"), bytes);
        String key = ObjectKeys.shotResult(JOB, 4);
        Parts parts = new Parts(2);
        parts.then(() -> {
            link.down();
            later.schedule(() -> {
                for (var u : CLOUD.s3().listMultipartUploads(r -> r.bucket(BUCKET).prefix(key)).uploads()) {
                    CLOUD.s3().abortMultipartUpload(r -> r.bucket(BUCKET).key(key).uploadId(u.uploadId()));
                }
                link.up();
            }, 4, TimeUnit.SECONDS);
        });
        String log;
        try (S3Client s3 = viaLink(parts)) {
            ResultUpload upload = new ResultUpload(new ArtifactStore(s3, BUCKET, PART, 2), Duration.ofSeconds(60));
            log = StandardError.of(() -> upload.store(JOB, 4, result, CancellationToken.none()));
        }
        assertTrue(log.contains("INFO io.seiswork.cloud.s3.ResumableUpload - uploading partial.bin to s3://" + BUCKET
                + "/" + key + ": S3 no longer has its multipart upload (NoSuchUpload)"), log);
        assertTrue(log.contains("starting a new multipart upload of all " + PARTS + " parts"), log);
        assertStored(bytes, 4);
    }

    private static byte[] result(long seed) {
        byte[] bytes = new byte[PARTS * PART - 12345];  // a last part shorter than the others
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private S3Client viaLink(ExecutionInterceptor seen) {
        return S3Client.builder().endpointOverride(link.endpoint()).region(LocalCloud.REGION).forcePathStyle(true)
                .credentialsProvider(LocalCloud.credentials())
                .overrideConfiguration(c -> c.addExecutionInterceptor(seen)).build();
    }

    private static void assertStored(byte[] bytes, int shot) {
        String key = ObjectKeys.shotResult(JOB, shot);
        assertArrayEquals(bytes, new ArtifactStore(CLOUD.s3(), BUCKET).getBytes(key, bytes.length));
        assertTrue(CLOUD.s3().listMultipartUploads(r -> r.bucket(BUCKET).prefix(key)).uploads().isEmpty(),
                "unfinished multipart uploads of " + key);
    }

    private static void assertNothingLeft(int shot) {
        String key = ObjectKeys.shotResult(JOB, shot);
        assertEquals(-1, new ArtifactStore(CLOUD.s3(), BUCKET).sizeOf(key), "stored");
        assertEquals(java.util.List.of(), CLOUD.s3().listMultipartUploads(r -> r.bucket(BUCKET).prefix(key)).uploads(),
                "unfinished multipart uploads of " + key);
    }

    /**
     * Counts the parts S3 confirmed (their UploadPart answered) through a client made with it,
     * and runs an action once, on the part's thread, when {@code at} are.
     */
    private static final class Parts implements ExecutionInterceptor {
        private final int at;
        private final AtomicInteger confirmed = new AtomicInteger();
        private final AtomicInteger taggings = new AtomicInteger();
        private volatile Runnable then = () -> { };

        Parts(int at) {
            this.at = at;
        }

        /** Runs {@code action} when the {@code at}-th part is confirmed. */
        void then(Runnable action) {
            this.then = action;
        }

        int confirmed() {
            return confirmed.get();
        }

        /** PutObjectTagging requests made, answered or not (an emulator may answer 501). */
        int taggings() {
            return taggings.get();
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutObjectTaggingRequest) {
                taggings.incrementAndGet();
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UploadPartRequest && confirmed.incrementAndGet() == at) {
                then.run();
            }
        }
    }
}
