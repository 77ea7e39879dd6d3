package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The trace-copy overlap figure ({@link TraceCopyBenchmark}, run on GPU machines by
 * scripts/gpu-report.sh): the carpet's cost relative to the shot without it, and its line.
 */
class TraceCopyBenchmarkTest {

    @Test
    void theCarpetsCostIsItsExtraTimeOverTheShotWithoutIt() {
        TraceCopyBenchmark.Result r = new TraceCopyBenchmark.Result(40_000, 200, 1.1, 1.0);
        assertEquals(0.1, r.overhead(), 1e-12);
        assertEquals(32_000_000L, r.bytes());
        assertTrue(r.describe().startsWith("receiver carpet: 40,000 receivers x 200 samples (32.0 MB sampled"),
                r.describe());
        assertTrue(r.describe().contains("cost +10.0 % of the shot (1.100 s against 1.000 s with one receiver)"),
                r.describe());
    }
}
