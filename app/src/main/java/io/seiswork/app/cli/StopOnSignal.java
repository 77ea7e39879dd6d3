package io.seiswork.app.cli;

import io.seiswork.core.progress.CancellationToken;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT), a {@code kill} (SIGTERM) or a closed terminal (SIGHUP) during a command's long
 * work: the JVM's shutdown hook cancels the work's token and waits for the command to end it
 * ({@link #close}, or {@link #stopped} for a transfer); the process then ends with the JVM's status
 * for the signal, 128 + its number (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP), whatever
 * the command returns. Without it, the JVM would end at once in the middle of the work: a local
 * run's checkpoint half written, a download's record of its parts on disk saved only every 2 s,
 * and the user would not know what was kept nor how to go on.
 *
 * <p>Two uses, one per factory, differing in how long the signal waits and what it says when the
 * wait runs long:
 * <ul>
 * <li>{@link #arm} for an upload or download: at most {@link #TRANSFER_WAIT}, for the command to
 * say in one line what it kept and the command that goes on;</li>
 * <li>{@link #armForRun} for {@code seiswork run}: the run stops at its next time step and saves
 * its checkpoint and {@code run.json}; past {@link #RUN_QUIET} it says it is saving, and waits up
 * to {@link #RUN_LONGEST} more ({@code kill -9} still ends it at once).</li>
 * </ul>
 *
 * <p>Armed for the work only (from the factory to {@link #close}): a signal outside it ends the
 * process as before, at once (a job followed by {@code --wait} goes on in the cloud).
 */
final class StopOnSignal implements AutoCloseable {

    /**
     * How long a signal waits for a transfer to stop and say so: its parts in flight stop within a
     * block, and a download forces its {@code .part} file to disk (a second or two for GBs written
     * since the last save). Past it, the process ends anyway, saying so.
     */
    static final Duration TRANSFER_WAIT = Duration.ofSeconds(10);

    /**
     * How long a stopping run may be silent: a run stops within a time step and saves a small
     * checkpoint in well under it, so nothing need be said; a longer save is said.
     */
    static final Duration RUN_QUIET = Duration.ofSeconds(2);

    /**
     * Longest a stopping run may take to save its checkpoint once it has said so, before the JVM
     * exits anyway: a heap
     * stack of many GB takes seconds to save, and a memory-mapped one cut in the middle of adding
     * a shot could never be resumed; only a stuck disk takes this long.
     */
    static final Duration RUN_LONGEST = Duration.ofMinutes(30);

    /**
     * What a command that a signal stopped returns: Ctrl-C's status, the shell's 128 + SIGINT. The
     * process itself ends with 128 + the signal that came, which the JVM sets as it shuts down.
     */
    static final int STOPPED = 130;

    private final CancellationToken cancel = new CancellationToken();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final PrintWriter err;
    /** The command that goes on from what a transfer kept; null for a run, which says no such line. */
    private final String goOn;
    private final Duration quiet;
    private final String saidPastQuiet;
    private final Duration thenUpTo;
    private final Thread hook;

    /**
     * @param quiet how long the signal waits before saying {@code saidPastQuiet}
     * @param thenUpTo how long it waits after saying so; the process ends then, the work ended or not
     */
    private StopOnSignal(PrintWriter err, String goOn, Duration quiet, String saidPastQuiet,
            Duration thenUpTo) {
        this.err = err;
        this.goOn = goOn;
        this.quiet = quiet;
        this.saidPastQuiet = saidPastQuiet;
        this.thenUpTo = thenUpTo;
        this.hook = new Thread(this::onSignal, "seiswork-stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Arms the hook for an upload or download until {@link #close}: a signal waits at most
     * {@link #TRANSFER_WAIT} for {@link #stopped}.
     *
     * @param err where the lines go (standard error)
     * @param goOn the command that goes on from what is kept ("seiswork fetch JOB --cloud local --out DIR")
     */
    static StopOnSignal arm(PrintWriter err, String goOn) {
        Objects.requireNonNull(goOn, "goOn");
        return new StopOnSignal(err, goOn, TRANSFER_WAIT, "stopped: the transfer did not stop"
                + " within " + TRANSFER_WAIT.toSeconds() + " s; run `" + goOn + "` again to go on", Duration.ZERO);
    }

    /**
     * Arms the hook for a local run until {@link #close}, which the run's command calls once the
     * run has ended (its checkpoint and {@code run.json} saved, or its error said).
     *
     * @param err where the line goes (standard error)
     */
    static StopOnSignal armForRun(PrintWriter err) {
        return new StopOnSignal(err, null, RUN_QUIET,
                "seiswork: stopping: saving the run's checkpoint for --resume (kill -9 to abort)", RUN_LONGEST);
    }

    /** Cancelled by a signal: what the armed work checks (a run stops at its next time step). */
    CancellationToken token() {
        return cancel;
    }

    /**
     * Says that the transfer stopped: "stopped: {@code kept}; run `{@code goOn}` again to go on",
     * one line on standard error, and lets the process end. The token is cancelled only by a
     * signal, so a cancel the transfer met is one. For a hook {@link #arm armed for a transfer}.
     *
     * @param kept what is kept ("7 of 16 parts of shots.sgy on disk (448.0 MiB of 1.0 GiB)")
     * @return {@link #STOPPED}, the command's exit status
     */
    int stopped(String kept) {
        if (goOn == null) {
            throw new IllegalStateException("armed for a run, which has no command to go on with");
        }
        err.println("stopped: " + kept + "; run `" + goOn + "` again to go on");
        err.flush();
        ended.countDown();
        return STOPPED;
    }

    /**
     * The work ended (done, failed, or stopped and said): a signal now ends the process at once,
     * and a signal's hook already running lets it end. Closing again does nothing.
     */
    @Override
    public void close() {
        ended.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs, and has been told it may let the process end
        }
    }

    private void onSignal() {
        cancel.cancel();
        try {
            if (!ended.await(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
                err.println(saidPastQuiet);
                err.flush();
                ended.await(thenUpTo.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
