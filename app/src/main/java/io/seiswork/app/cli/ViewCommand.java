package io.seiswork.app.cli;

import io.seiswork.app.desktop.ViewerApplication;
import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.s3.S3Location;
import io.seiswork.cloud.s3.S3RangeReader;
import io.seiswork.core.files.IoProblems;
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
import io.seiswork.render.color.ColorMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code seiswork view VOLUME}: opens a volume in the desktop viewer (3D slices and sections). A
 * {@code .swv} opens at once; an {@code s3://} {@code .swv} is read by ranged GETs (AWS default
 * credential chain and region); a post-stack SEG-Y cube is first converted to a temporary
 * {@code .swv} (streaming), deleted when the viewer closes, after a check of the temporary
 * folder's free space and with progress lines. Why not show slices straight from the SEG-Y file
 * ({@code SegySlices}, the baseline of {@code bench-volume slices}): a depth slice of a cube is
 * one sample of every trace, a read of the whole file each time the slider moves, and the
 * viewer's overview needs the resolution pyramid the {@code .swv} holds.
 */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = {"Open a volume (.swv, s3://.../x.swv, or a post-stack SEG-Y cube) in the 3D and section viewer.",
            "Needs a display; credentials for s3:// come from the AWS default chain (profile, environment, role)."})
public final class ViewCommand implements Callable<Integer> {

    /** Bricks kept decoded in memory while viewing. */
    private static final long CACHE_BYTES = 1L << 30;

    @Parameters(index = "0", arity = "0..1", paramLabel = "VOLUME", description = "image.swv, s3://bucket/key.swv, or image.sgy")
    String volume;

    @Option(names = "--job", paramLabel = "JOB", description = {"Instead of VOLUME: a finished cloud job's image.swv, "
            + "read in place by ranged GETs (nothing downloaded); with --cloud local|aws."})
    String job;

    @Mixin
    CloudOptions cloud;

    @Option(names = "--color-map", paramLabel = "gray|seismic|viridis", converter = ColorMapName.class,
            defaultValue = "seismic", description = "Start colour map (default ${DEFAULT-VALUE}).")
    ColorMap colorMap;

    @Option(names = "--z-unit", paramLabel = SegyZUnit.VALUES, defaultValue = "auto", converter = SegyZUnit.Converter.class,
            description = {"Trace axis of a SEG-Y VOLUME: m (depth), s (time), or auto: depth when its text header"
                + " says so in a phrase (DEPTH IMAGE, Depth min:, PSDM) and never time, else time (SEG-Y has no"
                + " field for it). Default: ${DEFAULT-VALUE}."})
    String zUnit;

    @Option(names = "--snapshot", paramLabel = "PNG",
            description = "Write the window to PNG once every view is drawn at full resolution, then exit (for reports).")
    Path snapshot;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ColorMap map = colorMap;
        if ((volume == null) == (job == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give a VOLUME or --job JOB (one of them), got " + (volume == null ? "neither" : "both"));
        }
        if (job != null) {
            JobId id = CloudOptions.jobId(spec, job);
            CloudSettings s = cloud.settings();
            try (CloudClients clients = CloudClients.forUser(s)) {
                VolumeSource source = jobImage(clients, id);
                DisplayCheck.require("seiswork view");
                DisplayCheck.show("seiswork view", () -> ViewerApplication.show(source, map, snapshot));
            } catch (SdkClientException e) {
                throw CloudOptions.unreachable(s, e);
            }
            reportSnapshot();
            return 0;
        }
        if (!volume.startsWith("s3://")) {
            requireRegularFile(Path.of(volume));
        }
        if (!volume.startsWith("s3://") && isSegy(volume)) {
            refuseShotGathers(Path.of(volume));  // before the display: it cannot be viewed on any
        }
        DisplayCheck.require("seiswork view");
        VolumeSource source = open();
        DisplayCheck.show("seiswork view", () -> ViewerApplication.show(source, map, snapshot));
        reportSnapshot();
        return 0;
    }

    /** Refuses {@code file} unless it is a regular file, saying what it is instead: missing, a folder, or another kind. */
    private static void requireRegularFile(Path file) {
        if (Files.isRegularFile(file)) {
            return;
        }
        IoProblems.NotARegularFile what = IoProblems.NotARegularFile.of(file);
        throw new IllegalArgumentException("volume " + file + " " + what.words() + switch (what) {
            case FOLDER -> ", not a volume file (.swv, .sgy or .segy)";
            case OTHER -> ", not a volume file";
            case MISSING -> "";
        });
    }

    /** A finished cloud job's image, opened in place by ranged GETs through the stack's clients. */
    static VolumeSource jobImage(CloudClients clients, JobId id) {
        S3Location where = Dispatcher.of(clients).output(id, "image.swv");
        return SwvReader.open(S3RangeReader.open(clients.s3(), where), CACHE_BYTES);
    }

    private void reportSnapshot() {
        if (snapshot != null) {
            spec.commandLine().getErr().println("seiswork: wrote " + snapshot);
        }
    }

    private VolumeSource open() {
        if (volume.startsWith("s3://")) {
            S3Location where = S3Location.parse(volume);
            S3Client s3 = S3Client.create();
            return SwvReader.open(S3RangeReader.open(s3, where), CACHE_BYTES);
        }
        Path file = Path.of(volume);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".swv")) {
            return SwvReader.open(file);
        }
        if (isSegy(name)) {
            return openSegy(file, zUnit, spec.commandLine().getErr());
        }
        throw new IllegalArgumentException("volume must be a .swv, .sgy or .segy file or an s3:// .swv, got " + volume);
    }

    /**
     * A post-stack SEG-Y cube converted to a temporary {@code .swv} (deleted on exit) and opened
     * under the SEG-Y file's name, its trace axis in {@code zUnit} ({@link SegyZUnit}: "auto" guesses
     * from its text header), saying on {@code err} which it took and how to choose the other.
     */
    static VolumeSource openSegy(Path file, String zUnit, java.io.PrintWriter err) {
        return openSegy(file, zUnit, err, Path.of(System.getProperty("java.io.tmpdir")), FreeSpace::usable);
    }

    /**
     * As {@link #openSegy(Path, String, java.io.PrintWriter)}, the temporary volume in a new folder
     * under {@code tempRoot}. The volume is as large as the cube (a 100 GB image needs about 100 GB
     * more), so before the first byte is written its size is checked against {@code freeBytes} of
     * that folder (0: the file system does not say, {@link FreeSpace}) and the conversion, a read
     * of the whole cube, says how far it is on {@code err} every 2 s past 64 MiB.
     *
     * @throws IllegalArgumentException when the folder has less room than the volume needs, naming
     *     both and how to choose another folder
     */
    static VolumeSource openSegy(Path file, String zUnit, java.io.PrintWriter err, Path tempRoot,
            ToLongFunction<Path> freeBytes) {
        return openSegy(file, zUnit, err, tempRoot, freeBytes, ByteProgress.NONE);
    }

    /**
     * As {@link #openSegy(Path, String, java.io.PrintWriter)}, also telling {@code progress} the
     * bytes converted (the desktop's progress bar); {@code progress} may stop the conversion by
     * throwing {@link java.util.concurrent.CancellationException}, which leaves no file behind.
     */
    public static VolumeSource openSegy(Path file, String zUnit, java.io.PrintWriter err, ByteProgress progress) {
        return openSegy(file, zUnit, err, Path.of(System.getProperty("java.io.tmpdir")), FreeSpace::usable, progress);
    }

    private static VolumeSource openSegy(Path file, String zUnit, java.io.PrintWriter err, Path tempRoot,
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
        return VolumeSource.renamed(SwvReader.open(tmp), file.getFileName().toString());
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
            // left for deleteOnExit: the conversion's own failure is what the user needs to hear
        }
    }

    /**
     * Refuses a SEG-Y file of Seiswork's shot gathers (a modelling run's {@code shots.sgy}) saying
     * where gathers are shown, rather than as a file that is not a cube (other files' gathers are
     * named so by the cube check's reason, {@code SegyToSwv}).
     */
    static void refuseShotGathers(Path file) {
        if (SegyToSwv.holdsShotGathers(file)) {
            throw new IllegalArgumentException(file + " holds shot gathers (traces by shot and offset, as a modelling"
                    + " run's shots.sgy), not an image volume: view shows image volumes (.swv, or a post-stack SEG-Y"
                    + " cube such as a run's image.sgy); the desktop shows shot gathers in its Result tab after a"
                    + " modelling run (seiswork desktop SPEC.json)");
        }
    }

    /** Whether {@code name} is a SEG-Y file's, as {@link #open} takes them. */
    private static boolean isSegy(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".sgy") || n.endsWith(".segy");
    }

    /** {@code --color-map NAME}: a colour map by its name, as the desktop names them, in any case. */
    static final class ColorMapName implements picocli.CommandLine.ITypeConverter<ColorMap> {
        @Override
        public ColorMap convert(String value) {
            for (ColorMap m : ColorMap.values()) {
                if (m.name().equalsIgnoreCase(value)) {
                    return m;
                }
            }
            throw new OptionValues.Refused(OptionValues.message("--color-map", "gray, seismic or viridis", value));
        }
    }
}
