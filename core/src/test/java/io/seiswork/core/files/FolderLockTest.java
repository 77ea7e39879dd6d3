package io.seiswork.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer at a time: the second is refused while the first holds the folder, not after. */
class FolderLockTest {

    @TempDir
    Path dir;

    @Test
    void theSecondWriterIsRefusedUntilTheFirstLetsGo() {
        try (FolderLock first = FolderLock.tryAcquire(dir).orElseThrow()) {
            assertTrue(FolderLock.tryAcquire(dir).isEmpty(), "held by the first");
        }
        try (FolderLock again = FolderLock.tryAcquire(dir).orElseThrow()) {
            assertTrue(Files.isRegularFile(dir.resolve(FolderLock.OUTPUTS)));
        }
    }

    /**
     * A second writer of this process refused leaves the first's operating-system lock in place:
     * another process (python's fcntl.lockf, the same POSIX lock as Java's) still cannot take it.
     * Closing the refused writer's channel of the lock file used to drop the process's lock.
     */
    @Test
    void aRefusedWriterOfThisProcessLeavesTheLockHeldForOthers() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "needs /usr/bin/python3 to try the lock from another process");
        try (FolderLock first = FolderLock.tryAcquire(dir).orElseThrow()) {
            assertTrue(FolderLock.tryAcquire(dir).isEmpty(), "held by the first");
            Process other = new ProcessBuilder(python.toString(), "-c", "import fcntl, sys\n"
                    + "f = open(sys.argv[1], 'a')\n"
                    + "try:\n    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept OSError:\n    sys.exit(3)\n",
                    dir.resolve(FolderLock.OUTPUTS).toString()).inheritIO().start();
            assertEquals(3, other.waitFor(), "another process must find the folder locked");
        }
    }
}
