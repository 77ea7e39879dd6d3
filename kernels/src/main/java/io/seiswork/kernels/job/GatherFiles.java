package io.seiswork.kernels.job;

import io.seiswork.core.files.RunOutputs;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.SampleFormat;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.segy.TextHeaderCodec;
import io.seiswork.core.segy.TraceHeader;
import io.seiswork.core.segy.WaveletDelayCard;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.time.TimeStepping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The shot gathers of task model in an output directory: {@value #SHOTS_FILE}, one trace per
 * receiver per shot on the run's output time axis, with the trace headers
 * {@link ShotGatherWriter} writes and a text header naming the job, grid, wavelet and time
 * stepping, and when the wavelet peaks after time zero ({@link WaveletDelayCard}, which a
 * migration of the file checks against its {@code wavelet.delayS}). Opened by the local run and by whatever writes a cloud job's gathers, so both give
 * the same file.
 */
public final class GatherFiles {

    /** The shot gathers (SEG-Y). */
    public static final String SHOTS_FILE = RunOutputs.SHOTS;

    private GatherFiles() {
    }

    /**
     * Creates {@code dir/}{@value #SHOTS_FILE} (replacing it) for the job's shots; the caller
     * writes each shot's traces as it finishes and closes the writer. A link by that name is
     * replaced by the file, never written through onto the file it points to (a user's survey).
     *
     * @param dir an existing directory
     * @param job the job (its output axis in seconds, grid and geometry go into the headers)
     */
    public static ShotGatherWriter open(Path dir, ResolvedJob job) {
        RunOutputs.dropLink(dir.resolve(SHOTS_FILE));
        Grid g = job.spec().grid();
        return new ShotGatherWriter(dir.resolve(SHOTS_FILE), job.time().outputS(), g.is2d(), maxCoordinate(g),
                textHeader(job), tracesPerShot(job));
    }

    /**
     * Continues {@code dir/}{@value #SHOTS_FILE} of a run of this job that stopped: keeps its
     * first {@code keepBytes} bytes (headers and the shots finished, as
     * {@link ShotGatherWriter#bytesWritten()} said after the last of them), cuts off the rest (a
     * shot written in part) and writes on, so the file is the one an uninterrupted run writes.
     *
     * @throws io.seiswork.core.segy.SegyException when the file is shorter or its headers are not
     *     this job's
     * @throws IllegalStateException when it is a link: the run wrote a file there, and writing on
     *     through a link would change the file it points to, outside the folder
     */
    public static ShotGatherWriter append(Path dir, ResolvedJob job, long keepBytes) {
        Path file = dir.resolve(SHOTS_FILE);
        if (Files.isSymbolicLink(file)) {
            throw new IllegalStateException("cannot go on writing " + file + ": it is now a link to another file, which"
                    + " the run did not write; remove the link, or start the run over");
        }
        Grid g = job.spec().grid();
        return ShotGatherWriter.append(file, job.time().outputS(), g.is2d(), maxCoordinate(g),
                textHeader(job), tracesPerShot(job), keepBytes);
    }

    /** The receivers of every shot when all shots have as many, else 0: the binary header's traces per ensemble. */
    static int tracesPerShot(ResolvedJob job) {
        int n = -1;
        for (Shot shot : job.geometry().shots()) {
            int r = shot.receivers().size();
            if (n >= 0 && r != n) {
                return 0;
            }
            n = r;
        }
        return Math.max(n, 0);
    }

    /**
     * The length of {@code dir/}{@value #SHOTS_FILE} once {@code shots} are written, in bytes:
     * the 3600-byte textual and binary headers, then per trace (one per receiver of each shot) a
     * 240-byte trace header and the output axis' samples as 4-byte IEEE floats, as
     * {@link ShotGatherWriter} writes them.
     */
    public static long diskBytes(ResolvedJob job, List<Shot> shots) {
        long traces = 0;
        for (Shot shot : shots) {
            traces += shot.receivers().size();
        }
        return SegyReader.FILE_HEADER_BYTES + traces * traceBytes(job);
    }

    private static long traceBytes(ResolvedJob job) {
        return TraceHeader.SIZE + (long) job.time().outputS().count() * SampleFormat.IEEE32.bytesPerSample();
    }

    /**
     * Checks, before any shot runs, that {@code dir}'s file system has room for the shot gathers
     * of {@code shots} ({@link #diskBytes}), counting a {@value #SHOTS_FILE} already there as room
     * (a new run replaces it, a resumed one writes on after its kept shots): otherwise a long run
     * would compute shots and fail writing them.
     *
     * @param dir an existing directory
     * @return false, checking nothing, where the file system does not say how much is free
     *     ({@link FreeSpace}); true when the gathers fit
     * @throws IllegalStateException naming the folder, the free space and the need
     */
    public static boolean requireDiskSpace(Path dir, ResolvedJob job, List<Shot> shots) {
        return requireDiskSpace(dir, job, shots, FreeSpace.usable(dir));
    }

    /** {@link #requireDiskSpace(Path, ResolvedJob, List)} with {@code free} bytes usable in {@code dir} (0: unknown). */
    static boolean requireDiskSpace(Path dir, ResolvedJob job, List<Shot> shots, long free) {
        if (!FreeSpace.known(free)) {
            return false;
        }
        long need = diskBytes(job, shots);
        long there;
        try {
            Path file = dir.resolve(SHOTS_FILE);
            there = Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            there = 0;
        }
        if (need - there > free) {
            long traces = (need - SegyReader.FILE_HEADER_BYTES) / traceBytes(job);
            throw new IllegalStateException(String.format(Locale.ROOT, "%s has %s free, but the shot gathers of the %d"
                    + " shot%s need %s there (%s: %,d traces of %d samples)", dir, MemoryEstimate.human(free + there),
                    shots.size(), shots.size() == 1 ? "" : "s", MemoryEstimate.human(need), SHOTS_FILE, traces,
                    job.time().outputS().count()));
        }
        return true;
    }

    /** The largest coordinate in metres, which sets the headers' coordinate scalar. */
    private static double maxCoordinate(Grid g) {
        return Math.max(g.xAxis().last(), Math.max(g.yAxis().last(), g.zAxis().last()));
    }

    /** The text header of the job's shots.sgy. */
    static String textHeader(ResolvedJob job) {
        JobSpec s = job.spec();
        Grid g = s.grid();
        TimeStepping timing = job.time();
        return TextHeaderCodec.fromLines(
                "C 1 SEISWORK SHOT GATHERS  JOB " + s.name(),
                "C 2 TASK MODEL  SHOTS " + job.geometry().shotCount() + "  RECEIVERS " + job.geometry().receivers().size(),
                "C 3 " + GridCard.text(g),
                String.format(Locale.ROOT, "C 4 RICKER %.4g HZ  SPACE ORDER %d  DT %.4g MS  SAMPLE %.4g MS",
                        s.wavelet().peakHz(), s.physics().spaceOrder(), timing.dtS() * 1e3, timing.outputS().delta() * 1e3),
                "C 5 FFID (9) = SHOT NUMBER, TRACE IN RECORD (13), OFFSET (37) SIGNED IN 2D",
                "C 6 SOURCE X/Y (73/77), RECEIVER X/Y (81/85), COORDINATE SCALAR (71)",
                "C 7 SOURCE DEPTH (49), RECEIVER ELEVATION (41), ELEVATION SCALAR (69)",
                "C 8 COORDINATES IN METRES FROM THE MODEL'S FIRST GRID NODE, Z DOWN",
                WaveletDelayCard.card(9, s.wavelet().peakDelayS(), s.wavelet().peakHz()),
                "C40 END TEXTUAL HEADER");
    }
}
