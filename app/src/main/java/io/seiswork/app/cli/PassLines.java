package io.seiswork.app.cli;

import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.ByteProgressLines;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.job.ShotComputer;
import java.io.PrintWriter;

/**
 * A long pass over a file said on standard error as {@code run} and {@code submit} say it: a line
 * at most every 2 s for a file of more than 64 MiB ({@link ByteProgressLines}), and the pass that
 * counts a data file's shots, which reads every trace header (about 5 minutes for 200 GB), so that
 * neither command sits silent through it.
 */
final class PassLines {

    private PassLines() {
    }

    /** {@code doing} ("uploading model.bin") with how far it has got, on {@code err}. */
    static ByteProgress said(PrintWriter err, String doing) {
        return ByteProgressLines.every2s(doing, line -> {
            err.println(line);
            err.flush();
        });
    }

    /**
     * The job's shots and the notes on its data file ({@link ShotComputer#shotsAndNotes}), the pass
     * over the data file's trace headers said on {@code err}; a job without a data file has no such
     * pass and says nothing.
     *
     * @param cancel checked every few thousand traces ({@code submit}'s Ctrl-C); {@code run} gives
     *     none, since before its run begins Ctrl-C ends the process with nothing written
     */
    static ShotComputer.Shots shotsOf(ResolvedJob job, PrintWriter err, CancellationToken cancel) {
        return ShotComputer.shotsAndNotes(job, job.dataFile() == null ? ByteProgress.NONE
                : said(err, "reading the trace headers of " + job.dataFile().getFileName()), cancel);
    }
}
