package io.seiswork.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which names make a folder a run's ({@link RunOutputs}): both tasks' outputs, the report and the
 * checkpoint folder; the user's files, the lock and the fetch's record are none; removing takes
 * only run outputs.
 */
class RunOutputsTest {

    @TempDir
    Path dir;

    @Test
    void aFolderOfUnrelatedFilesIsNoRunsAndAMissingOneHoldsNothing() throws Exception {
        assertEquals(List.of(), RunOutputs.in(dir.resolve("missing")));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.writeString(dir.resolve("image.sgy.part"), "a download under way");
        Files.writeString(dir.resolve(FolderLock.OUTPUTS), "");
        Files.writeString(dir.resolve(FetchRecord.FILE), "{}");
        Files.createDirectories(dir.resolve("scratch"));
        Files.writeString(dir.resolve("IMAGE.SGY.txt"), "not the name");
        assertEquals(List.of(), RunOutputs.in(dir));
    }

    @Test
    void eachOutputNameCountsInTheOrderOfAll() throws Exception {
        for (String name : List.of("run.json", "shots.sgy", "image.swv", "image.sgy")) {
            Files.writeString(dir.resolve(name), name);
        }
        Files.createDirectories(dir.resolve("checkpoint"));
        assertEquals(List.of("image.sgy", "image.swv", "shots.sgy", "run.json", "checkpoint"), RunOutputs.in(dir));
        assertEquals(RunOutputs.ALL, RunOutputs.in(dir));
    }

    @Test
    void theCheckpointFolderAloneMakesARunsFolderAndIsShownAsAFolder() throws Exception {
        Files.createDirectories(dir.resolve("checkpoint"));
        assertEquals(List.of("checkpoint"), RunOutputs.in(dir));
        assertEquals("checkpoint/", RunOutputs.shown("checkpoint"));
        assertEquals("image.sgy", RunOutputs.shown("image.sgy"));
    }

    @Test
    void removingTakesTheNamedOutputsOnlyAndRefusesOtherNamesBeforeAnything() throws Exception {
        Files.writeString(dir.resolve("image.sgy"), "image");
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.createDirectories(dir.resolve("checkpoint"));
        Files.writeString(dir.resolve("checkpoint").resolve("state.json"), "{}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunOutputs.remove(dir, List.of("image.sgy", "notes.txt")));
        assertTrue(e.getMessage().startsWith("not a run output: \"notes.txt\""), e.getMessage());
        assertTrue(Files.exists(dir.resolve("image.sgy")), "nothing removed when a name is refused");
        RunOutputs.remove(dir, List.of("image.sgy", "checkpoint", "shots.sgy"));
        assertEquals(List.of(), RunOutputs.in(dir));
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    }
}
