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
import java.util.concurrent.atomic.AtomicInteger;
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

/**
 * A computed shot's result of several parts that an outage breaks part-way goes on where it
 * broke: the retry sends only the parts S3 had not confirmed, in the same multipart upload, and
 * the bytes that cross the link after the outage are those parts', not the whole file's (counted
 * in a real TCP relay, {@link OutageLink}, in front of the S3 emulator: {@link UploadOutage}). A
 * result given up (a cancel, a failure that cannot heal) leaves no unfinished multipart upload,
 * and one that S3 no longer has (NoSuchUpload) is begun again.
 *
 * <p>Parts of 5 MiB (S3's least), two at a time, of a 25 MiB result: five parts; the outage
 * comes when S3 has confirmed the third.
 */
class ResultUploadResumeTest {

    @RegisterExtension
    static final LocalCloud CLOUD = LocalCloud.of(LocalCloud.Service.S3);

    private static final String BUCKET = "result-resume-test";
    private static final JobId JOB = new JobId("resume-20260101-000000-0001");
    private static final int PART = UploadOutage.PART;
    private static final int PARTS = UploadOutage.PARTS;
    private static final int PARTS_BEFORE_OUTAGE = 3;

    @RegisterExtension
    final UploadOutage outage = new UploadOutage(CLOUD);

    @TempDir
    Path dir;

    @BeforeEach
    void bucket() {
        ArtifactStore.createIfMissing(CLOUD.s3(), BUCKET);
    }

    /**
     * The outage resets the parts in flight once three are confirmed; the retry sends the two or
     * fewer missing: each part is confirmed once in all, and the bytes after the outage are those
     * parts' (old behaviour: a new multipart upload of all five, 25 MiB again).
     */
    @Test
    void anOutageMidWaySendsOnlyThePartsMissing() throws Exception {
        byte[] bytes = UploadOutage.file(1);
        Path result = Files.write(dir.resolve("partial.bin"), bytes);
        ConfirmedParts parts = new ConfirmedParts(PARTS_BEFORE_OUTAGE);
        outage.downWhen(parts);
        String log;
        try (S3Client s3 = outage.viaLink(parts)) {
            ResultUpload upload = new ResultUpload(new ArtifactStore(s3, BUCKET, PART, 2), Duration.ofSeconds(60));
            log = StandardError.of(() -> upload.store(JOB, 1, result, CancellationToken.none()));
        }
        outage.assertOnlyMissingPartsSent(parts, bytes.length);
        assertTrue(log.contains("INFO " + "io.seiswork.cloud.s3.ResumableUpload - uploading partial.bin to s3://"
                + BUCKET + "/" + ObjectKeys.shotResult(JOB, 1) + " again: "), log);
        assertTrue(log.contains(" parts (") && log.contains(") to send"), log);
        assertStored(bytes, 1);
    }

    /** A cancel once two parts are stored ends the upload and aborts it (old behaviour: the upload went on to the end). */
    @Test
    void aCancelMidWayAbortsTheMultipartUpload() throws Exception {
        Path result = Files.write(dir.resolve("partial.bin"), UploadOutage.file(2));
        CancellationToken cancel = new CancellationToken();
        ConfirmedParts parts = new ConfirmedParts(2).then(cancel::cancel);
        try (S3Client s3 = outage.viaLink(parts)) {
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
        byte[] bytes = UploadOutage.file(5);
        Path result = Files.write(dir.resolve("partial.bin"), bytes);
        CancellationToken jobEnded = new CancellationToken();
        CancellationToken stopping = jobEnded.child();
        ConfirmedParts parts = new ConfirmedParts(2).then(stopping::cancel);
        String log;
        try (S3Client s3 = outage.viaLink(parts)) {
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
        byte[] bytes = UploadOutage.file(6);
        Path result = Files.write(dir.resolve("partial.bin"), bytes);
        CancellationToken jobEnded = new CancellationToken();
        CancellationToken stopping = jobEnded.child();
        stopping.cancel();
        ConfirmedParts parts = new ConfirmedParts(PARTS + 1);
        String log;
        try (S3Client s3 = outage.viaLink(parts)) {
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
        byte[] bytes = UploadOutage.file(shot);
        Path result = Files.write(dir.resolve("partial" + shot + ".bin"), bytes);
        ConfirmedParts parts = new ConfirmedParts(PARTS + 1);
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
        try (S3Client s3 = outage.viaLink(parts, loseFirstAnswer)) {
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
        Path result = Files.write(dir.resolve("partial.bin"), UploadOutage.file(7));
        CancellationToken jobEnded = new CancellationToken();
        CancellationToken stopping = jobEnded.child();
        jobEnded.cancel();
        ConfirmedParts parts = new ConfirmedParts(PARTS + 1);
        try (S3Client s3 = outage.viaLink(parts)) {
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
        Path result = Files.write(dir.resolve("partial.bin"), UploadOutage.file(3));
        ConfirmedParts parts = new ConfirmedParts(2).then(() -> {
            outage.link().down();
            outage.later(3, () -> {
                Files.delete(result);
                outage.link().up();
            });
        });
        try (S3Client s3 = outage.viaLink(parts)) {
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
        byte[] bytes = UploadOutage.file(4);
        Path result = Files.write(dir.resolve("partial.bin"), bytes);
        String key = ObjectKeys.shotResult(JOB, 4);
        ConfirmedParts parts = new ConfirmedParts(2).then(() -> {
            outage.link().down();
            outage.later(UploadOutage.DOWN_SECONDS, () -> {
                for (var u : CLOUD.s3().listMultipartUploads(r -> r.bucket(BUCKET).prefix(key)).uploads()) {
                    CLOUD.s3().abortMultipartUpload(r -> r.bucket(BUCKET).key(key).uploadId(u.uploadId()));
                }
                outage.link().up();
            });
        });
        String log;
        try (S3Client s3 = outage.viaLink(parts)) {
            ResultUpload upload = new ResultUpload(new ArtifactStore(s3, BUCKET, PART, 2), Duration.ofSeconds(60));
            log = StandardError.of(() -> upload.store(JOB, 4, result, CancellationToken.none()));
        }
        assertTrue(log.contains("INFO io.seiswork.cloud.s3.ResumableUpload - uploading partial.bin to s3://" + BUCKET
                + "/" + key + ": S3 no longer has its multipart upload (NoSuchUpload)"), log);
        assertTrue(log.contains("starting a new multipart upload of all " + PARTS + " parts"), log);
        assertStored(bytes, 4);
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
}
