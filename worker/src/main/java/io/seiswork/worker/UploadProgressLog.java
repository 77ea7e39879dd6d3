package io.seiswork.worker;

import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.core.spec.MemoryEstimate;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Says in the worker's log how far a large upload is: a stack's output of up to 100 GB takes
 * minutes to an hour, which without it is a silent hour. A line when another tenth of the file is
 * stored or a minute has passed since the last line, whichever comes first, and none more often
 * than every {@link #LEAST_GAP_NANOS} but the last, at 100 %: "storing image.sgy: 4.2 GiB of 14.1 GiB (30 %), 212.5 MB/s"
 * (the rate since the last line, in 10^6 bytes a second). Files under {@link #LARGE_BYTES} say
 * nothing: they are stored in seconds.
 *
 * <p>Called from the upload's threads one at a time ({@link TransferProgress}); synchronized all
 * the same, as it is cheap. A retry's progress starts again from the parts kept, counted first.
 */
final class UploadProgressLog implements TransferProgress {

    /** Files from this size on are reported: 1 GiB, some seconds at a worker's 100 to 1000 MB/s. */
    static final long LARGE_BYTES = 1L << 30;
    /** The longest silence between two lines: 60 s. */
    static final long MOST_GAP_NANOS = 60_000_000_000L;
    /** The shortest time between two lines: 1 s, so that a fast link's tenths are not a burst. */
    static final long LEAST_GAP_NANOS = 1_000_000_000L;

    private final String doing;
    private final Consumer<String> log;
    private final LongSupplier nanoTime;
    private long lastNanos;
    private long lastBytes;
    private long nextTenthBytes;

    /** A log of {@code doing}'s progress at INFO in {@code log}, on {@link System#nanoTime}. */
    UploadProgressLog(String doing, Consumer<String> log) {
        this(doing, log, System::nanoTime);
    }

    /**
     * @param doing what is stored, for the line ("job J: storing image.sgy")
     * @param log where a line goes (the worker's log at INFO)
     * @param nanoTime the clock, {@link System#nanoTime} but in tests
     */
    UploadProgressLog(String doing, Consumer<String> log, LongSupplier nanoTime) {
        this.doing = doing;
        this.log = log;
        this.nanoTime = nanoTime;
        this.lastNanos = nanoTime.getAsLong();
    }

    @Override
    public synchronized void onBytes(long doneBytes, long totalBytes) {
        if (totalBytes < LARGE_BYTES) {
            return;
        }
        long now = nanoTime.getAsLong();
        long since = now - lastNanos;
        if (nextTenthBytes == 0) {
            nextTenthBytes = Math.max(1, totalBytes / 10);
        }
        // The end is always said, however soon after the last line: else a fast upload's log could stop at 90 %.
        boolean end = doneBytes >= totalBytes && doneBytes > lastBytes;
        boolean tenth = doneBytes >= nextTenthBytes && doneBytes > lastBytes;
        if (!end && (since < LEAST_GAP_NANOS || !tenth && since < MOST_GAP_NANOS)) {
            return;
        }
        double mbPerS = Math.max(0, doneBytes - lastBytes) / 1e6 / (Math.max(1, since) / 1e9);
        log.accept(String.format(Locale.ROOT, "%s: %s of %s (%d %%), %.1f MB/s", doing, MemoryEstimate.human(doneBytes),
                MemoryEstimate.human(totalBytes), totalBytes == 0 ? 100 : (int) (100 * doneBytes / totalBytes), mbPerS));
        lastNanos = now;
        lastBytes = doneBytes;
        // The next tenth above what is stored now: 37 % stored, the next line at 40 %.
        long tenthBytes = Math.max(1, totalBytes / 10);
        nextTenthBytes = (doneBytes / tenthBytes + 1) * tenthBytes;
    }
}
