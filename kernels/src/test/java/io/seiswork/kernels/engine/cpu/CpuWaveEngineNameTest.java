package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The engine's name, shown in run banners, run.json and the desktop, reads as English. */
class CpuWaveEngineNameTest {

    @Test
    void oneThreadIsSingularAndSeveralArePlural() {
        try (CpuWaveEngine one = new CpuWaveEngine(1); CpuWaveEngine two = new CpuWaveEngine(2)) {
            assertTrue(one.name().startsWith("cpu (1 thread, "), one.name());
            assertTrue(two.name().startsWith("cpu (2 threads, "), two.name());
        }
    }
}
