package io.seiswork.app.volume;

import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.ByteProgressLines;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.volume.BrickLayout;
import io.seiswork.core.volume.SegyToSwv;
import io.seiswork.core.volume.SwvFormat;
import io.seiswork.core.volume.SwvReader;
import io.seiswork.core.volume.SwvWriteOptions;
import io.seiswork.core.volume.VolumeSource;
import io.seiswork.kernels.job.FreeSpace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * A post-stack SEG-Y cube made viewable: converted (streaming) to a temporary {@code .swv}, deleted
 * when the volume is closed (or else on exit), after a check of the temporary folder's free space, with progress lines. Shared by
 * {@code seiswork view} and the desktop's Open volume, so that neither package needs the other's.
 * Why not show slices straight from the SEG-Y file: a depth slice of a cube is one sample of every
 * trace, a read of the whole file each time the slider moves, and the viewer's overview needs the
 * resolution pyramid the {@code .swv} holds.
 */
public final class SegyViewVolume {

    private SegyViewVolume() {
    }

    /**
     * A post-stack SEG-Y cube converted to a temporary {@code .swv} (deleted when the volume is
     * closed, or else on exit) and opened
     * under the SEG-Y file's name, its trace axis in {@code zUnit} ({@link SegyZUnit}: "auto" guesses
     * from its text header), saying on {@code err} which it took and how to choose the other.
     */
    public static VolumeSource openSegy(Path file, String zUnit, PrintWriter err) {
        return openSegy(file, zUnit, err, Path.of(System.getProperty("java.io.tmpdir")), FreeSpace::usable);
    }

    /**
     * As {@link #openSegy(Path, String, PrintWriter)}, the temporary volume in a new folder
     * under {@code tempRoot}. The volume is as large as the cube (a 100 GB image needs about 100 GB
     * more), so before the first byte is written its size is checked against {@code freeBytes} of
     * that folder (0: the file system does not say, {@link FreeSpace}) and the conversion, a read
     * of the whole cube, says how far it is on {@code err} every 2 s past 64 MiB.
     *
     * @throws IllegalArgumentException when the folder has less room than the volume needs, naming
     *     both and how to choose another folder
     */
    public static VolumeSource openSegy(Path file, String zUnit, PrintWriter err, Path tempRoot,
            ToLongFunction<Path> freeBytes) {
        return openSegy(file, zUnit, err, tempRoot, freeBytes, ByteProgress.NONE);
    }

    /**
     * As {@link #openSegy(Path, String, PrintWriter)}, also telling {@code progress} the
     * bytes converted (the desktop's progress bar); {@code progress} may stop the conversion by
     * throwing {@link java.util.concurrent.CancellationException}, which leaves no file behind.
     */
    public static VolumeSource openSegy(Path file, String zUnit, PrintWriter err, ByteProgress progress) {
        return openSegy(file, zUnit, err, Path.of(System.getProperty("java.io.tmpdir")), FreeSpace::usable, progress);
    }

    private static VolumeSource openSegy(Path file, String zUnit, PrintWriter err, Path tempRoot,
            ToLongFunction<Path> freeBytes, ByteProgress progress) {
        refuseShotGathers(file);
        SegyWarnings.print(file, err);
        SegyZUnit z = SegyZUnit.of(file, zUnit);
        Path dir;
        try {
            dir = Files.createTempDirectory(tempRoot, "seiswork-view-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary volume in " + tempRoot + ": " + e.getMessage(), e);
        }
        dir.toFile().deleteOnExit();  // registered first: deleted after the file in it
        Path tmp = dir.resolve("volume.swv");
        tmp.toFile().deleteOnExit();
        // Said once the file is known to be a cube: a file that is not one is refused without it.
        try {
            SegyToSwv.convert(file, tmp, ny -> {
                SwvWriteOptions options = SwvWriteOptions.defaults().withZUnit(z.unit());
                long need = volumeBytes(file, ny, options);
                long free = freeBytes.applyAsLong(dir);
                if (FreeSpace.known(free) && free < need) {
                    throw new IllegalArgumentException("viewing " + file + " converts it to a bricked volume first, "
                            + MemoryEstimate.human(need) + ", in " + dir + ", whose file system has "
                            + MemoryEstimate.human(free) + " free: make room there, or give a folder with room as"
                            + " SEISWORK_JAVA_OPTS=-Djava.io.tmpdir=/a/folder");
                }
                err.println("seiswork: converting " + file + " to a bricked volume for viewing ("
                        + MemoryEstimate.human(need) + " in " + dir + (FreeSpace.known(free)
                        ? ", " + MemoryEstimate.human(free) + " free" : "") + "), its trace axis in " + z.axis()
                        + " (" + z.why() + ")...");
                err.flush();
                return options;
            }, both(ByteProgressLines.every2s("seiswork: converting " + file.getFileName(), line -> {
                err.println(line);
                err.flush();
            }), progress));
        } catch (RuntimeException e) {
            deleteQuietly(dir);  // a cancellation too
            throw e;
        }
        // Closing the view deletes the temporary volume (only this one, made here, never a user's .swv).
        VolumeSource swv;
        try {
            swv = SwvReader.open(tmp);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
        return VolumeSource.renamed(swv, file.getFileName().toString(), () -> deleteQuietly(dir));
    }

    private static ByteProgress both(ByteProgress a, ByteProgress b) {
        return (done, total) -> {
            a.onBytes(done, total);
            b.onBytes(done, total);
        };
    }

    /** Bytes of the {@code .swv} that {@code file}, a cube of {@code ny} inlines, converts to with {@code options}. */
    private static long volumeBytes(Path file, int ny, SwvWriteOptions options) {
        try (SegyReader r = SegyReader.open(file)) {
            int nx = (int) (r.traceCount() / ny);
            return BrickLayout.of(nx, ny, r.samplesPerTrace(), options.brickSize(), SwvFormat.DATA_OFFSET).fileSize();
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve("volume.swv"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // left for deleteOnExit: the conversion's own failure (or the view's close) is what matters
        }
    }

    /**
     * Refuses a SEG-Y file of Seiswork's shot gathers (a modelling run's {@code shots.sgy}) saying
     * where gathers are shown, rather than as a file that is not a cube (other files' gathers are
     * named so by the cube check's reason, {@code SegyToSwv}).
     */
    public static void refuseShotGathers(Path file) {
        if (SegyToSwv.holdsShotGathers(file)) {
            throw new IllegalArgumentException(file + " holds shot gathers (traces by shot and offset, as a modelling"
                    + " run's shots.sgy), not an image volume: view shows image volumes (.swv, or a post-stack SEG-Y"
                    + " cube such as a run's image.sgy); the desktop shows shot gathers in its Result tab after a"
                    + " modelling run (seiswork desktop SPEC.json)");
        }
    }

    /** Whether {@code name} is a SEG-Y file's ({@code .sgy} or {@code .segy}, in any case). */
    public static boolean isSegy(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".sgy") || n.endsWith(".segy");
    }
}
