package io.seiswork.core.spec;

import static io.seiswork.core.spec.SpecFixtures.read;
import static io.seiswork.core.spec.SpecFixtures.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSpecReaderTest {

    private static List<String> errors(Consumer<ObjectNode> breakIt) {
        ObjectNode json = valid();
        breakIt.accept(json);
        SpecException e = assertThrows(SpecException.class, () -> read(json));
        return e.problems().stream().filter(SpecProblem::isError).map(SpecProblem::toString).toList();
    }

    @Test
    void validSpecGetsDocumentedDefaults() {
        JobSpec s = read(valid());
        assertEquals(Task.MODEL, s.task());
        assertEquals(1, s.grid().ny());
        assertEquals(10, s.grid().dy(), "dy defaults to dx");
        assertEquals(8, s.physics().spaceOrder());
        assertEquals(20, s.physics().boundaryWidth());
        assertEquals(0.004, s.time().sampleS());
        assertNull(s.time().dtS());
        assertEquals(EngineChoice.AUTO, s.engine());
        assertEquals("synthetic", s.data());
        assertInstanceOf(Spread.Fixed.class, s.spread());
        assertInstanceOf(VelocitySpec.Smoothed.class, s.migrationVelocity());
        assertEquals(3, s.sources().positions().size());
        assertEquals(500, s.sources().positions().get(1).x());
    }

    @Test
    void theMigrationApertureIsMetresAndDefaultsToTheWholeModel() {
        assertNull(read(valid()).imaging().apertureM(), "no aperture: the whole model");
        ObjectNode json = valid();
        json.putObject("imaging").put("aperture", 2500);
        assertEquals(2500.0, read(json).imaging().apertureM());
        assertEquals(List.of("imaging.aperture: must be > 0, got -10"),
                errors(j -> j.putObject("imaging").put("aperture", -10)));
        JobSpec back = read(JobSpecWriter.toJson(read(json)));
        assertEquals(2500.0, back.imaging().apertureM(), "written and read back");
    }

    @Test
    void negativeSpacingNamesFieldAndValue() {
        assertEquals(List.of("grid.dx: must be > 0, got -5"), errors(j -> ((ObjectNode) j.get("grid")).put("dx", -5)));
    }

    @Test
    void missingRequiredFieldIsNamed() {
        assertEquals(List.of("task: is required"), errors(j -> j.remove("task")));
        assertEquals(List.of("wavelet.peakHz: is required"), errors(j -> ((ObjectNode) j.get("wavelet")).remove("peakHz")));
    }

    @Test
    void misspeltFieldIsReportedAsUnknown() {
        List<String> e = errors(j -> ((ObjectNode) j.get("grid")).put("dzz", 5));
        assertEquals(1, e.size());
        assertTrue(e.get(0).startsWith("grid.dzz: unknown field: did you mean \"dz\"? (expected one of dx, dy, dz,"),
                e.get(0));
        List<String> hz = errors(j -> ((ObjectNode) j.get("wavelet")).put("peakhz", 5));
        assertTrue(hz.contains("wavelet.peakhz: unknown field: did you mean \"peakHz\"? (expected one of peakHz, type)")
                || hz.stream().anyMatch(m -> m.startsWith("wavelet.peakhz: unknown field: did you mean \"peakHz\"?")), hz.toString());
        assertEquals("lengthS", JsonObject.nearest("lenghtS", List.of("lengthS", "sampleS")), "two letters swapped");
        assertEquals(null, JsonObject.nearest("colour", List.of("lengthS", "sampleS")), "nothing near: no guess");
        assertEquals(null, JsonObject.nearest("xy", List.of("dz", "dx")), "two edits in two letters: too far to guess");
    }

    @Test
    void wrongTypeIsNamed() {
        assertEquals(List.of("grid.nx: must be a whole number, got \"many\""),
                errors(j -> ((ObjectNode) j.get("grid")).put("nx", "many")));
    }

    @Test
    void sourceOutsideGridIsRejectedWithItsPosition() {
        List<String> e = errors(j -> ((ObjectNode) j.at("/sources/line")).put("dx", 500));
        assertEquals(1, e.size());
        assertTrue(e.get(0).startsWith("sources.line: 1 of 3 shots outside the grid (x 0..1000, z 0..600 m); first: shot 3 at (x 1200, z 20)"), e.get(0));
    }

    @Test
    void receiverOutsideGridIsRejected() {
        List<String> e = errors(j -> ((ObjectNode) j.at("/receivers/line")).put("z", 700));
        assertTrue(e.get(0).startsWith("receivers.line: 101 of 101 receivers outside the grid"), e.get(0));
    }

    @Test
    void nonPositiveVelocitiesAreRejected() {
        assertEquals(List.of("velocity.constant: must be > 0, got -1500"),
                errors(j -> j.set("velocity", SpecFixtures.MAPPER.createObjectNode().put("constant", -1500))));
        assertEquals(List.of("velocity.layers[1].vp: must be > 0, got 0"),
                errors(j -> ((ObjectNode) j.at("/velocity/layers/1")).put("vp", 0)));
    }

    @Test
    void layersMustStartAtSurfaceAndDeepen() {
        assertEquals(List.of("velocity.layers[1].top: must be deeper than the layer above (0 m), got 0"),
                errors(j -> ((ObjectNode) j.at("/velocity/layers/1")).put("top", 0)));
    }

    @Test
    void velocityNeedsExactlyOneForm() {
        List<String> e = errors(j -> ((ObjectNode) j.get("velocity")).put("constant", 2000));
        assertEquals(List.of("velocity: must have exactly one of constant, layers, segy, raw, builtin, got layers and constant"), e);
    }

    @Test
    void unsupportedSpaceOrderIsRejected() {
        assertEquals(List.of("physics.spaceOrder: must be one of 2, 4, 8, got 6"),
                errors(j -> j.putObject("physics").put("spaceOrder", 6)));
    }

    @Test
    void fiveMistakesAreAllReported() {
        List<String> e = errors(j -> {
            ((ObjectNode) j.get("grid")).put("dx", -5);
            j.put("task", "migrate");
            ((ObjectNode) j.get("wavelet")).put("peakHz", 0);
            ((ObjectNode) j.get("time")).remove("lengthS");
            j.put("engine", "tpu");
        });
        assertEquals(5, e.size(), String.join("\n", e));
        assertTrue(e.contains("grid.dx: must be > 0, got -5"));
        assertTrue(e.contains("task: must be one of model, rtm, got \"migrate\""));
        assertTrue(e.contains("wavelet.peakHz: must be > 0, got 0"));
        assertTrue(e.contains("time.lengthS: is required"));
        assertTrue(e.contains("engine: must be one of auto, cpu, gpu, got \"tpu\""));
    }

    @Test
    void timeSamplingMustFitSegy() {
        assertEquals(List.of("time.sampleS: must be <= 0.032767 s (SEG-Y stores the interval in microseconds in 15 bits), got 0.05"),
                errors(j -> ((ObjectNode) j.get("time")).put("sampleS", 0.05)));
        assertEquals(List.of("time.lengthS: gives 100001 samples per trace at time.sampleS = 0.001 s; SEG-Y holds at most 65535 (lengthS <= 65.534 s)"),
                errors(j -> ((ObjectNode) j.get("time")).put("lengthS", 100).put("sampleS", 0.001)));
    }

    @Test
    void invalidJsonGivesLineAndColumn() {
        SpecException e = assertThrows(SpecException.class, () -> JobSpecReader.read("{\n \"task\": ,\n}", "bad.json", "bad"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    /** A key given twice is refused where it is, not resolved silently to one of its values. */
    @Test
    void aKeyGivenTwiceIsRefused() {
        SpecException e = assertThrows(SpecException.class, () -> JobSpecReader.read(
                "{\"task\": \"model\",\n \"grid\": {\"nx\": 10, \"nx\": 20}}", "twice.json", "twice"));
        String m = e.getMessage();
        assertTrue(m.contains("is not valid JSON at line 2") && m.contains("nx"), m);
    }

    /** An unclosed object: where it opened, in the same words, not the parser's own notation. */
    @Test
    void truncatedJsonNamesWhereTheObjectOpened() {
        SpecException e = assertThrows(SpecException.class,
                () -> JobSpecReader.read("{\"task\": \"model\", \"grid\": {\n", "cut.json", "cut"));
        String m = e.getMessage();
        assertTrue(m.contains("is not valid JSON at line 2, column 1: "), m);
        assertTrue(m.contains("unexpected end of the text: the object opened at line 1, column 27 is not closed (a '}' is missing)"), m);
        assertTrue(!m.contains("Source") && !m.contains("REDACTED"), m);
    }

    @Test
    void movingSpreadAndListLayoutsAreRead() {
        ObjectNode j = valid();
        j.set("sources", SpecFixtures.MAPPER.createObjectNode().set("list",
                SpecFixtures.MAPPER.createArrayNode().add(SpecFixtures.MAPPER.createArrayNode().add(100).add(0).add(20))));
        ((ObjectNode) j.get("receivers")).putObject("spread").putObject("moving").put("minOffset", 0).put("maxOffset", 250);
        JobSpec s = read(j);
        assertEquals(new Spread.Moving(0, 250), s.spread());
        assertEquals(1, s.sources().positions().size());
    }

    @Test
    void writerOutputReadsBackToTheSameSpec() {
        ObjectNode j = valid();
        ((ObjectNode) j.get("receivers")).putObject("spread").putObject("moving").put("minOffset", 10).put("maxOffset", 500);
        j.putObject("physics").put("spaceOrder", 4).put("freeSurface", true);
        JobSpec s = read(j);
        JobSpec again = read(JobSpecWriter.toJson(s));
        assertEquals(s, again);
    }

    /** Item 6: text after the spec's object is refused where it starts, as other syntax errors are. */
    @Test
    void textAfterTheSpecsObjectIsRefusedWithLineAndColumn() {
        String spec = valid().toString();
        SpecException garbage = assertThrows(SpecException.class,
                () -> JobSpecReader.read(spec + "\n garbage", "trailing.json", "trailing"));
        assertEquals(List.of("(json): is not valid JSON at line 2, column 2: unexpected 'garbage': expected a value"
                + " (number, string, true/false, null, object or array)"), messages(garbage));
        SpecException second = assertThrows(SpecException.class,
                () -> JobSpecReader.read(spec + "\n{}", "trailing.json", "trailing"));
        assertEquals(List.of("(json): is not valid JSON at line 2, column 1: text after the spec's closing '}' (a spec is"
                + " one JSON object)"), messages(second));
    }

    private static List<String> messages(SpecException e) {
        return e.problems().stream().map(SpecProblem::toString).toList();
    }

    /**
     * Item 4, as the review narrowed it: the name is the default output folder runs/NAME, so only
     * what is not one folder there is refused, each with its rule in one line.
     */
    @Test
    void aNameThatIsNotOneFolderInsideRunsIsRefused() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("../../escaped", "must not hold '/' or '\\'");
        bad.put("a/b", "must not hold '/' or '\\'");
        bad.put("a\\b", "must not hold '/' or '\\'");
        bad.put("", "must not be blank");
        bad.put("   ", "must not be blank");
        bad.put(".", "must not be \".\" or \"..\"");
        bad.put("..", "must not be \".\" or \"..\"");
        bad.put("line\n2", "must not hold control characters (newlines, tabs)");
        bad.put("x".repeat(101), "must be at most 100 characters");
        bad.put("地".repeat(90), "must be at most 255 bytes in UTF-8 (a file name's limit)");
        Map<String, String> size = Map.of("x".repeat(101), " (101 characters)", "地".repeat(90), " (270 bytes)");
        for (var b : bad.entrySet()) {
            List<String> e = errors(j -> j.put("name", b.getKey()));
            assertEquals(1, e.size(), b.getKey() + ": " + e);
            String shown = b.getKey().replace('\n', '?');
            // "got" once: the name, then its length for the length limits
            assertEquals("name: " + b.getValue() + " (it names the output folder runs/NAME), got \"" + shown + "\""
                    + size.getOrDefault(b.getKey(), ""), e.get(0), b.getKey());
        }
    }

    /**
     * Review item 2: names that ran before names were checked run again: spaces, parentheses,
     * letters of any language, a leading '_' or '.', a leading '-', 100 characters.
     */
    @Test
    void namesThatRanBeforeAreAccepted() {
        for (String good : List.of("Line 12 (reproc)", "Profil-Übersicht", "_scratch", ".hidden", "-flag",
                "layered-2d_v1.2", "A", "x".repeat(100), "地".repeat(85), "(((", "a..b", "...")) {
            ObjectNode j = valid();
            j.put("name", good);
            assertEquals(good, read(j).name());
            assertTrue(JobName.isValid(good), good);
        }
    }

    /**
     * Review item 2: a spec without a name takes its file's name without the extension, as before
     * names were checked (so runs/NAME and --resume find the runs of existing specs); the sanitised
     * form only when that is not a valid name.
     */
    @Test
    void theDefaultNameIsTheFileNameAsBefore() {
        assertEquals("layered-2d-model", JobName.defaultFor("layered-2d-model.json"));
        assertEquals("my survey (v2)", JobName.defaultFor("my survey (v2).json"));
        assertEquals("Profil-Übersicht", JobName.defaultFor("Profil-Übersicht.json"));
        assertEquals(".hidden", JobName.defaultFor(".hidden.json"));
        assertEquals("_scratch", JobName.defaultFor("_scratch.json"));
        assertEquals("spec", JobName.defaultFor("spec"));
        // Not valid as they are: the sanitised form.
        assertEquals("job", JobName.defaultFor("..json"));
        assertEquals("job", JobName.defaultFor(".json"));
        assertEquals(100, JobName.defaultFor("y".repeat(300) + ".json").length());
        assertEquals("a-b", JobName.defaultFor("a\tb.json"));
        // fromFileName itself is unchanged.
        assertEquals("my-survey-v2", JobName.fromFileName("my survey (v2).json"));
        assertEquals("job", JobName.fromFileName("()).json"));
    }

    /** The default reaches the spec read from a file: runs/NAME of an existing spec is the folder it always was. */
    @Test
    void aSpecFileWithoutANameIsNamedAfterTheFile(@TempDir Path dir) throws IOException {
        ObjectNode j = valid();
        j.remove("name");
        Path file = dir.resolve("Line 12 (reproc).json");
        Files.writeString(file, j.toString());
        assertEquals("Line 12 (reproc)", JobSpecReader.read(file).name());
    }

    private static List<String> warnings(ObjectNode json) {
        SpecDraft d = JobSpecReader.draft(json.toString(), "test.json", "test");
        return d.problems().stream().filter(p -> !p.isError()).map(SpecProblem::toString).toList();
    }

    /** image.sgy keeps dz in millimetres in a 15-bit field: a migration that could not write it is refused before any shot. */
    @Test
    void aMigrationsDepthStepMustFitTheImagesIntervalField() {
        assertEquals(List.of("grid.dz: must be < 32.7675 m for task rtm: image.sgy keeps the depth step in millimetres"
                        + " in SEG-Y's 15-bit sample interval field (1..32767 mm), got 40"),
                errors(j -> {
                    j.put("task", "rtm");
                    ((ObjectNode) j.get("grid")).put("dz", 40).put("nz", 20);
                }));
        List<String> tiny = errors(j -> {
            j.put("task", "rtm");
            ((ObjectNode) j.get("grid")).put("dz", 0.0004);
        });
        assertTrue(tiny.contains("grid.dz: must be >= 0.0005 m for task rtm: image.sgy keeps the depth step in millimetres"
                + " in SEG-Y's 15-bit sample interval field (1..32767 mm), got 0.0004"), tiny.toString());
        ObjectNode fraction = valid();
        fraction.put("task", "rtm");
        ((ObjectNode) fraction.get("grid")).put("dz", 10.0004);
        assertEquals(List.of("warning: grid.dz: 10.0004 m is not a whole number of millimetres: image.sgy's sample"
                + " interval field will say 10000 (10 m); image.swv keeps the exact dz"), warnings(fraction));
        assertEquals(10.0004, read(fraction).grid().dz(), "read, with the warning");
        ObjectNode halfMm = valid();
        halfMm.put("task", "rtm");
        ((ObjectNode) halfMm.get("grid")).put("dz", 0.0005).put("dx", 0.0005);
        assertTrue(warnings(halfMm).contains("warning: grid.dz: 0.0005 m is not a whole number of millimetres:"
                + " image.sgy's sample interval field will say 1 (0.001 m); image.swv keeps the exact dz"),
                warnings(halfMm).toString());
        ObjectNode atLimit = valid();
        atLimit.put("task", "rtm");
        ((ObjectNode) atLimit.get("grid")).put("dz", 32.767).put("nz", 20);
        assertEquals(32.767, read(atLimit).grid().dz());
        ObjectNode model = valid();
        ((ObjectNode) model.get("grid")).put("dz", 40).put("nz", 20);
        assertEquals(40, read(model).grid().dz(), "task model writes no depth axis");
    }

    @Test
    void sourcesOrReceiversAllAtOnePointAreRefused() {
        assertEquals(List.of("sources.line.dx: is 0: n = 3 shots at one point; give dx > 0, or n = 1"),
                errors(j -> ((ObjectNode) j.get("sources").get("line")).put("dx", 0)));
        assertEquals(List.of("receivers.line.dx: not given (0): n = 101 receivers at one point; give dx > 0, or n = 1"),
                errors(j -> ((ObjectNode) j.get("receivers").get("line")).remove("dx")));
        assertEquals(List.of("sources.grid.dx: not given (0): nx = 4 shots at one x; give dx > 0, or nx = 1"),
                errors(j -> j.putObject("sources").putObject("grid").put("x0", 100).put("nx", 4).put("z", 20)));
        ObjectNode one = valid();
        ((ObjectNode) one.get("sources").get("line")).put("dx", 0).put("n", 1);
        assertEquals(1, read(one).sources().positions().size(), "one shot needs no dx");
    }

    @Test
    void aWaveletDelayThatCutsTheRickerIsWarnedAbout() {
        ObjectNode j = valid();
        ((ObjectNode) j.get("wavelet")).put("delayS", 0);
        assertEquals(List.of("warning: wavelet.delayS: 0 s is less than 0.8 / peakHz = 0.0533 s: the Ricker wavelet starts"
                + " cut (its value at 0 s is 100 % of its peak); leave delayS out for 1 / peakHz = 0.0667 s"), warnings(j));
        ((ObjectNode) j.get("wavelet")).put("delayS", 0.06);
        assertEquals(List.of(), warnings(j), "0.9 periods: cut by 0.5 %, not warned");
        assertEquals(List.of(), warnings(valid()), "the default delay");
    }

    /**
     * A delayS at or past the record's end fired nothing the record holds (every sample 0, exit 0):
     * refused with both values, the spec kept whole for the resolver's checks. A peak leaving less
     * than one period (1 / peakHz = 0.0667 s here) of record after it is warned of, given or default.
     */
    @Test
    void aWaveletPeakAtOrPastTheRecordsEndIsRefusedAndOneNearItWarned() {
        assertEquals(List.of("wavelet.delayS: must be < time.lengthS (0.5 s), got 1000000000: the wavelet would peak"
                + " after the record ends and every trace would be (nearly) zero"),
                errors(j -> ((ObjectNode) j.get("wavelet")).put("delayS", 1e9)));
        assertEquals(List.of("wavelet.delayS: must be < time.lengthS (0.5 s), got 0.5: the wavelet would peak after the"
                + " record ends and every trace would be (nearly) zero"),
                errors(j -> ((ObjectNode) j.get("wavelet")).put("delayS", 0.5)));
        ObjectNode late = valid();
        ((ObjectNode) late.get("wavelet")).put("delayS", 2);
        assertTrue(JobSpecReader.draft(late.toString(), "t.json", "t").spec() != null, "whole: the resolver checks it too");

        ObjectNode near = valid();
        ((ObjectNode) near.get("wavelet")).put("delayS", 0.45);
        assertEquals(List.of("warning: wavelet.delayS: the wavelet's peak at 0.45 s leaves 0.05 s of the 0.5 s record"
                + " (time.lengthS), less than one period (1 / peakHz = 0.0667 s): the wavelet is cut at the record's end"
                + " and its waves have no time to reach the receivers"), warnings(near));
        ((ObjectNode) near.get("wavelet")).put("delayS", 0.4);
        assertEquals(List.of(), warnings(near), "0.1 s, 1.5 periods, after the peak");

        ObjectNode shortRecord = valid();
        assertEquals(List.of("wavelet.peakHz: must be >= 1 / time.lengthS = 20 Hz (at least one period within the"
                + " 0.05 s record), got 15: every trace would be (nearly) zero"),
                errors(j -> ((ObjectNode) j.get("time")).put("lengthS", 0.05).put("sampleS", 0.002)));
        ((ObjectNode) shortRecord.get("time")).put("lengthS", 0.1);
        assertEquals(List.of("warning: time.lengthS: the wavelet's peak at 1 / peakHz = 0.0667 s (wavelet.delayS not"
                + " given) leaves 0.0333 s of the 0.1 s record (time.lengthS), less than one period (1 / peakHz ="
                + " 0.0667 s): the wavelet is cut at the record's end and its waves have no time to reach the receivers"),
                warnings(shortRecord));
        ((ObjectNode) shortRecord.get("time")).put("lengthS", 0.14);
        assertEquals(List.of(), warnings(shortRecord), "two periods: the default delay's whole wavelet");
    }

    /** Windows editors save UTF-8 with a byte-order mark; it is not part of the JSON. */
    @Test
    void aByteOrderMarkIsAccepted(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bom.json");
        byte[] json = valid().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        Files.write(file, withBom);
        assertEquals("fixture", JobSpecReader.read(file).name());
        assertEquals('{', JobSpecReader.readText(file).charAt(0), "the desktop's editor gets the text without it");
    }

    @Test
    void aFileThatIsNotTextIsSaidToBeNotUtf8(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("vp.json"), new byte[] {0x7f, 'E', 'L', 'F', (byte) 0xff, (byte) 0xc3, 0});
        var e = assertThrows(IllegalArgumentException.class, () -> JobSpecReader.read(file));
        assertEquals("spec file " + file + " is not UTF-8 text: a spec is a JSON text file", e.getMessage());
        Path utf16 = Files.write(dir.resolve("u16.json"), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        Files.write(utf16, new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, (byte) 0xE9, 0, '}', 0});
        e = assertThrows(IllegalArgumentException.class, () -> JobSpecReader.read(utf16));
        assertTrue(e.getMessage().endsWith("is not UTF-8 text (it is UTF-16: save it as UTF-8): a spec is a JSON text file"),
                e.getMessage());
    }

    /**
     * A spec file of gigabytes (or /dev/zero) is refused by its size before it is read: it used to
     * fill the heap and say to raise it. The big file is sparse: nothing of its size is written.
     */
    @Test
    void aHugeSpecFileOrADeviceIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.json");
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.write("{\"name\":\"big\",".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            f.setLength(2_200_000_000L);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> JobSpecReader.read(big));
        assertEquals("spec file " + big + " is 2.0 GiB; a job spec is a JSON text of at most 16.0 MiB (about 600 000 listed positions; models and data are files of their own)",
                e.getMessage());
        Path justOver = dir.resolve("over.json");
        try (var f = new java.io.RandomAccessFile(justOver.toFile(), "rw")) {
            f.setLength(JobSpecReader.MAX_SPEC_BYTES + 1);
        }
        assertThrows(IllegalArgumentException.class, () -> JobSpecReader.readText(justOver));
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        e = assertThrows(IllegalArgumentException.class, () -> JobSpecReader.read(zero));
        assertEquals("spec file /dev/zero goes on past 16.0 MiB; a job spec is a JSON text of at most 16.0 MiB (about 600 000 listed positions; models and data are files of their own)",
                e.getMessage());
    }

    /** A spec given through a pipe (a shell's {@code <(...)}) is read as a file is. */
    @Test
    void aSpecThroughAPipeIsRead(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("spec.fifo");
        int made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        } catch (IOException e) {
            made = -1;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(made == 0, "no mkfifo on this system to make a pipe with");
        String spec = "{\"name\": \"piped\"}";
        Thread writer = Thread.ofPlatform().daemon().start(() -> {
            try {
                Files.writeString(fifo, spec);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals(spec, JobSpecReader.readText(fifo));
        writer.join(10_000);
    }

    @Test
    void aFolderGivenAsTheSpecIsSaidToBeOne(@TempDir Path dir) throws IOException {
        Files.createDirectory(dir.resolve("a"));
        var e = assertThrows(IllegalArgumentException.class, () -> JobSpecReader.read(dir.resolve("a/../.")));
        assertEquals("spec file " + dir + " is a folder, not a file", e.getMessage());
    }

    private static String jsonError(String json) {
        SpecException e = assertThrows(SpecException.class, () -> JobSpecReader.read(json, "t.json", "t"));
        return e.problems().get(0).toString();
    }

    /**
     * The parser's limits (StreamReadConstraints) in the words of the text, after a colon even
     * when the parser gives no place: it used to say "is not valid JSON Document nesting depth
     * (1001) exceeds ... `StreamReadConstraints.getMaxNestingDepth()`".
     */
    @Test
    void theParsersLimitsAreSaidInTheTextsWords() {
        String deep = jsonError("[".repeat(1001) + "]".repeat(1001));
        assertTrue(deep.matches("\\(json\\): is not valid JSON(: | at line 1, column \\d+: )nested deeper than 1000 levels of"
                + " objects and arrays"), deep);
        String number = jsonError("{\"name\": 1" + "0".repeat(1000) + "}");
        assertTrue(number.matches("\\(json\\): is not valid JSON(: | at line 1, column \\d+: )a number longer than 1000"
                + " characters"), number);
        String key = jsonError("{\"" + "k".repeat(50_001) + "\": 1}");
        assertTrue(key.matches("\\(json\\): is not valid JSON(: | at line 1, column \\d+: )a key longer than 50000"
                + " characters"), key);
        for (String m : List.of(deep, number, key)) {
            assertTrue(!m.contains("StreamReadConstraints") && !m.contains("exceeds"), m);
        }
    }

    /** Numbers far from 1 in messages in scientific notation, not as 300 zeros; the others in plain decimals. */
    @Test
    void numbersInMessagesAreScientificOnlyFarFromOne() {
        assertEquals("1e-300", Problems.num(1e-300));
        assertEquals("-2.5e-7", Problems.num(-2.5e-7));
        assertEquals("0.000001", Problems.num(1e-6));
        assertEquals("0.0005", Problems.num(5e-4));
        assertEquals("1000000000", Problems.num(1e9));
        assertEquals("1e15", Problems.num(1e15));
        assertEquals("1.5e300", Problems.num(1.5e300));
        assertEquals("0", Problems.num(0));
        String tiny = errors(j -> ((ObjectNode) j.get("grid")).put("dx", 1e-300).put("nx", 2)).toString();
        assertTrue(tiny.length() < 1000 && !tiny.contains("00000000000"), tiny);
    }

    /**
     * Numbers in messages read as a person writes them: the float residue of (n - 1) x d sums rounded away
     * at 10 significant digits, values given with fewer digits kept exactly.
     */
    @Test
    void numbersInMessagesDropFloatResidue() {
        assertEquals("3000", Problems.num(2999.9999999999995));
        assertEquals("230", Problems.num(100 * 2.3));
        assertEquals("110", Problems.num(100 * 1.1));
        assertEquals("1e-298", Problems.num(100 * 1e-300));
        assertEquals("0.3", Problems.num(0.1 * 3));
        assertEquals("0.1", Problems.num(0.1));
        assertEquals("32.7675", Problems.num(32.7675));
        assertEquals("0.3333333333", Problems.num(1.0 / 3));
        assertEquals("-1234.567891", Problems.num(-1234.5678912345));
        assertEquals("1e15", Problems.num(999_999_999_999_999.9), "rounded up to the scientific range");
        assertEquals("0", Problems.num(-0.0));
        assertEquals("NaN", Problems.num(Double.NaN));
    }

    /** A value set against a limit it breaks keeps the digits that tell them apart, on the right side. */
    @Test
    void numbersAgainstALimitKeepTheirDifference() {
        assertEquals("1000.0000001", Problems.num(1000.0000001, 1000));
        assertEquals("1000", Problems.num(1000, 1000.0000001));
        assertEquals("0.0004999999999", Problems.num(0.0004999999999, 0.0005));
        assertEquals("2999.9999999999995", Problems.num(2999.9999999999995, 3000));
        assertEquals("3000", Problems.num(3000, 2999.9999999999995));
        assertEquals("230", Problems.num(100 * 2.3, 1000), "already apart at 10 digits");
        assertEquals("600", Problems.num(600, 600), "equal values read alike");
        // Rounding both at one count of digits keeps their order: never shown equal or swapped.
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 100_000; i++) {
            double a = Math.scalb(1 + random.nextDouble(), random.nextInt(40) - 20);
            double b = random.nextBoolean() ? Math.nextUp(a) : a * (1 + Math.scalb(random.nextDouble(), -random.nextInt(52)));
            if (b > a) {
                double shownA = Double.parseDouble(Problems.num(a, b));
                double shownB = Double.parseDouble(Problems.num(b, a));
                assertTrue(shownA < shownB, a + " < " + b + " shown as " + shownA + ", " + shownB);
            }
        }
    }

    /** The outside-the-grid message: extents without float residue, a point just past one with its difference. */
    @Test
    void outsideGridMessageReadsAsWrittenAndKeepsTheDifference() {
        // x ends at 100 x 2.3 = 229.99999999999997 m; the shot at x 230 lies on it (within 1e-9 of a cell).
        List<String> residue = errors(j -> {
            ((ObjectNode) j.get("grid")).put("dx", 2.3);
            ((ObjectNode) j.at("/sources/line")).put("x0", 230).put("n", 1).put("z", 700);
        });
        assertTrue(residue.contains("sources.line: 1 of 1 shot outside the grid (x 0..230, z 0..600 m); first: shot 1 at"
                + " (x 230, z 700)"), residue.toString());
        // 1e-7 m past the end (1e-8 of a cell, outside): the difference the message is about is shown.
        List<String> past = errors(j -> ((ObjectNode) j.at("/sources/line")).put("x0", 1000.0000001).put("n", 1));
        assertEquals(List.of("sources.line: 1 of 1 shot outside the grid (x 0..1000, z 0..600 m); first: shot 1 at"
                + " (x 1000.0000001, z 20)"), past);
        List<String> tiny = errors(j -> ((ObjectNode) j.get("grid")).put("dx", 1e-300));
        assertTrue(tiny.stream().anyMatch(m -> m.contains("outside the grid (x 0..1e-298, z 0..600 m)")), tiny.toString());
    }

    /** What JSON does not allow, in its words, not as the parser feature that would allow it. */
    @Test
    void nonJsonNumbersAndCommentsAreSaidInUserWords() {
        assertEquals("(json): is not valid JSON at line 2, column 14: NaN is not a JSON number; give a number",
                jsonError("{\"task\": \"model\",\n \"velocity\": NaN}"));
        assertEquals("(json): is not valid JSON at line 1, column 22: -Infinity is not a JSON number; give a number",
                jsonError("{\"time\": {\"lengthS\": -Infinity}}"));
        String infinity = jsonError("{\"time\": {\"lengthS\": Infinity}}");
        assertTrue(infinity.endsWith(": Infinity is not a JSON number; give a number"), infinity);
        assertEquals("(json): is not valid JSON at line 2, column 2: comments are not allowed in JSON",
                jsonError("{\"task\": \"model\",\n // the grid\n \"grid\": {}}"));
        assertEquals("(json): is not valid JSON at line 1, column 3: comments are not allowed in JSON",
                jsonError("{ /* c */ }"));
        assertEquals("(json): is not valid JSON at line 1, column 3: comments are not allowed in JSON",
                jsonError("{ # c\n}"));
        String quotes = jsonError("{'task': 'model'}");
        assertTrue(quotes.endsWith("JSON takes double quotes (\"), not single quotes (')"), quotes);
        for (String bad : List.of("{\"a\": NaN}", "{/**/}", "{\"a\": +1}", "{\"a\": 01}", "{'a': 1}", "{\"a\": \"\t\"}")) {
            String m = jsonError(bad);
            assertTrue(!m.contains("Feature") && !m.contains("enable") && !m.contains("ALLOW_"), m);
        }
    }
}
