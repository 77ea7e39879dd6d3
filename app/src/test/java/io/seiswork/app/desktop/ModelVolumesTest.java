package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.BuiltinVelocityField;
import io.seiswork.core.velocity.VelocityField;
import io.seiswork.core.volume.ArrayVolume;
import io.seiswork.core.volume.SliceOrientation;
import org.junit.jupiter.api.Test;

/** A survey's model drawn at every s-th node: the same values at the same places, within the cell budget. */
class ModelVolumesTest {

    @Test
    void everySthNodeHoldsTheFieldsValueThere() {
        Grid g = new Grid(101, 37, 61, 25, 20, 10);
        VelocityField salt = new BuiltinVelocityField("salt3d", g);
        ArrayVolume v = ModelVolumes.decimated("salt", salt, 3_000);
        int s = ModelVolumes.step(g, 3_000);
        assertEquals(5, s, "every 4th node: 26 x 10 x 16 = 4,160 cells, over 3,000; every 5th: 21 x 8 x 13 = 2,184");
        assertEquals("salt, every 5th node", v.name());
        assertEquals(21, v.axes(0).x().count());
        assertEquals(8, v.axes(0).y().count());
        assertEquals(13, v.axes(0).z().count());
        assertEquals(125.0, v.axes(0).x().delta());
        assertEquals(100.0, v.axes(0).y().delta());
        float[] whole = salt.whole().values();
        for (int j = 0; j < 8; j++) {
            float[] inline = v.slice(SliceOrientation.INLINE, j, 0).values();  // rows down (z), across x
            for (int i = 0; i < 21; i++) {
                for (int k = 0; k < 13; k++) {
                    float expected = whole[((j * s) * g.nx() + i * s) * g.nz() + k * s];
                    assertEquals(expected, inline[k * 21 + i], "node " + i + ", " + j + ", " + k);
                }
            }
        }
        assertTrue((long) 21 * 8 * 13 <= 3_000);
    }

    @Test
    void theStepIsTheSmallestWithinTheBudget() {
        Grid survey = new Grid(4700, 4700, 100, 10, 10, 10);
        assertEquals(6, ModelVolumes.step(survey, ModelVolumes.MAX_DECIMATED_CELLS), "784 x 784 x 17 = 10.4 M; every 5th 17.7 M");
        assertEquals(2, ModelVolumes.step(new Grid(10, 1, 10, 1, 1, 1), 1000));
    }
}
