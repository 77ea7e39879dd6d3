package io.seiswork.app.cli;

import io.seiswork.app.desktop.ViewerApplication;
import io.seiswork.app.volume.SegyViewVolume;
import io.seiswork.app.volume.SegyZUnit;
import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.s3.S3Location;
import io.seiswork.cloud.s3.S3RangeReader;
import io.seiswork.core.files.IoProblems;
import io.seiswork.core.volume.SwvReader;
import io.seiswork.core.volume.VolumeSource;
import io.seiswork.render.color.ColorMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
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
 * viewer's overview needs the resolution pyramid the {@code .swv} holds ({@link SegyViewVolume}).
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

    @Option(names = "--z-unit", paramLabel = SegyZUnit.VALUES, defaultValue = "auto", converter = ZUnitOption.class,
            description = {"Trace axis of a SEG-Y VOLUME: m (depth), s (time), or auto: depth when its text header"
                + " says so in a phrase (DEPTH IMAGE, Depth min:, PSDM) and never time, else time (SEG-Y has no"
                + " field for it). Default: ${DEFAULT-VALUE}."})
    String zUnit;

    @Option(names = "--snapshot", paramLabel = "PNG",
            description = "Write the window to PNG once every view on screen is drawn at the pyramid level its"
                    + " size and zoom read (not full resolution), then exit (for reports).")
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
        if (!volume.startsWith("s3://") && SegyViewVolume.isSegy(volume)) {
            SegyViewVolume.refuseShotGathers(Path.of(volume));  // before the display: it cannot be viewed on any
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
        if (SegyViewVolume.isSegy(name)) {
            return SegyViewVolume.openSegy(file, zUnit, spec.commandLine().getErr());
        }
        throw new IllegalArgumentException("volume must be a .swv, .sgy or .segy file or an s3:// .swv, got " + volume);
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
