package io.seiswork.core.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import org.junit.jupiter.api.Test;

class BuiltinModelsTest {

    @Test
    void layeredModelHasWaterOnTopAndFasterLayersBelow() {
        Grid g = Grid.of2d(201, 101, 10);
        VelocityModel m = BuiltinModels.build("layered", g);
        assertEquals(BuiltinModels.WATER_MPS, m.at(100, 0, 0));
        assertEquals(BuiltinModels.WATER_MPS, m.at(100, 0, 19)); // 190 m < 0.2 x 1000 m
        assertEquals(2000f, m.at(100, 0, 21));
        assertEquals(3000f, m.at(100, 0, 100));
        for (int iz = 1; iz < g.nz(); iz++) {
            assertTrue(m.at(100, 0, iz) >= m.at(100, 0, iz - 1), "velocity increases with depth");
        }
    }

    @Test
    void salt3dHasASaltBodyInTheMiddleAndSedimentsAtTheEdges() {
        Grid g = Grid.of3d(61, 51, 41, 50);
        VelocityModel m = BuiltinModels.build("salt3d", g);
        assertEquals(BuiltinModels.WATER_MPS, m.at(0, 0, 0));
        assertEquals(BuiltinModels.SALT_MPS, m.at(30, 25, 18), "inside the dome");
        assertTrue(m.at(2, 2, 18) < 3000, "sediments away from the body");
        int salt = 0;
        for (float v : m.values()) {
            salt += v == BuiltinModels.SALT_MPS ? 1 : 0;
        }
        double fraction = salt / (double) g.points();
        assertTrue(fraction > 0.02 && fraction < 0.2, "salt fraction " + fraction);
    }

    @Test
    void salt3dOnA2dGridIsTheMiddleSection() {
        VelocityModel m = BuiltinModels.build("salt3d", Grid.of2d(61, 41, 50));
        assertEquals(BuiltinModels.SALT_MPS, m.at(30, 0, 18));
    }

    @Test
    void unknownNameIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> BuiltinModels.build("marmousi", Grid.of2d(3, 3, 1)));
        assertTrue(e.getMessage().contains("layered"));
    }

    @Test
    void smoothingKeepsAConstantModelAndSoftensAContrast() {
        Grid g = Grid.of2d(41, 41, 10);
        VelocityModel c = VelocitySmoother.gaussian(VelocityModel.constant(g, 2000f), 50);
        assertEquals(2000f, c.min(), 1e-2);
        assertEquals(2000f, c.max(), 1e-2);

        VelocityModel step = BuiltinModels.build("layered", g);
        VelocityModel s = VelocitySmoother.gaussian(step, 30);
        float above = step.at(20, 0, 7);
        float below = step.at(20, 0, 8);
        assertTrue(above < below);
        float smoothedJump = s.at(20, 0, 8) - s.at(20, 0, 7);
        assertTrue(smoothedJump > 0 && smoothedJump < 0.3f * (below - above), "jump " + smoothedJump);
        assertTrue(s.min() >= step.min() - 1e-3 && s.max() <= step.max() + 1e-3, "no overshoot");
    }
}
