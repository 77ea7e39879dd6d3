package io.seiswork.kernels.engine;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.volume.GridSections;
import io.seiswork.core.volume.Slice;
import io.seiswork.kernels.engine.cpu.PaddedGrid;

/**
 * The vertical x-z section of a padded wavefield through a point, cropped to the user's grid:
 * what engines hand to a {@link io.seiswork.core.progress.WavefieldListener}. Both engines use it,
 * the CPU on its field, the GPU on the one plane it downloads.
 */
public final class WavefieldSection {

    private WavefieldSection() {
    }

    /** The user-grid y index of the section through {@code p} (nearest node; 0 in 2D). */
    public static int yIndex(Grid g, Position p) {
        if (g.is2d()) {
            return 0;
        }
        return (int) Math.max(0, Math.min(g.ny() - 1, Math.round(p.y() / g.dy())));
    }

    /**
     * The section at user y index {@code iy}.
     *
     * @param plane the padded plane at that y: {@code plane[ix * nz + iz]} over the padded x and z
     *     (for the whole padded field, pass it with {@code planeOffset} = the plane's first index)
     * @param planeOffset index in {@code plane} of padded (x 0, z 0) of the section's plane
     */
    public static Slice of(PaddedGrid g, float[] plane, int planeOffset, int iy) {
        Grid u = g.user();
        return GridSections.inline(plane, planeOffset + g.offX() * g.nz(), g.nz(), g.offZ(), u.xAxis(), u.zAxis(), iy);
    }

    /** The same from a whole padded field: the plane at user y index {@code iy}. */
    public static Slice ofField(PaddedGrid g, float[] field, int iy) {
        return of(g, field, (g.offY() + iy) * g.nx() * g.nz(), iy);
    }
}
