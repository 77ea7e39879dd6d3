package io.seiswork.app.cli;

import io.seiswork.core.progress.CancellationToken;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT), a {@code kill} (SIGTERM) or a closed terminal (SIGHUP) during a command's long
 * upload or download: the JVM's shutdown hook cancels the transfer's token and waits, at most
 * {@link #WAIT_MS}, for the command to say in one line what it kept and the command that goes on
 * ({@link #stopped}); the process then ends with the JVM's status for the signal, 128 + its
 * number (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP), whatever the command returns. Without
 * it, the JVM would end at once in the middle of the parts: a download's record of its parts on
 * disk is saved only every 2 s, and the user would not know what was kept nor how to go on.
 *
 * <p>Armed for the transfer only ({@link #arm} to {@link #close}): a signal outside it ends the
 * process as before, at once (a job followed by {@code --wait} goes on in the cloud).
 */
final class StopOnSignal implements AutoCloseable {

    /**
     * How long a signal waits for the transfer to stop and say so, milliseconds: its parts in
     * flight stop within a block, and a download forces its {@code .part} file to disk (a second
     * or two for GBs written since the last save). Past it, the process ends anyway, saying so.
     */
    static final long WAIT_MS = 10_000;

    /**
     * What a command that a signal stopped returns: Ctrl-C's status, the shell's 128 + SIGINT. The
     * process itself ends with 128 + the signal that came, which the JVM sets as it shuts down.
     */
    static final int STOPPED = 130;

    private final CancellationToken cancel = new CancellationToken();
    private final CountDownLatch said = new CountDownLatch(1);
    private final PrintWriter err;
    private final String goOn;
    private final Thread hook;

    private StopOnSignal(PrintWriter err, String goOn) {
        this.err = err;
        this.goOn = goOn;
        this.hook = new Thread(this::onSignal, "seiswork-stop-transfer");
    }

    /**
     * Arms the hook until {@link #close}.
     *
     * @param err where the lines go (standard error)
     * @param goOn the command that goes on from what is kept ("seiswork fetch JOB --cloud local --out DIR")
     */
    static StopOnSignal arm(PrintWriter err, String goOn) {
        StopOnSignal s = new StopOnSignal(err, goOn);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** Cancelled by a signal: what the armed transfer checks. */
    CancellationToken token() {
        return cancel;
    }

    /**
     * Says that the transfer stopped: "stopped: {@code kept}; run `{@code goOn}` again to go on",
     * one line on standard error, and lets the process end. The token is cancelled only by a
     * signal, so a cancel the transfer met is one.
     *
     * @param kept what is kept ("7 of 16 parts of shots.sgy on disk (448.0 MiB of 1.0 GiB)")
     * @return {@link #STOPPED}, the command's exit status
     */
    int stopped(String kept) {
        err.println("stopped: " + kept + "; run `" + goOn + "` again to go on");
        err.flush();
        said.countDown();
        return STOPPED;
    }

    /**
     * The transfer ended (done, failed or stopped and said): a signal now ends the process at
     * once. Closing again does nothing.
     */
    @Override
    public void close() {
        said.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs, and has been told it may let the process end
        }
    }

    private void onSignal() {
        cancel.cancel();
        try {
            if (!said.await(WAIT_MS, TimeUnit.MILLISECONDS)) {
                err.println("stopped: the transfer did not stop within " + WAIT_MS / 1000 + " s; run `" + goOn
                        + "` again to go on");
                err.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
