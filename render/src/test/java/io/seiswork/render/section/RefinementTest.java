package io.seiswork.render.section;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.ArrayVolume;
import io.seiswork.core.volume.Histogram;
import io.seiswork.core.volume.Slice;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.VolumeAxes;
import io.seiswork.core.volume.VolumeSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefinementTest {

    private static ArrayVolume volume(int nx, int ny, int nz) {
        return new ArrayVolume("t", new VolumeAxes(new Sampling(nx, 10, 0), new Sampling(ny, 10, 0), new Sampling(nz, 4, 0)),
                new float[nx * ny * nz], "m", "amplitude", 16);
    }

    /**
     * The axes of a volume too large to hold (the review's 6000 × 4000 × 1100, 119.5 GiB with its
     * pyramid), halved per level down to 64 samples as the .swv pyramid is: the level choice needs
     * the axes only.
     */
    private static VolumeSource shapeOf(int nx, int ny, int nz) {
        VolumeAxes top = new VolumeAxes(new Sampling(nx, 12.5, 0), new Sampling(ny, 12.5, 0), new Sampling(nz, 5, 0));
        java.util.List<VolumeAxes> levels = new java.util.ArrayList<>(List.of(top));
        while (Math.max(levels.getLast().x().count(), Math.max(levels.getLast().y().count(), levels.getLast().z().count())) > 64) {
            levels.add(levels.getLast().decimated());
        }
        return new VolumeSource() {
            @Override
            public String name() {
                return "shape";
            }

            @Override
            public int levels() {
                return levels.size();
            }

            @Override
            public VolumeAxes axes(int level) {
                return levels.get(level);
            }

            @Override
            public Histogram histogram() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String zUnit() {
                return "m";
            }

            @Override
            public String valueUnit() {
                return "amplitude";
            }

            @Override
            public Slice slice(SliceOrientation o, int index, int level) {
                throw new UnsupportedOperationException("the level choice reads no samples");
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void previewIsTheCoarsestLevelWithAtLeast128SamplesThenTheLevelCoveringThePixels() {
        ArrayVolume v = volume(40, 30, 600);  // z: 600, 300, 150, 75, 38, 19 -> level 2 is the coarsest >= 128
        assertEquals(List.of(2, 0), Refinement.levels(v, SliceOrientation.INLINE, 500, 400));
        assertEquals(List.of(2, 1), Refinement.levels(v, SliceOrientation.INLINE, 20, 300),
                "300 pixels down: level 1's 300 samples cover them");
        assertEquals(List.of(0), Refinement.levels(v, SliceOrientation.DEPTH, 500, 400), "a 40 x 30 depth slice is small already");
    }

    /**
     * The review's case: a 6000 x 4000 depth slice in a ~950 x 600 px plot needs level 2
     * (1500 x 1000), not level 0's 24 million samples; a screen at output scale 2 needs level 1,
     * zooming in 8 times level 0.
     */
    @Test
    void aLargeDepthSliceIsReadNoFinerThanThePlotsPixels() {
        VolumeSource v = shapeOf(6000, 4000, 1100);
        assertEquals(2, Refinement.sufficient(v, SliceOrientation.DEPTH, 950, 600));
        assertEquals(List.of(5, 2), Refinement.levels(v, SliceOrientation.DEPTH, 950, 600),
                "preview 188 x 125, then level 2");
        assertEquals(1, Refinement.sufficient(v, SliceOrientation.DEPTH, 950 * 2, 600 * 2), "output scale 2");
        assertEquals(0, Refinement.sufficient(v, SliceOrientation.DEPTH, 950 * 8, 600 * 8), "zoomed in 8 times");
        assertEquals(List.of(0), Refinement.levels(volume(40, 30, 600), SliceOrientation.DEPTH, 950 * 8, 600 * 8),
                "no level finer than 0");
        // An inline 6000 x 1100 in that plot: across wants level 2 (1500), down level 0 (1100 >= 600 only there).
        assertEquals(0, Refinement.sufficient(v, SliceOrientation.INLINE, 950, 600));
        assertEquals(1, Refinement.sufficient(v, SliceOrientation.INLINE, 950, 550));
    }

    /** A 3D plane reads no finer than the 4096-texel texture that draws it. */
    @Test
    void aPlaneOfThe3dViewStopsAtTheFinestLevelThatFitsATexture() {
        VolumeSource v = shapeOf(6000, 4000, 1100);
        assertEquals(List.of(5, 1), Refinement.textureLevels(v, SliceOrientation.DEPTH), "3000 x 2000 fits, 6000 x 4000 does not");
        assertEquals(List.of(5, 1), Refinement.textureLevels(v, SliceOrientation.INLINE), "3000 x 550");
        assertEquals(List.of(4, 0), Refinement.textureLevels(v, SliceOrientation.CROSSLINE), "4000 x 1100 fits");
        assertEquals(List.of(2, 0), Refinement.textureLevels(volume(40, 30, 600), SliceOrientation.INLINE));
    }

    @Test
    void coarseIndexCoversTheRequestedPlane() {
        ArrayVolume v = volume(40, 30, 600);
        assertEquals(149, Refinement.indexAt(v, SliceOrientation.DEPTH, 599, 2));
        assertEquals(3, Refinement.indexAt(v, SliceOrientation.INLINE, 29, 3), "clamped to the coarse level's last index");
    }
}
