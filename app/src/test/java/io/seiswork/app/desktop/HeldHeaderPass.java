package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.progress.ByteProgress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Holds the pass over a cloud submission's data file headers at its first report (the first
 * trace, {@link ProjectWindow#watchHeaderPasses}) until the test has pressed Cancel: the pass is
 * known to be under way when the Cancel comes, however fast the machine, so a data file of a few
 * MB does what a race against a 732 MB one only made likely. Remembers how far the pass got.
 */
final class HeldHeaderPass implements ByteProgress {

    /** How long the pass waits for the test at most, seconds: a test that failed first lets it go. */
    private static final int HOLD_S = 60;

    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicLong lastDone = new AtomicLong(-1);
    private final AtomicLong total = new AtomicLong(-1);

    @Override
    public void onBytes(long doneBytes, long totalBytes) {
        lastDone.set(doneBytes);
        total.set(totalBytes);
        if (held.getCount() > 0 && doneBytes < totalBytes) {
            held.countDown();
            try {
                released.await(HOLD_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Presses the window's Cancel once the pass is held, lets the pass go on once the window has
     * taken the press (its Cancel disabled), and waits at most {@code promptlyS} for it to stop.
     *
     * @return seconds from the press until the window had stopped
     */
    double cancel(FxRobot robot, ProjectWindow window, int promptlyS) throws Exception {
        try {
            assertTrue(held.await(120, TimeUnit.SECONDS), "the pass over the trace headers never began");
            assertTrue(window.running(), "still submitting when the pass is held");
            long pressed = System.nanoTime();
            robot.clickOn("#cancelButton");
            WaitForAsyncUtils.waitFor(promptlyS, TimeUnit.SECONDS, () -> window.cancelButton().isDisabled());
            released.countDown();
            WaitForAsyncUtils.waitFor(promptlyS, TimeUnit.SECONDS, () -> !window.running());
            double tookS = (System.nanoTime() - pressed) * 1e-9;
            WaitForAsyncUtils.waitForFxEvents();
            return tookS;
        } finally {
            released.countDown();
        }
    }

    /** The byte of the file the pass last reported, or -1 before any report. */
    long lastDone() {
        return lastDone.get();
    }

    /** The file's size as the pass reported it, or -1 before any report. */
    long total() {
        return total.get();
    }
}
