package io.seiswork.render.section;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.ArrayVolume;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.VolumeAxes;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefinementTest {

    private static ArrayVolume volume(int nx, int ny, int nz) {
        return new ArrayVolume("t", new VolumeAxes(new Sampling(nx, 10, 0), new Sampling(ny, 10, 0), new Sampling(nz, 4, 0)),
                new float[nx * ny * nz], "m", "amplitude", 16);
    }

    @Test
    void previewIsTheCoarsestLevelWithAtLeast128SamplesThenLevelZero() {
        ArrayVolume v = volume(40, 30, 600);  // z: 600, 300, 150, 75, 38, 19 -> level 2 is the coarsest >= 128
        assertEquals(List.of(2, 0), Refinement.levels(v, SliceOrientation.INLINE));
        assertEquals(List.of(0), Refinement.levels(v, SliceOrientation.DEPTH), "a 40 x 30 depth slice is small already");
    }

    @Test
    void coarseIndexCoversTheRequestedPlane() {
        ArrayVolume v = volume(40, 30, 600);
        assertEquals(149, Refinement.indexAt(v, SliceOrientation.DEPTH, 599, 2));
        assertEquals(3, Refinement.indexAt(v, SliceOrientation.INLINE, 29, 3), "clamped to the coarse level's last index");
    }
}
