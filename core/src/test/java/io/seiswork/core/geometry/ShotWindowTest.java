package io.seiswork.core.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A shot's window: its extent, its frame, and the model cut to it. */
class ShotWindowTest {

    private static Shot shot(Position source, Position... receivers) {
        return new Shot(1, source, List.of(receivers));
    }

    @Test
    void theWindowSpansSourceAndReceiversPlusTheApertureClippedToTheGrid() {
        Grid g = Grid.of3d(200, 100, 30, 10);
        Shot s = shot(new Position(1000, 500, 20), new Position(800, 450, 20), new Position(1234, 520, 20));
        ShotWindow w = ShotWindow.of(g, s, 300.0);
        // x: 800 - 300 = 500 m (node 50) .. 1234 + 300 = 1534 m (node 154, rounded outward)
        assertEquals(50, w.x0());
        assertEquals(154 - 50 + 1, w.grid().nx());
        // y: 450 - 300 = 150 m (node 15) .. 520 + 300 = 820 m (node 82)
        assertEquals(15, w.y0());
        assertEquals(82 - 15 + 1, w.grid().ny());
        assertEquals(g.nz(), w.grid().nz());

        ShotWindow edge = ShotWindow.of(g, shot(new Position(50, 30, 20), new Position(1980, 980, 20)), 300.0);
        assertEquals(0, edge.x0());
        assertEquals(0, edge.y0());
        assertEquals(g, edge.grid(), "clipped to the grid on every side, it is the whole grid");
        assertEquals(true, edge.isWhole(g));
    }

    @Test
    void in2dOnlyXIsWindowed() {
        Grid g = Grid.of2d(300, 50, 10);
        ShotWindow w = ShotWindow.of(g, shot(new Position(1500, 0, 20), new Position(1400, 0, 20)), 200.0);
        assertEquals(120, w.x0());
        assertEquals(0, w.y0());
        assertEquals(1, w.grid().ny());
        assertEquals(170 - 120 + 1, w.grid().nx());
    }

    @Test
    void withoutAnApertureTheWindowIsTheWholeGridAndNothingIsCopied() {
        Grid g = Grid.of2d(30, 20, 10);
        VelocityModel m = VelocityModel.constant(g, 2000);
        Shot s = shot(new Position(100, 0, 20), new Position(120, 0, 20));
        ShotWindow w = ShotWindow.of(g, s, null);
        assertEquals(ShotWindow.whole(g), w);
        assertSame(m, w.crop(m));
        assertSame(s, w.local(s));
    }

    @Test
    void positionsMoveIntoTheWindowsFrameAndTheModelIsCutColumnByColumn() {
        Grid g = Grid.of3d(40, 30, 8, 5);
        float[] v = new float[g.points()];
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int ix = 0; ix < g.nx(); ix++) {
                for (int iz = 0; iz < g.nz(); iz++) {
                    v[g.index(ix, iy, iz)] = 1000 + 100 * ix + 10 * iy + iz;
                }
            }
        }
        VelocityModel m = new VelocityModel(g, v);
        Shot s = shot(new Position(100, 80, 10), new Position(110, 90, 15));
        ShotWindow w = ShotWindow.of(g, s, 20.0);
        assertEquals(16, w.x0());
        assertEquals(12, w.y0());
        VelocityModel cut = w.crop(m);
        for (int iy = 0; iy < w.grid().ny(); iy++) {
            for (int ix = 0; ix < w.grid().nx(); ix++) {
                for (int iz = 0; iz < g.nz(); iz++) {
                    assertEquals(m.at(w.x0() + ix, w.y0() + iy, iz), cut.at(ix, iy, iz));
                }
            }
        }
        Shot local = w.local(s);
        assertEquals(new Position(100 - 16 * 5, 80 - 12 * 5, 10), local.source());
        assertEquals(new Position(110 - 16 * 5, 90 - 12 * 5, 15), local.receivers().get(0));
        // The same node in both frames has the same velocity.
        assertEquals(m.at(20, 16, 2), cut.at((int) (local.source().x() / 5), (int) (local.source().y() / 5), 2));
    }

    @Test
    void theLargestWindowIsTheOneWithMostNodes() {
        Grid g = Grid.of2d(300, 50, 10);
        Shot atEdge = shot(new Position(50, 0, 20), new Position(100, 0, 20));
        Shot inMiddle = shot(new Position(1500, 0, 20), new Position(1600, 0, 20));
        assertEquals(ShotWindow.of(g, inMiddle, 500.0), ShotWindow.largest(g, List.of(atEdge, inMiddle), 500.0));
    }

    @Test
    void theSummarySaysHowMuchOfTheModelTheShotsCompute() {
        Grid g = Grid.of2d(401, 50, 10);
        Shot atEdge = shot(new Position(0, 0, 20), new Position(100, 0, 20));
        Shot inMiddle = shot(new Position(2000, 0, 20), new Position(2300, 0, 20));
        // At the edge: 0 .. 100 + 500 m = 61 columns; in the middle: 1500 .. 2800 m = 131 columns.
        assertEquals("aperture 500 m: each shot on 61 to 131 of the 401 columns (mean 24 % of the model)",
                ShotWindow.summary(g, List.of(atEdge, inMiddle), 500));
        // A survey: 91 x 81 of its 4700 x 4700 columns are 0.033 %, not "0 %".
        Grid survey = Grid.of3d(4700, 4700, 10, 10);
        Shot small = shot(new Position(23000, 23000, 20), new Position(23500, 23400, 20));
        assertEquals("aperture 200 m: each shot on 7371 of the 4700 x 4700 columns (mean 0.033 % of the model)",
                ShotWindow.summary(survey, List.of(small), 200));
    }

    @Test
    void aNonPositiveApertureOrAWindowOutsideTheGridIsRefused() {
        Grid g = Grid.of2d(30, 20, 10);
        Shot s = shot(new Position(100, 0, 20), new Position(120, 0, 20));
        assertThrows(IllegalArgumentException.class, () -> ShotWindow.of(g, s, 0.0));
        assertThrows(IllegalArgumentException.class, () -> ShotWindow.of(g, s, Double.NaN));
        ShotWindow tooWide = new ShotWindow(20, 0, Grid.of2d(20, 20, 10));
        assertThrows(IllegalArgumentException.class, () -> tooWide.crop(VelocityModel.constant(g, 1500)));
    }
}
