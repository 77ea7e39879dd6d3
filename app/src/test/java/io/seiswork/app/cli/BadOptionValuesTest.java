package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad option value is a usage error through the command line's entry point: exit code 2
 * (docs/formats/segy.md, "Command line") and one first line naming the command, the option, the
 * value and what it takes ({@link OptionValues}), whichever command and whichever kind of check
 * (a value read as picocli parses, a range, a domain parser's refusal). The commands refuse before
 * they read a file or reach a cloud, so none is needed here.
 */
class BadOptionValuesTest {

    @TempDir
    Path dir;

    /** The first line of {@code seiswork args...} on standard error, after checking it is a usage error. */
    private static String refused(String... args) {
        CliRun r = CliRun.run(args);
        assertEquals(2, r.exit(), String.join(" ", args) + ":\n" + r.err());
        assertEquals("", r.out());
        assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals("See '" + lines.getFirst().substring(0, lines.getFirst().indexOf(':')) + " --help' for the options.",
                lines.getLast());
        return lines.getFirst();
    }

    @Test
    void valuesOfAKindNameTheOptionTheValueAndTheChoices() {
        assertEquals("seiswork run: --engine must be auto, cpu or gpu, got \"tpu\"",
                refused("run", "spec.json", "--engine", "tpu"));
        assertEquals("seiswork worker: --engine must be auto, cpu or gpu, got \"tpu\"",
                refused("worker", "--engine", "tpu", "--max-idle", "1"));
        assertEquals("seiswork jobs: --cloud must be local or aws, got \"gcp\"", refused("jobs", "--cloud", "gcp"));
        assertEquals("seiswork segy convert: --endian must be big or little, got \"middle\"",
                refused("segy", "convert", "in.sgy", "out.sgy", "--endian", "middle"));
        // The whole list quoted and its bad item named by place, not the item alone ("" said nothing of where)
        assertEquals("seiswork run: --shots must list shot numbers and ranges such as 1,4-6, got \"1,,x\": item 2 is empty",
                refused("run", "spec.json", "--shots", "1,,x"));
        assertEquals("seiswork run: --shots must list shot numbers and ranges such as 1,4-6, got \"1,4-6,x\": item 3,"
                + " \"x\", is neither a shot number nor a range", refused("run", "spec.json", "--shots", "1,4-6,x"));
    }

    /** An empty --shots is a mistake (a script's empty variable), never "every shot", for run as for submit. */
    @Test
    void anEmptyShotListIsRefusedByRunAsBySubmit() {
        assertEquals("seiswork run: --shots must list shot numbers and ranges such as 1,4-6, got \"\": the list is empty",
                refused("run", "spec.json", "--shots", ""));
        assertEquals("seiswork submit: --shots must list shot numbers and ranges such as 1,4-6, got \"\": the list is"
                + " empty", refused("submit", "spec.json", "--shots", ""));
    }

    @Test
    void numbersOutOfRangeNameTheirLimits() {
        assertEquals("seiswork jobs: --limit must be 1 to 1000, got 0", refused("jobs", "--limit", "0"));
        assertEquals("seiswork segy info: --iline-byte must be 1 to 237 (a 4-byte field inside the 240-byte trace"
                + " header), got 0", refused("segy", "info", "in.sgy", "--iline-byte", "0"));
        assertEquals("seiswork segy info: --interval-us must be more than 0 µs, got -5",
                refused("segy", "info", "in.sgy", "--interval-us", "-5"));
        assertEquals("seiswork submit: --worker-memory must be a positive number of GiB (at most 1048576), got 0.0",
                refused("submit", "spec.json", "--worker-memory", "0"));
        assertEquals("seiswork submit: --max-failed-shots must be 0 or more, got -1",
                refused("submit", "spec.json", "--max-failed-shots", "-1"));
        assertEquals("seiswork worker: --max-idle must be 0 seconds or more, got -1",
                refused("worker", "--max-idle", "-1"));
        int max = CpuThreadsOption.max();
        assertEquals("seiswork run: --threads must be 1 to " + max + " (16 per available processor), got 100000",
                refused("run", "spec.json", "--threads", "100000"));
        assertEquals("seiswork bench: --threads must be 1 to " + max + " (16 per available processor), got 0",
                refused("bench", "--threads", "0"));
    }

    /**
     * The options of view, worker, bench and segy convert that were refused with exit code 1, a
     * message without the option, a Java-side wording, or not at all (a .swv took any --z-unit).
     */
    @Test
    void viewWorkerBenchAndConvertValuesNameTheirOption() {
        assertEquals("seiswork view: --color-map must be gray, seismic or viridis, got \"jet\"",
                refused("view", "X", "--color-map", "jet"));
        assertEquals("seiswork view: --z-unit must be auto, m (depth) or s (time), got \"ft\"",
                refused("view", "image.swv", "--z-unit", "ft"));
        assertEquals("seiswork view: give a VOLUME or --job JOB (one of them), got neither", refused("view"));
        assertEquals("seiswork view: give a VOLUME or --job JOB (one of them), got both",
                refused("view", "image.swv", "--job", "j", "--cloud", "local"));
        assertEquals("seiswork worker: --visibility must be 30 to 43200 seconds (30 s to 12 h, SQS's longest"
                + " visibility timeout), got 5", refused("worker", "--visibility", "5"));
        assertEquals("seiswork worker: --visibility must be 30 to 43200 seconds (30 s to 12 h, SQS's longest"
                + " visibility timeout), got 43201", refused("worker", "--visibility", "43201"));
        assertEquals("seiswork worker: --result-retry must be 0 to 43200 seconds (12 h, SQS's longest hold of a"
                + " shot's message), got 43201", refused("worker", "--result-retry", "43201"));
        assertEquals("seiswork worker: --result-retry must be 0 to 43200 seconds (12 h, SQS's longest hold of a"
                + " shot's message), got -1", refused("worker", "--result-retry", "-1"));
        assertEquals("seiswork bench: --order must be 2, 4 or 8, got 6", refused("bench", "--order", "6"));
        assertEquals("seiswork bench: --repetitions must be 1 or more, got 0", refused("bench", "--repetitions", "0"));
        assertEquals("seiswork bench: --steps must be 1 or more, got 0", refused("bench", "--steps", "0"));
        assertEquals("seiswork bench: --warmup must be 0 or more, got -1", refused("bench", "--warmup", "-1"));
        assertEquals("seiswork bench: --mode must be stencil or shot, got \"fast\"", refused("bench", "--mode", "fast"));
        assertEquals("seiswork bench: --engine must be cpu or gpu, got \"tpu\"", refused("bench", "--engine", "tpu"));
        assertEquals("seiswork bench: --dim must be 2 or 3, got 4", refused("bench", "--dim", "4"));
        assertEquals("seiswork bench: --nx 0: a grid of 0 x 256 x 256 nodes is smaller than the order-8 stencil, 9"
                + " nodes along each axis; the smallest grid at order 8 is 9 per axis (--nx 9)",
                refused("bench", "--nx", "0"));
        // An order the engine refuses is named before the GPU is looked for: the same line on any machine.
        assertEquals("seiswork bench: --order must be 2, 4 or 8, got 3", refused("bench", "--engine", "gpu", "--order", "3"));
    }

    /** segy convert lists only the formats it writes: not ieee64, int24 or the unsigned ones it only reads. */
    @Test
    void convertNamesTheFormatsItWrites() {
        assertEquals("seiswork segy convert: --format must be ibm32, int32, int16, ieee32 or int8 (the formats convert"
                + " writes), got \"ibm16\"", refused("segy", "convert", "in.sgy", "out.sgy", "--format", "ibm16"));
        assertEquals("seiswork segy convert: --format must be ibm32, int32, int16, ieee32 or int8 (int24 can be read"
                + " but not written), got \"int24\"", refused("segy", "convert", "in.sgy", "out.sgy", "--format", "int24"));
    }

    /** {@code seiswork segy} alone printed its usage and exited 0, as if it had done something. */
    @Test
    void segyWithoutASubcommandNamesTheThree() {
        assertEquals("seiswork segy: a subcommand is missing: info, convert or scan", refused("segy"));
    }

    /** --poll was clamped to 0.1 s without a word; below it, the command now says so before anything is sent. */
    @Test
    void aPollBelowTheMinimumIsRefused() {
        assertEquals("seiswork resume: --poll must be at least 0.1 seconds, got 0.0",
                refused("resume", "some-job", "--wait", "--poll", "0"));
        assertEquals("seiswork submit: --poll must be at least 0.1 seconds, got -1.0",
                refused("submit", "spec.json", "--wait", "--poll", "-1"));
    }

    /** Options that mean nothing together are refused rather than one of them dropped. */
    @Test
    void optionsThatMeanNothingTogetherAreRefused() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.json"), "{}");
        assertEquals("seiswork bench: --ny must be left out with --dim 2 (a 2D grid is x by z), got 50",
                refused("bench", "--dim", "2", "--ny", "50"));
        assertEquals("seiswork run: --resume goes on with a stopped run; not with --estimate, which looks at a run"
                + " before it starts", refused("run", spec.toString(), "--estimate", "--resume"));
        assertEquals("seiswork run: --resume goes on with a stopped run; not with --check, which looks at a run"
                + " before it starts", refused("run", spec.toString(), "--check", "--resume"));
        assertEquals("seiswork run: --restart starts a run over; not with --estimate, which looks at a run before it"
                + " starts", refused("run", spec.toString(), "--estimate", "--restart"));
        // Three of them: the first pair of the command's list is the one refused, whatever the order typed.
        assertEquals("seiswork run: --check and --estimate exclude each other: --estimate checks the spec too, then"
                + " times the first shot", refused("run", spec.toString(), "--resume", "--estimate", "--check"));
    }
}
