package io.seiswork.cloud.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudSettingsTest {

    /** The workers' memory a job is checked against: the stack's default unless the environment says another. */
    @Test
    void workerMemoryComesFromTheEnvironmentOrTheStacksDefault() {
        assertEquals(14.0, CloudSettings.workerMemoryGiB(Map.of()));
        assertEquals(14.0, CloudSettings.workerMemoryGiB(Map.of("SEISWORK_WORKER_MEMORY_GIB", " ")));
        assertEquals(61.5, CloudSettings.workerMemoryGiB(Map.of("SEISWORK_WORKER_MEMORY_GIB", "61.5")));
        for (String bad : new String[] {"0", "-3", "lots", "NaN", "2e6"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CloudSettings.workerMemoryGiB(Map.of("SEISWORK_WORKER_MEMORY_GIB", bad)));
            assertTrue(e.getMessage().startsWith("SEISWORK_WORKER_MEMORY_GIB must be a positive number of GiB (at most 1048576), got \"" + bad + "\""),
                    e.getMessage());
        }
    }
}
