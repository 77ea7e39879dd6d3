package io.seiswork.core.spec;

import static io.seiswork.core.spec.SpecFixtures.read;
import static io.seiswork.core.spec.SpecFixtures.valid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.stencil.SecondDerivative;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobResolverTest {

    @TempDir
    Path dir;

    private ResolvedJob resolve(ObjectNode json) {
        return new JobResolver(dir, 1L << 34).resolve(read(json), "test.json");
    }

    private List<String> errors(ObjectNode json, long budget) {
        SpecException e = assertThrows(SpecException.class, () -> new JobResolver(dir, budget).resolve(read(json), "test.json"));
        return e.problems().stream().filter(SpecProblem::isError).map(SpecProblem::toString).toList();
    }

    @Test
    void automaticTimeStepIsStableAndDividesTheSampleInterval() {
        ResolvedJob job = resolve(valid());
        TimeStepping t = job.time();
        double limit = SecondDerivative.ORDER_8.maxStableDtS(2500, 10, 10);
        assertEquals(limit, job.cflLimitS(), 1e-15);
        assertTrue(t.dtS() <= TimeStepping.DEFAULT_SAFETY * limit + 1e-15, "dt " + t.dtS());
        long perSample = Math.round(0.004 / t.dtS());
        assertEquals(0.004, t.dtS() * perSample, 1e-12, "output interval is a whole number of steps");
        assertEquals(126, t.outputS().count());
        assertTrue(t.steps() * t.dtS() >= 0.5, "steps cover the record");
    }

    @Test
    void cflViolationOfGivenTimeStepIsRejected() {
        ObjectNode j = valid();
        ((ObjectNode) j.get("time")).put("dtS", 0.003);
        List<String> e = errors(j, 1L << 34);
        assertEquals(1, e.size());
        assertTrue(e.get(0).startsWith("time.dtS: must be <= 0.00"), e.get(0));
        assertTrue(e.get(0).contains("CFL stability limit of space order 8 in 2D at the model's highest velocity 2500 m/s, got 0.003"), e.get(0));
    }

    /** The limit the message gives is itself accepted: it is rounded down, not to nearest. */
    @Test
    void theCflLimitTheMessageGivesIsAccepted() {
        ObjectNode j = valid();
        ((ObjectNode) j.get("time")).put("dtS", 0.003);
        String e = errors(j, 1L << 34).get(0);
        String shown = e.substring("time.dtS: must be <= ".length(), e.indexOf(" s, the CFL"));
        ((ObjectNode) j.get("time")).put("dtS", Double.parseDouble(shown));
        assertEquals(Double.parseDouble(shown), resolve(j).time().dtS(), 0, "dtS " + shown + ", the limit the message gave, runs");
        for (double limit : new double[] {0.0027176899, 1.2345679e-5, 0.001, 3.999999999e-4}) {
            double atMost = Double.parseDouble(Figures.atMost(limit));
            assertTrue(atMost <= limit && atMost > limit * (1 - 1e-5), limit + " shown as " + atMost);
        }
    }

    @Test
    void tooFewPointsPerWavelengthWarnsThenFails() {
        ObjectNode j = valid();
        ((ObjectNode) j.get("wavelet")).put("peakHz", 40); // 1500 / 100 Hz / 10 m = 1.5 points
        List<String> e = errors(j, 1L << 34);
        assertTrue(e.get(0).startsWith("grid: 1.50 points per minimum wavelength"), e.get(0));

        ObjectNode w = valid();
        ((ObjectNode) w.get("wavelet")).put("peakHz", 20); // 3.0 points: usable, below order 8's 4
        ResolvedJob job = resolve(w);
        assertEquals(1, job.warnings().size());
        assertTrue(job.warnings().get(0).toString().startsWith("warning: grid: 3.00 points per minimum wavelength"));
    }

    /**
     * A sample interval whose Nyquist frequency lies below the wavelet's highest frequency
     * (2.5 x peakHz) is refused naming the field, its value, f_max and the largest interval: a
     * 90 Hz Ricker (f_max 225 Hz) at the default 4 ms would fold 11 % of its energy back into
     * the band. The grid is made fine enough for 90 Hz, so that the interval is the only problem;
     * 1 / (2 x 225 Hz) = 2.222 ms itself passes, and so does the limit rounded down to whole
     * microseconds.
     */
    @Test
    void aSampleIntervalTooCoarseForTheWaveletIsRefused() {
        ObjectNode j = valid();
        ((ObjectNode) j.get("grid")).put("nx", 501).put("nz", 241).put("dx", 2).put("dz", 2);
        ((ObjectNode) j.get("wavelet")).put("peakHz", 90);
        assertEquals(List.of("time.sampleS: must be <= 0.002222 s = 1 / (2 x 225 Hz), the wavelet's highest frequency"
                + " (2.5 x wavelet.peakHz), got 0.004: its Nyquist frequency 125 Hz is below the band, whose energy"
                + " above it would fold back into the traces; lower time.sampleS or wavelet.peakHz"), errors(j, 1L << 34));

        ((ObjectNode) j.get("time")).put("sampleS", 0.002222);
        assertEquals(0.002222, resolve(j).time().outputS().delta(), 1e-15);
        ((ObjectNode) j.get("wavelet")).put("peakHz", 100);  // f_max 250 Hz: 2 ms exactly is the limit
        ((ObjectNode) j.get("time")).put("sampleS", 0.002);
        assertEquals(0.002, resolve(j).time().outputS().delta(), 1e-15);
        ((ObjectNode) j.get("time")).put("sampleS", 0.002001);
        assertTrue(errors(j, 1L << 34).get(0).startsWith("time.sampleS: must be <= 0.002 s = 1 / (2 x 250 Hz)"));
        // A migration of recorded data writes no traces: its sampleS samples nothing and is not
        // checked (here the data file is missing, the only error).
        j.put("task", "rtm").put("data", "shots.sgy");
        List<String> recorded = errors(j, 1L << 34);
        assertTrue(recorded.stream().noneMatch(e -> e.startsWith("time.sampleS")), recorded.toString());
    }

    /**
     * Under a free surface the pressure is zero at z = 0: a source or receiver there would emit or
     * record nothing, so it is refused naming the field, saying why and what to give instead
     * (z >= dz, or no free surface). Depths between 0 and dz are physical (ghosts) and pass, and
     * without a free surface z = 0 is an ordinary depth.
     */
    @Test
    void aSourceOrReceiverOnAFreeSurfaceIsRefused() {
        ObjectNode j = valid();
        j.putObject("physics").put("freeSurface", true);
        ((ObjectNode) j.get("sources").get("line")).put("z", 0);
        ((ObjectNode) j.get("receivers")).remove("line");
        ((ObjectNode) j.get("receivers")).putArray("list").add(SpecFixtures.MAPPER.createArrayNode().add(100).add(0).add(5))
                .add(SpecFixtures.MAPPER.createArrayNode().add(110).add(0).add(0.001))
                .add(SpecFixtures.MAPPER.createArrayNode().add(120).add(0).add(0));
        assertEquals(List.of("sources.line.z: z = 0 m lies on the free surface (physics.freeSurface is true), where the"
                + " pressure is zero, so a source there would emit nothing; give z >= dz = 10 m, or physics.freeSurface"
                + " false", "receivers.list[1]: z = 0.001 m lies on the free surface (physics.freeSurface is true) (2 of 3"
                + " receivers), where the pressure is zero, so a receiver there would record nothing; give z >= dz = 10 m,"
                + " or physics.freeSurface false"), errors(j, 1L << 34));

        ((ObjectNode) j.get("sources").get("line")).put("z", 10);
        ((ObjectNode) j.get("receivers")).remove("list");
        ((ObjectNode) j.get("receivers")).putObject("line").put("x0", 0).put("dx", 10).put("n", 101).put("z", 0.5);
        assertTrue(resolve(j).spec().physics().freeSurface(), "z = 0.05 dz: a ghost, not the surface");
        j.putObject("physics").put("freeSurface", false);
        ((ObjectNode) j.get("receivers").get("line")).put("z", 0);
        assertFalse(resolve(j).spec().physics().freeSurface(), "without a free surface z = 0 is a depth like any");
    }

    /** A 3D survey of 20,000 x 20,000 x 10 nodes: 4 billion, more than one array holds. */
    private static ObjectNode survey(String task, Double apertureM) {
        ObjectNode j = valid();
        j.put("task", task);
        ((ObjectNode) j.get("grid")).put("nx", 20_000).put("ny", 20_000).put("nz", 10).put("dy", 10);
        j.putObject("velocity").putArray("layers").add(SpecFixtures.MAPPER.createObjectNode().put("top", 0).put("vp", 1500))
                .add(SpecFixtures.MAPPER.createObjectNode().put("top", 50).put("vp", 2500));
        ((ObjectNode) j.get("sources")).putObject("line").put("x0", 1000).put("dx", 300).put("n", 3).put("y", 1000)
                .put("z", 20);
        ((ObjectNode) j.get("receivers")).putObject("line").put("x0", 500).put("dx", 10).put("n", 101).put("y", 1000)
                .put("z", 10);
        if (apertureM != null) {
            j.putObject("imaging").put("aperture", apertureM);
        }
        return j;
    }

    @Test
    void aGridBeyondOneArrayNeedsAMigrationWhoseWindowsFit() {
        List<String> model = errors(survey("model", null), 1L << 34);
        assertEquals(List.of("grid: the grid has 4000000000 nodes, more than one shot can be computed on (2147483631),"
                + " and a modelling shot is computed on the whole grid; coarsen the grid or split the survey"), model);

        List<String> noAperture = errors(survey("rtm", null), 1L << 34);
        assertEquals(1, noAperture.size());
        assertTrue(noAperture.get(0).startsWith("imaging.aperture: the grid has 4000000000 nodes, more than one shot can"
                + " be computed on (2147483631): give the migration aperture in metres"), noAperture.get(0));

        // 150 km of aperture around a 1 km spread: windows of 151 x 151 km.
        List<String> wide = errors(survey("rtm", 150_000.0), 1L << 34);
        assertEquals(List.of("imaging.aperture: the largest shot's window has 2289462610 nodes (15161 x 15101 x 10),"
                + " more than one shot can be computed on (2147483631): give a smaller aperture"), wide);
    }

    /**
     * A survey beyond one array, migrated with an aperture, resolves: its models are fields read a
     * window at a time (nothing of the whole grid is allocated), its stack goes out of core, and
     * its memory is that of one shot's window.
     */
    @Test
    void aSurveyBeyondOneArrayResolvesOutOfCoreWithAnAperture() {
        ObjectNode j = survey("rtm", 500.0);
        j.putObject("migrationVelocity").put("smooth", 100);
        ResolvedJob job = resolve(j);
        assertEquals(WholeGridStorage.OUT_OF_CORE, job.storage());
        assertEquals(0, job.storage().heapBytes(job.spec().grid()));
        assertFalse(job.velocity() instanceof VelocityModel, "the velocity is not held whole");
        assertEquals(1500f, job.velocity().min());
        assertEquals(2500f, job.velocity().max());
        ShotWindow w = ShotWindow.of(job.spec().grid(), job.geometry().shots().get(1), 500.0);
        VelocityModel window = w.crop(job.migrationVelocity());
        assertEquals(w.grid(), window.grid());
        Grid largest = ShotWindow.largest(job.spec().grid(), job.geometry().shots(), 500.0).grid();
        assertEquals(MemoryChecks.migrationBytes(job.spec(), largest, ShotTraces.on(101, job.time().outputS()), job.time()), job.memoryBytes(),
                "one shot's need on the largest window, nothing for the whole grid");
        assertTrue(job.storage().describe(job.spec().grid()).startsWith(
                "whole grid out of core: 4,000,000,000 nodes; the models are read a window at a time and the 29.8 GiB stack is a memory-mapped scratch file"),
                job.storage().describe(job.spec().grid()));
    }

    /** The same job on the heap or out of core (a budget too small for its whole grid) resolves alike. */
    @Test
    void aBudgetTooSmallForTheWholeGridTakesItOutOfCore() {
        ObjectNode j = valid();
        j.put("task", "rtm");
        ((ObjectNode) j.get("grid")).put("nx", 2001);  // a 20 km line: each shot's window is a small part of it
        j.putObject("imaging").put("aperture", 100);
        j.putObject("migrationVelocity").put("smooth", 50);
        ResolvedJob heap = resolve(j);
        assertEquals(WholeGridStorage.HEAP, heap.storage());
        long budget = WholeGridStorage.BYTES_PER_NODE * 2001 * 61 * 2 - 1;  // half of it is just too small
        ResolvedJob outOfCore = new JobResolver(dir, budget).resolve(read(j), "test.json");
        assertEquals(WholeGridStorage.OUT_OF_CORE, outOfCore.storage());
        assertEquals(heap.time(), outOfCore.time());
        assertEquals(heap.memoryBytes() - 16L * 2001 * 61, outOfCore.memoryBytes(), "the whole grid is off the heap");
        ShotWindow w = ShotWindow.of(heap.spec().grid(), heap.geometry().shots().get(0), 100.0);
        assertArrayEquals(w.crop(heap.migrationVelocity()).values(), w.crop(outOfCore.migrationVelocity()).values());
        assertArrayEquals(w.crop(heap.velocity()).values(), w.crop(outOfCore.velocity()).values());
    }

    /** What writing the image needs is checked before any shot: SEG-Y's trace numbers, one brick row, memory. */
    @Test
    void theImageOfASurveyMustBeWritableBeforeAnyShotRuns() {
        ObjectNode tooManyColumns = survey("rtm", 500.0);
        ((ObjectNode) tooManyColumns.get("grid")).put("nx", 50_000).put("ny", 50_000).put("nz", 3);
        assertEquals(List.of("grid: the image would have 2500000000 columns (nx x ny), more than SEG-Y can number"
                + " (2147483647 traces); split the survey into several jobs"), errors(tooManyColumns, 1L << 34));

        ObjectNode wideRows = survey("rtm", 500.0);
        ((ObjectNode) wideRows.get("grid")).put("nx", 40_000).put("ny", 60).put("nz", 1000);
        ((ObjectNode) wideRows.get("sources")).putObject("line").put("x0", 1000).put("dx", 300).put("n", 3).put("y", 300)
                .put("z", 20);
        ((ObjectNode) wideRows.get("receivers")).putObject("line").put("x0", 500).put("dx", 10).put("n", 101).put("y", 300)
                .put("z", 10);
        List<String> rows = errors(wideRows, 1L << 34);
        assertEquals(1, rows.size(), rows.toString());
        assertTrue(rows.get(0).startsWith("grid: the image is written in rows of 60 planes of nx x nz = 40000 x 1000"
                + " nodes, 2400000000 values, more than one array holds"), rows.get(0));

        // 20,000 x 10 nodes a plane: 14 finish planes (11 MB), the volume's brick rows (70 MB) and bricks (21 MB).
        long writing = MemoryEstimate.imageWritingBytes(read(survey("rtm", 500.0)).grid(), 8);
        // Levels halve x, y and z until all fit one 64-sample brick: 20000 x 10, 10000 x 5, ... 79 x 1, then
        // 40 x 1 with its 40 planes of y.
        assertEquals(4L * 200_000 * 14 + 4L * (64 * (20_000 * 10 + 10_000 * 5 + 5000 * 3 + 2500 * 2 + 1250 + 625 + 313
                + 157 + 79) + 40 * 40) + 10 * 8L * 64 * 64 * 64, writing,
                "planes, then per level one brick row and one brick packed twice");
        List<String> memory = errors(survey("rtm", 500.0), writing - 1);
        assertTrue(memory.stream().anyMatch(m -> m.startsWith("grid: writing the image needs ")
                && m.contains(" (planes of nx x nz = 20000 x 10 nodes) but the memory budget is ")), memory.toString());
    }

    /**
     * Recorded data's shots are the file's, unknown to the resolver: the run checks them with
     * {@link JobResolver#shotsProblem} as the resolver checks a spec's.
     */
    @Test
    void theShotsOfADataFileAreCheckedAsASpecsAre() throws Exception {
        ResolvedJob job = resolve(survey("rtm", 500.0));
        List<Shot> shots = job.geometry().shots();
        int samples = job.time().outputS().count();
        assertNull(JobResolver.shotsProblem(job, shots, samples, 1L << 34));
        String memory = JobResolver.shotsProblem(job, shots, samples, 1 << 20);
        assertTrue(memory.startsWith("grid: one shot of the data file needs 0.09 GiB but the memory budget is 0.00 GiB"),
                memory);
        Files.write(dir.resolve("gathers.sgy"), new byte[0]);  // the resolver only asks that it exists
        ResolvedJob wide = resolve(survey("rtm", 150_000.0).put("data", "gathers.sgy"));
        assertTrue(wide.warnings().stream().anyMatch(w -> w.toString().contains("are checked when the file is read")),
                wide.warnings().toString());
        String window = JobResolver.shotsProblem(wide, shots, samples, 1L << 34);
        assertTrue(window.startsWith("imaging.aperture: the largest shot's window has 2289462610 nodes"), window);

        // Land data recorded at elevation 0 under a free surface: the file's geometry, not the spec's,
        // is what would give an empty image, so it is checked here.
        ObjectNode surfaceSpec = survey("rtm", 500.0).put("data", "gathers.sgy");
        surfaceSpec.putObject("physics").put("freeSurface", true);
        ResolvedJob surface = resolve(surfaceSpec);
        Shot first = shots.get(0);
        List<Position> onSurface = first.receivers().stream().map(r -> new Position(r.x(), r.y(), 0)).toList();
        String land = JobResolver.shotsProblem(surface, List.of(new Shot(first.number(), first.source(), onSurface)),
                samples, 1L << 34);
        assertEquals("physics.freeSurface: a receiver of shot " + first.number() + " at z = 0 m lies on the free surface"
                + " (physics.freeSurface is true), where the pressure is zero, so a receiver there would record"
                + " nothing; give z >= dz = 10 m, or physics.freeSurface false", land);
        assertNull(JobResolver.shotsProblem(surface, shots, samples, 1L << 34), "receivers 10 m down: ghosts, not the surface");
    }

    @Test
    void memoryAboveBudgetIsRejected() {
        List<String> e = errors(valid(), 1000);
        assertEquals(1, e.size());
        assertTrue(e.get(0).matches("grid: one shot needs \\d+\\.\\d KiB but the memory budget is 1000 B.*"), e.get(0));
        // The machine's limit, not the spec's: a larger machine (the cloud's workers) may run it.
        SpecException memory = assertThrows(SpecException.class, () -> new JobResolver(dir, 1000).resolve(read(valid()), "t"));
        assertTrue(memory.onlyMachineLimits());
        ObjectNode bad = valid();
        ((ObjectNode) bad.get("time")).put("dtS", 0.003);  // above the CFL limit: the spec's own problem
        SpecException both = assertThrows(SpecException.class, () -> new JobResolver(dir, 1000).resolve(read(bad), "t"));
        assertFalse(both.onlyMachineLimits());
    }

    @Test
    void withAMigrationApertureTheMemoryCheckIsOnTheLargestShotWindow() {
        ObjectNode wholeModel = valid();
        wholeModel.put("task", "rtm");
        ((ObjectNode) wholeModel.get("receivers")).putObject("spread").putObject("moving")
                .put("minOffset", 0).put("maxOffset", 100);
        ObjectNode windowed = wholeModel.deepCopy();
        windowed.putObject("imaging").put("aperture", 100);
        long whole = resolve(wholeModel).memoryBytes();
        long window = resolve(windowed).memoryBytes();
        System.out.printf("one migration shot, with the job's whole-grid velocities and stack: %d bytes on the whole "
                + "1 km model, %d on its 400 m window%n", whole, window);
        ResolvedJob job = resolve(windowed);
        assertEquals(WholeGridStorage.HEAP, job.storage());
        assertEquals(16L * 101 * 61, job.storage().heapBytes(job.spec().grid()));
        // The shot's arrays on 41 of 101 columns (plus 2 x 20 layer columns each); both hold the whole grid's 16 B a node.
        assertTrue(window < whole, window + " vs " + whole);

        long budget = (whole + window) / 2;
        new JobResolver(dir, budget).resolve(read(windowed), "test.json");
        List<String> e = errors(wholeModel, budget);
        assertTrue(e.get(0).startsWith("grid: one shot needs"), e.get(0));
    }

    @Test
    void rawModelOfWrongSizeIsRejected() throws IOException {
        Files.write(dir.resolve("vp.bin"), new byte[1000]);
        ObjectNode j = valid();
        j.set("velocity", SpecFixtures.MAPPER.createObjectNode().set("raw",
                SpecFixtures.MAPPER.createObjectNode().put("path", "vp.bin").put("order", "zxy").put("endian", "little")));
        List<String> e = errors(j, 1L << 34);
        assertEquals(List.of("velocity.raw.path: file " + dir.resolve("vp.bin") + " has 1000 bytes but the grid needs "
                + "101 x 1 x 61 float32 values = 24644 bytes"), e);
    }

    @Test
    void missingModelFileIsRejected() {
        ObjectNode j = valid();
        j.set("velocity", SpecFixtures.MAPPER.createObjectNode().set("raw",
                SpecFixtures.MAPPER.createObjectNode().put("path", "nope.bin")));
        assertEquals(List.of("velocity.raw.path: file " + dir.resolve("nope.bin") + " does not exist"), errors(j, 1L << 34));
    }

    @Test
    void nanVelocityInFileIsRejectedWithItsNode() throws IOException {
        int nx = 101;
        int nz = 61;
        ByteBuffer b = ByteBuffer.allocate(4 * nx * nz).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < nx * nz; i++) {
            b.putFloat(i == 5 * nz + 7 ? Float.NaN : 2000f);
        }
        Files.write(dir.resolve("vp.bin"), b.array());
        ObjectNode j = valid();
        j.set("velocity", SpecFixtures.MAPPER.createObjectNode().set("raw",
                SpecFixtures.MAPPER.createObjectNode().put("path", "vp.bin").put("order", "zxy").put("endian", "big")));
        assertEquals(List.of("velocity: 1 of 6161 velocities are not positive and finite; first at node (ix 5, iy 0, iz 7): NaN m/s"
                + "; velocity.raw.endian \"big\" may be wrong (try \"little\"), or the file may not hold float32 values"),
                errors(j, 1L << 34));
    }

    @Test
    void rawModelIsReadInAnyAxisOrder() throws IOException {
        // Write v(ix, iz) = 1000 + 10 ix + iz with x fastest ("xzy"), little endian.
        int nx = 101;
        int nz = 61;
        ByteBuffer b = ByteBuffer.allocate(4 * nx * nz).order(ByteOrder.LITTLE_ENDIAN);
        for (int iz = 0; iz < nz; iz++) {
            for (int ix = 0; ix < nx; ix++) {
                b.putFloat(1000 + 10 * ix + iz);
            }
        }
        Files.write(dir.resolve("vp.bin"), b.array());
        ObjectNode j = valid();
        j.set("velocity", SpecFixtures.MAPPER.createObjectNode().set("raw",
                SpecFixtures.MAPPER.createObjectNode().put("path", "vp.bin").put("order", "xzy")));
        ResolvedJob job = resolve(j);
        assertEquals(1000 + 10 * 37 + 42, job.velocity().whole().at(37, 0, 42));
        assertEquals(1000 + 10 * 100 + 60, job.velocity().whole().at(100, 0, 60));
    }

    @Test
    void layersAreFilledByDepth() {
        ResolvedJob job = resolve(valid());
        assertEquals(1500, job.velocity().whole().at(50, 0, 29)); // 290 m
        assertEquals(2500, job.velocity().whole().at(50, 0, 30)); // 300 m: the top of layer 2
    }

    @Test
    void movingSpreadSelectsReceiversByOffset() {
        ObjectNode j = valid();
        ((ObjectNode) j.get("receivers")).putObject("spread").putObject("moving").put("minOffset", 0).put("maxOffset", 100);
        ResolvedJob job = resolve(j);
        var shot = job.geometry().shot(0); // source at x = 200
        assertEquals(21, shot.receivers().size());
        assertEquals(100, shot.receivers().get(0).x());
        assertEquals(300, shot.receivers().get(20).x());
        assertEquals(1, shot.number());
    }

    @Test
    void rawModelInKilometresPerSecondIsScaledToMetresPerSecond() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * 101 * 61).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            b.putFloat(2.5f);
        }
        Files.write(dir.resolve("vp-kms.bin"), b.array());
        ObjectNode j = valid();
        j.set("velocity", SpecFixtures.MAPPER.createObjectNode().set("raw", SpecFixtures.MAPPER.createObjectNode()
                .put("path", "vp-kms.bin").put("scale", 1000)));
        ResolvedJob job = resolve(j);
        assertEquals(2500f, job.velocity().min());
        assertEquals(2500f, job.velocity().max());
    }

    @Test
    void rtmLoadsTheSmoothedMigrationVelocityAndChecksTheDataFile() {
        ObjectNode j = valid();
        j.put("task", "rtm");
        j.set("migrationVelocity", SpecFixtures.MAPPER.createObjectNode().put("smooth", 100));
        ResolvedJob job = resolve(j);
        float atInterface = job.migrationVelocity().whole().at(50, 0, 30); // the 2500 m/s layer starts at 300 m
        assertEquals(2500f, job.velocity().whole().at(50, 0, 30));
        assertTrue(atInterface > 1600 && atInterface < 2400, "smoothed velocity at the interface " + atInterface);
        assertEquals(null, job.dataFile());
        j.put("data", "missing.sgy");
        List<String> e = errors(j, 1L << 34);
        assertEquals(1, e.size());
        assertTrue(e.get(0).startsWith("data: file ") && e.get(0).contains("missing.sgy"), e.get(0));
    }

    /**
     * Amplitudes (int16 samples of a seismic image, as f3.sgy) given as a velocity SEG-Y: said to be
     * not velocities, with the range found and the range of velocities; the format and byte order,
     * which read them right, are not blamed (they were).
     */
    @Test
    void amplitudesGivenAsAVelocitySegyAreSaidToBeNoVelocities() {
        Path f = dir.resolve("image.sgy");
        try (io.seiswork.core.segy.SegyWriter w = io.seiswork.core.segy.SegyWriter.create(f,
                io.seiswork.core.segy.SegyWriteOptions.of(61, 4000).withFormat(io.seiswork.core.segy.SampleFormat.INT16))) {
            float[] trace = new float[61];
            for (int ix = 0; ix < 101; ix++) {
                for (int k = 0; k < 61; k++) {
                    trace[k] = Math.round(3000 * Math.sin(0.3 * k + 0.1 * ix));
                }
                w.write(new io.seiswork.core.segy.TraceHeader(ByteOrder.BIG_ENDIAN), trace);
            }
        }
        ObjectNode j = valid();
        j.set("velocity", SpecFixtures.MAPPER.createObjectNode().put("segy", f.toString()));
        List<String> e = errors(j, 1L << 34);
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).startsWith("velocity: "), e.get(0));
        assertTrue(e.get(0).endsWith("; the file's values run from -3000 to 3000, which are not velocities (seismic"
                + " velocities are 100-10000 m/s): is it a seismic image or other data rather than a velocity model?"),
                e.get(0));
        assertFalse(e.get(0).contains("byte order"), e.get(0));
    }

    /** A file that is not SEG-Y at all as velocity.segy: no word of --su, which a spec does not have. */
    @Test
    void aNonSegyVelocityFileGetsNoCommandLineHint() throws IOException {
        Path f = Files.writeString(dir.resolve("notes.sgy"), "x".repeat(5000));
        ObjectNode j = valid();
        j.set("velocity", SpecFixtures.MAPPER.createObjectNode().put("segy", f.toString()));
        List<String> e = errors(j, 1L << 34);
        assertEquals(List.of("velocity.segy: " + f + ": unknown sample format code in the binary header: 30840 read"
                + " big-endian, 30840 read little-endian (known: 1, 2, 3, 5, 6, 7, 8, 9, 10,"
                + " 11, 12, 15, 16; is it a SEG-Y file?) (byte offset 3224)"), e);
    }

    /** A text file given as a raw model is said to be text, not only of the wrong size. */
    @Test
    void aTextFileGivenAsARawModelIsSaidToBeText() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 101 * 61; i++) {
            text.append("   1.5000000e+03\n");
        }
        Path f = Files.writeString(dir.resolve("vp.dat"), text);
        ObjectNode j = valid();
        j.set("velocity", SpecFixtures.MAPPER.createObjectNode().set("raw",
                SpecFixtures.MAPPER.createObjectNode().put("path", "vp.dat").put("order", "zxy").put("endian", "little")));
        assertEquals(List.of("velocity.raw.path: file " + f + " looks like a text file (its first bytes are printable"
                + " ASCII: \"1.5000000e+03\"); raw models are binary float32, 101 x 1 x 61 values = 24644 bytes;"
                + " convert the text to float32 (for example numpy.loadtxt(...).astype('<f4').tofile(...))"),
                errors(j, 1L << 34));
    }

    /** A device where a model's file is expected is said to be there but not a regular file, not to be missing. */
    @Test
    void aDeviceGivenForAModelIsNotARegularFile() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        ObjectNode j = valid();
        j.set("velocity", SpecFixtures.MAPPER.createObjectNode().put("segy", zero.toString()));
        assertEquals(List.of("velocity.segy: /dev/zero is not a regular file (a device, pipe or socket)"),
                errors(j, 1L << 34));
        j.set("velocity", SpecFixtures.MAPPER.createObjectNode().set("raw",
                SpecFixtures.MAPPER.createObjectNode().put("path", zero.toString())));
        assertEquals(List.of("velocity.raw.path: /dev/zero is not a regular file (a device, pipe or socket)"),
                errors(j, 1L << 34));
    }

    /** A folder where a file is expected is said to be one, under each field that names a file, its path normalised. */
    @Test
    void aFolderGivenForAFileIsSaidToBeAFolder() throws IOException {
        Files.createDirectories(dir.resolve("specs/models"));
        ObjectNode j = valid();
        j.put("task", "rtm");
        j.set("velocity", SpecFixtures.MAPPER.createObjectNode().set("raw",
                SpecFixtures.MAPPER.createObjectNode().put("path", "specs/models/../.")));
        j.set("migrationVelocity", SpecFixtures.MAPPER.createObjectNode().put("segy", "specs"));
        assertEquals(List.of("velocity.raw.path: " + dir.resolve("specs") + " is a folder, not a file",
                "migrationVelocity.segy: " + dir.resolve("specs") + " is a folder, not a file"), errors(j, 1L << 34));
        j = valid();
        j.put("task", "rtm");
        j.put("data", "specs/./models/..");
        assertEquals(List.of("data: " + dir.resolve("specs") + " is a folder, not a file (give a SEG-Y file of shot gathers"
                + " or \"synthetic\")"), errors(j, 1L << 34));
        j.put("data", "specs/models/../nope.sgy");
        assertEquals(List.of("data: file " + dir.resolve("specs/nope.sgy") + " does not exist (give a SEG-Y file of shot"
                + " gathers or \"synthetic\")"), errors(j, 1L << 34));
    }

    /** The Volve cube (52 crosslines x 18 inlines, 20 m) on a transposed grid refused, at 5 m warned, at 20 m silent, under velocity.segy. */
    @Test
    void aSegyModelNotOfTheGridsShapeIsRefusedAndAnotherStepWarnedUnderItsField() {
        Path volve = Path.of(System.getProperty("seiswork.refdata", "../../shared/refdata"),
                "segysak/volve10-migvel-depth-sub3d.sgy").toAbsolutePath().normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(volve), "reference data not found at " + volve);
        ObjectNode j = valid();
        j.set("grid", SpecFixtures.MAPPER.createObjectNode().put("nx", 18).put("ny", 52).put("nz", 226).put("dx", 50)
                .put("dz", 20));
        j.set("velocity", SpecFixtures.MAPPER.createObjectNode().put("segy", volve.toString()));
        ((ObjectNode) j.get("receivers").get("line")).put("dx", 5).put("y", 0);
        ((ObjectNode) j.get("sources").get("line")).put("y", 0);
        ((ObjectNode) j.get("wavelet")).put("peakHz", 4);  // 3 points per wavelength on 50 m cells
        assertEquals(List.of("velocity.segy: file " + volve + " is a 52 x 18 cube (crosslines x inlines) but grid.nx x"
                + " grid.ny is 18 x 52: swap nx and ny?"), errors(j, 1L << 34));
        j.set("grid", SpecFixtures.MAPPER.createObjectNode().put("nx", 52).put("ny", 18).put("nz", 226).put("dx", 50)
                .put("dz", 5));
        assertEquals(List.of("warning: velocity.segy: the file's depth step is not grid.dz 5 m: its sample interval field"
                + " (binary header 3217) is 20000, 20 m in thousandths or 20000 m in whole metres; the model is read at"
                + " grid.dz; if the file's interval field is right, resample the model"), segyWarnings(resolve(j)));
        j.set("grid", SpecFixtures.MAPPER.createObjectNode().put("nx", 52).put("ny", 18).put("nz", 226).put("dx", 50)
                .put("dz", 20));
        assertEquals(List.of(), segyWarnings(resolve(j)), "Volve at its own 20 m: silent");
    }

    private static List<String> segyWarnings(ResolvedJob job) {
        return job.warnings().stream().map(SpecProblem::toString).filter(w -> w.startsWith("warning: velocity.segy")).toList();
    }

    /** segyio's from_array3D without dt writes 4000: a model saved so on a 10 m grid is taken, with the warning. */
    @Test
    void aSegyioDefaultIntervalIsWarnedNotRefused() throws Exception {
        Path f = dir.resolve("vp.sgy");
        Files.copy(Path.of(getClass().getResource("/segyio/velocity-from-array3d.sgy").toURI()), f);
        ObjectNode j = valid();
        j.set("grid", SpecFixtures.MAPPER.createObjectNode().put("nx", 4).put("ny", 3).put("nz", 5).put("dx", 10)
                .put("dz", 10));
        j.set("velocity", SpecFixtures.MAPPER.createObjectNode().put("segy", "vp.sgy"));
        ((ObjectNode) j.get("sources")).putObject("line").put("x0", 10).put("dx", 10).put("n", 1).put("y", 10).put("z", 10);
        ((ObjectNode) j.get("receivers")).putObject("line").put("x0", 0).put("dx", 10).put("n", 4).put("y", 10).put("z", 0);
        ((ObjectNode) j.get("wavelet")).put("peakHz", 5);
        ResolvedJob job = resolve(j);
        assertEquals(List.of("warning: velocity.segy: the file's depth step is not grid.dz 10 m: its sample interval field"
                + " (binary header 3217) is 4000, 4 m in thousandths or 4000 m in whole metres; the model is read at"
                + " grid.dz; if the file's interval field is right, resample the model"), segyWarnings(job));
        assertEquals(1500f + 300 + 20 + 4, job.velocity().whole().at(3, 2, 4));
    }

    /** A model file reached through a linked folder is named by the path given, normalised, not by the link's target. */
    @Test
    void aModelThroughALinkIsNamedByItsGivenPath() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.write(real.resolve("vp.bin"), new byte[12]);
        Files.createDirectories(dir.resolve("specs"));
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("shared"), real);
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
            return;
        }
        ObjectNode j = valid();
        j.set("velocity", SpecFixtures.MAPPER.createObjectNode().set("raw", SpecFixtures.MAPPER.createObjectNode()
                .put("path", "specs/../shared/vp.bin")));
        List<String> e = errors(j, 1L << 34);
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).startsWith("velocity.raw.path: file " + link.resolve("vp.bin") + " has 12 bytes"), e.get(0));
    }

    /**
     * Out of core each shot's window is smoothed with the Gaussian's halo around it: a smoothing so
     * wide that the largest window grown by it does not fit one array, or the memory budget, is
     * refused under migrationVelocity.smooth when the spec is checked, not at the first shot.
     */
    @Test
    void aSmoothingWhoseGrownWindowsDoNotFitIsRefusedOutOfCore() {
        ObjectNode huge = survey("rtm", 500.0);
        huge.putObject("migrationVelocity").put("smooth", 1e9);
        List<String> e = errors(huge, 1L << 34);
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).startsWith("migrationVelocity.smooth: out of core each shot's window is smoothed with the"
                + " Gaussian's halo of 3 x 1000000000 m (19999 x 19999 columns) on each side: the largest shot's window ("),
                e.get(0));
        assertTrue(e.get(0).endsWith("grows to 20000 x 20000 x 10 = 4000000000 nodes, more than one array holds"
                + " (2147483631); give a smaller smoothing, or smooth the model beforehand and give it as a file"), e.get(0));

        ObjectNode narrow = survey("rtm", 500.0);
        narrow.putObject("migrationVelocity").put("smooth", 100);
        long budget = resolve(narrow).memoryBytes() * 2;
        assertEquals(WholeGridStorage.OUT_OF_CORE, new JobResolver(dir, budget).resolve(read(narrow), "t").storage());
        ObjectNode wide = survey("rtm", 500.0);
        wide.putObject("migrationVelocity").put("smooth", 5000);  // a halo of 1500 columns: windows of ~3100 x 3100 x 10
        SpecException ex = assertThrows(SpecException.class, () -> new JobResolver(dir, budget).resolve(read(wide), "t"));
        List<SpecProblem> p = ex.problems().stream().filter(SpecProblem::isError).toList();
        assertEquals(1, p.size(), p.toString());
        assertEquals("migrationVelocity.smooth", p.get(0).path());
        assertTrue(p.get(0).machineLimit(), "the memory of this machine");
        assertTrue(p.get(0).message().contains("columns) grows to ") && p.get(0).message().contains(
                ", and smoothing it needs ") && p.get(0).message().endsWith("give a smaller smoothing, or smooth the"
                + " model beforehand and give it as a file (or raise the budget with -Xmx / SEISWORK_JAVA_OPTS)"),
                p.get(0).message());
    }
}
