package io.seiswork.core.progress;

import io.seiswork.core.spec.MemoryEstimate;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A pass over many bytes said in lines for a person ("uploading: 1.2 GiB of 3.4 GiB (35 %)"), at
 * most one every {@code intervalNanos} and one when it ends: a pass over a TB (an upload, a read
 * of a data file for its digests) takes minutes, and one line a block would be a quarter of a
 * million. A pass over {@value #QUIET_BYTES} bytes or fewer is over in a moment and says nothing.
 */
public final class ByteProgressLines implements ByteProgress {

    /** Passes over this many bytes or fewer say nothing: 64 MiB. */
    public static final long QUIET_BYTES = 64L << 20;
    /** Time between lines of {@link #every2s}: 2 s. */
    private static final long TWO_SECONDS_NANOS = 2_000_000_000L;

    private final String doing;
    private final Consumer<String> say;
    private final long intervalNanos;
    private final LongSupplier clockNanos;
    private boolean said;
    private long lastNanos;

    /**
     * @param doing what the pass does, first on each line ("uploading")
     * @param say takes each line
     * @param intervalNanos least time between two lines but the last, nanoseconds
     * @param clockNanos the clock ({@link System#nanoTime} but in tests)
     */
    public ByteProgressLines(String doing, Consumer<String> say, long intervalNanos, LongSupplier clockNanos) {
        this.doing = doing;
        this.say = say;
        this.intervalNanos = intervalNanos;
        this.clockNanos = clockNanos;
    }

    /** Lines at most every 2 s, and at the end. */
    public static ByteProgressLines every2s(String doing, Consumer<String> say) {
        return new ByteProgressLines(doing, say, TWO_SECONDS_NANOS, System::nanoTime);
    }

    @Override
    public synchronized void onBytes(long doneBytes, long totalBytes) {
        if (totalBytes <= QUIET_BYTES) {
            return;
        }
        long now = clockNanos.getAsLong();
        if (!said || now - lastNanos >= intervalNanos || doneBytes == totalBytes) {
            said = true;
            lastNanos = now;
            say.accept(String.format(Locale.ROOT, "%s: %s of %s (%.0f %%)", doing, MemoryEstimate.human(doneBytes),
                    MemoryEstimate.human(totalBytes), 100.0 * doneBytes / totalBytes));
        }
    }
}
