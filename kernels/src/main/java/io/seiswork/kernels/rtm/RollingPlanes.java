package io.seiswork.kernels.rtm;

import java.util.Arrays;

/**
 * The stacked image's planes of constant y around one plane, read from an {@link ImageStacker}
 * into {@code 2·radius + 1} plane buffers that roll: walking the planes in order reads each from
 * the stack once, however large the image; asking for one plane reads only its neighbourhood.
 */
final class RollingPlanes {

    private final ImageStacker stack;
    private final int radius;
    private final int planeNodes;
    private final float[][] buffers;
    private final int[] held;
    private final float[][] around;

    /** @param radius planes needed on each side of the one asked for */
    RollingPlanes(ImageStacker stack, int radius) {
        this.stack = stack;
        this.radius = radius;
        this.planeNodes = stack.grid().nx() * stack.grid().nz();
        this.buffers = new float[2 * radius + 1][];
        this.held = new int[2 * radius + 1];
        Arrays.fill(held, -1);
        this.around = new float[2 * radius + 1][];
    }

    /**
     * Planes {@code iy − radius .. iy + radius}: element {@code radius + k} is plane {@code iy + k},
     * null where it lies outside the grid. The array and its planes are reused by the next call.
     */
    float[][] around(int iy) {
        int ny = stack.grid().ny();
        for (int k = -radius; k <= radius; k++) {
            int p = iy + k;
            if (p < 0 || p >= ny) {
                around[radius + k] = null;
                continue;
            }
            int slot = Math.floorMod(p, buffers.length);
            if (held[slot] != p) {
                if (buffers[slot] == null) {
                    buffers[slot] = new float[planeNodes];
                }
                stack.readImage(p, buffers[slot]);
                held[slot] = p;
            }
            around[radius + k] = buffers[slot];
        }
        return around;
    }
}
