package io.seiswork.app.run;

import io.seiswork.core.progress.RemainingTime;
import io.seiswork.core.progress.Throughput;
import io.seiswork.core.spec.Task;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows the progress of a run on the terminal: one line per shot, rewritten in place on an
 * interactive terminal, or a line every 10 % when the output is a file or a pipe (CI logs), with
 * the time the whole run has left ({@link RemainingTime}) once it can be estimated.
 */
public final class TerminalProgress implements RunListener {

    private final PrintWriter out;
    private final boolean interactive;
    private int lastDecile = -1;
    private int shotCount;
    /**
     * How many shots have started, with those a resumed run kept: the running shot's place in the
     * run (its number when every shot runs).
     */
    private int position;
    private long shotStartNs;
    private RemainingTime remaining = new RemainingTime(1);
    /** Whether the shots are migrations: their Gpts/s is the migration's alone, and labelled so. */
    private boolean migration;

    /**
     * @param out where to print (standard error, so standard output stays clean)
     * @param interactive whether to redraw one line in place ({@code System.console() != null})
     */
    public TerminalProgress(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void runResumed(int kept, int shots) {
        position = kept;
        out.println(RunListener.resumedLine(kept, shots));
        out.flush();
    }

    @Override
    public void taskStarted(Task task) {
        migration = task == Task.RTM;
    }

    @Override
    public void runStarted(int shots, String engine) {
        shotCount = position + shots;
        remaining = new RemainingTime(shots);
        out.printf(Locale.ROOT, "running %d shot%s on %s%n", shots, shots == 1 ? "" : "s", engine);
        out.flush();
    }

    @Override
    public void message(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public void shotStarted(int shot) {
        position++;
        lastDecile = -1;
        shotStartNs = System.nanoTime();
    }

    @Override
    public void shotProgress(int shot, int step, int steps) {
        int percent = steps == 0 ? 100 : (int) (100L * step / steps);
        String left = left(step, steps);  // at every event: the estimate measures the shot's recent speed
        if (interactive) {
            out.printf(Locale.ROOT, "\r%s  %3d%%  step %d/%d%s", label(shot), percent, step, steps, left);
            out.flush();
        } else if (percent / 10 > lastDecile) {
            lastDecile = percent / 10;
            out.printf(Locale.ROOT, "%s  %3d%%%s%n", label(shot), percent, left);
            out.flush();
        }
    }

    /**
     * "shot 5 (2/3)": the shot's number (its FFID), then its place among the shots this run
     * computes, in one form whether every shot runs, a {@code --shots} list, a resume or a data
     * file's own numbers, so that the count is never read as the shot's number.
     */
    private String label(int shot) {
        return "shot " + shot + " (" + position + "/" + shotCount + ")";
    }

    /**
     * "  about 3 min 05 s left", or "  estimating the time left" until the first shot's speed has
     * settled (padded so a shorter redraw clears the longer one).
     */
    private String left(int step, int steps) {
        double fraction = steps == 0 ? 1 : (double) step / steps;
        double s = remaining.secondsLeft(fraction, (System.nanoTime() - shotStartNs) / 1e9);
        String text = Double.isNaN(s) ? "  estimating the time left" : "  about " + RemainingTime.format(s) + " left";
        return interactive ? String.format(Locale.ROOT, "%-28s", text) : text;
    }

    @Override
    public void shotFinished(int shot, double gptsPerSecond) {
        double seconds = (System.nanoTime() - shotStartNs) / 1e9;
        remaining.shotFinished(seconds);
        out.printf(Locale.ROOT, "%s%s  done in %.1f s  (%s%s Gpts/s)%n",
                interactive ? "\r" : "", label(shot), seconds, migration ? "migration " : "", Throughput.gpts(gptsPerSecond));
        out.flush();
    }
}
