package io.seiswork.core.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class BuiltinVelocityFieldTest {

    static List<Grid> grids() {
        return List.of(
                Grid.of2d(201, 101, 10),
                Grid.of3d(61, 51, 41, 50),
                new Grid(37, 29, 23, 12.5, 17.5, 9.0),
                new Grid(1, 1, 1, 5, 5, 5),          // one node: interfaces at depth 0
                new Grid(5, 1, 2, 5, 5, 5),
                new Grid(1, 9, 13, 5, 5, 5));
    }

    @ParameterizedTest
    @MethodSource("grids")
    void layeredWindowsEqualTheBuiltModelCropped(Grid g) {
        FieldWindows.assertWindowsMatch(BuiltinModels.build("layered", g), new BuiltinVelocityField("layered", g));
    }

    @ParameterizedTest
    @MethodSource("grids")
    void salt3dWindowsEqualTheBuiltModelCropped(Grid g) {
        FieldWindows.assertWindowsMatch(BuiltinModels.build("salt3d", g), new BuiltinVelocityField("salt3d", g));
    }

    @Test
    void salt3dRangeIncludesTheSaltOnlyWhereTheGridCrossesIt() {
        Grid g = Grid.of3d(61, 51, 41, 50);
        assertEquals(BuiltinModels.SALT_MPS, new BuiltinVelocityField("salt3d", g).max());
        // The columns along the x = 0 edge lie outside the body: sediments only, below 4200 m/s.
        Grid edge = new Grid(1, 51, 41, 50, 50, 50);
        VelocityModel built = BuiltinModels.build("salt3d", edge);
        BuiltinVelocityField field = new BuiltinVelocityField("salt3d", edge);
        assertTrue(field.max() < BuiltinModels.SALT_MPS, "max " + field.max());
        assertEquals(built.max(), field.max());
        assertEquals(BuiltinModels.WATER_MPS, field.min());
    }

    @Test
    void unknownNameIsRejectedNamingTheModels() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BuiltinVelocityField("marmousi", Grid.of2d(3, 3, 1)));
        assertEquals("builtin model must be one of [layered, salt3d], got \"marmousi\"", e.getMessage());
    }

    @Test
    void windowOutsideTheGridIsRejected() {
        Grid g = Grid.of2d(10, 5, 10);
        var field = new BuiltinVelocityField("layered", g);
        assertThrows(IllegalArgumentException.class, () -> field.window(8, 0, Grid.of2d(3, 5, 10)));
    }
}
