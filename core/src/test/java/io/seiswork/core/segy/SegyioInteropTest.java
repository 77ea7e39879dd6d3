package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with segyio (Debian python3-segyio, run by {@code /usr/bin/python3} through
 * {@code src/test/resources/segyio/interop.py}): files Seiswork writes are read by segyio, and
 * files segyio writes are read by Seiswork, with the same values and headers.
 *
 * <p>Found with segyio 1.8.3 (Debian 12): it reads all five writable formats in both byte orders,
 * but its {@code segyio.create} writes broken int16 (3) and int8 (8) files: the last trace is cut
 * short (6646 instead of 6648 bytes for int16, 6561 instead of 6564 for int8, in either order), so
 * segyio itself cannot reopen them ("trace count inconsistent with file size") and Seiswork rejects
 * them with a trace size mismatch naming trace 12, the last (index 11). The test asserts exactly that for 1.8.3.
 */
class SegyioInteropTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SampleFormat[] WRITABLE = {
        SampleFormat.IBM32, SampleFormat.INT32, SampleFormat.INT16, SampleFormat.IEEE32, SampleFormat.INT8};
    private static Path script;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findSegyio() throws IOException, InterruptedException, URISyntaxException {
        boolean ok = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import segyio").start().waitFor() == 0;
        assumeTrue(ok, "segyio not available to /usr/bin/python3 (apt install python3-segyio); interop not tested");
        script = Path.of(SegyioInteropTest.class.getResource("/segyio/interop.py").toURI());
    }

    private static String segyioVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import segyio; print(segyio.__version__)").start();
        String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python timed out");
        return v;
    }

    private static JsonNode python(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), "segyio script failed: " + err);
        return JSON.readTree(out);
    }

    @Test
    void segyioReadsWhatSeisworkWrites() throws IOException, InterruptedException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            List<String> args = new ArrayList<>(List.of("read", ByteOrders.name(order)));
            List<Path> files = new ArrayList<>();
            for (SampleFormat f : WRITABLE) {
                Path file = SegyWriterReaderTest.writeCube(tmp.resolve(f.shortName() + "-" + ByteOrders.name(order) + ".sgy"),
                        f, order);
                files.add(file);
                args.add(file.toString());
            }
            JsonNode result = python(args).get("files");
            for (int i = 0; i < WRITABLE.length; i++) {
                JsonNode seen = result.get(i);
                String what = WRITABLE[i].shortName() + " " + ByteOrders.name(order);
                assertEquals(WRITABLE[i].code(), seen.get("format").asInt(), what);
                assertEquals(12, seen.get("tracecount").asInt(), what);
                assertEquals(7, seen.get("samples").asInt(), what);
                assertEquals(2000, seen.get("interval").asInt(), what);
                assertEquals(0x0100, seen.get("revision").asInt(), what);
                assertEquals(1, seen.get("fixedLength").asInt(), what);
                try (SegyReader r = SegyReader.open(files.get(i))) {
                    for (int t = 0; t < 12; t++) {
                        JsonNode h = seen.get("headers").get(t);
                        TraceHeader mine = r.header(t);
                        assertEquals(mine.inline(), h.get("iline").asInt(), what);
                        assertEquals(mine.crossline(), h.get("xline").asInt(), what);
                        assertEquals(mine.getInt32(TraceHeader.CDP_X), h.get("cdpx").asInt(), what);
                        assertEquals(-100, h.get("scalar").asInt(), what);
                        assertEquals(7, h.get("ns").asInt(), what);
                        assertEquals(2000, h.get("dt").asInt(), what);
                        float[] samples = r.readTrace(t);
                        for (int k = 0; k < 7; k++) {
                            assertEquals(samples[k], (float) seen.get("traces").get(t).get(k).asDouble(),
                                    what + " trace " + t + " sample " + k);
                        }
                    }
                }
            }
        }
    }

    @Test
    void seisworkReadsWhatSegyioWrites() throws IOException, InterruptedException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            for (SampleFormat f : WRITABLE) {
                Path file = tmp.resolve("segyio-" + f.shortName() + "-" + ByteOrders.name(order) + ".sgy");
                JsonNode written = python(List.of("write", ByteOrders.name(order), Integer.toString(f.code()),
                        file.toString()));
                String what = f.shortName() + " " + ByteOrders.name(order);
                boolean brokenCreate = written.get("segyio").asText().equals("1.8.3")
                        && (f == SampleFormat.INT16 || f == SampleFormat.INT8);
                if (brokenCreate) {
                    SegyException e = assertThrows(SegyException.class, () -> SegyReader.open(file), what);
                    assertTrue(e.getMessage().contains("trace size mismatch") && e.traceIndex() == 11, e.getMessage());
                    continue;
                }
                SegyReadOptions options = SegyReadOptions.defaults().withByteOrder(order);
                try (SegyReader r = SegyReader.open(file, options)) {
                    assertEquals(f, r.format(), what);
                    assertEquals(12, r.traceCount(), what);
                    assertEquals(2000, r.sampleIntervalUs(), what);
                    assertTrue(r.info().isCube(), what);
                    assertEquals(3, r.info().geometry().inlineCount(), what);
                    assertEquals(4, r.info().geometry().crosslineCount(), what);
                    for (int t = 0; t < 12; t++) {
                        TraceHeader h = r.header(t);
                        assertEquals(1 + t / 4, h.inline(), what);
                        assertEquals(20 + t % 4, h.crossline(), what);
                        assertEquals((62000000 + t) / 100.0, h.cdpXM(), 1e-9, what);
                        float[] s = r.readTrace(t);
                        for (int k = 0; k < 7; k++) {
                            assertEquals((float) written.get("traces").get(t).get(k).asDouble(), s[k],
                                    what + " trace " + t + " sample " + k);
                        }
                    }
                }
                try (SegyReader detected = SegyReader.open(file)) {
                    assertEquals(order, detected.byteOrder(), what + ": byte order detected without being told");
                }
            }
        }
    }

    @Test
    void segyioReadsSeisworksShotGathersAndDepthImages() throws IOException, InterruptedException {
        // Shot gathers as `seiswork run` writes them: 2 shots x 3 receivers, 5 samples.
        Path shots = tmp.resolve("shots.sgy");
        var receivers = List.of(new Position(0, 0, 10), new Position(50, 0, 10), new Position(100, 0, 10));
        try (ShotGatherWriter w = new ShotGatherWriter(shots, new Sampling(5, 0.004, 0), true, 100,
                TextHeaderCodec.fromLines("C 1 TEST"))) {
            for (int s = 0; s < 2; s++) {
                Position src = new Position(25 + 50 * s, 0, 5);
                float[][] traces = new float[3][5];
                for (int r = 0; r < 3; r++) {
                    for (int k = 0; k < 5; k++) {
                        traces[r][k] = 100 * s + 10 * r + k;
                    }
                }
                w.write(new Shot(s + 1, src, receivers), traces);
            }
        }
        JsonNode seen = python(List.of("read", "big", shots.toString())).get("files").get(0);
        assertEquals(6, seen.get("tracecount").asInt());
        assertEquals(4000, seen.get("interval").asInt());
        JsonNode h = seen.get("headers").get(3); // shot 2, receiver 1 at x = 0 from the source at x = 75
        assertEquals(2, h.get("ffid").asInt());
        assertEquals(1, h.get("tracf").asInt());
        assertEquals(-75, h.get("offset").asInt(), "signed 2D offset");
        double scale = h.get("scalar").asInt() < 0 ? -1.0 / h.get("scalar").asInt() : h.get("scalar").asInt();
        assertEquals(75.0, h.get("sx").asInt() * scale, 1e-9);
        assertEquals(0.0, h.get("gx").asInt() * scale, 1e-9);
        assertEquals(102f, (float) seen.get("traces").get(3).get(2).asDouble());

        // A depth image as `seiswork run` (task rtm) writes it: 3 x 2 columns, 4 depth samples.
        Grid g = new Grid(3, 2, 4, 12.5, 12.5, 5);
        float[] image = new float[g.points()];
        for (int i = 0; i < image.length; i++) {
            image[i] = i * 0.5f;
        }
        Path imageFile = tmp.resolve("image.sgy");
        DepthVolumeWriter.write(imageFile, g, image, TextHeaderCodec.fromLines("C 1 TEST"));
        JsonNode cube = python(List.of("cube", imageFile.toString()));
        assertEquals(List.of(1, 2), toInts(cube.get("ilines")), "inline = y index + 1");
        assertEquals(List.of(1, 2, 3), toInts(cube.get("xlines")), "crossline = x index + 1");
        assertEquals(4, cube.get("samples").size());
        for (int iy = 0; iy < 2; iy++) {
            for (int ix = 0; ix < 3; ix++) {
                for (int iz = 0; iz < 4; iz++) {
                    assertEquals(image[g.index(ix, iy, iz)], (float) cube.get("values").get(iy).get(ix).get(iz).asDouble(),
                            "image at ix " + ix + ", iy " + iy + ", iz " + iz);
                }
            }
        }
    }

    /**
     * The binary header of shot gathers says metres (3255 = 1), sorted as recorded (3229 = 1) and
     * the receivers of every shot as the traces per ensemble (3213, mandatory for prestack data in
     * rev 1); that of a depth image metres and horizontally stacked (3229 = 4): as segyio and
     * Seiswork's reader read them.
     */
    @Test
    void binaryHeadersSayMetresSortingAndTracesPerShot() throws IOException, InterruptedException {
        Path shots = tmp.resolve("facts-shots.sgy");
        var receivers = List.of(new Position(0, 0, 10), new Position(50, 0, 10), new Position(100, 0, 10));
        try (ShotGatherWriter w = new ShotGatherWriter(shots, new Sampling(5, 0.004, 0), true, 100,
                TextHeaderCodec.fromLines("C 1 TEST"), receivers.size())) {
            for (int s = 0; s < 2; s++) {
                w.write(new Shot(s + 1, new Position(25 + 50 * s, 0, 5), receivers), new float[3][5]);
            }
        }
        Path image = tmp.resolve("facts-image.sgy");
        Grid g = new Grid(3, 2, 4, 12.5, 12.5, 5);
        DepthVolumeWriter.write(image, g, new float[g.points()], TextHeaderCodec.fromLines("C 1 TEST"));
        JsonNode seen = python(List.of("read", "big", shots.toString(), image.toString())).get("files");
        int[][] expected = {{3, BinaryHeader.SORTING_AS_RECORDED, BinaryHeader.METRES},
            {0, BinaryHeader.SORTING_STACKED, BinaryHeader.METRES}};
        Path[] files = {shots, image};
        for (int i = 0; i < files.length; i++) {
            String what = files[i].getFileName().toString();
            JsonNode f = seen.get(i);
            assertEquals(expected[i][0], f.get("tracesPerEnsemble").asInt(), what + ": segyio's 3213");
            assertEquals(expected[i][1], f.get("sortingCode").asInt(), what + ": segyio's 3229");
            assertEquals(expected[i][2], f.get("measurementSystem").asInt(), what + ": segyio's 3255");
            assertEquals(0x0100, f.get("revision").asInt(), what);
            try (SegyReader r = SegyReader.open(files[i])) {
                BinaryHeader bh = r.binaryHeader();
                assertEquals(expected[i][0], bh.getInt16(BinaryHeader.TRACES_PER_ENSEMBLE), what);
                assertEquals(expected[i][1], bh.getInt16(BinaryHeader.SORTING), what);
                assertEquals(expected[i][2], bh.getInt16(BinaryHeader.MEASUREMENT_SYSTEM), what);
                assertEquals("1.0", bh.revisionString(), what);
            }
        }
    }

    /**
     * The wavelet card of shot gathers reads back from segyio's text as written, to 9 digits
     * (1 / 12 Hz); a header that is not Seiswork's gives nothing, even with the same words.
     */
    @Test
    void theWaveletCardReadsBackFromSegyiosText() throws IOException, InterruptedException {
        Path shots = tmp.resolve("card.sgy");
        String card = WaveletDelayCard.card(9, 1.0 / 12, 12);
        assertEquals("C 9 WAVELET PEAK AT 0.0833333333 S AFTER TIME ZERO (RICKER 12 HZ)", card);
        var receivers = List.of(new Position(0, 0, 10));
        try (ShotGatherWriter w = new ShotGatherWriter(shots, new Sampling(5, 0.004, 0), true, 100,
                TextHeaderCodec.fromLines("C 1 SEISWORK SHOT GATHERS  JOB T", "C 2", "C 3", "C 4", "C 5", "C 6",
                        "C 7", "C 8", card), 1)) {
            w.write(new Shot(1, new Position(0, 0, 5), receivers), new float[1][5]);
        }
        String text = python(List.of("read", "big", shots.toString())).get("files").get(0).get("text").asText();
        assertEquals(card, text.substring(8 * 80, 9 * 80).strip(), "segyio's card 9");
        assertEquals(1.0 / 12, WaveletDelayCard.delayS(text).getAsDouble(), 1e-10, "to 9 significant digits");
        assertTrue(WaveletDelayCard.delayS(TextHeaderCodec.fromLines("C 1 OTHER VENDOR", card)).isEmpty(),
                "another writer's header: its timing is not Seiswork's to read");
        assertTrue(WaveletDelayCard.delayS(TextHeaderCodec.fromLines("C 1 SEISWORK SHOT GATHERS")).isEmpty());
    }

    /**
     * 40,000 samples a trace (40 s at 1 ms) do not fit rev 1's signed 16-bit count: the file is
     * rev 2.0, 3221 read unsigned and the extended count 3269 both 40000, and Seiswork's reader
     * reads every sample back; a segyio with rev-2 support too, while segyio 1.8.3 (Debian 12),
     * which reads no file of more than 32767 samples, is asserted to abort as it does.
     */
    @Test
    void moreThan32767SamplesAreWrittenAsRev2() throws IOException, InterruptedException {
        int n = 40_000;
        Path file = tmp.resolve("long.sgy");
        var receivers = List.of(new Position(0, 0, 10), new Position(50, 0, 10));
        float[][] traces = new float[2][n];
        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < n; k++) {
                traces[r][k] = r * 1000 + k * 0.25f;
            }
        }
        try (ShotGatherWriter w = new ShotGatherWriter(file, new Sampling(n, 0.001, 0), true, 100,
                TextHeaderCodec.fromLines("C 1 TEST"), 2)) {
            w.write(new Shot(1, new Position(25, 0, 5), receivers), traces);
        }
        try (SegyReader r = SegyReader.open(file)) {
            assertEquals("2.0", r.binaryHeader().revisionString());
            assertEquals(n, r.binaryHeader().sampleCount());
            assertEquals(n, r.binaryHeader().getInt32(BinaryHeader.EXT_SAMPLE_COUNT));
            assertEquals(BinaryHeader.BYTE_ORDER_MARKER_VALUE, r.binaryHeader().getInt32(BinaryHeader.BYTE_ORDER_MARKER));
            assertEquals(n, r.samplesPerTrace());
            assertEquals(2, r.traceCount());
            org.junit.jupiter.api.Assertions.assertArrayEquals(traces[1], r.readTrace(1));
        }
        if (segyioVersion().equals("1.8.3")) {
            // segyio 1.8.3 has no rev-2 extended count and reads 3221 signed (-25536): it aborts
            // ("segy_trace_bsize: Assertion `samples >= 0' failed"); it reads no file of more than 32767 samples.
            Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), "read", "big", file.toString()).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python timed out");
            assertTrue(p.exitValue() != 0 && err.contains("samples >= 0"), "segyio 1.8.3 read it: " + err);
            return;
        }
        JsonNode seen = python(List.of("read", "big", file.toString())).get("files").get(0);
        assertEquals(0x0200, seen.get("revision").asInt());
        assertEquals(2, seen.get("tracecount").asInt());
        assertEquals(n, seen.get("samples").asInt(), "segyio's sample count");
        assertEquals(traces[1][n - 1], (float) seen.get("traces").get(1).get(n - 1).asDouble());
    }

    private static List<Integer> toInts(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asInt()));
        return out;
    }
}
