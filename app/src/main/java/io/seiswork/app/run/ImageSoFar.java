package io.seiswork.app.run;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.volume.ArrayVolume;
import io.seiswork.core.volume.VolumeAxes;
import io.seiswork.kernels.job.FinalImage;
import io.seiswork.kernels.rtm.ImageStacker;
import java.util.Locale;

/**
 * The image a migration has stacked so far, for a listener that shows it after each shot: the
 * whole image when a copy of it is cheap next to the run (at most {@value #MAX_WHOLE_NODES} nodes
 * and 2.5 % of the heap, since the copy and its resolution pyramid are not in the resolver's
 * memory plan, and the view may hold the previous one while the next is made), else its middle
 * inline. Either is finished exactly as the final image is.
 */
public final class ImageSoFar {

    /** Most nodes copied whole after each shot (128 MiB of floats). */
    static final long MAX_WHOLE_NODES = 1L << 25;

    /** Share of the heap one copy may take. */
    private static final double HEAP_SHARE = 0.025;

    private ImageSoFar() {
    }

    /** Whether the image of {@code grid} is sent whole, for a JVM of {@code maxHeapBytes}. */
    public static boolean fitsWhole(Grid grid, long maxHeapBytes) {
        return grid.nodes() <= MAX_WHOLE_NODES && grid.nodes() * Float.BYTES <= HEAP_SHARE * maxHeapBytes;
    }

    /** Sends the image after the latest shot of {@code shots} to {@code listener}. */
    public static void report(ImageStacker stack, ResolvedJob job, int shots, RunListener listener) {
        report(stack, job, shots, listener, Runtime.getRuntime().maxMemory());
    }

    /** {@link #report} for a JVM of {@code maxHeapBytes}. */
    static void report(ImageStacker stack, ResolvedJob job, int shots, RunListener listener, long maxHeapBytes) {
        Grid g = stack.grid();
        if (fitsWhole(g, maxHeapBytes)) {
            String name = String.format(Locale.ROOT, "Image after %d of %d shots", stack.shots(), shots);
            listener.imageUpdated(stack.shots(), shots, new ArrayVolume(name, new VolumeAxes(g.xAxis(), g.yAxis(), g.zAxis()),
                    FinalImage.whole(stack, job), "m", "image amplitude", 64));
        } else {
            listener.imageUpdated(stack.shots(), shots, FinalImage.inline(stack, job, g.ny() / 2));
        }
    }
}
