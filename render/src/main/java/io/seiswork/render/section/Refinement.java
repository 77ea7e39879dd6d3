package io.seiswork.render.section;

import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.VolumeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Which pyramid levels a view loads for one slice, coarse first: a preview, the coarsest level
 * whose slice is still at least {@value #PREVIEW_PIXELS} samples on its longer side (it shows at
 * once, read from few bricks), then the <em>sufficient</em> level: the coarsest whose slice has at
 * least as many samples as the view has device pixels for it, on both axes. Nothing finer is read:
 * on a 6000 × 4000 × 1100 volume a level-0 depth slice is 5 922 bricks (5.8 GiB) for a plot of
 * ~950 device pixels, which level 2 (1500 × 1000, 384 bricks) already covers. Zooming in asks for
 * more pixels, and so for a finer level.
 */
public final class Refinement {

    /** Longer side of the preview slice, in samples. */
    public static final int PREVIEW_PIXELS = 128;

    /**
     * Longest side of a texture the 3D view can draw, in texels: JavaFX's es2 pipeline caps
     * textures at 4096; a plane is never read finer than the coarsest level that fits it.
     */
    public static final int MAX_TEXTURE = 4096;

    private Refinement() {
    }

    /**
     * The levels to load for a slice of orientation {@code o} drawn over {@code pixelsAcross} ×
     * {@code pixelsDown} device pixels (the whole slice's, zoom and screen scale included), coarse
     * first, ending with the sufficient level ({@link #sufficient}).
     */
    public static List<Integer> levels(VolumeSource v, SliceOrientation o, double pixelsAcross, double pixelsDown) {
        return withPreview(v, o, sufficient(v, o, pixelsAcross, pixelsDown));
    }

    /**
     * The coarsest level of {@code v} whose slice of orientation {@code o} has at least
     * {@code pixelsAcross} samples across and {@code pixelsDown} down (level 0 when none has).
     */
    public static int sufficient(VolumeSource v, SliceOrientation o, double pixelsAcross, double pixelsDown) {
        for (int l = v.levels() - 1; l > 0; l--) {
            var a = v.axes(l);
            if (a.across(o).count() >= pixelsAcross && a.down(o).count() >= pixelsDown) {
                return l;
            }
        }
        return 0;
    }

    /**
     * The levels for a plane of the 3D view, coarse first: ending with the finest level whose
     * slice fits a texture ({@link #MAX_TEXTURE} on both sides), level 0 when it fits.
     */
    public static List<Integer> textureLevels(VolumeSource v, SliceOrientation o) {
        int last = 0;
        while (last < v.levels() - 1 && longerSide(v, o, last) > MAX_TEXTURE) {
            last++;
        }
        return withPreview(v, o, last);
    }

    /** The preview (when coarser than {@code last}), then {@code last}. */
    private static List<Integer> withPreview(VolumeSource v, SliceOrientation o, int last) {
        List<Integer> out = new ArrayList<>();
        for (int l = v.levels() - 1; l > last; l--) {
            if (longerSide(v, o, l) >= PREVIEW_PIXELS) {
                out.add(l);
                break;
            }
        }
        out.add(last);
        return out;
    }

    private static int longerSide(VolumeSource v, SliceOrientation o, int level) {
        var a = v.axes(level);
        return Math.max(a.across(o).count(), a.down(o).count());
    }

    /** Index at {@code level} of the plane at level-0 index {@code index0} (the coarse sample covering it). */
    public static int indexAt(VolumeSource v, SliceOrientation o, int index0, int level) {
        return Math.min(index0 >> level, v.axes(level).normal(o).count() - 1);
    }
}
