package io.seiswork.kernels.rtm;

import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Partial images of made-up values on given windows, for tests of stacking and finishing that
 * need no migration: an image of either sign, an illumination that is a sum of squares (zero at
 * some nodes, as a migration's is outside the source's reach).
 */
public final class RandomPartialImages {

    private RandomPartialImages() {
    }

    /** One shot's partial image on {@code window}, from {@code seed}. */
    public static PartialImage on(ShotWindow window, long seed) {
        Random r = new Random(seed);
        Grid w = window.grid();
        float[] image = new float[w.points()];
        float[] illumination = new float[w.points()];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) (r.nextGaussian() * 1e-3);
            double s = r.nextGaussian();
            illumination[i] = r.nextInt(10) == 0 ? 0f : (float) (s * s * 1e-4);
        }
        return new PartialImage(w, image, illumination, 1).placedAt(window);
    }

    /**
     * Windows of {@code g} that touch each of its edges and corners, one inside and the whole grid:
     * where the placement's arithmetic and the filter's borders can go wrong.
     */
    public static List<ShotWindow> edgeWindows(Grid g) {
        int wx = Math.max(1, g.nx() / 3);
        int wy = g.is2d() ? 1 : Math.max(1, g.ny() / 3);
        int lastX = g.nx() - wx;
        int lastY = g.ny() - wy;
        List<ShotWindow> windows = new ArrayList<>();
        for (int[] at : new int[][] {{0, 0}, {lastX, 0}, {0, lastY}, {lastX, lastY}, {g.nx() / 3, g.ny() / 3}}) {
            windows.add(new ShotWindow(at[0], at[1], new Grid(wx, wy, g.nz(), g.dx(), g.dy(), g.dz())));
        }
        windows.add(new ShotWindow(0, g.ny() / 2, new Grid(g.nx(), g.ny() - g.ny() / 2, g.nz(), g.dx(), g.dy(),
                g.dz())));
        windows.add(ShotWindow.whole(g));
        return windows;
    }

    /** One partial image on each of {@link #edgeWindows}, seeds from {@code seed}. */
    public static List<PartialImage> onEdges(Grid g, long seed) {
        List<PartialImage> images = new ArrayList<>();
        for (ShotWindow w : edgeWindows(g)) {
            images.add(on(w, seed++));
        }
        return images;
    }
}
