package io.seiswork.kernels.job;

import io.seiswork.core.files.RunOutputs;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.segy.DepthVolumeWriter;
import io.seiswork.core.segy.TextHeaderCodec;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.core.volume.BrickLayout;
import io.seiswork.core.volume.SwvFormat;
import io.seiswork.core.volume.SwvWriteOptions;
import io.seiswork.core.volume.SwvWriter;
import io.seiswork.core.volume.VolumeAxes;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.ImagingCondition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The files of a migration's image in an output directory: {@value #IMAGE_FILE}, a SEG-Y depth
 * volume for other software ({@link DepthVolumeWriter}, its text header naming the job, grid,
 * imaging condition and shots), and {@value #IMAGE_VOLUME_FILE}, the same values as a bricked
 * multi-resolution volume the viewers open at once, locally or on S3. Written by the local run
 * and by the cloud worker that stacks a job, so both give the same bytes for the same image.
 */
public final class ImageFiles {

    /** The image as a SEG-Y depth volume. */
    public static final String IMAGE_FILE = RunOutputs.IMAGE;
    /** The same image as a bricked multi-resolution volume, for the viewers (local or on S3). */
    public static final String IMAGE_VOLUME_FILE = RunOutputs.IMAGE_VOLUME;

    private ImageFiles() {
    }

    /**
     * Finishes the stack ({@link FinalImage}) and writes it as {@value #IMAGE_FILE} and
     * {@value #IMAGE_VOLUME_FILE} into {@code dir}, replacing them: both from one stream of
     * columns (x fastest, then y), so no array of the whole image is ever held.
     *
     * @param dir an existing directory
     * @param job the job the image is of
     * @param stack the job's stacked partial images
     * @return the finished image's statistics, gathered as it was written
     */
    public static ImageStatistics write(Path dir, ResolvedJob job, ImageStacker stack) {
        return write(dir, job, stack, ProgressListener.NONE, CancellationToken.none());
    }

    /**
     * As {@link #write(Path, ResolvedJob, ImageStacker)}, for a survey's image that takes
     * minutes: {@code progress} hears the per-mille of columns written (0..1000, each at most
     * once), and {@code cancel} is checked between planes.
     *
     * @throws io.seiswork.core.progress.CancelledException when cancelled (the previous image files,
     *     if any, are left as they were)
     */
    public static ImageStatistics write(Path dir, ResolvedJob job, ImageStacker stack, ProgressListener progress,
            CancellationToken cancel) {
        Grid g = job.spec().grid();
        ImageStatistics stats = new ImageStatistics();
        VolumeAxes axes = new VolumeAxes(g.xAxis(), g.yAxis(), g.zAxis());
        long columns = (long) g.nx() * g.ny();
        long[] written = {0};
        int[] reported = {-1};
        // Written under temporary names and renamed when whole: a cancelled or failed write leaves
        // the previous image, not a truncated file whose headers look valid.
        Path segyPart = dir.resolve(IMAGE_FILE + PART);
        Path volumePart = dir.resolve(IMAGE_VOLUME_FILE + PART);
        try {
            try (DepthVolumeWriter segy = DepthVolumeWriter.create(segyPart, g, textHeader(job));
                    SwvWriter volume = SwvWriter.create(volumePart, axes,
                            SwvWriteOptions.defaultsFor(g.ny()).withValueUnit("image amplitude"))) {
                FinalImage.stream(stack, job, column -> {
                    segy.writeColumn(column);
                    volume.writeColumn(column);
                    stats.add(column, g.nz());
                    long done = ++written[0];
                    if (done % g.nx() == 0) {
                        cancel.throwIfCancelled("writing the image");
                    }
                    int permille = (int) (1000 * done / columns);
                    if (permille > reported[0]) {
                        reported[0] = permille;
                        progress.onProgress(permille, 1000);
                    }
                });
            }
            // Both files closed (headers written): now they take their names.
            Files.move(segyPart, dir.resolve(IMAGE_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(volumePart, dir.resolve(IMAGE_VOLUME_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return stats;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the written image into place in " + dir + ": " + e.getMessage(), e);
        } finally {
            // Whatever stopped the write (cancel, error, a failed move), no partial file stays behind.
            deleteQuietly(segyPart);
            deleteQuietly(volumePart);
        }
    }

    /** Suffix of the image files while they are written. */
    static final String PART = io.seiswork.core.files.DurableFiles.PART;

    /**
     * The disk a migration's image takes in its output folder while it is written, in bytes: the
     * stack's mapped file when the job keeps its whole grid out of core (8 bytes a node), then
     * {@value #IMAGE_FILE} (3600-byte headers, then 240 + 4 · nz bytes per column) and
     * {@value #IMAGE_VOLUME_FILE} (its bricks at every level, exactly).
     */
    public static long diskBytes(Grid g, WholeGridStorage storage) {
        long stack = storage == WholeGridStorage.OUT_OF_CORE ? 8 * g.nodes() : 0;
        long segy = 3600 + (long) g.nx() * g.ny() * (240 + 4L * g.nz());
        long volume = BrickLayout.of(g.nx(), g.ny(), g.nz(), SwvWriteOptions.brickSizeFor(g.ny()), SwvFormat.DATA_OFFSET)
                .fileSize();
        return stack + segy + volume;
    }

    /**
     * Checks, before any shot runs, that {@code dir}'s file system has room for the image
     * ({@link #diskBytes}): otherwise a survey would compute every shot and fail writing.
     *
     * @return false, checking nothing, where the file system does not say how much is free
     *     ({@link FreeSpace}); true when the image fits
     * @throws IllegalStateException naming the folder, the need and the free space
     */
    public static boolean requireDiskSpace(Path dir, ResolvedJob job) {
        return requireDiskSpace(dir, job, 0);
    }

    /**
     * As {@link #requireDiskSpace(Path, ResolvedJob)}, with {@code moreBytes} needed there besides
     * (a checkpoint of the stack; negative for what a run that goes on already has there).
     *
     * @return false, checking nothing, where the file system does not say how much is free
     *     ({@link FreeSpace}); true when the image fits
     */
    public static boolean requireDiskSpace(Path dir, ResolvedJob job, long moreBytes) {
        return requireDiskSpace(dir, job, moreBytes, FreeSpace.usable(dir));
    }

    /** {@link #requireDiskSpace(Path, ResolvedJob, long)} with {@code free} bytes usable in {@code dir} (0: unknown). */
    static boolean requireDiskSpace(Path dir, ResolvedJob job, long moreBytes, long free) {
        if (!FreeSpace.known(free)) {
            return false;
        }
        Grid g = job.spec().grid();
        long need = diskBytes(g, job.storage()) + moreBytes;
        if (need > free) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s has %s free, but the image of the %d x %d x %d"
                    + " grid needs %s there (%s, %s%s)", dir, MemoryEstimate.human(free), g.nx(), g.ny(), g.nz(),
                    MemoryEstimate.human(need), IMAGE_FILE, IMAGE_VOLUME_FILE,
                    job.storage() == WholeGridStorage.OUT_OF_CORE ? " and the stack" : moreBytes > 0 ? " and the stack's checkpoint" : ""));
        }
        return true;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // Best effort: the write's own failure is what the caller needs to hear.
        }
    }

    /** The image's SEG-Y text header (the whole-array reference in the tests writes the same). */
    static String textHeader(ResolvedJob job) {
        JobSpec s = job.spec();
        Grid g = s.grid();
        ImagingCondition c = ImagingCondition.fromJson(s.imaging().condition());
        return TextHeaderCodec.fromLines(
                "C 1 SEISWORK RTM DEPTH IMAGE  JOB " + s.name(),
                "C 2 " + GridCard.text(g),
                "C 3 " + io.seiswork.core.segy.SegyWriteOptions.DEPTH_AXIS_CARD,
                "C 4 FIRST SAMPLE AT Z = 0 M, Z DOWN; ONE TRACE PER (X, Y) COLUMN, Y OUTER",
                "C 5 INLINE (189) = Y INDEX + 1, CROSSLINE (193) = X INDEX + 1",
                "C 6 CDP X/Y (181/185) METRES FROM THE FIRST GRID NODE, COORDINATE SCALAR (71)",
                "C 7 IMAGING CONDITION " + c.json().toUpperCase(Locale.ROOT)
                        + (s.imaging().laplacianFilter() ? ", LAPLACIAN FILTERED" : ""),
                "C 8 SHOTS " + job.geometry().shotCount() + "  RICKER " + s.wavelet().peakHz() + " HZ",
                "C40 END TEXTUAL HEADER");
    }
}
