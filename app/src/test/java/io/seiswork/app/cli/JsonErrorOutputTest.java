package io.seiswork.app.cli;

import static io.seiswork.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command run with {@code --json} that fails prints {@code {"failure": {"message": ...}}} on
 * standard output, the same words as its line on standard error, which stays, as does the exit
 * status.
 */
class JsonErrorOutputTest {

    @TempDir
    Path tmp;

    /**
     * The {@code failure} object of the one JSON object on standard output, checked to be that
     * object's only key and to carry the stderr line's words.
     */
    private static JsonNode failureJson(CliRun r, int exit, String stderrPrefix) throws Exception {
        assertEquals(exit, r.exit(), r.err());
        List<String> outLines = r.out().lines().toList();
        assertEquals(1, outLines.size(), "one line of JSON on stdout: " + r.out());
        JsonNode top = new ObjectMapper().readTree(r.out());
        assertTrue(top.isObject() && top.size() == 1 && top.path("failure").isObject(), r.out());
        JsonNode j = top.get("failure");
        assertTrue(j.path("message").isTextual(), r.out());
        String firstErrLine = r.err().lines().findFirst().orElseThrow();
        assertEquals(firstErrLine, stderrPrefix + j.get("message").asText(), "stderr keeps the same line");
        return j;
    }

    @Test
    void segyInfoOfAnEmptyFile() throws Exception {
        Path zero = Files.createFile(tmp.resolve("zero.sgy"));
        JsonNode j = failureJson(run("segy", "info", zero.toString(), "--json"), 1, "seiswork: ");
        assertTrue(j.get("message").asText().startsWith(zero + ": file is 0 bytes"), j.toString());
        assertEquals(1, j.size(), "only the message: " + j);
    }

    @Test
    void segyScanOfAMissingFile() throws Exception {
        Path missing = tmp.resolve("missing.sgy");
        JsonNode j = failureJson(run("segy", "scan", missing.toString(), "--json"), 1, "seiswork: ");
        assertTrue(j.get("message").asText().contains("missing.sgy"), j.toString());
    }

    /**
     * An id that is not one is a usage error (exit 2, the pointer to --help), as a bad option value
     * is, refused before any call to the cloud, so no emulator is needed.
     */
    @Test
    void statusOfABadJobId() throws Exception {
        JsonNode j = failureJson(run("status", "Not_A_Job", "--json"), 2, "");
        assertTrue(j.get("message").asText().startsWith("seiswork status: job id must be"), j.toString());
        assertTrue(j.get("message").asText().contains("\"Not_A_Job\""), j.toString());
        assertEquals("see 'seiswork status --help' for the options", j.get("hint").asText());
    }

    @Test
    void aUsageErrorIsJsonToo() throws Exception {
        JsonNode j = failureJson(run("bench", "--grid", "0", "--json"), 2, "");
        assertTrue(j.get("message").asText().startsWith("seiswork bench: --grid"), j.toString());
        assertEquals("see 'seiswork bench --help' for the options", j.get("hint").asText());
    }

    @Test
    void withoutJsonStandardOutputStaysEmpty() throws Exception {
        Path zero = Files.createFile(tmp.resolve("zero.sgy"));
        CliRun r = run("segy", "info", zero.toString());
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        CliRun usage = run("bench", "--grid", "0");
        assertEquals(2, usage.exit());
        assertEquals("", usage.out());
    }

    @Test
    void aCommandWithoutJsonIgnoresTheWordInItsArguments() {
        CliRun r = run("view", "--json");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
    }
}
