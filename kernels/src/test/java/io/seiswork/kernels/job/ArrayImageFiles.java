package io.seiswork.kernels.job;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.DepthVolumeWriter;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.volume.SwvWriteOptions;
import io.seiswork.core.volume.SwvWriter;
import io.seiswork.core.volume.VolumeAxes;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.rtm.ArrayFinish;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.ImagingCondition;
import io.seiswork.kernels.rtm.PartialImage;
import io.seiswork.kernels.rtm.StackArrays;
import java.nio.file.Path;

/**
 * The whole-array {@code FinalImage.of} and {@code ImageFiles.write} that streaming replaced,
 * kept unchanged as the reference whose values and bytes the streamed image must reproduce; and
 * the streamed image gathered into one array, for tests that look at a whole small image.
 */
public final class ArrayImageFiles {

    private ArrayImageFiles() {
    }

    /** The streamed final image of {@code stack} ({@link FinalImage}), gathered into one array. */
    public static float[] finished(ImageStacker stack, ResolvedJob job) {
        return StackArrays.finished(FinalImage.finisher(stack, job), job.spec().grid());
    }

    /** The old {@code FinalImage.of(PartialImage, ResolvedJob)}. */
    public static float[] finalImage(PartialImage stacked, ResolvedJob job) {
        JobSpec spec = job.spec();
        float[] image = ArrayFinish.finish(stacked, ImagingCondition.fromJson(spec.imaging().condition()),
                spec.imaging().laplacianFilter(), PhysicsOptions.of(spec.physics()).spaceOrder());
        ArrayFinish.mute(image, spec.grid(), FinalImage.muteDepthM(job), FinalImage.muteTaperM(job));
        return image;
    }

    /** The old {@code ImageFiles.write(Path, ResolvedJob, float[])}. */
    public static void write(Path dir, ResolvedJob job, float[] image) {
        Grid g = job.spec().grid();
        DepthVolumeWriter.write(dir.resolve(ImageFiles.IMAGE_FILE), g, image, ImageFiles.textHeader(job));
        VolumeAxes axes = new VolumeAxes(g.xAxis(), g.yAxis(), g.zAxis());
        float[] column = new float[g.nz()];
        try (SwvWriter w = SwvWriter.create(dir.resolve(ImageFiles.IMAGE_VOLUME_FILE), axes,
                SwvWriteOptions.defaultsFor(g.ny()).withValueUnit("image amplitude"))) {
            for (int iy = 0; iy < g.ny(); iy++) {
                for (int ix = 0; ix < g.nx(); ix++) {
                    System.arraycopy(image, g.index(ix, iy, 0), column, 0, g.nz());
                    w.writeColumn(column);
                }
            }
        }
    }
}
