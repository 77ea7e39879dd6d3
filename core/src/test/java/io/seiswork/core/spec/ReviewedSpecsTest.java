package io.seiswork.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specs of the job-spec review that ran, or failed unclearly, when they should have been refused
 * or warned about: each is the review's base (a 1000 m x 500 m model, 2 shots) with one change,
 * checked as {@code run --check} does (read, then resolved).
 */
class ReviewedSpecsTest {

    @TempDir
    Path dir;

    private static final String BASE = """
            {
              "name": "tiny",
              "task": "model",
              "grid": { "nx": 101, "nz": 51, "dx": 10, "dz": 10 },
              "velocity": { "constant": 2000 },
              "wavelet": { "peakHz": 15 },
              "time": { "lengthS": 0.3, "sampleS": 0.004 },
              "sources": { "line": { "x0": 500, "dx": 100, "n": 2, "y": 0, "z": 20 } },
              "receivers": { "line": { "x0": 0, "dx": 10, "n": 101, "y": 0, "z": 20 } }
            }
            """;

    private static ObjectNode base(Consumer<ObjectNode> change) {
        try {
            ObjectNode j = (ObjectNode) SpecFixtures.MAPPER.readTree(BASE);
            change.accept(j);
            return j;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode at(ObjectNode j, String... keys) {
        ObjectNode o = j;
        for (String k : keys) {
            o = o.has(k) ? (ObjectNode) o.get(k) : o.putObject(k);
        }
        return o;
    }

    /** Every problem of {@code json} as {@code run --check} reports them: the reader's, then the resolver's. */
    private List<SpecProblem> check(ObjectNode json) {
        SpecDraft draft = JobSpecReader.draft(json.toString(), "test.json", "test");
        try {
            return new JobResolver(dir, 1L << 34).resolve(draft, "test.json").warnings();
        } catch (SpecException e) {
            return e.problems();
        }
    }

    private List<String> errors(ObjectNode json) {
        return check(json).stream().filter(SpecProblem::isError).map(SpecProblem::toString).toList();
    }

    private List<String> warnings(ObjectNode json) {
        return check(json).stream().filter(p -> !p.isError()).map(SpecProblem::toString).toList();
    }

    @Test
    void theBaseIsClean() {
        assertEquals(List.of(), check(base(j -> { })));
    }

    /** Review 1: a moving spread holding no receivers ran, wrote empty gathers and exited 0. */
    @Test
    void aSpreadWithNoReceiverForAnyShotIsRefused() {
        ObjectNode j = base(b -> at(b, "receivers", "spread", "moving").put("minOffset", 2000).put("maxOffset", 3000));
        assertEquals(List.of("receivers.spread.moving: no shot has a receiver within its offsets 2000..3000 m: the"
                + " sources lie at x 500..600 m and the receivers at x 0..1000 m (the model spans x 0..1000 m); every gather would"
                + " be empty. Lower minOffset, raise maxOffset, or move the receivers"), errors(j));
        j.put("task", "rtm");
        assertTrue(errors(j).contains(errors(base(b -> at(b, "receivers", "spread", "moving").put("minOffset", 2000)
                .put("maxOffset", 3000))).get(0)), "a migration too: " + errors(j));
    }

    @Test
    void shotsWithoutReceiversAreCountedInOneWarning() {
        // Sources at 500 and 600 m, receivers 0..1000 m: only the shot at 600 m has one 550..600 m away.
        ObjectNode j = base(b -> at(b, "receivers", "spread", "moving").put("minOffset", 550).put("maxOffset", 600));
        assertEquals(List.of(), errors(j));
        assertEquals(List.of("warning: receivers.spread.moving: 1 of 2 shots have no receiver within their offsets"
                + " 550..600 m (first: shot 1), and write empty gathers"), warnings(j));
    }

    /** Review 2: width 0 read as a warning, then failed in the engine without the field's path. */
    @Test
    void theBoundaryWidthHasOneRuleWithItsPath() {
        assertEquals(List.of("physics.boundary.width: must be between 4 (the stencil radius of space order 8, the least"
                + " the engines take) and 500 cells, got 0; 10 or more absorbs well, 20 by default"),
                errors(base(j -> at(j, "physics", "boundary").put("width", 0))));
        assertTrue(errors(base(j -> at(j, "physics", "boundary").put("width", 3))).get(0).contains("got 3"));
        assertTrue(errors(base(j -> at(j, "physics", "boundary").put("width", 100000))).get(0)
                .contains("and 500 cells, got 100000"));
        assertEquals(List.of(), errors(base(j -> at(j, "physics", "boundary").put("width", 500))));
        assertEquals(List.of(), errors(base(j -> at(j, "physics").put("spaceOrder", 2).putObject("boundary")
                .put("width", 1))), "order 2 reaches 1 cell");
        assertEquals(500, PhysicsSpec.MAX_BOUNDARY_WIDTH);
    }

    /** Review 3: a model in km with velocities in m/s (1 m x 0.5 m) passed the check. */
    @Test
    void lengthsInKmAreWarnedAbout() {
        ObjectNode j = base(b -> {
            at(b, "grid").put("dx", 0.01).put("dz", 0.01);
            at(b, "sources", "line").put("x0", 0.5).put("dx", 0.1).put("z", 0.02);
            at(b, "receivers", "line").put("x0", 0).put("dx", 0.01).put("z", 0.02);
        });
        assertEquals(List.of("warning: grid: grid is 1 m x 0.5 m, shorter than one wavelength (133 m at 15 Hz,"
                + " 2000 m/s): are the lengths in km? Seiswork uses metres (grid, sources, receivers) and m/s"),
                warnings(j));
    }

    /** Review 4: a 3D line or grid layout without y put every point on the y = 0 face. */
    @Test
    void yIsRequiredIn3d() {
        ObjectNode j = base(b -> {
            at(b, "grid").put("ny", 41);
            at(b, "sources", "line").remove("y");
            at(b, "receivers", "line").remove("y");
        });
        assertEquals(List.of("sources.line.y: is required in 3D (grid.ny = 41): left out, every point would lie on the"
                + " grid's y = 0 face, beside the absorbing layer", "receivers.line.y: is required in 3D (grid.ny = 41):"
                + " left out, every point would lie on the grid's y = 0 face, beside the absorbing layer"), errors(j));
        ObjectNode areal = base(b -> {
            at(b, "grid").put("ny", 41);
            ((ObjectNode) b.get("receivers")).remove("line");
            at(b, "receivers", "grid").put("x0", 0).put("dx", 10).put("nx", 101).put("dy", 10).put("ny", 5).put("z", 20);
        });
        assertTrue(errors(areal).get(0).startsWith("receivers.grid.y0: is required in 3D"), errors(areal).toString());
        assertEquals(List.of(), errors(base(b -> at(b, "sources", "line").remove("y"))), "2D keeps the default");
    }

    /** Review 5: a default delay past the record's end was a warning, and peakHz had no lower bound. */
    @Test
    void aPeakOutsideTheRecordIsRefused() {
        assertEquals(List.of("wavelet.peakHz: must be >= 1 / time.lengthS = 3.333333 Hz (at least one period within"
                + " the 0.3 s record), got 1e-300: every trace would be (nearly) zero"),
                errors(base(j -> at(j, "wavelet").put("peakHz", 1e-300))));
        assertTrue(errors(base(j -> at(j, "wavelet").put("peakHz", 2))).get(0).startsWith("wavelet.peakHz: must be >="),
                "2 Hz peaks at 0.5 s, after the 0.3 s record");
        assertEquals(List.of("time.lengthS: must be > the wavelet's peak at 1 / peakHz = 0.25 s (wavelet.delayS not"
                + " given), got 0.25: the traces would hold only its onset"),
                errors(base(j -> {
                    at(j, "wavelet").put("peakHz", 4);
                    at(j, "time").put("lengthS", 0.25);
                })));
    }

    /** Review 6: saturated or infinite figures in messages, and fields left unnamed. */
    @Test
    void extremeValuesGetClearMessages() {
        List<String> tiny = errors(base(j -> at(j, "grid").put("dx", 1e-300)));
        assertTrue(tiny.stream().anyMatch(e -> e.startsWith("time.lengthS: needs more than 536870911 time steps of"
                + " under 1e-300 s (the CFL step")), tiny.toString());
        assertTrue(tiny.stream().noneMatch(e -> e.contains("9223372036854775807") || e.contains("0.00000 s")), tiny.toString());
        assertEquals(List.of("wavelet.peakHz: must be <= 200000 Hz (its band, to 2.5 x peakHz, sampled by time.sampleS"
                + " of at least 1 microsecond, the finest SEG-Y stores), got 1e308"),
                errors(base(j -> at(j, "wavelet").put("peakHz", 1e308))));
        assertEquals(List.of("velocity.constant: must be at most 3.4e38 m/s (velocities are held as 32-bit"
                + " floats; seismic ones are 100-10000 m/s), got 1e308"),
                errors(base(j -> at(j, "velocity").put("constant", 1e308))));
        assertEquals(List.of("grid.nx: must be >= 2 (a grid needs at least 2 nodes along x and z), got 1"),
                errors(base(j -> {
                    at(j, "grid").put("nx", 1);
                    j.remove("sources");
                    at(j, "sources", "line").put("x0", 0).put("n", 1).put("z", 20);
                    at(j, "receivers", "line").put("n", 1);
                })));
    }

    /** Review 7: repeated points, and a 2D receivers grid of 5 rows writing each trace 5 times. */
    @Test
    void repeatedPointsAreRefused() {
        ObjectNode dup = base(j -> {
            j.remove("sources");
            ArrayNode list = at(j, "sources").putArray("list");
            list.addArray().add(300).add(0).add(20);
            list.addArray().add(500).add(0).add(20);
            list.addArray().add(500).add(0).add(20);
        });
        assertEquals(List.of("sources.list[2]: repeats sources.list[1] (500, 0, 20): each listed point must be distinct"),
                errors(dup));
        ObjectNode rows = base(j -> {
            ((ObjectNode) j.get("receivers")).remove("line");
            at(j, "receivers", "grid").put("x0", 0).put("dx", 10).put("nx", 101).put("y0", 0).put("dy", 10).put("ny", 5)
                    .put("z", 20);
        });
        assertEquals(List.of("receivers.grid.ny: must be 1 in a 2D grid (grid.ny 1): 5 rows of receivers would all lie"
                + " on the one y and repeat each other, got 5"), errors(rows));
    }

    /** Review 8: a modelling spec's migration fields were silently ignored. */
    @Test
    void fieldsOfTheOtherTaskAreWarnedAboutInOneLine() {
        ObjectNode j = base(b -> {
            b.put("data", "missing.sgy");
            at(b, "imaging").put("aperture", 500);
            at(b, "migrationVelocity").put("smooth", 100);
        });
        assertEquals(List.of(), errors(j), "specs are copied between tasks: not an error");
        assertEquals(List.of("warning: data, imaging, migrationVelocity: ignored for task model (read only by task rtm)"),
                warnings(j));
        j.put("task", "rtm");
        assertTrue(warnings(j).stream().noneMatch(w -> w.contains("ignored")), warnings(j).toString());
    }

    @Test
    void theReaderRefusesWhatTheResolverWouldOtherwiseMeetAsAnException() {
        SpecException e = assertThrows(SpecException.class,
                () -> JobSpecReader.read(base(j -> at(j, "physics", "boundary").put("width", 2)).toString(), "t", "t"));
        assertTrue(e.getMessage().contains("physics.boundary.width"), e.getMessage());
    }
}
