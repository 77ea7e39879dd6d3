package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * The two engines of the tests that hold the GPU against the CPU, opened once per test class.
 * Every test is skipped, with the probe's reason, where no GPU is usable; {@code @Tag("gpu")}
 * (inherited) puts the subclasses in the group scripts/gpu-check.sh runs.
 */
@Tag("gpu")
abstract class GpuComparisonTest {

    static CudaWaveEngine gpu;
    static CpuWaveEngine cpu;

    @BeforeAll
    static void openEngines() {
        if (CudaProbe.available()) {
            gpu = new CudaWaveEngine();
            cpu = new CpuWaveEngine();
        }
    }

    @AfterAll
    static void closeEngines() {
        if (gpu != null) {
            gpu.close();
            cpu.close();
            gpu = null;
            cpu = null;
        }
    }

    @BeforeEach
    void needsGpu() {
        assumeTrue(CudaProbe.available(), "no usable GPU: " + CudaProbe.reason());
    }
}
