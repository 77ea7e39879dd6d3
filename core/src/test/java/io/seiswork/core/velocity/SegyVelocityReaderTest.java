package io.seiswork.core.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.SegyWriteOptions;
import io.seiswork.core.segy.SegyWriter;
import io.seiswork.core.segy.TraceHeader;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegyVelocityReaderTest {

    @TempDir
    Path dir;

    @Test
    void crosslineSortedCubeIsPlacedByItsNumbers() {
        Grid g = new Grid(4, 3, 5, 10, 10, 5);
        Path f = dir.resolve("vp.sgy");
        try (SegyWriter w = SegyWriter.create(f, SegyWriteOptions.of(g.nz(), 5000))) {
            for (int ix = 0; ix < g.nx(); ix++) {          // inlines fastest: crossline-sorted
                for (int iy = 0; iy < g.ny(); iy++) {
                    TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
                    h.setInt32(TraceHeader.INLINE, 100 + 2 * iy);
                    h.setInt32(TraceHeader.CROSSLINE, 7 + ix);
                    float[] t = new float[g.nz()];
                    for (int iz = 0; iz < g.nz(); iz++) {
                        t[iz] = 1000 + 100 * ix + 10 * iy + iz;
                    }
                    w.write(h, t);
                }
            }
        }
        VelocityModel m = SegyVelocityReader.read(f, g);
        assertEquals(1000 + 300 + 20 + 4, m.at(3, 2, 4));
        assertEquals(1000 + 100 + 0 + 2, m.at(1, 0, 2));
    }

    @Test
    void sizeMismatchNamesBothSizes() {
        Path f = dir.resolve("vp.sgy");
        try (SegyWriter w = SegyWriter.create(f, SegyWriteOptions.of(5, 4000))) {
            w.write(new TraceHeader(ByteOrder.BIG_ENDIAN), new float[5]);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> SegyVelocityReader.read(f, Grid.of2d(3, 5, 10)));
        assertEquals("file " + f + " has 1 traces of 5 samples but the grid needs 3 traces (nx 3 x ny 1) of 5 samples (nz)",
                e.getMessage());
    }

    @Test
    void readsTheVolveMigrationVelocityCube() {
        Path f = Path.of(System.getProperty("seiswork.refdata", "../../shared/refdata"),
                "segysak/volve10-migvel-depth-sub3d.sgy");
        assumeTrue(Files.isRegularFile(f), "reference data not found at " + f);
        // 18 inlines x 52 crosslines x 226 depth samples every 20 m (refdata README, section 3).
        Grid g = new Grid(52, 18, 226, 50, 50, 20);
        VelocityModel m = SegyVelocityReader.read(f, g);
        assertEquals(1480.0f, m.min(), 0.01f);
        assertEquals(4706.09f, m.max(), 0.01f);
        assertTrue(m.at(10, 5, 0) < m.at(10, 5, 225), "velocity grows with depth");
    }
}
