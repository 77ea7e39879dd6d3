package io.seiswork.core.spec;

import static io.seiswork.core.spec.SpecFixtures.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.velocity.VelocityModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checking a spec as {@code seiswork run --check} does, reading and resolving in one pass
 * ({@link JobSpecReader#draft}, {@link JobResolver#resolve(SpecDraft, String)}): the problems of
 * the audit of the checks, each refused in one line before anything of the grid's size is built.
 */
class SpecCheckingTest {

    /** The memory budget of the audit's machine, 5.30 GiB. */
    private static final long BUDGET = (long) (5.3 * (1L << 30));

    @TempDir
    Path dir;

    /** examples/layered-2d-model.json. */
    private static ObjectNode layeredExample() throws IOException {
        return (ObjectNode) MAPPER.readTree("""
            {
              "name": "layered-2d-model",
              "task": "model",
              "grid": { "nx": 401, "ny": 1, "nz": 201, "dx": 10, "dz": 10 },
              "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 800, "vp": 2200 }, { "top": 1400, "vp": 2800 } ] },
              "wavelet": { "type": "ricker", "peakHz": 12 },
              "time": { "lengthS": 2.0, "sampleS": 0.004 },
              "sources": { "line": { "x0": 1000, "dx": 1000, "n": 3, "y": 0, "z": 20 } },
              "receivers": { "line": { "x0": 0, "dx": 10, "n": 401, "y": 0, "z": 20 }, "spread": "fixed" },
              "physics": { "spaceOrder": 8, "boundary": { "type": "cpml", "width": 20 }, "freeSurface": false },
              "engine": "auto"
            }
            """);
    }

    private List<SpecProblem> problems(ObjectNode json, long budget) {
        SpecDraft draft = JobSpecReader.draft(json.toString(), "test.json", "test");
        SpecException e = assertThrows(SpecException.class, () -> new JobResolver(dir, budget).resolve(draft, "test.json"));
        return e.problems();
    }

    private List<String> errors(ObjectNode json) {
        return problems(json, BUDGET).stream().filter(SpecProblem::isError).map(SpecProblem::toString).toList();
    }

    private static ObjectNode grid(ObjectNode json) {
        return (ObjectNode) json.get("grid");
    }

    /**
     * Item 1: a grid too large for the memory budget is refused by its memory need alone, in one
     * line, for every analytic velocity form, before anything of the grid's size is allocated.
     * Two grids: 2e9 nodes (8 GB of velocities, more than the test's 4 GB heap, on the audit's
     * budget), and 2e7 nodes (80 MB, which this heap would hold and the resolver would load whole)
     * on a 256 MiB budget, where a model built before the check would show as 80 MB allocated.
     */
    @Test
    void aGridTooLargeForMemoryIsRefusedBeforeItsModelIsBuilt() throws IOException {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        record Case(int nx, int nz, long budget, String budgetText) {}
        for (Case c : List.of(new Case(100_000, 20_000, BUDGET, "5.30 GiB"), new Case(5_000, 4_000, 256L << 20,
                "0.25 GiB"))) {
            for (String velocity : Arrays.asList("{\"constant\": 2000}", "{\"builtin\": \"layered\"}", null)) {
                ObjectNode j = layeredExample();
                grid(j).put("nx", c.nx()).put("nz", c.nz());
                if (velocity != null) {
                    j.set("velocity", MAPPER.readTree(velocity));
                }
                String what = c.nx() + " x " + c.nz() + ", " + velocity;
                long allocatedBefore = threads.getTotalThreadAllocatedBytes();
                List<SpecProblem> p = problems(j, c.budget());
                long allocated = threads.getTotalThreadAllocatedBytes() - allocatedBefore;
                // Every thread's allocations while checking (the spec's text and tree, the
                // problems: well under a MB) against the velocity model's 4 bytes a node.
                long velocityBytes = 4L * c.nx() * c.nz();
                assertTrue(allocated < velocityBytes / 10, what + ": refused before building the "
                        + MemoryEstimate.human(velocityBytes) + " model, yet " + MemoryEstimate.human(allocated)
                        + " were allocated");
                List<SpecProblem> errors = p.stream().filter(SpecProblem::isError).toList();
                assertEquals(1, errors.size(), what + ": " + p);
                assertTrue(errors.get(0).machineLimit(), errors.get(0).toString());
                assertTrue(errors.get(0).toString().startsWith("grid: one shot needs ") && errors.get(0).toString()
                        .contains("but the memory budget is " + c.budgetText()), errors.get(0).toString());
            }
        }
    }

    /**
     * Item 1: a resolver checking for bigger machines than this one (a cloud worker's budget)
     * keeps the models as fields rather than loading them whole here, where they need not fit; on
     * this machine's own budget a job that fits is loaded whole, as before.
     */
    @Test
    void aJobCheckedForALargerMachineIsNotLoadedWholeHere() throws IOException {
        ObjectNode j = layeredExample();
        JobSpec spec = JobSpecReader.read(j.toString(), "test.json", "test");
        ResolvedJob forWorkers = new JobResolver(dir, 1L << 40, 1L << 18).resolve(spec, "test.json");
        assertFalse(forWorkers.velocity() instanceof VelocityModel, "401 x 201 floats are over half of a 256 KiB heap");
        assertEquals(1500f, forWorkers.velocity().min());
        assertEquals(2800f, forWorkers.velocity().max());
        ResolvedJob here = new JobResolver(dir, BUDGET).resolve(spec, "test.json");
        assertInstanceOf(VelocityModel.class, here.velocity());
        assertEquals(here.time(), forWorkers.time());
    }

    /** Item 2: the audit's three mistakes, from the reader and the resolver, in one report. */
    @Test
    void problemsOfTheTextAndOfTheModelAreReportedTogether() throws IOException {
        ObjectNode j = layeredExample();
        ((ObjectNode) j.get("time")).put("dtS", 0.003);
        ((ObjectNode) j.get("sources").get("line")).put("x0", 5000);
        grid(j).put("dz", 40);
        List<String> e = errors(j);
        assertEquals(3, e.size(), e.toString());
        assertTrue(e.stream().anyMatch(s -> s.startsWith("sources.line: 3 of 3 shots outside the grid")), e.toString());
        assertTrue(e.stream().anyMatch(s -> s.startsWith("time.dtS: must be <= 0.00271767 s, the CFL stability limit")),
                e.toString());
        assertTrue(e.stream().anyMatch(s -> s.startsWith("grid: 1.25 points per minimum wavelength")), e.toString());
    }

    /** Item 2: a time step above the output interval is also checked against the CFL limit. */
    @Test
    void aTimeStepAboveTheSampleIntervalIsAlsoCheckedAgainstTheCflLimit() throws IOException {
        ObjectNode j = layeredExample();
        ((ObjectNode) j.get("time")).put("dtS", 0.01);
        List<String> e = errors(j);
        assertEquals(2, e.size(), e.toString());
        assertEquals("time.dtS: must be <= time.sampleS (0.004 s), got 0.01", e.get(0));
        assertTrue(e.get(1).startsWith("time.dtS: must be <= 0.00") && e.get(1).contains("CFL stability limit"), e.get(1));
    }

    /**
     * A given time step that takes more steps than the engine counts: one error at time.lengthS
     * naming the step, the count and the limit (the count wrapped to a negative int before).
     */
    @Test
    void aGivenStepTakingMoreStepsThanTheEngineCountsIsRefused() throws IOException {
        ObjectNode j = layeredExample();
        ((ObjectNode) j.get("time")).put("dtS", 1e-9);
        assertEquals(List.of("time.lengthS: needs 2000000001 time steps of 1.00000e-09 s (time.dtS) to reach 2 s, more"
                + " than the engine's limit of 536870911 steps (shorten time.lengthS or lengthen time.dtS)"), errors(j));
    }

    /** Item 2: a spec missing a field cannot be resolved; its reading problems alone are reported. */
    @Test
    void anIncompleteSpecReportsItsReadingProblems() throws IOException {
        ObjectNode j = layeredExample();
        j.remove("wavelet");
        ((ObjectNode) j.get("sources").get("line")).put("x0", 5000);
        SpecDraft draft = JobSpecReader.draft(j.toString(), "test.json", "test");
        assertNull(draft.spec());
        List<String> e = errors(j);
        assertEquals(List.of("wavelet: is required", "sources.line: 3 of 3 shots outside the grid (x 0..4000, z 0..2000 m);"
                + " first: shot 1 at (x 5000, z 20)"), e);
    }

    private void writeRaw(String name, float value, ByteOrder order) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * 401 * 201).order(order);
        while (b.hasRemaining()) {
            b.putFloat(value);
        }
        Files.write(dir.resolve(name), b.array());
    }

    private static ObjectNode raw(ObjectNode json, String path, String endian) {
        json.set("velocity", MAPPER.createObjectNode().set("raw", MAPPER.createObjectNode().put("path", path)
                .put("endian", endian)));
        return json;
    }

    /** Item 3: a file in km/s without a scale is told as such, not as a grid to refine a thousandfold. */
    @Test
    void aModelInKilometresPerSecondWithoutScaleIsNamed() throws IOException {
        writeRaw("vp-kms.bin", 2.2f, ByteOrder.LITTLE_ENDIAN);
        List<String> e = errors(raw(layeredExample(), "vp-kms.bin", "little"));
        assertEquals(List.of("velocity: values 2.2 to 2.2 m/s lie outside 100-10000 m/s, the range of seismic velocities:"
                + " the file looks like km/s; give velocity.raw.scale 1000 (it is 1)"), e);
    }

    /** Item 3: a big-endian file read as little-endian: its garbage range and the byte order named. */
    @Test
    void aModelReadWithTheWrongByteOrderIsNamed() throws IOException {
        writeRaw("vp-big.bin", 2200f, ByteOrder.BIG_ENDIAN);
        List<String> e = errors(raw(layeredExample(), "vp-big.bin", "little"));
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).startsWith("velocity: values ") && e.get(0).contains("lie outside 100-10000 m/s")
                && e.get(0).contains("velocity.raw.endian is \"little\"; try \"big\""), e.get(0));
        assertFalse(e.get(0).contains("E-"), "a readable number: " + e.get(0));
    }

    /** Item 3: NaN in a raw file: the bad node, then the byte order or format as the likely cause. */
    @Test
    void aModelWithNanValuesNamesTheByteOrderAsTheLikelyCause() throws IOException {
        writeRaw("vp-nan.bin", Float.NaN, ByteOrder.LITTLE_ENDIAN);
        List<String> e = errors(raw(layeredExample(), "vp-nan.bin", "little"));
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).startsWith("velocity: 80601 of 80601 velocities are not positive and finite")
                && e.get(0).endsWith("velocity.raw.endian \"little\" may be wrong (try \"big\"), or the file may not"
                        + " hold float32 values"), e.get(0));
    }

    /** Item 3: plausible models of every form pass, at the limits too. */
    @Test
    void velocitiesWithinTheSeismicRangePass() throws IOException {
        ObjectNode j = layeredExample();
        j.set("velocity", MAPPER.readTree("{\"layers\": [{\"top\": 0, \"vp\": 300}, {\"top\": 1000, \"vp\": 10000}]}"));
        ((ObjectNode) j.get("wavelet")).put("peakHz", 4);
        SpecDraft draft = JobSpecReader.draft(j.toString(), "test.json", "test");
        ResolvedJob atLimits = new JobResolver(dir, BUDGET).resolve(draft, "test.json");
        assertTrue(atLimits.warnings().stream().noneMatch(w -> w.path().equals("velocity")),
                "300 m/s is no near-surface warning: " + atLimits.warnings());
        j.set("velocity", MAPPER.readTree("{\"layers\": [{\"top\": 0, \"vp\": 100}, {\"top\": 1000, \"vp\": 10000}]}"));
        ((ObjectNode) j.get("wavelet")).put("peakHz", 1);
        assertNotNull(new JobResolver(dir, BUDGET).resolve(JobSpecReader.draft(j.toString(), "test.json", "test"),
                "test.json"), "100 m/s, the lowest, runs");
        j.set("velocity", MAPPER.readTree("{\"constant\": 12000}"));
        assertEquals(List.of("velocity: values 12000 to 12000 m/s lie outside 100-10000 m/s, the range of seismic"
                + " velocities: give velocities in m/s (ft/s x 0.3048)"), errors(j));
        j.set("velocity", MAPPER.readTree("{\"constant\": 50000}"));
        assertEquals(List.of("velocity: values 50000 to 50000 m/s lie outside 100-10000 m/s, the range of seismic"
                + " velocities"), errors(j));
    }
    /**
     * Review item 1: a near-surface model (dry soil 200 m/s over weathered 800 and 1800 m/s, 1 m
     * cells, 25 Hz Ricker) runs, as before the plausibility check: a warning naming the
     * near-surface range, and the points-per-wavelength warning it always had (200 / 62.5 Hz /
     * 1 m = 3.2 points, below order 8's 4).
     */
    @Test
    void aNearSurfaceModelRunsWithAWarning() throws IOException {
        ObjectNode j = (ObjectNode) MAPPER.readTree("""
            {
              "name": "near-surface",
              "task": "model",
              "grid": { "nx": 201, "ny": 1, "nz": 101, "dx": 1, "dz": 1 },
              "velocity": { "layers": [ { "top": 0, "vp": 200 }, { "top": 10, "vp": 800 }, { "top": 40, "vp": 1800 } ] },
              "wavelet": { "type": "ricker", "peakHz": 25 },
              "time": { "lengthS": 0.2, "sampleS": 0.0005 },
              "sources": { "line": { "x0": 100, "dx": 10, "n": 1, "y": 0, "z": 1 } },
              "receivers": { "line": { "x0": 0, "dx": 2, "n": 101, "y": 0, "z": 0 } }
            }
            """);
        ResolvedJob job = new JobResolver(dir, BUDGET).resolve(JobSpecReader.draft(j.toString(), "ns.json", "ns"), "ns.json");
        List<String> warnings = job.warnings().stream().map(SpecProblem::toString).toList();
        assertEquals(List.of("warning: velocity: slowest value 200 m/s is below 300 m/s: plausible only for dry soil or weathered"
                + " near-surface layers (100-300 m/s); check the model's units if it is not a near-surface model",
                "warning: grid: 3.20 points per minimum wavelength (slowest velocity 200 m/s, highest frequency 62.5 Hz = 2.5 x"
                        + " wavelet.peakHz, spacing 1 m); space order 8 needs 4 for accurate results (numerical"
                        + " dispersion)"), warnings);
        assertEquals(200f, job.velocity().min());
    }

    /**
     * Review item 1: a model in ft/s scaled by 0.3048 whose slowest value lands a float's rounding
     * below 300 m/s (984.252 ft/s) is not warned about; 299.9 m/s is, and the error limits keep the
     * same tolerance (99.9995 and 10000.05 pass, 99.9 and 10001 do not).
     */
    @Test
    void theLimitsAllowAFloatsRounding() {
        VelocitySpec raw = new VelocitySpec.Raw("vp.bin", "zxy", ByteOrder.LITTLE_ENDIAN, 0.3048);
        Problems p = new Problems();
        assertTrue(VelocityPlausibility.check(raw, "velocity", 299.9994, 4000, p));
        assertEquals(List.of(), p.all());
        assertTrue(VelocityPlausibility.check(raw, "velocity", 299.9, 4000, p));
        assertEquals(1, p.all().size());
        assertFalse(p.all().get(0).isError());
        assertNull(VelocityPlausibility.problem(raw, "velocity", 99.9995, 10_000.05));
        assertNotNull(VelocityPlausibility.problem(raw, "velocity", 99.9, 4000));
        assertNotNull(VelocityPlausibility.problem(raw, "velocity", 1500, 10_001));
        assertTrue(VelocityPlausibility.problem(raw, "velocity", Double.NaN, 4000).startsWith("the range NaN to 4000 m/s"
                + " is not finite; velocity.raw.endian \"little\" may be wrong"));
        // A file in ft/s read without its scale (3280-16400 ft/s): the hint names the scale.
        VelocitySpec unscaled = new VelocitySpec.Raw("vp.bin", "zxy", ByteOrder.LITTLE_ENDIAN, 1);
        assertTrue(VelocityPlausibility.problem(unscaled, "velocity", 3280, 16_400).endsWith("the file looks like"
                + " ft/s; give velocity.raw.scale 0.3048 (it is 1)"));
    }

    /** Review item 1: an implausible velocity does not hide the migration velocity's problem: both in one pass. */
    @Test
    void anImplausibleVelocityStillReportsTheMigrationVelocitysProblem() throws IOException {
        ObjectNode j = layeredExample();
        j.put("task", "rtm");
        j.set("velocity", MAPPER.readTree("{\"constant\": 2.2}"));
        j.set("migrationVelocity", MAPPER.readTree("{\"constant\": 50000}"));
        List<String> e = errors(j);
        assertEquals(2, e.size(), e.toString());
        assertTrue(e.get(0).startsWith("velocity: values 2.2 to 2.2 m/s lie outside 100-10000 m/s"), e.get(0));
        assertTrue(e.get(1).startsWith("migrationVelocity: values 50000 to 50000 m/s lie outside 100-10000 m/s"), e.get(1));
    }
    /**
     * Review item 3, the review's case: a 6000 x 5000 modelling job of 11 steps, its shot's arrays
     * 355.3 MiB. The check counts the whole model the job holds (4 bytes a node, 114.4 MiB) and
     * 1/64 for what it does not itemise, so the budget of -Xmx430m (0.9 x 430 MiB), with which
     * the run died of OutOfMemoryError, refuses it; the budget of -Xmx530m passes it (measured:
     * 500m ran, 480m did not).
     */
    @Test
    void aModellingJobsMemoryCountsTheModelItHolds() throws IOException {
        ObjectNode j = (ObjectNode) MAPPER.readTree("""
            {
              "name": "big", "task": "model",
              "grid": { "nx": 6000, "nz": 5000, "dx": 5, "dz": 5 },
              "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 2000, "vp": 3000 } ] },
              "wavelet": { "peakHz": 10 },
              "time": { "lengthS": 0.2, "sampleS": 0.001, "dtS": 0.0009 },
              "sources": { "line": { "x0": 15000, "dx": 1000, "n": 1, "z": 20 } },
              "receivers": { "line": { "x0": 0, "dx": 10, "n": 100, "z": 20 } }
            }
            """);
        SpecDraft draft = JobSpecReader.draft(j.toString(), "big.json", "big");
        long mib = 1L << 20;
        // Kept as a field (no local heap for whole models): nothing of the grid's size is allocated here.
        ResolvedJob job = new JobResolver(dir, (long) (0.9 * 530 * mib), 0).resolve(draft, "big.json");
        assertEquals(224, job.time().steps());
        long arrays = MemoryEstimate.modellingBytes(job.spec().grid(), job.spec().physics(), 100, job.time());
        assertEquals(355.3, arrays / (double) mib, 0.1);
        assertEquals(arrays + arrays / 64 + 4L * 6000 * 5000, job.memoryBytes());
        SpecException e = assertThrows(SpecException.class,
                () -> new JobResolver(dir, (long) (0.9 * 430 * mib), 0).resolve(draft, "big.json"));
        assertEquals(List.of("grid: one shot needs 0.46 GiB but the memory budget is 0.38 GiB (raise it with -Xmx /"
                + " SEISWORK_JAVA_OPTS, or coarsen the grid)"), e.problems().stream().filter(SpecProblem::isError)
                .map(SpecProblem::toString).toList());
        // Need and budget that read the same in GiB are told in MiB.
        SpecException close = assertThrows(SpecException.class,
                () -> new JobResolver(dir, (long) (0.9 * 522 * mib), 0).resolve(draft, "big.json"));
        assertEquals("grid: one shot needs 475.4 MiB but the memory budget is 469.8 MiB (raise it with -Xmx /"
                + " SEISWORK_JAVA_OPTS, or coarsen the grid)", close.problems().stream().filter(SpecProblem::isError)
                .findFirst().orElseThrow().toString());
    }
}
