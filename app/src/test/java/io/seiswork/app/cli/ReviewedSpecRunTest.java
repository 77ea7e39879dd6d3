package io.seiswork.app.cli;

import static io.seiswork.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.testing.SmallSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on specs of the job-spec review: refused before anything is written, or run
 * with the warning said once; and a mistyped command named as such.
 */
class ReviewedSpecRunTest {

    @TempDir
    Path dir;

    /** 4 shots from x = 100 m every 200 m, receivers 0..800 m: offsets up to 700 m. */
    private static final SmallSpec SMALL = SmallSpec.named("spread").velocity("{ \"constant\": 2000 }");

    /** A moving spread beyond the model's offsets ran, wrote 0 traces a shot, and exited 0. */
    @Test
    void aSpreadWithNoReceiversIsRefusedByCheckAndRun() throws Exception {
        Path spec = Files.writeString(dir.resolve("empty.json"),
                SMALL.spread("{ \"moving\": { \"minOffset\": 2000, \"maxOffset\": 3000 } }").json());
        Path out = dir.resolve("out");
        for (String[] args : new String[][] {{"run", spec.toString(), "--check"},
                {"run", spec.toString(), "--out", out.toString(), "--engine", "cpu"}}) {
            CliRun r = run(args);
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.err().contains("receivers.spread.moving: no shot has a receiver within its offsets 2000..3000 m:"
                    + " the sources lie at x "), r.err());
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    /** Shots of which some record nothing: one warning line counting them, from --check too. */
    @Test
    void shotsWithoutReceiversAreWarnedOnceByCheck() throws Exception {
        // Sources at 100, 300, 500, 700 m; receivers 0..800 m: offsets of 650..700 m only from the shots at 100 and 700 m.
        Path spec = Files.writeString(dir.resolve("some.json"),
                SMALL.spread("{ \"moving\": { \"minOffset\": 650, \"maxOffset\": 700 } }").json());
        CliRun r = run("run", spec.toString(), "--check");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.err().split("no receiver within", -1).length - 1, r.err());
        assertTrue(r.err().contains("warning: receivers.spread.moving: 2 of 4 shots have no receiver within their"
                + " offsets 650..700 m (first: shot 2), and write empty gathers"), r.err());
    }

    /** A modelling spec copied from a migration's: one line naming its ignored fields, and the check passes. */
    @Test
    void migrationFieldsOfAModelSpecAreNamedOnce() throws Exception {
        Path spec = Files.writeString(dir.resolve("copied.json"), SMALL.with("data", "\"nowhere.sgy\"")
                .with("imaging", "{ \"aperture\": 500 }").json());
        CliRun r = run("run", spec.toString(), "--check");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("warning: data, imaging: ignored for task model (read only by task rtm)"), r.err());
    }

    /** picocli's "Unmatched argument at index 0" said as the command it is not. */
    @Test
    void anUnknownCommandIsNamedWithTheCommands() {
        CliRun r = run("frobnicate");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("seiswork: unknown command 'frobnicate'; the commands are: "), r.err());
        assertTrue(r.err().contains(" run, ") && r.err().contains("segy") && r.err().contains("desktop"), r.err());
        assertFalse(r.err().contains("Unmatched argument"), r.err());
        CliRun sub = run("segy", "frobnicate");
        assertEquals(2, sub.exit(), sub.err());
        assertTrue(sub.err().startsWith("seiswork segy: unknown command 'frobnicate'; the commands are: "), sub.err());
        CliRun extra = run("run", dir.resolve("a.json").toString(), "b.json");
        assertFalse(extra.err().contains("unknown command"), "a second SPEC is no command: " + extra.err());
    }
}
