package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.spec.MemoryEstimate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code CpuBenchmark.main}, run by {@code scripts/gpu-cpu-bench.sh}, refuses a grid the heap
 * cannot hold in one line, as {@code seiswork bench} does, instead of an OutOfMemoryError trace.
 */
class CpuBenchmarkMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(long freeHeap, String... args) {
        return CpuBenchmark.main(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), freeHeap);
    }

    @Test
    void aGridTheHeapCannotHoldIsRefusedInOneLineBeforeRunning() {
        CpuBenchmark.Config config = new CpuBenchmark.Config(24, 24, 24, 2, 8, 1, CpuBenchmark.Mode.SHOT, 1, 1);
        long need = CpuBenchmark.heapBytes(config);
        assertEquals(1, main(need - 1, "--grid", "24", "--steps", "2", "--threads", "1", "--mode", "shot",
                "--repetitions", "1"));
        String e = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("bench: the 3D 24 x 24 x 24 grid needs " + MemoryEstimate.human(need)
                + " of heap for the benchmark's arrays (shot, order 8), more than the "), e);
        assertTrue(e.contains("java -Xmx1g"), e);
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing ran");
    }

    @Test
    void exactlyEnoughHeapRuns() {
        CpuBenchmark.Config config = new CpuBenchmark.Config(16, 16, 16, 2, 4, 1, CpuBenchmark.Mode.STENCIL, 1, 1);
        assertEquals(0, main(CpuBenchmark.heapBytes(config), "--grid", "16", "--steps", "2", "--order", "4",
                "--threads", "1", "--repetitions", "1"), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("cpu-bench mode=stencil grid=16 order=4"), out.toString());
    }
}
