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
import io.seiswork.cloud.testing.TaggingRelay;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A computed shot's result survives S3 out of reach for a few seconds: the upload is tried again
 * until the endpoint answers, within its retry time, through a real TCP relay that resets every
 * connection while down ({@link OutageLink}) in front of the S3 emulator. An outage longer than
 * the retry time, and an answer that cannot heal (403), fail the attempt with one line naming the
 * shot and the object.
 */
class ResultUploadTest {

    @RegisterExtension
    static final LocalCloud CLOUD = LocalCloud.of(LocalCloud.Service.S3);

    private static final String BUCKET = "result-upload-test";
    private static final JobId JOB = new JobId("upload-20260101-000000-0001");

    @TempDir
    Path dir;

    @RegisterExtension
    final UploadOutage outage = new UploadOutage(CLOUD);

    private OutageLink link;
    private S3Client viaLink;

    @BeforeEach
    void link() {
        ArtifactStore.createIfMissing(CLOUD.s3(), BUCKET);
        link = outage.link();
        viaLink = outage.viaLink();
    }

    @AfterEach
    void close() {
        viaLink.close();
    }

    /** A 3 MiB result (one PUT, above the size S3Proxy's tagged-PUT refusal broke) stored across a 4 s outage. */
    @Test
    void aResultIsStoredAcrossAnOutageOfAFewSeconds() throws Exception {
        byte[] bytes = new byte[3 << 20];
        new Random(11).nextBytes(bytes);
        Path result = Files.write(dir.resolve("shots.sgy"), bytes);
        ResultUpload upload = new ResultUpload(new ArtifactStore(viaLink, BUCKET), Duration.ofSeconds(60));
        link.down();
        long t0 = System.nanoTime();  // before the link's return is scheduled: a stall between cannot shorten it
        outage.later(4, link::up);
        // S3Proxy does not implement tags: stored untagged (ArtifactStoreGuardsTest).
        assertFalse(upload.store(JOB, 4, result, CancellationToken.none()));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.SECONDS.toNanos(4), "stored while the link was down");
        // At least a try and the SDK's retry of it met the outage (on an idle machine 6 to 12 do).
        assertTrue(link.refused() >= 2, "connections reset while down: " + link.refused());
        assertArrayEquals(bytes, new ArtifactStore(CLOUD.s3(), BUCKET).getBytes(ObjectKeys.shotResult(JOB, 4),
                bytes.length));
    }

    @Test
    void anOutageLongerThanTheRetryTimeFailsTheAttemptInOneLineNamingTheShotAndObject() throws Exception {
        Path result = Files.write(dir.resolve("shots.sgy"), new byte[1000]);
        ResultUpload upload = new ResultUpload(new ArtifactStore(viaLink, BUCKET), Duration.ofSeconds(4));
        link.down();
        ResultNotStoredException e = assertThrows(ResultNotStoredException.class,
                () -> upload.store(JOB, 2, result, CancellationToken.none()));
        String prefix = "storing shot 2's result s3://" + BUCKET + "/" + ObjectKeys.shotResult(JOB, 2) + ": ";
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        // Waits of 1 and 2 s fit in 4 s, the next of 4 s does not: at most three tries. Only the form of the
        // seconds is asserted: they add up the SDK's own tries, which no test times.
        var tries = java.util.regex.Pattern.compile(".* \\((\\d+) tries in \\d+ s\\)").matcher(e.getMessage());
        assertTrue(tries.matches(), e.getMessage());
        int n = Integer.parseInt(tries.group(1));
        assertTrue(n >= 2 && n <= 3, e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(ResultUpload.canHeal(e.getCause()), e.getCause().toString());
    }

    @Test
    void aForbiddenPutIsNotTriedAgain() throws Exception {
        Path result = Files.write(dir.resolve("shots.sgy"), new byte[1000]);
        AtomicInteger puts = new AtomicInteger();
        ExecutionInterceptor count = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                puts.incrementAndGet();
            }
        };
        try (S3Client stranger = LocalCloud.s3At(CLOUD.s3Endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("stranger", "wrong")), count)) {
            ResultUpload upload = new ResultUpload(new ArtifactStore(stranger, BUCKET), Duration.ofSeconds(60));
            ResultNotStoredException e = assertThrows(ResultNotStoredException.class,
                    () -> upload.store(JOB, 1, result, CancellationToken.none()));
            assertTrue(e.getMessage().startsWith("storing shot 1's result s3://" + BUCKET + "/"
                    + ObjectKeys.shotResult(JOB, 1) + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("403"), e.getMessage());
            assertEquals(1, puts.get(), "requests sent");
        }
    }

    @Test
    void aCancelEndsTheWaits() throws Exception {
        Path result = Files.write(dir.resolve("shots.sgy"), new byte[1000]);
        ResultUpload upload = new ResultUpload(new ArtifactStore(viaLink, BUCKET), Duration.ofMinutes(5));
        link.down();
        CancellationToken cancel = new CancellationToken();
        outage.later(2, cancel::cancel);
        assertThrows(CancelledException.class, () -> upload.store(JOB, 3, result, cancel));
        assertEquals(-1, new ArtifactStore(CLOUD.s3(), BUCKET).sizeOf(ObjectKeys.shotResult(JOB, 3)));
    }

    /**
     * A tagging answered 503 (SlowDown) is tried again alone: the bytes go up once, and the result
     * is tagged once the answer heals. The relay heals after {@code FAILED_TAGGINGS} answers, more
     * than the SDK's own tries of one request, so that a try of ResultUpload's own fails too.
     */
    @Test
    void aTaggingThatFailsIsTriedAgainWithoutSendingTheBytesAgain() throws Exception {
        byte[] bytes = new byte[1 << 20];
        new Random(5).nextBytes(bytes);
        Path result = Files.write(dir.resolve("shots.sgy"), bytes);
        int failedTaggings = 5;
        try (TaggingRelay relay = new TaggingRelay(CLOUD.s3Endpoint(), 200);
                S3Client s3 = LocalCloud.s3At(relay.endpoint(), LocalCloud.credentials())) {
            relay.answerTaggingsWith(503, failedTaggings, 200);
            ResultUpload upload = new ResultUpload(new ArtifactStore(s3, BUCKET), Duration.ofSeconds(60));
            assertTrue(upload.store(JOB, 5, result, CancellationToken.none()), "tagged once the answer healed");
            assertEquals(1, relay.objectPuts(), "PUTs of the bytes");
            assertEquals(failedTaggings + 1, relay.taggings(), "every 503 asked again, up to the one answered 200");
        }
        assertArrayEquals(bytes, new ArtifactStore(CLOUD.s3(), BUCKET).getBytes(ObjectKeys.shotResult(JOB, 5),
                bytes.length));
    }

    /**
     * A cancel (SIGTERM) while a stored result's tagging is tried again ends the retry but keeps
     * the result: stored, untagged, no exception, so the shot is not handed back to be computed
     * again. The cancel comes once the relay has answered a tagging, not after some time.
     */
    @Test
    void aCancelDuringTheTaggingKeepsTheStoredResult() throws Exception {
        byte[] bytes = new byte[1000];
        new Random(9).nextBytes(bytes);
        Path result = Files.write(dir.resolve("shots.sgy"), bytes);
        try (TaggingRelay relay = new TaggingRelay(CLOUD.s3Endpoint(), 503);
                S3Client s3 = LocalCloud.s3At(relay.endpoint(), LocalCloud.credentials())) {
            ResultUpload upload = new ResultUpload(new ArtifactStore(s3, BUCKET), Duration.ofSeconds(60));
            CancellationToken cancel = new CancellationToken();
            var watch = outage.every(10, () -> {
                if (relay.taggings() > 0) {
                    cancel.cancel();
                }
            });
            try {
                assertFalse(upload.store(JOB, 10, result, cancel), "stored untagged");
            } finally {
                watch.cancel(false);
            }
            assertTrue(cancel.isCancelled());
            assertEquals(1, relay.objectPuts(), "PUTs of the bytes");
        }
        assertArrayEquals(bytes, new ArtifactStore(CLOUD.s3(), BUCKET).getBytes(ObjectKeys.shotResult(JOB, 10),
                bytes.length));
    }

    /**
     * A tagging refused (403) or still throttled when its retry time runs out leaves the result
     * stored untagged (the safe side: it never expires), and the attempt goes on: no exception,
     * the bytes sent once, a 403 asked once.
     */
    @Test
    void aTaggingThatCannotBeDoneLeavesTheResultStoredUntagged() throws Exception {
        byte[] bytes = new byte[1000];
        new Random(6).nextBytes(bytes);
        Path result = Files.write(dir.resolve("shots.sgy"), bytes);
        try (TaggingRelay relay = new TaggingRelay(CLOUD.s3Endpoint(), 403);
                S3Client s3 = LocalCloud.s3At(relay.endpoint(), LocalCloud.credentials())) {
            ResultUpload upload = new ResultUpload(new ArtifactStore(s3, BUCKET), Duration.ofSeconds(60));
            assertFalse(upload.store(JOB, 6, result, CancellationToken.none()));
            assertEquals(1, relay.objectPuts(), "PUTs of the bytes");
            assertEquals(1, relay.taggings(), "a 403 is not asked again");
            relay.answerTaggingWith(503);
            ResultUpload shortRetry = new ResultUpload(new ArtifactStore(s3, BUCKET), Duration.ofSeconds(2));
            assertFalse(shortRetry.store(JOB, 7, result, CancellationToken.none()));
            assertEquals(2, relay.objectPuts(), "PUTs of the bytes");
            assertTrue(relay.taggings() >= 3, "503 tried again: " + relay.taggings());
        }
        ArtifactStore direct = new ArtifactStore(CLOUD.s3(), BUCKET);
        assertArrayEquals(bytes, direct.getBytes(ObjectKeys.shotResult(JOB, 6), bytes.length));
        assertArrayEquals(bytes, direct.getBytes(ObjectKeys.shotResult(JOB, 7), bytes.length));
    }

    /** A result file that is not there fails the attempt at once: no network failure, nothing to wait for. */
    @Test
    void aMissingResultFileFailsAtOnce() {
        ResultUpload upload = new ResultUpload(new ArtifactStore(viaLink, BUCKET), Duration.ofMinutes(5));
        ResultNotStoredException e = assertThrows(ResultNotStoredException.class,
                () -> upload.store(JOB, 8, dir.resolve("gone.sgy"), CancellationToken.none()));
        assertTrue(e.getMessage().startsWith("storing shot 8's result s3://" + BUCKET + "/"), e.getMessage());
        assertTrue(e.getMessage().contains("gone.sgy"), e.getMessage());
        assertFalse(e.getMessage().contains(" tries in "), e.getMessage());
        assertTrue(FileReadException.in(e.getCause()), e.getCause().toString());
    }

    /**
     * A result file shortened while its bytes are sent (cut to half as the request goes out) fails
     * the attempt at once: neither ResultUpload nor the SDK's own retry sends it again, since every
     * try would read the same short file.
     */
    @Test
    void aResultFileShortenedDuringTheUploadFailsAtOnce() throws Exception {
        Path result = Files.write(dir.resolve("shots.sgy"), new byte[256 * 1024]);
        AtomicInteger sent = new AtomicInteger();
        ExecutionInterceptor shorten = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.httpRequest().method() == software.amazon.awssdk.http.SdkHttpMethod.PUT) {
                    sent.incrementAndGet();
                    try (var ch = java.nio.channels.FileChannel.open(result, java.nio.file.StandardOpenOption.WRITE)) {
                        ch.truncate(128 * 1024);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
        try (S3Client s3 = LocalCloud.s3At(CLOUD.s3Endpoint(), LocalCloud.credentials(), shorten)) {
            ResultUpload upload = new ResultUpload(new ArtifactStore(s3, BUCKET), Duration.ofMinutes(5));
            ResultNotStoredException e = assertThrows(ResultNotStoredException.class,
                    () -> upload.store(JOB, 11, result, CancellationToken.none()));
            assertTrue(FileReadException.in(e.getCause()), e.getCause().toString());
            assertTrue(e.getMessage().contains("shortened during the upload"), e.getMessage());
            assertEquals(1, sent.get(), "PUTs sent: the SDK did not retry the read error either");
        }
        assertEquals(-1, new ArtifactStore(CLOUD.s3(), BUCKET).sizeOf(ObjectKeys.shotResult(JOB, 11)));
    }

    @Test
    void onlyFailuresThatCanHealAreTriedAgain() {
        assertTrue(ResultUpload.canHeal(software.amazon.awssdk.core.exception.SdkClientException.create("x",
                new java.net.SocketException("Broken pipe"))));
        assertFalse(ResultUpload.canHeal(software.amazon.awssdk.core.exception.SdkClientException.create("no credentials")));
        for (int status : new int[] {500, 503, 429}) {
            assertTrue(ResultUpload.canHeal(software.amazon.awssdk.services.s3.model.S3Exception.builder()
                    .statusCode(status).build()), "" + status);
        }
        for (int status : new int[] {400, 403, 404}) {
            assertFalse(ResultUpload.canHeal(software.amazon.awssdk.services.s3.model.S3Exception.builder()
                    .statusCode(status).build()), "" + status);
        }
        assertFalse(ResultUpload.canHeal(new java.io.UncheckedIOException(new java.io.IOException("gone"))));
        // A local read error under the SDK's exception is no network failure: not tried again.
        assertFalse(ResultUpload.canHeal(software.amazon.awssdk.core.exception.SdkClientException.create("x",
                new FileReadException("cannot read shots.sgy",
                        new java.io.IOException("Input/output error")))));
    }
}
