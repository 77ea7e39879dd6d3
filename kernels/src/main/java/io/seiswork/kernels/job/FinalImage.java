package io.seiswork.kernels.job;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.volume.GridSections;
import io.seiswork.core.volume.Slice;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.rtm.DepthMute;
import io.seiswork.kernels.rtm.ImageFinisher;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.ImagingCondition;
import java.util.function.Consumer;

/**
 * A stack of partial images to the image a migration writes: the spec's imaging condition and
 * optional Laplacian filter applied once to the whole stack, then the shallow mute
 * ({@link DepthMute}) down to the acquisition depth with a taper of half a dominant wavelength,
 * streamed plane by plane ({@link ImageFinisher}). One definition for the local run, its preview
 * after each shot and the cloud worker's stack, so that they cannot finish the same stack
 * differently.
 */
public final class FinalImage {

    private FinalImage() {
    }

    /**
     * The finisher of {@code job}'s image from {@code stack} (task rtm: migration velocity loaded).
     *
     * @throws IllegalArgumentException when the stack is not on the job's grid
     */
    public static ImageFinisher finisher(ImageStacker stack, ResolvedJob job) {
        JobSpec spec = job.spec();
        if (!stack.grid().equals(spec.grid())) {
            throw new IllegalArgumentException("a stack on " + stack.grid() + " for job " + spec.name() + " on "
                    + spec.grid());
        }
        return new ImageFinisher(stack, ImagingCondition.fromJson(spec.imaging().condition()),
                spec.imaging().laplacianFilter(), PhysicsOptions.of(spec.physics()).spaceOrder(),
                DepthMute.of(spec.grid(), muteDepthM(job), muteTaperM(job)));
    }

    /**
     * Streams the stack so far as the final image, column by column in SEG-Y order (y outer, x
     * inner): each column's nz values go to {@code columns} in one array, reused for the next.
     * The next planes are finished on another thread while {@code columns} takes these
     * ({@link ImageFinisher#finishAllAhead}), so writing and finishing overlap.
     */
    public static void stream(ImageStacker stack, ResolvedJob job, Consumer<float[]> columns) {
        Grid g = stack.grid();
        int nz = g.nz();
        float[] column = new float[nz];
        finisher(stack, job).finishAllAhead((iy, plane) -> {
            for (int ix = 0; ix < g.nx(); ix++) {
                System.arraycopy(plane, ix * nz, column, 0, nz);
                columns.accept(column);
            }
        });
    }

    /**
     * The stack so far as the final image, whole, in grid order (z fastest, then x, then y): the
     * desktop's live view of a migration, with the values {@link #stream} writes.
     *
     * @throws IllegalArgumentException when the grid does not fit one array
     */
    public static float[] whole(ImageStacker stack, ResolvedJob job) {
        Grid g = stack.grid();
        if (!g.fitsInArray()) {
            throw new IllegalArgumentException("an image of " + g.nodes() + " nodes does not fit one array");
        }
        float[] image = new float[(int) g.nodes()];
        int plane = g.nx() * g.nz();
        finisher(stack, job).finishAllAhead((iy, values) -> System.arraycopy(values, 0, image, iy * plane, plane));
        return image;
    }

    /**
     * The inline at y index {@code iy} of the stack so far as the final image (the preview after
     * each shot): only that plane is finished, from its neighbours, with the values it has in
     * {@link #stream}.
     */
    public static Slice inline(ImageStacker stack, ResolvedJob job, int iy) {
        Grid g = stack.grid();
        float[] plane = finisher(stack, job).finishPlane(iy);
        return GridSections.inline(plane, 0, g.nz(), 0, g.xAxis(), g.zAxis(), iy);
    }

    /**
     * Depth of the mute in metres: that of the deepest source or receiver. Above it the image is
     * source and receiver artefacts, not reflectors.
     */
    public static double muteDepthM(ResolvedJob job) {
        double z = 0;
        for (var p : job.geometry().sources()) {
            z = Math.max(z, p.z());
        }
        for (var p : job.geometry().receivers()) {
            z = Math.max(z, p.z());
        }
        return z;
    }

    /**
     * Length of the mute's taper in metres: half a dominant wavelength at the slowest migration
     * velocity, so the mute leaves no edge of its own for the Laplacian to ring on. For a smoothed
     * migration velocity the slowest of the model smoothed (no faster, and known without
     * smoothing a survey's whole grid), so that a job in memory and out of core mute alike.
     */
    public static double muteTaperM(ResolvedJob job) {
        return job.slowestMigrationVelocityBound() / (2 * job.spec().wavelet().toWavelet().dominantHz());
    }
}
