package io.seiswork.kernels.rtm;

import io.seiswork.core.grid.Grid;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.IntStream;

/**
 * Turns a stack of partial images into the final image: the optional {@link LaplacianFilter} on
 * the cross-correlation, then the {@link ImagingCondition}'s normalisation by the stacked
 * illumination (applied once, after stacking, so that it is global and not per shot), then a
 * {@link DepthMute}.
 *
 * <p>Streamed plane by plane (planes of constant y, in order): only {@code 2·w + 1} planes of the
 * stacked image (w the filter's reach, {@link LaplacianFilter#radius}: half its order and at least
 * 2; 0 without it), one of illumination and the finished one
 * are in memory, whatever the size of the grid. One plane alone ({@link #finishPlane}) is finished
 * from its neighbourhood only, by the same code, so a preview is the same plane of the final image
 * to the bit. Each node's value goes through the same float operations in the same order however
 * the image is cut: the filter's double sum, the division by {@code U + ε}, the mute's weight.
 */
public final class ImageFinisher {

    /** Receives the finished planes in order; the array is reused for the next plane. */
    @FunctionalInterface
    public interface PlaneSink {
        /**
         * @param iy the plane's y index
         * @param plane nx · nz finished values, z contiguous, then x
         */
        void accept(int iy, float[] plane);
    }

    private final ImageStacker stack;
    private final boolean normalised;
    private final LaplacianFilter filter;
    private final DepthMute mute;
    private final int planeNodes;

    /**
     * @param stack summed image and illumination
     * @param condition plain or source-normalised cross-correlation
     * @param laplacian whether to apply {@code −∇²}
     * @param order stencil order of the Laplacian (2, 4 or 8)
     * @param mute the mute applied last ({@link DepthMute#none()} for none)
     */
    public ImageFinisher(ImageStacker stack, ImagingCondition condition, boolean laplacian, int order, DepthMute mute) {
        Grid g = stack.grid();
        this.stack = stack;
        this.normalised = condition == ImagingCondition.SOURCE_NORMALIZED;
        this.filter = laplacian ? new LaplacianFilter(g, order) : null;
        this.mute = mute;
        this.planeNodes = g.nx() * g.nz();
    }

    /**
     * Finishes every plane of the stack as it is now, y = 0 first, each handed to {@code sink}.
     */
    public void finishAll(PlaneSink sink) {
        RollingPlanes planes = new RollingPlanes(stack, radius());
        Scratch s = new Scratch();
        for (int iy = 0; iy < stack.grid().ny(); iy++) {
            finish(iy, planes.around(iy), s);
            sink.accept(iy, s.out);
        }
    }

    /**
     * As {@link #finishAll}, with the next planes finished on another thread while {@code sink}
     * takes this one: writing a survey's image (disk) and finishing it (arithmetic) then overlap.
     * Planes reach {@code sink} in order, on the calling thread, each in an array reused once
     * {@code sink} returns; besides the one {@code sink} holds, at most {@value #AHEAD} finished
     * planes wait and one more is being finished. An exception on either side stops both and is
     * thrown here; the other thread has ended when this returns.
     */
    public void finishAllAhead(PlaneSink sink) {
        int ny = stack.grid().ny();
        if (ny < 2) {
            finishAll(sink);
            return;
        }
        BlockingQueue<float[]> free = new ArrayBlockingQueue<>(AHEAD + 1);
        BlockingQueue<Object> done = new ArrayBlockingQueue<>(AHEAD + 2);  // planes, then perhaps a Throwable
        for (int i = 0; i <= AHEAD; i++) {
            free.add(new float[planeNodes]);
        }
        Thread finisher = Thread.ofPlatform().name("image-finish").daemon().start(() -> {
            try {
                RollingPlanes planes = new RollingPlanes(stack, radius());
                Scratch s = new Scratch();
                for (int iy = 0; iy < ny; iy++) {
                    finish(iy, planes.around(iy), s);
                    float[] plane = free.take();
                    System.arraycopy(s.out, 0, plane, 0, planeNodes);
                    done.put(plane);
                }
            } catch (InterruptedException e) {
                // The caller stopped taking planes.
            } catch (Throwable t) {
                done.offer(t);  // room is kept for it: AHEAD + 1 planes at most are waiting
            }
        });
        try {
            for (int iy = 0; iy < ny; iy++) {
                Object next = done.take();
                if (next instanceof RuntimeException e) {
                    throw e;
                }
                if (next instanceof Error e) {
                    throw e;
                }
                if (next instanceof Throwable t) {
                    throw new IllegalStateException("finishing the image failed: " + t, t);
                }
                float[] plane = (float[]) next;
                sink.accept(iy, plane);
                free.put(plane);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finishing the image", e);
        } finally {
            finisher.interrupt();
            // Wait for it even when this thread is interrupted: the caller closes the stack it reads next.
            boolean interrupted = false;
            while (finisher.isAlive()) {
                try {
                    finisher.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Finished planes {@link #finishAllAhead} keeps waiting for its sink. */
    public static final int AHEAD = 2;

    /**
     * Finishes plane y = {@code iy} alone, from the stacked planes {@code iy − r .. iy + r}: the
     * same values as that plane of {@link #finishAll}.
     *
     * @return nx · nz values, z contiguous, then x
     */
    public float[] finishPlane(int iy) {
        if (iy < 0 || iy >= stack.grid().ny()) {
            throw new IllegalArgumentException("plane y = " + iy + " outside 0 .. " + (stack.grid().ny() - 1));
        }
        Scratch s = new Scratch();
        finish(iy, new RollingPlanes(stack, radius()).around(iy), s);
        return s.out;
    }

    private int radius() {
        return filter == null ? 0 : filter.radius();
    }

    /** The arrays one pass reuses from plane to plane. */
    private final class Scratch {
        final float[] out = new float[planeNodes];
        final float[] illumination = normalised ? new float[planeNodes] : null;
        final float max = normalised ? stack.maxIllumination() : 0;
        final float eps = (float) (ImagingCondition.STABILISATION * max);
    }

    private void finish(int iy, float[][] around, Scratch s) {
        boolean divide = normalised && s.max > 0;
        if (divide) {
            stack.readIllumination(iy, s.illumination);
        }
        int nx = stack.grid().nx();
        int columnsPerPart = Math.max(1, PART_NODES / stack.grid().nz());
        int parts = (nx + columnsPerPart - 1) / columnsPerPart;
        if (parts == 1) {
            finishColumns(iy, around, s, divide, 0, nx);
        } else {
            // Columns are independent: parts of a large plane are finished on all cores at once,
            // each node by the same operations as alone.
            IntStream.range(0, parts).parallel().forEach(p -> finishColumns(iy, around, s, divide,
                    p * columnsPerPart, Math.min(nx, (p + 1) * columnsPerPart)));
        }
    }

    /** Nodes of a plane below which it is finished on the calling thread alone, and the size of the parts above. */
    static final int PART_NODES = 1 << 18;

    private void finishColumns(int iy, float[][] around, Scratch s, boolean divide, int ixFrom, int ixTo) {
        float[] img = s.out;
        int nz = stack.grid().nz();
        int from = ixFrom * nz;
        int to = ixTo * nz;
        if (filter != null) {
            filter.applyToColumns(around, iy, img, ixFrom, ixTo);
        } else {
            System.arraycopy(around[0], from, img, from, to - from);
        }
        if (divide) {
            float[] u = s.illumination;
            float eps = s.eps;
            for (int i = from; i < to; i++) {
                img[i] /= (u[i] + eps);
            }
        }
        mute.apply(img, ixFrom, ixTo);
    }
}
