package io.seiswork.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.SegyWriteOptions;
import io.seiswork.core.segy.SegyWriter;
import io.seiswork.core.segy.TraceHeader;
import io.seiswork.core.velocity.FieldWindows;
import io.seiswork.core.velocity.InvalidVelocityException;
import io.seiswork.core.velocity.SmoothedVelocityField;
import io.seiswork.core.velocity.VelocityField;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.velocity.VelocitySmoother;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every velocity form opened as a field ({@link VelocityFields}) gives, window by window, the model
 * {@link JobResolver} loads whole today, cropped, bit for bit; and reports the same problems.
 */
class VelocityFieldsMatchResolverTest {

    private static final Grid G2 = new Grid(31, 1, 17, 10, 10, 7.5);
    private static final Grid G3 = new Grid(15, 12, 11, 12.5, 10, 7.5);

    @TempDir
    Path dir;

    private VelocityModel loaded(VelocitySpec spec, Grid g) {
        Problems problems = new Problems();
        VelocityModel m = InMemoryVelocity.load(dir, spec, g, "velocity", problems);
        assertTrue(problems.all().isEmpty(), problems.all().toString());
        assertNotNull(m);
        return m;
    }

    private List<VelocitySpec> forms(Grid g) throws IOException {
        return List.of(
                new VelocitySpec.Constant(1777.77),
                new VelocitySpec.Layers(List.of(new VelocitySpec.Layer(0, 1500), new VelocitySpec.Layer(37.5, 1999.9),
                        new VelocitySpec.Layer(60.000000001, 2600))),
                new VelocitySpec.Builtin("layered"),
                new VelocitySpec.Builtin("salt3d"),
                new VelocitySpec.Raw(rawFile(g, ByteOrder.LITTLE_ENDIAN, 1f), "zxy", ByteOrder.LITTLE_ENDIAN),
                new VelocitySpec.Raw(rawFile(g, ByteOrder.BIG_ENDIAN, 1e-3f), "zxy", ByteOrder.BIG_ENDIAN, 1000),
                new VelocitySpec.Segy(segyFile(g)));
    }

    @Test
    void everyFormMatchesTheResolversModelIn2d() throws IOException {
        for (VelocitySpec spec : forms(G2)) {
            FieldWindows.assertWindowsMatch(loaded(spec, G2), VelocityFields.open(spec, G2, dir));
        }
    }

    @Test
    void everyFormMatchesTheResolversModelIn3d() throws IOException {
        for (VelocitySpec spec : forms(G3)) {
            FieldWindows.assertWindowsMatch(loaded(spec, G3), VelocityFields.open(spec, G3, dir));
        }
    }

    @Test
    void smoothedMigrationVelocityMatchesTheResolversSmoothing() throws IOException {
        for (Grid g : new Grid[] {G2, G3}) {
            VelocitySpec raw = forms(g).get(4);
            VelocityField velocity = VelocityFields.open(raw, g, dir);
            VelocityField migration = VelocityFields.migration(new VelocitySpec.Smoothed(25), velocity, dir);
            FieldWindows.assertWindowsMatch(VelocitySmoother.gaussian(loaded(raw, g), 25), migration);
            assertSame(velocity, VelocityFields.migration(new VelocitySpec.Smoothed(0), velocity, dir),
                    "no smoothing: the velocity itself, as the resolver does");
        }
    }

    @Test
    void migrationVelocityFromItsOwnFileIsOpenedOnTheSameGrid() throws IOException {
        VelocityField velocity = VelocityFields.open(new VelocitySpec.Constant(2000), G3, dir);
        VelocitySpec segy = new VelocitySpec.Segy(segyFile(G3));
        VelocityField migration = VelocityFields.migration(segy, velocity, dir);
        assertFalse(migration instanceof SmoothedVelocityField);
        FieldWindows.assertWindowsMatch(loaded(segy, G3), migration);
    }

    @Test
    void badValuesAreReportedAsTheResolverReportsThem() throws IOException {
        float[] v = new float[G3.points()];
        Arrays.fill(v, 2000f);
        v[G3.index(3, 2, 1)] = Float.NEGATIVE_INFINITY;
        v[G3.index(14, 11, 10)] = 0f;
        Path f = dir.resolve("bad.bin");
        write(f, v, ByteOrder.LITTLE_ENDIAN);
        VelocitySpec spec = new VelocitySpec.Raw("bad.bin", "zxy", ByteOrder.LITTLE_ENDIAN);
        Problems problems = new Problems();
        InMemoryVelocity.checkValues(loaded(spec, G3), "velocity", problems);
        var e = assertThrows(InvalidVelocityException.class, () -> VelocityFields.open(spec, G3, dir));
        assertEquals(problems.all().get(0).message(), e.getMessage());

        Problems constant = new Problems();
        InMemoryVelocity.checkValues(loaded(new VelocitySpec.Constant(-1), G2), "velocity", constant);
        var c = assertThrows(InvalidVelocityException.class,
                () -> VelocityFields.open(new VelocitySpec.Constant(-1), G2, dir));
        assertEquals(constant.all().get(0).message(), c.getMessage());
    }

    @Test
    void sizeMismatchIsReportedAsTheResolverReportsIt() throws IOException {
        write(dir.resolve("small.bin"), new float[10], ByteOrder.LITTLE_ENDIAN);
        VelocitySpec spec = new VelocitySpec.Raw("small.bin", "zxy", ByteOrder.LITTLE_ENDIAN);
        Problems problems = new Problems();
        InMemoryVelocity.load(dir, spec, G3, "velocity", problems);
        var e = assertThrows(IllegalArgumentException.class, () -> VelocityFields.open(spec, G3, dir));
        assertEquals("velocity.raw.path", problems.all().get(0).path());
        assertEquals(problems.all().get(0).message(), e.getMessage());
    }

    @Test
    void missingFileAndMisplacedSmoothingAreRejected() {
        assertThrows(NoSuchFileException.class,
                () -> VelocityFields.open(new VelocitySpec.Segy("none.sgy"), G3, dir));
        var e = assertThrows(IllegalArgumentException.class,
                () -> VelocityFields.open(new VelocitySpec.Smoothed(10), G3, dir));
        assertEquals("\"smooth\" is only allowed for migrationVelocity", e.getMessage());
    }

    /** A raw file of distinct values (times {@code unit}), in grid order ("zxy"). */
    private String rawFile(Grid g, ByteOrder bo, float unit) throws IOException {
        VelocityModel m = FieldWindows.random(g, g.hashCode() + bo.hashCode(), 1400, 4600);
        float[] v = m.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= unit;
        }
        String name = "vp-" + bo + "-" + g.ny() + ".bin";
        write(dir.resolve(name), v, bo);
        return name;
    }

    private static void write(Path f, float[] v, ByteOrder bo) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4 * v.length).order(bo);
        buf.asFloatBuffer().put(v);
        Files.write(f, buf.array());
    }

    /** A crossline-sorted SEG-Y cube of distinct values. */
    private String segyFile(Grid g) {
        VelocityModel m = FieldWindows.random(g, 99, 1400, 4600);
        String name = "vp-" + g.ny() + ".sgy";
        try (SegyWriter w = SegyWriter.create(dir.resolve(name), SegyWriteOptions.of(g.nz(), 7500))) {
            float[] column = new float[g.nz()];
            for (int ix = 0; ix < g.nx(); ix++) {
                for (int iy = 0; iy < g.ny(); iy++) {
                    TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
                    h.setInt32(TraceHeader.INLINE, 50 - iy);
                    h.setInt32(TraceHeader.CROSSLINE, 3 + 2 * ix);
                    System.arraycopy(m.values(), g.index(ix, iy, 0), column, 0, g.nz());
                    w.write(h, column);
                }
            }
        }
        return name;
    }
}
