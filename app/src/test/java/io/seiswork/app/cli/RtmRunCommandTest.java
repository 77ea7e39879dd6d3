package io.seiswork.app.cli;

import static io.seiswork.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.app.testing.SmallSpec;
import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.segy.TraceHeader;
import io.seiswork.core.volume.Slice;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.SwvReader;
import io.seiswork.kernels.engine.cuda.CudaProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seiswork run} for task rtm: synthetic data, SEG-Y shot gathers, and a geometry that does not fit. */
class RtmRunCommandTest {

    @TempDir
    Path dir;

    /** Two shots over a reflector at 250 m on a small 2D grid: seconds on two cores. */
    private static final SmallSpec SURVEY = SmallSpec.named("tiny-rtm").with("migrationVelocity", "{ \"smooth\": 0 }")
            .lengthS(0.6).shots(250, 300, 2);

    private Path spec(String name, String task, int nz, String data, String wavefield) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, survey(task, nz, data, wavefield).json());
        return p;
    }

    /** {@link #SURVEY} with its task, depth in cells, data and source wavefield strategy. */
    private static SmallSpec survey(String task, int nz, String data, String wavefield) {
        return SURVEY.task(task).grid(81, nz).with("data", SmallSpec.quoted(data))
                .with("imaging", "{ \"wavefield\": " + SmallSpec.quoted(wavefield) + " }");
    }

    /**
     * A migration of some shots is their part of the whole image: with the plain cross-correlation
     * stack (linear in the shots: the filter and the mute are linear too), the images of
     * {@code --shots 1} and {@code --shots 2} add up to the image of both, to float rounding.
     */
    @Test
    void imagesOfSomeShotsAddUpToTheWholeImage() throws Exception {
        Path spec = spec("linear.json", "rtm", 51, "synthetic", "auto");
        Files.writeString(spec, Files.readString(spec).replace("\"wavefield\": \"auto\"",
                "\"wavefield\": \"auto\", \"condition\": \"cross-correlation\""));
        for (String[] out : new String[][] {{"both", "1-2"}, {"one", "1"}, {"two", "2"}}) {
            CliRun r = run("run", spec.toString(), "--out", dir.resolve(out[0]).toString(), "--engine", "cpu",
                    "--shots", out[1]);
            assertEquals(0, r.exit(), r.err());
            // A shot's line gives the migration's Gpts/s beside the whole shot's time, so it says so.
            assertTrue(r.err().matches("(?s).*done in \\d+\\.\\d s  \\(migration [0-9.]+ Gpts/s\\).*"), r.err());
        }
        double diff = 0;
        double norm = 0;
        try (SegyReader both = SegyReader.open(dir.resolve("both/image.sgy"));
                SegyReader one = SegyReader.open(dir.resolve("one/image.sgy"));
                SegyReader two = SegyReader.open(dir.resolve("two/image.sgy"))) {
            for (int t = 0; t < both.traceCount(); t++) {
                float[] b = both.readTrace(t);
                float[] o = one.readTrace(t);
                float[] w = two.readTrace(t);
                for (int i = 0; i < b.length; i++) {
                    diff += Math.pow(b[i] - (o[i] + w[i]), 2);
                    norm += (double) b[i] * b[i];
                }
            }
        }
        assertTrue(norm > 0, "an image");
        assertTrue(Math.sqrt(diff / norm) < 1e-5, "relative L2 " + Math.sqrt(diff / norm));
    }

    @Test
    void checkSaysHowMuchOfTheModelEachShotComputesWithAnAperture() throws Exception {
        Path spec = spec("aperture.json", "rtm", 51, "synthetic", "auto");
        Files.writeString(spec, Files.readString(spec).replace("\"wavefield\": \"auto\"",
                "\"wavefield\": \"auto\", \"aperture\": 100"));
        CliRun r = run("run", spec.toString(), "--check");
        assertEquals(0, r.exit(), r.err());
        // Every receiver records each shot, so each window is the whole line: 81 columns.
        assertTrue(r.out().contains("aperture 100 m: each shot on 81 of the 81 columns (mean 100 % of the model)"), r.out());
    }

    @Test
    void migratesSyntheticDataIntoADepthVolumeAndReport() throws Exception {
        Path out = dir.resolve("out");
        CliRun r = run("run", spec("rtm.json", "rtm", 51, "synthetic", "boundary").toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("wrote " + out.resolve("image.sgy") + ", " + out.resolve("image.swv") + " and "
                + out.resolve("run.json") + " in "), "names every file written: " + r.err());
        try (SegyReader img = SegyReader.open(out.resolve("image.sgy"))) {
            assertEquals(81, img.traceCount());
            assertEquals(51, img.samplesPerTrace());
            assertEquals(10_000, img.sampleIntervalUs(), "dz in millimetres");
            TraceHeader h = img.header(40);
            assertEquals(1, h.getInt32(TraceHeader.INLINE));
            assertEquals(41, h.getInt32(TraceHeader.CROSSLINE));
            assertEquals(400, h.coordinateM(TraceHeader.CDP_X), 1e-6);
            float[] t = img.readTrace(40);
            int peak = 0;
            for (int i = 10; i < t.length; i++) {
                peak = Math.abs(t[i]) > Math.abs(t[peak]) ? i : peak;
            }
            // The reflector's wavelet (main lobe and side lobes) spans about ±3 cells; the depth
            // accuracy itself is LayeredImageTest's (kernels). This checks the volume's layout.
            assertEquals(24.5, peak, 3, "strongest image amplitude near the reflector (250 m): "
                    + java.util.Arrays.toString(java.util.Arrays.copyOfRange(t, 15, 35)));
        }
        try (SegyReader img = SegyReader.open(out.resolve("image.sgy"));
             SwvReader volume = SwvReader.open(out.resolve("image.swv"))) {
            Slice inline = volume.slice(SliceOrientation.INLINE, 0, 0);
            assertEquals(81, inline.width());
            assertEquals(51, inline.height());
            float[] t = img.readTrace(40);
            for (int iz = 0; iz < t.length; iz++) {
                assertEquals(t[iz], inline.value(iz, 40), "image.swv equals image.sgy at iz " + iz);
            }
        }
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("done", report.get("status").asText());
        assertEquals("image.swv", report.get("image").get("volumeFile").asText());
        // "auto" migrates on the GPU where one is usable, else on the CPU with the probe's reason.
        String engine = report.get("engine").asText();
        if (CudaProbe.available()) {
            assertTrue(engine.startsWith("gpu"), engine);
        } else {
            assertTrue(engine.startsWith("cpu"), engine);
            assertTrue(report.get("engineReason").asText().contains("no usable GPU: " + CudaProbe.reason()),
                    report.get("engineReason").asText());
        }
        assertEquals(engine, report.get("migrationEngine").asText());
        assertEquals("boundary", report.get("wavefield").get("strategy").asText());
        assertTrue(report.get("wavefield").get("bytesPerShot").get("memory").asLong() > 0);
        assertEquals(2, report.get("image").get("shotsStacked").asInt());
        assertTrue(report.get("image").get("rms").asDouble() > 0);
        assertTrue(!Files.exists(out.resolve("scratch")), "scratch directory left behind");
    }

    @Test
    void migratesShotGathersReadFromSegy() throws Exception {
        recordShotGathers();
        Path out = dir.resolve("out");
        CliRun r = run("run", spec("rtm.json", "rtm", 51, "shots.sgy", "disk").toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(2, report.get("image").get("shotsStacked").asInt());
        assertEquals("disk", report.get("wavefield").get("strategy").asText());
        assertTrue(report.get("data").asText().startsWith("SEG-Y"), report.get("data").asText());
    }

    /**
     * The run-time estimate of a migration of recorded data: its shots are the gathers in the
     * file, none of them modelled (2 or 3 propagations per shot, the migration's own step timed).
     */
    @Test
    void estimatesAMigrationOfRecordedData() throws Exception {
        recordShotGathers();
        CliRun r = run("run", spec("rtm.json", "rtm", 51, "shots.sgy", "disk").toString(), "--estimate", "--engine",
                "cpu");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(" on cpu (") && r.out().contains(": 2 shots × 2 propagations × ")
                && r.out().contains(" ms per migration step, measured on the first shot"), r.out());
    }

    @Test
    void shotGathersOutsideTheGridAreAClearError() throws Exception {
        recordShotGathers();
        String small = survey("rtm", 51, "shots.sgy", "auto").grid(41, 51).shots(250, 100, 2)
                .receivers(0, 10, 41, 20).json();
        Path spec = dir.resolve("small.json");
        Files.writeString(spec, small);
        CliRun r = run("run", spec.toString(), "--out", dir.resolve("out").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("outside the spec's grid") && r.err().contains("FFID"), r.err());
    }

    @Test
    void anExplicitGpuWithoutAUsableGpuIsRefusedBeforeAnythingRuns() throws Exception {
        assumeFalse(CudaProbe.available(), "a GPU is usable here");
        Path out = dir.resolve("gpu");
        CliRun r = run("run", spec("rtm.json", "rtm", 51, "synthetic", "auto").toString(), "--out", out.toString(),
                "--engine", "gpu");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("engine: \"gpu\" requested but no GPU is usable: " + CudaProbe.reason()),
                r.err());
        assertTrue(!Files.exists(out.resolve("run.json")), "nothing ran");
    }

    /** The banner counts the data file's shots, not the spec's unused layout (3 sources here, 2 gathers recorded). */
    @Test
    void checkCountsTheShotsOfTheDataFile() throws Exception {
        recordShotGathers();
        String three = survey("rtm", 51, "shots.sgy", "auto").shots(250, 200, 3).json();
        Path spec = dir.resolve("three.json");
        Files.writeString(spec, three);
        CliRun r = run("run", spec.toString(), "--check");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("tiny-rtm: 2 shots in shots.sgy, grid 81 x 1 x 51"), r.out());
    }

    /** A depth image given as recorded data (every coordinate 0) is refused by --check, naming the header bytes. */
    @Test
    void anImageGivenAsRecordedDataIsRefused() throws Exception {
        Position origin = new Position(0, 0, 0);
        try (ShotGatherWriter w = new ShotGatherWriter(dir.resolve("image.sgy"), new Sampling(51, 0.004, 0), true, 800,
                "C 1 DEPTH IMAGE")) {
            w.write(new Shot(0, origin, List.of(origin, origin)), new float[2][51]);
        }
        CliRun r = run("run", spec("rtm.json", "rtm", 51, "image.sgy", "auto").toString(), "--check");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("every one of its 2 traces has its source (trace header bytes 73/77) and its"
                + " receiver (bytes 81/85) at (0, 0): geometry headers not filled, or not shot gathers"), r.err());
        assertFalse(r.err().contains("at io.seiswork"), "no stack trace");
    }

    /**
     * A corrupt recorded-data file is said under {@code data} in the spec's problems report, as a
     * missing one is, not as a bare file error.
     */
    @Test
    void aCorruptDataFileIsAProblemOfTheDataField() throws Exception {
        recordShotGathers();
        Path shots = dir.resolve("shots.sgy");
        byte[] all = Files.readAllBytes(shots);
        Files.write(shots, java.util.Arrays.copyOf(all, all.length - 5));
        Path spec = spec("rtm.json", "rtm", 51, "shots.sgy", "auto");

        CliRun r = run("run", spec.toString(), "--check");

        assertEquals(1, r.exit());
        List<String> lines = r.err().lines().toList();
        assertEquals("seiswork: " + spec + ": 1 problem", lines.get(0), r.err());
        assertTrue(lines.get(1).startsWith("  data: " + shots + ": trace size mismatch: "), r.err());
        assertTrue(lines.get(1).contains(" is incomplete, "), r.err());
    }

    /** Models the survey and leaves its gathers as {@code shots.sgy} beside the specs: recorded data. */
    private void recordShotGathers() throws Exception {
        Path modelled = dir.resolve("modelled");
        assertEquals(0, run("run", spec("model.json", "model", 51, "synthetic", "auto").toString(), "--out",
                modelled.toString()).exit());
        Files.copy(modelled.resolve("shots.sgy"), dir.resolve("shots.sgy"));
    }
}
