package io.seiswork.kernels.job;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.progress.ProgressListener;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Says how far the writing of a finished image has gone, for the {@link ImageFiles#write} of a
 * survey: a 100 GB image takes many minutes after the last shot, which must not look like a hang.
 * One line per tenth of the columns ("writing the image: 40 % of 22,090,000 columns, 38 s"), and
 * only once the writing has taken {@value #QUIET_SECONDS} s, so a small image's run says nothing
 * more than before.
 */
public final class ImageWritingProgress implements ProgressListener {

    /** Seconds of writing before the first line. */
    static final double QUIET_SECONDS = 2;

    private final Consumer<String> lines;
    private final long columns;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private int lastTenth;

    /** Lines about writing the image of {@code grid} go to {@code lines}. */
    public ImageWritingProgress(Grid grid, Consumer<String> lines) {
        this(grid, lines, System::nanoTime);
    }

    /** @param nanoTime the clock, nanoseconds (tests give their own) */
    ImageWritingProgress(Grid grid, Consumer<String> lines, LongSupplier nanoTime) {
        this.lines = lines;
        this.columns = (long) grid.nx() * grid.ny();
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    /** @param permille columns written, per mille (as {@link ImageFiles#write} reports) */
    @Override
    public void onProgress(int permille, int totalPermille) {
        int tenth = permille * 10 / totalPermille;
        if (tenth <= lastTenth) {
            return;
        }
        lastTenth = tenth;
        double seconds = (nanoTime.getAsLong() - startNanos) / 1e9;
        if (seconds >= QUIET_SECONDS) {
            lines.accept(String.format(Locale.ROOT, "writing the image: %d %% of %,d columns, %.0f s", tenth * 10,
                    columns, seconds));
        }
    }
}
