package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.cloud.testing.OutageLink;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The upload-outage scenario the worker's upload tests share ({@link ResultUploadTest},
 * {@link ResultUploadResumeTest}, {@link StackOutputUploadTest}): a real TCP relay ({@link OutageLink}) in front of the S3
 * emulator, clients through it, files of {@link #PARTS} parts of {@link #PART} (S3's least), the
 * link taken down when a count of parts is confirmed and brought back {@link #DOWN_SECONDS} later,
 * and the bytes carried after it counted. A test registers it per test
 * ({@code @RegisterExtension}, after its {@link LocalCloud}): the link is opened before each test
 * and closed, with the scheduler, after it. A step run {@link #later} that failed fails the test
 * after it, its exception the cause: else a file it could not delete, say, would show only as the
 * upload's retries timing out.
 */
final class UploadOutage implements BeforeEachCallback, AfterEachCallback {

    static final int PART = 5 << 20;
    static final int PARTS = 5;
    /** How much shorter than the others a file's last part is. */
    static final int LAST_PART_SHORT_BY = 12345;
    /** Requests' headers and the completion's XML: far less than a part. */
    static final long OVERHEAD_BYTES = 256 << 10;
    /** How long {@link #downWhen} keeps the link down. */
    static final long DOWN_SECONDS = 4;

    /** A step run later that may throw (a file deleted, say). */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private final LocalCloud cloud;
    private final AtomicLong atUp = new AtomicLong(-1);
    private final AtomicInteger keptAtUp = new AtomicInteger(-1);
    private OutageLink link;
    private ScheduledExecutorService later;
    /** The first exception of a step run {@link #later}, the others suppressed in it; null while none. */
    private final AtomicReference<Throwable> stepFailed = new AtomicReference<>();

    /** @param cloud the test's emulators, started before each test (a static extension) */
    UploadOutage(LocalCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        stepFailed.set(null);
        later = Executors.newSingleThreadScheduledExecutor();
        link = new OutageLink(cloud.s3Endpoint());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        // Null when beforeEach failed part-way: its own exception is the one to see, not an NPE here.
        try {
            if (later != null) {
                later.shutdownNow();
            }
        } finally {
            if (link != null) {
                link.close();
            }
        }
        Throwable failed = stepFailed.get();
        if (failed != null) {
            throw new AssertionError("a step run later by the outage scenario failed: " + failed, failed);
        }
    }

    /** The relay in front of the S3 emulator, to take down, black-hole or bring up. */
    OutageLink link() {
        return link;
    }

    /** A client of the S3 emulator through the link, each of {@code seen} watching its requests. */
    S3Client viaLink(ExecutionInterceptor... seen) {
        return LocalCloud.s3At(link.endpoint(), LocalCloud.credentials(), seen);
    }

    /**
     * Runs {@code step} {@code seconds} from now on the scenario's thread, not the part's that asks.
     * An exception it throws is kept, and fails the test after it ({@link #afterEach}).
     */
    void later(long seconds, Step step) {
        later.schedule(() -> {
            try {
                step.run();
            } catch (Throwable e) {
                if (!stepFailed.compareAndSet(null, e)) {
                    stepFailed.get().addSuppressed(e);
                }
            }
        }, seconds, TimeUnit.SECONDS);
    }

    /**
     * Runs {@code step} every {@code millis} ms on the scenario's thread, until the future it
     * gives is cancelled or the test ends: a watch that acts once something has happened.
     */
    ScheduledFuture<?> every(long millis, Runnable step) {
        return later.scheduleWithFixedDelay(step, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the link down when the {@link ConfirmedParts#at}-th part is confirmed, and brings it up
     * {@link #DOWN_SECONDS} later, noting the parts confirmed and the bytes carried then.
     */
    void downWhen(ConfirmedParts parts) {
        parts.then(() -> {
            link.down();
            later(DOWN_SECONDS, () -> {
                // Nothing is carried, nor a part confirmed, while down: what is there now is all the upload can keep.
                keptAtUp.set(parts.confirmed());
                atUp.set(link.bytesToTarget());
                link.up();
            });
        });
    }

    /**
     * Asserts that the outage of {@link #downWhen} ended, and that after it the upload of a file of
     * {@code fileBytes} sent only the parts S3 had not confirmed, each part confirmed once in all.
     */
    void assertOnlyMissingPartsSent(ConfirmedParts parts, long fileBytes) {
        long after = link.bytesToTarget() - atUp.get();
        assertTrue(atUp.get() >= 0, "the outage never ended");
        int kept = keptAtUp.get();
        long missing = (long) (PARTS - kept) * PART;
        System.out.printf("bytes sent after the outage: %d (%d parts missing: %d bytes; the file: %d)%n", after,
                PARTS - kept, missing, fileBytes);
        assertTrue(kept >= parts.at() && kept < PARTS, "parts confirmed before the outage: " + kept);
        assertEquals(PARTS, parts.confirmed(), "parts confirmed in all: none sent twice");
        // The last part is shorter than the others, and may be among the missing.
        assertTrue(after >= missing - LAST_PART_SHORT_BY && after <= missing + OVERHEAD_BYTES,
                after + " bytes sent after the outage for " + (PARTS - kept) + " missing parts of " + PART);
    }

    /** A file's bytes, random from {@code seed}: {@link #PARTS} parts, the last shorter than the others. */
    static byte[] file(long seed) {
        byte[] bytes = new byte[PARTS * PART - LAST_PART_SHORT_BY];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
