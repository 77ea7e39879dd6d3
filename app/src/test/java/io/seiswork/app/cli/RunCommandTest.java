package io.seiswork.app.cli;

import static io.seiswork.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.app.testing.FetchedFiles;
import io.seiswork.app.testing.SmallSpec;
import io.seiswork.core.files.FetchRecord;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.TraceHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @TempDir
    Path dir;

    /** Two shots on a small constant-velocity 2D grid: seconds on two cores. */
    private static final String SPEC = SmallSpec.named("tiny").velocity("{ \"constant\": 2000 }").shots(200, 400, 2)
            .receivers(0, 20, 41, 10).json();

    @Test
    void modelsEveryShotIntoSegyAndReport() throws Exception {
        Path spec = dir.resolve("tiny.json");
        Files.writeString(spec, SPEC);
        Path out = dir.resolve("out");
        CliRun r = run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("wrote " + out.resolve("shots.sgy") + " and " + out.resolve("run.json") + " in "),
                r.err());

        try (SegyReader shots = SegyReader.open(out.resolve("shots.sgy"))) {
            assertEquals(2 * 41, shots.traceCount());
            assertEquals(101, shots.samplesPerTrace());
            assertEquals(4000, shots.sampleIntervalUs());
            TraceHeader h = shots.header(41 + 5); // shot 2, receiver 6 at x = 100 m; source at 600 m
            assertEquals(2, h.getInt32(TraceHeader.FIELD_RECORD));
            assertEquals(6, h.getInt32(TraceHeader.TRACE_NUMBER));
            assertEquals(600, h.sourceXM(), 1e-6);
            assertEquals(100, h.groupXM(), 1e-6);
            assertEquals(-500, h.getInt32(TraceHeader.OFFSET));
            // The direct wave reaches x = 100 m from x = 600 m at 0.25 s + the wavelet delay 1/15 s.
            float[] t = shots.readTrace(41 + 5);
            int peak = 0;
            for (int i = 1; i < t.length; i++) {
                peak = Math.abs(t[i]) > Math.abs(t[peak]) ? i : peak;
            }
            double arrival = Math.hypot(500, 10) / 2000 + 1.0 / 15;
            assertEquals(arrival, peak * 0.004, 0.02, "direct-wave peak time");
        }

        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("done", report.get("status").asText());
        assertEquals(2, report.get("shots").size());
        assertTrue(report.get("dtS").asDouble() < report.get("cflLimitS").asDouble());
        assertEquals(0.004, report.get("dtS").asDouble() * Math.round(0.004 / report.get("dtS").asDouble()), 1e-12);
        assertTrue(report.get("nt").asInt() >= 100);
        assertTrue(report.get("gptsPerSecond").asDouble() > 0);
        // gptsPerSecond counts the absorbing layers' points too (as it always did); userGptsPerSecond, the
        // headline the terminal prints as bench does, the user's 81 x 41 grid alone: 3321 of 121 x 96 points.
        double share = 81 * 41 / (double) io.seiswork.app.run.RunWork.computedPoints(
                new io.seiswork.core.grid.Grid(81, 1, 41, 10, 10, 10), io.seiswork.core.spec.JobSpecReader.read(spec));
        assertTrue(share < 0.5, "share " + share);
        assertEquals(share * report.get("gptsPerSecond").asDouble(), report.get("userGptsPerSecond").asDouble(),
                2e-4 + 1e-3 * report.get("gptsPerSecond").asDouble());
        assertEquals(share * report.at("/shots/0/gptsPerSecond").asDouble(),
                report.at("/shots/0/userGptsPerSecond").asDouble(), 2e-4 + 1e-3 * report.get("gptsPerSecond").asDouble());
        assertTrue(r.err().contains("Gpts/s on the user's grid, " + io.seiswork.core.progress.Throughput.gpts(
                report.get("gptsPerSecond").asDouble()) + " with the absorbing layers)"), r.err());
        assertTrue(report.get("wallSeconds").asDouble() > 0);
        // The desktop's figure: every computed point (layers included) of both shots over the run's wall time.
        double perStep = io.seiswork.app.run.RunWork.computedPoints(new io.seiswork.core.grid.Grid(81, 1, 41, 10, 10, 10),
                io.seiswork.core.spec.JobSpecReader.read(spec));
        double stepsPerShot = report.get("computedPoints").asDouble() / 2 / perStep;
        int nt = report.get("nt").asInt();
        assertTrue(stepsPerShot == nt || stepsPerShot == nt - 1, "steps a shot " + stepsPerShot + ", nt " + nt);
        assertEquals(report.get("computedPoints").asDouble() / report.get("wallSeconds").asDouble() / 1e9,
                report.get("gptsPerWallSecond").asDouble(), 0.01 * report.get("gptsPerWallSecond").asDouble() + 1e-6,
                "computed points over the wall time (rounded to 4 figures and ms)");
        assertTrue(report.get("gptsPerWallSecond").asDouble() <= report.get("gptsPerSecond").asDouble() * 1.001,
                "the wall time holds the propagation loops");
        assertEquals(81, report.at("/grid/nx").asInt());
        assertEquals("tiny", report.at("/spec/name").asText());
        assertEquals(8, report.at("/spec/physics/spaceOrder").asInt(), "resolved spec has defaults spelled out");
    }

    /**
     * {@code --shots 2} runs shot 2 alone: its gather is the whole run's shot 2, trace for trace,
     * with FFID 2; a shot the job does not have, or a list that is not one, is one line and runs
     * nothing.
     */
    @Test
    void onlyTheShotsListedRunKeepingTheirNumbers() throws Exception {
        Path spec = Files.writeString(dir.resolve("tiny.json"), SPEC);
        Path all = dir.resolve("all");
        Path two = dir.resolve("two");
        assertEquals(0, run("run", spec.toString(), "--out", all.toString(), "--engine", "cpu").exit());
        CliRun r = run("run", spec.toString(), "--out", two.toString(), "--engine", "cpu", "--shots", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("running 1 of the 2 shots (--shots 2)"), r.err());
        assertTrue(r.err().contains("shot 2 (1/1)  done in "), "the shot's number and its place in the run: " + r.err());
        try (SegyReader whole = SegyReader.open(all.resolve("shots.sgy"));
                SegyReader one = SegyReader.open(two.resolve("shots.sgy"))) {
            assertEquals(41, one.traceCount());
            for (int t = 0; t < 41; t++) {
                assertEquals(2, one.header(t).getInt32(TraceHeader.FIELD_RECORD));
                assertArrayEquals(whole.readTrace(41 + t), one.readTrace(t), "trace " + t);
            }
        }
        assertEquals("2", new com.fasterxml.jackson.databind.ObjectMapper().readTree(two.resolve("run.json").toFile())
                .get("shotsRun").asText());

        CliRun missing = run("run", spec.toString(), "--out", dir.resolve("none").toString(), "--shots", "1,3-4");
        assertEquals(2, missing.exit(), "a usage error, as a malformed list is: " + missing.err());
        assertTrue(missing.err().contains("seiswork run: --shots: the job has no shot 3 (its shots are 1-2)"), missing.err());
        assertTrue(missing.err().contains("See 'seiswork run --help' for the options."), missing.err());
        assertFalse(Files.exists(dir.resolve("none")), "nothing run");
        CliRun bad = run("run", spec.toString(), "--shots", "first");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("seiswork run: --shots must list shot numbers and ranges such as 1,4-6, got \"first\": it is neither a"
                + " shot number nor a range"),
                bad.err());
    }

    /**
     * A model run into a folder that held a migration removes the migration's image files, saying
     * so in one line; files that are not Seiswork outputs stay. Without a Seiswork run.json the
     * files by those names are not known to be a run's: nothing is removed before the run, and the
     * lines say so; the run's own output by its name it writes over.
     */
    @Test
    void aRunIntoAFolderOfTheOtherTaskRemovesThatTasksOutputsOnly() throws Exception {
        Path spec = Files.writeString(dir.resolve("tiny.json"), SPEC);
        Path out = Files.createDirectories(dir.resolve("r1"));
        Files.writeString(out.resolve("run.json"), "{\"seiswork\": \"0.1.0\", \"task\": \"rtm\", \"status\": \"done\"}");
        Files.writeString(out.resolve("image.sgy"), "old image");
        Files.writeString(out.resolve("image.swv"), "old volume");
        Files.writeString(out.resolve("notes.txt"), "mine");
        CliRun r = run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("replacing the rtm run in " + out + ": removed its image.sgy, image.swv"), r.err());
        assertFalse(Files.exists(out.resolve("image.sgy")));
        assertFalse(Files.exists(out.resolve("image.swv")));
        assertTrue(Files.exists(out.resolve("shots.sgy")));
        assertEquals("mine", Files.readString(out.resolve("notes.txt")), "not a Seiswork output: kept");

        Path foreign = Files.createDirectories(dir.resolve("r2"));
        Files.writeString(foreign.resolve("image.sgy"), "someone's image");
        Files.writeString(foreign.resolve("shots.sgy"), "someone's gathers");
        CliRun r2 = run("run", spec.toString(), "--out", foreign.toString(), "--engine", "cpu");
        assertEquals(0, r2.exit(), r2.err());
        // Not known to be a run's: nothing removed before the run; its own output by that name it writes over.
        assertTrue(r2.err().contains(foreign + " holds shots.sgy, which no Seiswork run.json or fetch there names:"
                + " this model run writes over it"), r2.err());
        assertTrue(r2.err().contains(foreign + " also holds image.sgy, which a model run does not write and no Seiswork"
                + " run.json or fetch there names: left as they are"), r2.err());
        assertEquals("someone's image", Files.readString(foreign.resolve("image.sgy")));
    }

    /**
     * A model run into a folder holding a fetched migration (its image, the fetch's record, no
     * run.json) replaces it as it replaces a local run's: the image goes before the run starts,
     * said in one line, and the record forgets it, so that no later fetch takes the folder's files
     * for the job's. A fetched file written since is no longer vouched for: left as anyone's.
     */
    @Test
    void aRunIntoAFolderOfAFetchedJobReplacesItsOutputsAndForgetsThem() throws Exception {
        Path spec = Files.writeString(dir.resolve("tiny.json"), SPEC);
        Path out = Files.createDirectories(dir.resolve("fetched"));
        FetchedFiles.write(out, "layered-rtm-abc123", "image.sgy", "image.swv");
        Files.writeString(out.resolve("notes.txt"), "mine");
        CliRun r = run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("replacing the outputs fetched from job layered-rtm-abc123 in " + out
                + ": removed its image.sgy, image.swv"), r.err());
        assertFalse(Files.exists(out.resolve("image.sgy")));
        assertFalse(Files.exists(out.resolve("image.swv")));
        assertFalse(Files.exists(out.resolve(FetchRecord.FILE)), "the record names nothing more: removed");
        assertTrue(Files.exists(out.resolve("shots.sgy")));
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));

        // The same task's fetched gathers go before the run starts too; the record keeps the rest.
        Path same = Files.createDirectories(dir.resolve("same"));
        FetchedFiles.write(same, "tiny-model-abc123", "shots.sgy");
        Files.writeString(same.resolve("image.sgy"), "edited since it was fetched");
        FetchedFiles.record(same, "other-rtm-abc123", "image.sgy", 1);  // a size the file no longer has
        CliRun r2 = run("run", spec.toString(), "--out", same.toString(), "--engine", "cpu");
        assertEquals(0, r2.exit(), r2.err());
        assertTrue(r2.err().contains("replacing the outputs fetched from job tiny-model-abc123 in " + same
                + ": removed its shots.sgy"), r2.err());
        assertTrue(r2.err().contains(same + " also holds image.sgy, which a model run does not write"), r2.err());
        assertEquals("edited since it was fetched", Files.readString(same.resolve("image.sgy")));
        List<String> recorded = FetchRecord.read(same).properties().stream().map(java.util.Map.Entry::getKey).toList();
        assertEquals(List.of("image.sgy"), recorded, "the run's gathers are forgotten, the image's entry kept");
    }

    /**
     * {@code --threads 1} runs the CPU engine on one thread: run.json says so, and the gathers are the
     * same as on two. The tiny grid is under the size the engine splits between threads, so the
     * least chunk is set to one point ({@code seiswork.cpu.minChunkPoints}) for the two runs: the
     * second really runs its phases in chunks on both threads.
     */
    @Test
    void threadsSetsTheCpuEnginesThreads() throws Exception {
        Path spec = Files.writeString(dir.resolve("tiny.json"), SPEC);
        String minChunk = System.getProperty("seiswork.cpu.minChunkPoints");
        System.setProperty("seiswork.cpu.minChunkPoints", "1");
        try {
            CliRun one = run("run", spec.toString(), "--out", dir.resolve("one").toString(), "--engine", "cpu",
                    "--threads", "1");
            assertEquals(0, one.exit(), one.err());
            JsonNode report = new ObjectMapper().readTree(dir.resolve("one/run.json").toFile());
            assertEquals(1, report.get("cpuThreads").asInt());
            assertTrue(report.get("engine").asText().startsWith("cpu (1 thread, "), report.get("engine").asText());
            CliRun two = run("run", spec.toString(), "--out", dir.resolve("two").toString(), "--engine", "cpu",
                    "--threads", "2");
            assertEquals(0, two.exit(), two.err());
            assertEquals(2, new ObjectMapper().readTree(dir.resolve("two/run.json").toFile()).get("cpuThreads").asInt());
        } finally {
            if (minChunk == null) {
                System.clearProperty("seiswork.cpu.minChunkPoints");
            } else {
                System.setProperty("seiswork.cpu.minChunkPoints", minChunk);
            }
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("one/shots.sgy")), Files.readAllBytes(dir.resolve("two/shots.sgy")));
        CliRun zero = run("run", spec.toString(), "--threads", "0");
        assertEquals(2, zero.exit());
        assertTrue(zero.err().contains("seiswork run: --threads must be 1 to "), zero.err());
    }

    /**
     * A 2 x 3 grid updates a few thousand of the user's points a second: run.json and the last
     * line give that to four significant figures; rounded to four decimals of Gpts/s it read "0".
     */
    @Test
    void aTinyGridsThroughputIsAFigureNotZero() throws Exception {
        // 2 x 3 nodes: SmallSpec's shots lie 20 m deep, on the bottom row.
        Path spec = Files.writeString(dir.resolve("two.json"), SmallSpec.named("two").grid(2, 3)
                .velocity("{ \"constant\": 2000 }").shots(5, 10, 1).receivers(0, 10, 2, 5).json());
        Path out = dir.resolve("two");
        CliRun r = run("run", spec.toString(), "--out", out.toString(), "--engine", "cpu", "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        double user = report.get("userGptsPerSecond").asDouble();
        assertTrue(user > 0 && user < 1e-3, "userGptsPerSecond " + user);
        assertTrue(report.get("shots").get(0).get("userGptsPerSecond").asDouble() > 0, report.toString());
        var said = java.util.regex.Pattern.compile("\\(([0-9.]+) Gpts/s on the user's grid").matcher(r.err());
        assertTrue(said.find(), r.err());
        assertTrue(Double.parseDouble(said.group(1)) > 0, said.group());
    }

    @Test
    void badSpecListsEveryProblemWithoutStackTraceAndRunsNothing() throws Exception {
        Path spec = dir.resolve("bad.json");
        Files.writeString(spec, SPEC.replace("\"dx\": 10,", "\"dx\": -10,").replace("\"peakHz\": 15", "\"peakHz\": \"high\""));
        Path out = dir.resolve("out");
        CliRun r = run("run", spec.toString(), "--out", out.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("2 problems"), r.err());
        assertTrue(r.err().contains("grid.dx: must be > 0, got -10"), r.err());
        assertTrue(r.err().contains("wavelet.peakHz: must be a number, got \"high\""), r.err());
        assertFalse(r.err().contains("at io.seiswork"), "no stack trace");
        assertFalse(Files.exists(out), "nothing computed or written");
    }

    /**
     * A warning is not a problem: the heading of a refused spec counts its problems and warnings
     * apart (it said "1 problem" over a list of two, one of them a warning), and a spec with
     * warnings only is checked, exit 0, the warning said on standard error.
     */
    @Test
    void checkCountsProblemsAndWarningsApartAndFailsOnlyForProblems() throws Exception {
        // "imaging" in a task model is read by nobody: a warning.
        String warned = SmallSpec.named("tiny").velocity("{ \"constant\": 2000 }").shots(200, 400, 2)
                .receivers(0, 20, 41, 10).with("imaging", "{ \"aperture\": 200 }").json();
        Path both = dir.resolve("both.json");
        Files.writeString(both, warned.replace("\"dx\": 10,", "\"dx\": -10,"));
        CliRun refused = run("run", both.toString(), "--check");
        assertEquals(1, refused.exit(), refused.err());
        List<String> lines = refused.err().lines().filter(l -> !l.startsWith("WARNING: Using incubator")).toList();
        assertEquals(List.of("seiswork: " + both + ": 1 problem and 1 warning", "  grid.dx: must be > 0, got -10",
                "  warning: imaging: ignored for task model (read only by task rtm)"), lines, refused.err());
        assertEquals("", refused.out());

        Path warnedOnly = dir.resolve("warned.json");
        Files.writeString(warnedOnly, warned);
        CliRun checked = run("run", warnedOnly.toString(), "--check");
        assertEquals(0, checked.exit(), checked.err());
        assertTrue(checked.err().contains("seiswork: " + warnedOnly + ": warning: imaging: ignored for task model"),
                checked.err());
        assertTrue(checked.out().startsWith("tiny: 2 shots, grid "), checked.out());
    }

    /**
     * A grid of 10 µm cells takes steps of about a nanosecond: 60 s of record is tens of billions
     * of them, beyond an int. Refused by --check and by the run in one line naming time.lengthS,
     * the step, the count and the limit, before anything is written (the count wrapped to
     * -2147483648 was printed by --check, exit 0, and the run died leaving an empty shots.sgy).
     */
    @Test
    void aStepCountBeyondTheEnginesLimitIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path spec = dir.resolve("fine.json");
        Files.writeString(spec, """
            { "name": "fine", "task": "model",
              "grid": { "nx": 51, "ny": 1, "nz": 51, "dx": 1e-5, "dz": 1e-5 },
              "velocity": { "constant": 2000 },
              "wavelet": { "type": "ricker", "peakHz": 15 },
              "time": { "lengthS": 60, "sampleS": 0.004 },
              "sources": { "line": { "x0": 0.00025, "dx": 0.0001, "n": 1, "y": 0, "z": 0.0001 } },
              "receivers": { "line": { "x0": 0, "dx": 0.00001, "n": 51, "y": 0, "z": 0.0001 } },
              "engine": "cpu" }
            """);
        Path out = dir.resolve("out");
        for (String[] args : new String[][] {{"run", spec.toString(), "--check"},
                {"run", spec.toString(), "--out", out.toString()}}) {
            CliRun r = run(args);
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.err().contains("1 problem"), r.err());
            assertTrue(r.err().matches("(?s).*time\\.lengthS: needs [0-9]{10,} time steps of [0-9.e-]+ s \\(the CFL"
                    + " step of the grid's spacing\\) to reach 60 s, more than the engine's limit of "
                    + io.seiswork.core.time.TimeStepping.MAX_STEPS + " steps.*"),
                    r.err());
            assertFalse(r.err().contains("at io.seiswork"), "no stack trace");
            assertFalse(r.out().contains("steps"), r.out());
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    @Test
    void cflViolationIsRejectedBeforeCompute() throws Exception {
        Path spec = dir.resolve("cfl.json");
        Files.writeString(spec, SPEC.replace("\"sampleS\": 0.004", "\"sampleS\": 0.004, \"dtS\": 0.004"));
        CliRun r = run("run", spec.toString(), "--out", dir.resolve("out").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("time.dtS: must be <= "), r.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void gpuWithoutAUsableGpuIsAClearError() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(io.seiswork.kernels.engine.cuda.CudaProbe.available(),
                "a GPU is usable here");
        Path spec = dir.resolve("tiny.json");
        Files.writeString(spec, SPEC);
        CliRun r = run("run", spec.toString(), "--out", dir.resolve("out").toString(), "--engine", "gpu");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("engine: \"gpu\" requested but no GPU is usable: "
                + io.seiswork.kernels.engine.cuda.CudaProbe.reason()), r.err());
        assertFalse(r.err().contains("at io.seiswork"), "no stack trace");
    }

    @Test
    void checkOnlyResolvesWithoutRunning() throws Exception {
        Path spec = dir.resolve("tiny.json");
        Files.writeString(spec, SPEC);
        CliRun r = run("run", spec.toString(), "--check", "--out", dir.resolve("out").toString(), "--engine", "cpu",
                "--shots", "2");
        assertEquals(0, r.exit(), r.err());
        // Its result on standard output ("run SPEC --check > facts.txt"), with the engine the run would take.
        assertTrue(r.out().startsWith("tiny: 2 shots, grid 81 x 1 x 41"), r.out());
        assertTrue(r.out().contains("would run 1 of the 2 shots (--shots 2)\nengine \"cpu\" requested"), r.out());
        assertFalse(r.err().contains("tiny: 2 shots"), r.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    /** One shot is "1 shot" in the banner and the --shots line (it said "1 shots"). */
    @Test
    void checkOfOneShotSaysShotInTheSingular() throws Exception {
        Path spec = Files.writeString(dir.resolve("one.json"), SmallSpec.named("one").velocity("{ \"constant\": 2000 }")
                .shots(200, 400, 1).receivers(0, 20, 41, 10).json());
        CliRun r = run("run", spec.toString(), "--check", "--engine", "cpu", "--shots", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("one: 1 shot, grid 81 x 1 x 41"), r.out());
        assertTrue(r.out().contains("would run 1 of the 1 shot (--shots 1)"), r.out());
    }

    /**
     * The pass over a large data file's trace headers is said on standard error as submit says it
     * (it was silent for 5 minutes on a file of 200 GB), to its end, by --check too, whose standard
     * output keeps only its facts.
     */
    @Test
    void checkSaysHowFarItHasReadALargeDataFile() throws Exception {
        Path data = LargeDataFile.write(dir.resolve("big.sgy"));
        Path spec = Files.writeString(dir.resolve("big.json"), SmallSpec.named("big").rtm("big.sgy").grid(101, 51)
                .onCpu().json());
        CliRun r = run("run", spec.toString(), "--check");
        assertEquals(0, r.exit(), r.err());
        String whole = io.seiswork.core.spec.MemoryEstimate.human(Files.size(data));
        assertTrue(r.err().contains("reading the trace headers of big.sgy: " + whole + " of " + whole + " (100 %)"),
                r.err());
        assertTrue(r.out().startsWith("big: 20 shots in big.sgy"), r.out());
        assertFalse(r.out().contains("reading the trace headers"), r.out());
    }

    /** --check refuses an engine the run would refuse (it exited 0 for "gpu" on a machine without one). */
    @Test
    void checkRefusesAGpuThatIsNotThereAsTheRunDoes() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(io.seiswork.kernels.engine.cuda.CudaProbe.available(),
                "a GPU is usable here");
        Path spec = dir.resolve("tiny.json");
        Files.writeString(spec, SPEC);
        CliRun r = run("run", spec.toString(), "--check", "--engine", "gpu");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("engine: \"gpu\" requested but no GPU is usable: "), r.err());
    }

    /** A name that would put the default output folder outside runs/ is refused before anything is written. */
    @Test
    void aNameOutsideTheRunsFolderIsRefused() throws Exception {
        Path spec = dir.resolve("escape.json");
        Files.writeString(spec, SPEC.replace("\"name\": \"tiny\"", "\"name\": \"../../escaped\""));
        CliRun r = run("run", spec.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("name: must not hold '/' or '\\' (it names the output folder runs/NAME), got"
                + " \"../../escaped\""), r.err());
        assertFalse(Files.exists(Path.of("runs", "..", "..", "escaped")), "nothing written outside runs/");
    }

    /**
     * Review item 2: names that ran before names were checked run again, given in the spec or
     * taken from the file's name as it is (so runs/NAME of an existing spec is the folder it was).
     */
    @Test
    void namesWithSpacesAndAccentsRunAsBefore() throws Exception {
        for (String name : new String[] {"Line 12 (reproc)", "Profil-Übersicht", "_scratch"}) {
            Path spec = dir.resolve("named.json");
            Files.writeString(spec, SPEC.replace("\"name\": \"tiny\"", "\"name\": \"" + name + "\""));
            CliRun r = run("run", spec.toString(), "--check");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains(name + ": 2 shots, grid 81 x 1 x 41"), r.out());
        }
        Path unnamed = dir.resolve("Line 12 (reproc).json");
        Files.writeString(unnamed, SPEC.replace("\"name\": \"tiny\",", ""));
        CliRun r = run("run", unnamed.toString(), "--check");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Line 12 (reproc): 2 shots"), r.out());
    }

    /** --check only checks, --estimate checks and times: asked together, the command says so rather than drop one. */
    @Test
    void checkAndEstimateTogetherAreRefusedInOneLine() throws Exception {
        Path spec = dir.resolve("tiny.json");
        Files.writeString(spec, SPEC);
        CliRun r = run("run", spec.toString(), "--check", "--estimate");
        assertEquals(2, r.exit(), r.err());
        assertEquals("seiswork run: --check and --estimate exclude each other: --estimate checks the spec too, then"
                + " times the first shot", r.err().strip().lines().findFirst().orElseThrow());
        assertTrue(r.out().isEmpty(), "no estimate printed: " + r.out());
    }

    /** --out naming a file: one line that says it is a file (the exception's message was the path alone). */
    @Test
    void anOutputFolderThatIsAFileIsSaidToBeOne() throws Exception {
        Path spec = dir.resolve("tiny.json");
        Files.writeString(spec, SPEC);
        Path file = Files.writeString(dir.resolve("afile"), "not a folder");
        CliRun r = run("run", spec.toString(), "--out", file.toString(), "--engine", "cpu");
        assertEquals(1, r.exit(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals("seiswork: cannot create output directory " + file + ": it is a file, not a folder",
                lines[lines.length - 1].strip());
        assertEquals("not a folder", Files.readString(file), "the file is left alone");
    }

    /** --resume into a file says it is one (it said the "folder" held no run to resume). */
    @Test
    void aResumeIntoAFileSaysItIsOne() throws Exception {
        Path spec = dir.resolve("tiny.json");
        Files.writeString(spec, SPEC);
        Path file = Files.writeString(dir.resolve("afile"), "not a folder");
        CliRun r = run("run", spec.toString(), "--out", file.toString(), "--engine", "cpu", "--resume");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("seiswork: cannot resume: " + file + " is a file, not a run's folder"), r.err());
    }

    /** --estimate measures the engine on the first shot and prints the run's time; it writes nothing. */
    @Test
    void estimateMeasuresAndWritesNothing() throws Exception {
        Path spec = dir.resolve("tiny.json");
        Files.writeString(spec, SPEC);
        CliRun r = run("run", spec.toString(), "--estimate", "--engine", "cpu", "--out", dir.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue((r.out().startsWith("about ") || r.out().startsWith("under a second")) && r.out().contains(" on cpu (") && r.out().contains("2 shots × ")
                && r.out().contains(" Gpts/s on the user's grid, ")
                && r.out().contains(" with the absorbing layers, measured on the first shot"), r.out());
        assertFalse(Files.exists(dir.resolve("out")));
        assertTrue(r.err().contains("timing the first shot...\n"), "said as the timing starts: " + r.err());
        CliRun one = run("run", spec.toString(), "--estimate", "--engine", "cpu", "--shots", "2");
        assertEquals(0, one.exit(), one.err());
        assertTrue(one.err().contains("estimating 1 of the 2 shots (--shots 2)"), "nothing runs: " + one.err());
        assertTrue(one.out().contains(": 1 shot × "), "the estimate of the shots that would run: " + one.out());
    }
}
