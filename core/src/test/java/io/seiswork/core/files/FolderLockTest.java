package io.seiswork.core.files;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
