package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workers sharing one scratch disk: a folder each, and the folders of dead workers swept away. */
class WorkerScratchTest {

    @TempDir
    Path shared;

    @Test
    void workersOfOneProcessGetTheirOwnFoldersAndKeepThemWhileTheyRun() throws Exception {
        try (WorkerScratch a = WorkerScratch.claim(shared, "gpu-0"); WorkerScratch b = WorkerScratch.claim(shared, "gpu-1")) {
            assertNotEquals(a.dir(), b.dir());
            Files.writeString(a.dir().resolve("spill.bin"), "a's wavefield");
            assertTrue(b.removed().isEmpty(), "b removed a running worker's folder: " + b.removed());
            assertEquals("a's wavefield", Files.readString(a.dir().resolve("spill.bin")));
        }
        try (var left = Files.list(shared.resolve(WorkerScratch.WORKERS))) {
            assertEquals(List.of(), left.toList(), "closed workers leave nothing behind");
        }
    }

    @Test
    void aLiveWorkerInAnotherProcessIsLeftAloneAndItsFolderIsSweptOnceItDies() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ScratchHolder.class.getName(), shared.toString(), "container-b")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            Path othersDir = Path.of(new BufferedReader(new InputStreamReader(other.getInputStream(),
                    StandardCharsets.UTF_8)).readLine());
            Files.writeString(othersDir.resolve("spill.bin"), "b's wavefield");

            try (WorkerScratch alive = WorkerScratch.claim(shared, "container-a")) {
                assertTrue(alive.removed().isEmpty(), "removed a folder whose worker runs: " + alive.removed());
                assertTrue(Files.exists(othersDir.resolve("spill.bin")));
            }

            other.destroyForcibly();
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
            try (WorkerScratch next = WorkerScratch.claim(shared, "container-c")) {
                assertEquals(List.of(othersDir), next.removed());
                assertFalse(Files.exists(othersDir), "a dead worker's spill is still on the disk");
                assertFalse(Files.exists(othersDir.resolveSibling(othersDir.getFileName() + WorkerScratch.LOCK_SUFFIX)));
            }
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aFolderWithoutItsLockFileIsALeftoverAndIsRemoved() throws Exception {
        Path leftover = Files.createDirectories(shared.resolve(WorkerScratch.WORKERS).resolve("gone-1").resolve("jobs"));
        Files.writeString(leftover.resolve("partial.bin"), "x");
        try (WorkerScratch w = WorkerScratch.claim(shared, "w")) {
            assertEquals(List.of(leftover.getParent()), w.removed());
        }
    }

    @Test
    void aWorkerIdCannotReachOutsideTheWorkersFolder() {
        try (WorkerScratch w = WorkerScratch.claim(shared, "../../etc/x y")) {
            assertEquals(shared.resolve(WorkerScratch.WORKERS), w.dir().getParent());
            assertTrue(w.dir().getFileName().toString().startsWith(".._.._etc_x_y-"), w.dir().toString());
        }
    }
}
