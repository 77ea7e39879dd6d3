package io.seiswork.kernels.job;

import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.rtm.DepthMute;
import io.seiswork.kernels.rtm.ImageFinisher;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.ImagingCondition;
import io.seiswork.kernels.rtm.PartialImage;

/**
 * A stack of partial images to the image a migration writes: the spec's imaging condition and
 * optional Laplacian filter applied once to the whole stack ({@link ImageFinisher}), then the
 * shallow mute ({@link DepthMute}) down to the acquisition depth with a taper of half a dominant
 * wavelength. One function for the local run, its preview after each shot and the cloud worker's
 * stack, so that they cannot finish the same stack differently.
 */
public final class FinalImage {

    private FinalImage() {
    }

    /** The stack so far as the final image (a new array; the stack is not changed). */
    public static float[] of(ImageStacker stack, ResolvedJob job) {
        return of(stack.result(), job);
    }

    /**
     * The stacked partial images as the final image.
     *
     * @param stacked the sum of the shots' partial images, on the job's grid
     * @param job the resolved job (task rtm: migration velocity loaded)
     * @return the image on the job's grid ({@code Grid#index} order), a new array
     */
    public static float[] of(PartialImage stacked, ResolvedJob job) {
        JobSpec spec = job.spec();
        float[] image = ImageFinisher.finish(stacked, ImagingCondition.fromJson(spec.imaging().condition()),
                spec.imaging().laplacianFilter(), PhysicsOptions.of(spec.physics()).spaceOrder());
        DepthMute.apply(image, spec.grid(), muteDepthM(job), muteTaperM(job));
        return image;
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
     * velocity, so the mute leaves no edge of its own for the Laplacian to ring on.
     */
    public static double muteTaperM(ResolvedJob job) {
        return job.migrationVelocity().min() / (2 * job.spec().wavelet().toWavelet().dominantHz());
    }
}
