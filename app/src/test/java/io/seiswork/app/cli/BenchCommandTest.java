package io.seiswork.app.cli;

import static io.seiswork.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.kernels.engine.cuda.CudaProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code seiswork bench} through {@link Main#newCommandLine()}: tiny grids, JSON contract only. */
class BenchCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"stencil", "shot"})
    void jsonReportsTheContractFields(String mode) throws Exception {
        CliRun r = run("bench", "--nx", "24", "--ny", "20", "--nz", "16", "--steps", "3", "--order", "4", "--threads",
                "2", "--mode", mode, "--warmup", "0", "--repetitions", "2", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("gptsPerSecond").asDouble() > 0);
        assertEquals(24, j.get("grid").get(0).asInt());
        assertEquals(20, j.get("grid").get(1).asInt());
        assertEquals(16, j.get("grid").get(2).asInt());
        assertEquals(3, j.get("steps").asInt());
        assertEquals(4, j.get("order").asInt());
        assertEquals(2, j.get("threads").asInt());
        assertEquals("cpu", j.get("engine").asText());
        assertEquals(mode, j.get("mode").asText());
        assertEquals(24L * 20 * 16, j.get("userPoints").asLong());
        assertTrue(j.get("computedPointsPerSecond").asDouble() >= j.get("gptsPerSecond").asDouble() * 1e9 * 0.999);
        assertEquals(2, j.get("gptsPerSecondEach").size());
    }

    @Test
    void twoDimensionalGridHasTwoAxes() throws Exception {
        CliRun r = run("bench", "--dim", "2", "--grid", "40", "--steps", "2", "--warmup", "0", "--repetitions", "1",
                "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(2, j.get("grid").size());
        assertEquals(40L * 40, j.get("userPoints").asLong());
    }

    @Test
    void unknownModeIsAUsageError() {
        CliRun r = run("bench", "--mode", "fast");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("--mode must be stencil or shot, got fast"), r.err());
    }

    /** A usage error is the message, a pointer to --help and exit code 2, not the whole usage text. */
    @Test
    void badValuesAndMisspeltOptionsAreOneMessageAndAPointerToHelp() {
        CliRun r = run("bench", "--order", "6");
        assertEquals(2, r.exit());
        assertEquals("seiswork bench: space order must be one of 2, 4, 8, got 6\n"
                + "See 'seiswork bench --help' for the options.", r.err().strip().replace("\r\n", "\n"));
        CliRun typo = run("bench", "--thread", "2");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().startsWith("seiswork bench: Unknown option"), typo.err());
        assertTrue(typo.err().contains("--threads"), "suggests the option meant: " + typo.err());
        assertTrue(!typo.err().contains("Usage:"), typo.err());
    }

    @Test
    void gpuBenchWithoutAGpuSaysWhyInOneLine() {
        assumeFalse(CudaProbe.available(), "a GPU is usable here: the no-GPU message is not exercised");
        CliRun r = run("bench", "--engine", "gpu", "--grid", "16", "--steps", "2", "--json");
        assertEquals(1, r.exit());
        assertEquals("seiswork: --engine gpu: " + CudaProbe.reason(), r.err().strip());
    }
}
