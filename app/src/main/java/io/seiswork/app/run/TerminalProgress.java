package io.seiswork.app.run;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows the progress of a run on the terminal: one line per shot, rewritten in place on an
 * interactive terminal, or a line every 10 % when the output is a file or a pipe (CI logs).
 */
public final class TerminalProgress implements RunListener {

    private final PrintWriter out;
    private final boolean interactive;
    private int lastDecile = -1;
    private int shotCount;
    private long shotStartNs;

    /**
     * @param out where to print (standard error, so standard output stays clean)
     * @param interactive whether to redraw one line in place ({@code System.console() != null})
     */
    public TerminalProgress(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void runStarted(int shots, String engine) {
        shotCount = shots;
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
        lastDecile = -1;
        shotStartNs = System.nanoTime();
    }

    @Override
    public void shotProgress(int shot, int step, int steps) {
        int percent = steps == 0 ? 100 : (int) (100L * step / steps);
        if (interactive) {
            out.printf(Locale.ROOT, "\rshot %d/%d  %3d%%  step %d/%d", shot, shotCount, percent, step, steps);
            out.flush();
        } else if (percent / 10 > lastDecile) {
            lastDecile = percent / 10;
            out.printf(Locale.ROOT, "shot %d/%d  %3d%%%n", shot, shotCount, percent);
            out.flush();
        }
    }

    @Override
    public void shotFinished(int shot, double gptsPerSecond) {
        double seconds = (System.nanoTime() - shotStartNs) / 1e9;
        out.printf(Locale.ROOT, "%sshot %d/%d  done in %.1f s  (%.3f Gpts/s)%n",
                interactive ? "\r" : "", shot, shotCount, seconds, gptsPerSecond);
        out.flush();
    }
}
