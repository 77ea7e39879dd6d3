package io.seiswork.core.velocity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.SegyGeometry;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.SegyWriteOptions;
import io.seiswork.core.segy.SegyWriter;
import io.seiswork.core.segy.TraceHeader;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegyVelocityFieldTest {

    private static final Grid G3 = new Grid(11, 7, 9, 10, 10, 5);
    private static final Grid G2 = new Grid(19, 1, 9, 10, 10, 5);

    @TempDir
    Path dir;

    /** One trace: the column (ix, iy) it holds and the numbers in its header. */
    private record Trace(int ix, int iy, int inline, int crossline) { }

    @Test
    void crosslineSortedCubeWithFallingInlinesIsPlacedByItsNumbers() throws IOException {
        VelocityModel m = FieldWindows.random(G3, 1, 1400, 4600);
        List<Trace> traces = new ArrayList<>();
        for (int ix = 0; ix < G3.nx(); ix++) {            // inlines fastest: crossline-sorted
            for (int iy = G3.ny() - 1; iy >= 0; iy--) {   // inline numbers falling in the file
                traces.add(new Trace(ix, iy, 100 + 2 * iy, 7 + 3 * ix));
            }
        }
        Path f = write(m, traces);
        assertEquals(SegyGeometry.Sorting.CROSSLINE_SORTED, geometry(f).sorting());
        FieldWindows.assertSameBits(m, SegyVelocityReader.read(f, G3), "whole, read by numbers");
        FieldWindows.assertWindowsMatch(m, SegyVelocityField.open(f, G3));
    }

    @Test
    void inlineSortedCubeInColumnOrderIsPlacedByItsNumbers() throws IOException {
        VelocityModel m = FieldWindows.random(G3, 2, 1400, 4600);
        List<Trace> traces = new ArrayList<>();
        for (int iy = 0; iy < G3.ny(); iy++) {
            for (int ix = 0; ix < G3.nx(); ix++) {
                traces.add(new Trace(ix, iy, 1 + iy, 1001 + ix));
            }
        }
        Path f = write(m, traces);
        FieldWindows.assertSameBits(m, SegyVelocityReader.read(f, G3), "whole");
        FieldWindows.assertWindowsMatch(m, SegyVelocityField.open(f, G3));
    }

    @Test
    void twoDimensionalLineIsPlacedByItsCrosslines() throws IOException {
        VelocityModel m = FieldWindows.random(G2, 3, 1400, 4600);
        List<Trace> traces = new ArrayList<>();
        for (int ix = G2.nx() - 1; ix >= 0; ix--) {
            traces.add(new Trace(ix, 0, 5, 300 + 4 * ix));
        }
        Path f = write(m, traces);
        FieldWindows.assertSameBits(m, SegyVelocityReader.read(f, G2), "whole");
        FieldWindows.assertWindowsMatch(m, SegyVelocityField.open(f, G2));
    }

    @Test
    void shuffledTracesAreTakenInFileOrderXFastest() throws IOException {
        VelocityModel labelled = FieldWindows.random(G3, 4, 1400, 4600);
        List<Trace> traces = new ArrayList<>();
        for (int iy = 0; iy < G3.ny(); iy++) {
            for (int ix = 0; ix < G3.nx(); ix++) {
                traces.add(new Trace(ix, iy, 1 + iy, 1 + ix));
            }
        }
        Collections.shuffle(traces, new Random(5));
        Path f = write(labelled, traces);
        assertEquals(SegyGeometry.Sorting.UNSTRUCTURED, geometry(f).sorting());
        // Trace t fills column t, whatever its numbers say.
        float[] v = new float[G3.points()];
        for (int t = 0; t < traces.size(); t++) {
            Trace tr = traces.get(t);
            System.arraycopy(labelled.values(), G3.index(tr.ix(), tr.iy(), 0), v, t * G3.nz(), G3.nz());
        }
        VelocityModel inFileOrder = new VelocityModel(G3, v);
        FieldWindows.assertSameBits(inFileOrder, SegyVelocityReader.read(f, G3), "whole");
        FieldWindows.assertWindowsMatch(inFileOrder, SegyVelocityField.open(f, G3));
    }

    @Test
    void badValueIsNamedAtItsFirstNodeInGridOrder() throws IOException {
        float[] v = FieldWindows.random(G3, 6, 1400, 4600).values().clone();
        v[G3.index(4, 0, 6)] = 0f;            // first in grid order, late in a crossline-sorted file
        v[G3.index(0, 3, 2)] = Float.NaN;     // early in the file
        v[G3.index(0, 3, 3)] = -5f;
        List<Trace> traces = new ArrayList<>();
        for (int ix = 0; ix < G3.nx(); ix++) {
            for (int iy = 0; iy < G3.ny(); iy++) {
                traces.add(new Trace(ix, iy, 10 + iy, 20 + ix));
            }
        }
        Path f = write(new VelocityModel(G3, v), traces);
        var e = assertThrows(InvalidVelocityException.class, () -> SegyVelocityField.open(f, G3));
        assertEquals("3 of 693 velocities are not positive and finite; first at node (ix 4, iy 0, iz 6): 0.0 m/s",
                e.getMessage());
    }

    /**
     * Irregular crossline numbers 1, 2, 10 round onto columns 0, 0, 2: the whole model keeps the
     * later trace in column 0 and leaves column 1 at 0 m/s; the field reports those zeros.
     */
    @Test
    void tracesRoundedOntoOneColumnLeaveZerosReportedAsTheWholeModelHasThem() throws IOException {
        Grid g = new Grid(3, 2, 4, 10, 10, 5);
        VelocityModel m = FieldWindows.random(g, 7, 1400, 4600);
        int[] crosslines = {1, 2, 10};
        List<Trace> traces = new ArrayList<>();
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int ix = 0; ix < g.nx(); ix++) {
                traces.add(new Trace(ix, iy, 1 + iy, crosslines[ix]));
            }
        }
        Path f = write(m, traces);
        VelocityModel whole = SegyVelocityReader.read(f, g);
        assertEquals(0f, whole.at(1, 0, 0));
        assertEquals(m.at(1, 1, 2), whole.at(0, 1, 2), "the later trace fills column 0");
        var e = assertThrows(InvalidVelocityException.class, () -> SegyVelocityField.open(f, g));
        assertEquals("8 of 24 velocities are not positive and finite; first at node (ix 1, iy 0, iz 0): 0.0 m/s",
                e.getMessage());
    }

    @Test
    void sizeMismatchNamesBothSizes() {
        Path f = dir.resolve("vp.sgy");
        try (SegyWriter w = SegyWriter.create(f, SegyWriteOptions.of(5, 4000))) {
            w.write(new TraceHeader(ByteOrder.BIG_ENDIAN), new float[5]);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> SegyVelocityField.open(f, Grid.of2d(3, 5, 10)));
        assertEquals("file " + f + " has 1 traces of 5 samples but the grid needs 3 traces (nx 3 x ny 1) of 5 samples (nz)",
                e.getMessage());
    }

    @Test
    void missingFileIsNoSuchFile() {
        Path f = dir.resolve("none.sgy");
        var e = assertThrows(NoSuchFileException.class, () -> SegyVelocityField.open(f, G3));
        assertEquals(f.toString(), e.getFile());
    }

    @Test
    void windowsDifferWhereTheirColumnsDiffer() throws IOException {
        // Guards the comparison itself: two windows of a random model are not equal.
        VelocityModel m = FieldWindows.random(G3, 8, 1400, 4600);
        List<Trace> traces = new ArrayList<>();
        for (int iy = 0; iy < G3.ny(); iy++) {
            for (int ix = 0; ix < G3.nx(); ix++) {
                traces.add(new Trace(ix, iy, 1 + iy, 1 + ix));
            }
        }
        SegyVelocityField field = SegyVelocityField.open(write(m, traces), G3);
        Grid w = new Grid(2, 2, G3.nz(), G3.dx(), G3.dy(), G3.dz());
        assertNotEquals(field.window(0, 0, w).at(1, 1, 1), field.window(1, 0, w).at(1, 1, 1));
        assertArrayEquals(m.window(3, 4, w).values(), field.window(3, 4, w).values());
    }

    /** Writes traces (columns of {@code m}) in list order with their inline and crossline numbers. */
    private Path write(VelocityModel m, List<Trace> traces) {
        Grid g = m.grid();
        Path f = dir.resolve("vp" + System.nanoTime() + ".sgy");
        try (SegyWriter w = SegyWriter.create(f, SegyWriteOptions.of(g.nz(), 5000))) {
            float[] column = new float[g.nz()];
            for (Trace t : traces) {
                TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
                h.setInt32(TraceHeader.INLINE, t.inline());
                h.setInt32(TraceHeader.CROSSLINE, t.crossline());
                System.arraycopy(m.values(), g.index(t.ix(), t.iy(), 0), column, 0, g.nz());
                w.write(h, column);
            }
        }
        return f;
    }

    private static SegyGeometry geometry(Path f) {
        try (SegyReader r = SegyReader.open(f)) {
            return r.info().geometry();
        }
    }
}
