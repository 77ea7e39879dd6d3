package io.seiswork.render.section;

import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.VolumeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Which pyramid levels a view loads for one slice, coarse first: the coarsest level whose slice
 * is still at least {@value #PREVIEW_PIXELS} samples on its longer side (a preview that shows at
 * once, read from few bricks), then level 0.
 */
public final class Refinement {

    /** Longer side of the preview slice, in samples. */
    public static final int PREVIEW_PIXELS = 128;

    private Refinement() {
    }

    /** The levels to load for a slice of orientation {@code o}, coarse first, ending with 0. */
    public static List<Integer> levels(VolumeSource v, SliceOrientation o) {
        int coarse = 0;
        for (int l = v.levels() - 1; l > 0; l--) {
            var a = v.axes(l);
            if (Math.max(a.across(o).count(), a.down(o).count()) >= PREVIEW_PIXELS) {
                coarse = l;
                break;
            }
        }
        List<Integer> out = new ArrayList<>();
        if (coarse > 0) {
            out.add(coarse);
        }
        out.add(0);
        return out;
    }

    /** Index at {@code level} of the plane at level-0 index {@code index0} (the coarse sample covering it). */
    public static int indexAt(VolumeSource v, SliceOrientation o, int index0, int level) {
        return Math.min(index0 >> level, v.axes(level).normal(o).count() - 1);
    }
}
