package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine's input cache makes room for a download by removing the inputs used longest ago. */
class InputCacheTest {

    @TempDir
    Path dir;

    /** A disk of {@code capacity} bytes holding only the cache's files. */
    private InputCache cacheOnDisk(long capacity, long reserve) {
        return new InputCache(dir, () -> capacity - used(), reserve);
    }

    private long used() {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path input(InputCache cache, String hash, int bytes, long usedAtMillis) throws Exception {
        Path verified = Files.write(dir.resolve("download-" + hash), new byte[bytes]);
        Path file = cache.put("inputs/sha256/" + hash, verified);
        Files.setLastModifiedTime(file, FileTime.fromMillis(usedAtMillis));
        return file;
    }

    @Test
    void theInputsUsedLongestAgoMakeRoomAndAUseProtectsAnInput() throws Exception {
        InputCache cache = cacheOnDisk(1000, 100);
        Path a = input(cache, "a", 300, 1_000);
        Path b = input(cache, "b", 300, 2_000);
        Path c = input(cache, "c", 300, 3_000);
        assertNotNull(cache.lookup("inputs/sha256/a"), "a is used now: the most recent");
        assertTrue(cache.makeRoom(0).isEmpty(), "100 free: just the reserve, nothing to remove");

        // 350 more bytes + 100 reserve need 450 free: b (oldest now) and c go, a stays.
        assertEquals(List.of(b, c), cache.makeRoom(350));
        assertTrue(Files.exists(a));
        assertFalse(Files.exists(b) || Files.exists(c));
        assertNull(cache.lookup("inputs/sha256/b"));
    }

    @Test
    void aDownloadLargerThanTheDiskRemovesWhatItCanAndStops() throws Exception {
        InputCache cache = cacheOnDisk(1000, 100);
        Path a = input(cache, "a", 300, 1_000);
        assertEquals(List.of(a), cache.makeRoom(5000));
        assertTrue(cache.makeRoom(5000).isEmpty(), "nothing left to remove");
    }

    @Test
    void aDiskThatReportsNoFreeSpaceKeepsEveryInput() throws Exception {
        // statvfs gives 0 both for a full disk and for a mount that does not report its space:
        // the cache cannot tell, so it must not empty itself before each download.
        InputCache cache = new InputCache(dir, () -> 0, 100);
        Path a = input(cache, "a", 300, 1_000);
        Path b = input(cache, "b", 300, 2_000);
        assertTrue(cache.makeRoom(350).isEmpty());
        assertTrue(Files.exists(a) && Files.exists(b));
    }

    /**
     * The running job's inputs are pinned: a shot making room for its data removes other jobs'
     * inputs, never the job's own velocity model, though it is the oldest in the cache.
     */
    @Test
    void thePinnedInputsOfTheRunningJobAreNeverRemoved() throws Exception {
        InputCache cache = cacheOnDisk(1000, 100);
        Path model = input(cache, "model", 300, 1_000);
        Path other = input(cache, "other", 300, 2_000);
        cache.pin(List.of("inputs/sha256/model"));
        assertEquals(List.of(other), cache.makeRoom(600), "the other job's input goes; the running job's stays");
        assertTrue(Files.exists(model));
        cache.pin(List.of());
        assertEquals(List.of(model), cache.makeRoom(700), "unpinned once the job is done");
    }
}
