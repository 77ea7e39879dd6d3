package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.testing.LargeSpecs;
import io.seiswork.core.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project too big for this machine is checked for the cloud's workers as the environment sizes
 * them ({@code SEISWORK_WORKER_MEMORY_GIB}, as for {@code seiswork submit --cloud aws}).
 */
class ProjectTest {

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        System.clearProperty("SEISWORK_WORKER_MEMORY_GIB");
    }

    @Test
    void aProjectTooBigHereIsCheckedForTheWorkersTheEnvironmentNames() throws Exception {
        Path big = LargeSpecs.wavefieldInMemory(dir, 0.6);  // about 5.5 GiB a shot
        String text = Files.readString(big);

        Project stackDefault = Project.fromText(text, big.toString(), big);
        assertNotNull(stackDefault.localLimit());
        assertTrue(stackDefault.facts().getFirst().getValue().startsWith("the cloud only (checked for workers of 14 GiB): "
                + "this machine cannot, "), stackDefault.facts().getFirst().getValue());

        System.setProperty("SEISWORK_WORKER_MEMORY_GIB", "64");
        Project large = Project.fromText(text, big.toString(), big);
        assertEquals("Runs on", large.facts().getFirst().getKey());
        assertTrue(large.facts().getFirst().getValue().startsWith("the cloud only (checked for workers of 64 GiB): "),
                large.facts().getFirst().getValue());

        System.setProperty("SEISWORK_WORKER_MEMORY_GIB", "4");
        SpecException tooSmall = assertThrows(SpecException.class, () -> Project.fromText(text, big.toString(), big));
        assertTrue(tooSmall.onlyMachineLimits(), "refused for the workers' memory alone");
        assertTrue(tooSmall.getMessage().contains("a worker task of 4 GiB: 70 % of it as heap, 90 % of that for a shot;"
                + " raise it with SEISWORK_WORKER_MEMORY_GIB"), tooSmall.getMessage());
        assertFalse(tooSmall.getMessage().contains("-Xmx"), "this machine's heap is not what limits the workers");

        System.setProperty("SEISWORK_WORKER_MEMORY_GIB", "many");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Project.fromText(text, big.toString(), big));
        assertTrue(bad.getMessage().startsWith("SEISWORK_WORKER_MEMORY_GIB must be"), bad.getMessage());
    }
}
