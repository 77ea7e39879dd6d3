package io.seiswork.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        Files.writeString(dir.resolve("image.sgy"), "image");
        assertEquals("checkpoint/", RunOutputs.shown(dir, "checkpoint"));
        assertEquals("image.sgy", RunOutputs.shown(dir, "image.sgy"));
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

    /**
     * A user's folder by a run output's name (run.json/ of a thesis) or a checkpoint/ folder
     * without Seiswork's state file (a training run's weights) is shown as a folder, named by the
     * move line, and never removed: removing refuses before anything goes.
     */
    @Test
    void foreignFoldersByOutputNamesAreShownAsFoldersAndNeverRemoved() throws Exception {
        Files.writeString(dir.resolve("image.sgy"), "image");
        Path thesis = Files.createDirectories(dir.resolve("run.json")).resolve("thesis.tex");
        Files.writeString(thesis, "chapter 1");
        Path weights = Files.createDirectories(dir.resolve("checkpoint")).resolve("model-epoch-40.pt");
        Files.writeString(weights, "weights");
        assertEquals(List.of("image.sgy", "run.json", "checkpoint"), RunOutputs.in(dir));
        assertEquals(List.of("run.json", "checkpoint"), RunOutputs.foreignFolders(dir));
        assertFalse(RunOutputs.holdsCheckpoint(dir));
        assertEquals("image.sgy, run.json/ and checkpoint/", RunOutputs.named(dir, RunOutputs.in(dir)));
        assertEquals("move run.json/ and checkpoint/ out of " + dir + ": folders no Seiswork run leaves (only"
                + " checkpoint/ holding state.json is a run's), which nothing here removes",
                RunOutputs.movePlease(dir, RunOutputs.foreignFolders(dir)));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RunOutputs.remove(dir, RunOutputs.in(dir)));
        assertTrue(e.getMessage().startsWith("move run.json/ and checkpoint/ out of " + dir), e.getMessage());
        assertEquals("chapter 1", Files.readString(thesis));
        assertEquals("weights", Files.readString(weights));
        assertEquals("image", Files.readString(dir.resolve("image.sgy")), "nothing removed when one is refused");

        // A Seiswork checkpoint (its state file) is the run's, and goes.
        Files.delete(dir.resolve("run.json").resolve("thesis.tex"));
        Files.delete(dir.resolve("run.json"));
        Files.delete(weights);
        Files.writeString(dir.resolve("checkpoint").resolve(RunOutputs.CHECKPOINT_STATE), "{}");
        assertEquals(List.of(), RunOutputs.foreignFolders(dir));
        RunOutputs.remove(dir, RunOutputs.in(dir));
        assertEquals(List.of(), RunOutputs.in(dir));
    }

    /** A link by an output's name is dropped, never what it points to; a file is left. */
    @Test
    void droppingALinkLeavesItsTarget() throws Exception {
        Path survey = Files.writeString(Files.createDirectories(dir.resolve("field")).resolve("survey.sgy"), "survey");
        Path out = Files.createDirectories(dir.resolve("out"));
        Path link = Files.createSymbolicLink(out.resolve("shots.sgy"), survey);
        RunOutputs.dropLink(link);
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("survey", Files.readString(survey));
        Files.writeString(out.resolve("image.sgy"), "image");
        RunOutputs.dropLink(out.resolve("image.sgy"));
        assertEquals("image", Files.readString(out.resolve("image.sgy")));
    }

    /**
     * Names that differ from an output's only in case: on a case-sensitive file system (Linux's,
     * this test's on CI) {@code Image.sgy} is another file, nobody's run output, neither found nor
     * removed; on one that folds case (macOS's APFS by default, Windows' NTFS) it is the same file
     * as {@code image.sgy}, found and removed as it. Nothing compares names here: every check asks
     * the file system for the output's own name, and its lookup folds exactly where the folder
     * does (even per folder, ext4's {@code chattr +F}), which a probe could only guess. So the test
     * asserts whichever the temporary folder's file system is; a Linux kernel without
     * CONFIG_UNICODE and without vfat (this build machine's) has no folding one to mount.
     */
    @Test
    void namesDifferingOnlyInCaseAreTheOutputsExactlyWhereTheFileSystemFoldsCase() throws Exception {
        Files.writeString(dir.resolve("Image.sgy"), "a vendor's image");
        Files.writeString(dir.resolve("RUN.JSON"), "a vendor's report");
        Files.createDirectories(dir.resolve("Checkpoint"));
        Files.writeString(dir.resolve("Checkpoint").resolve("state.json"), "{}");
        boolean folds = Files.exists(dir.resolve("IMAGE.SGY"));

        if (!folds) {
            assertEquals(List.of(), RunOutputs.in(dir));
            assertEquals(List.of(), RunOutputs.foreignFolders(dir));
            assertFalse(RunOutputs.holdsCheckpoint(dir));
            RunOutputs.remove(dir, RunOutputs.ALL);
            assertEquals("a vendor's image", Files.readString(dir.resolve("Image.sgy")), "another file: kept");
            assertEquals("a vendor's report", Files.readString(dir.resolve("RUN.JSON")));
            assertTrue(Files.exists(dir.resolve("Checkpoint").resolve("state.json")));
        } else {
            assertEquals(List.of("image.sgy", "run.json", "checkpoint"), RunOutputs.in(dir));
            assertTrue(RunOutputs.holdsCheckpoint(dir));
            RunOutputs.remove(dir, RunOutputs.ALL);
            assertFalse(Files.exists(dir.resolve("Image.sgy")), "the same file as image.sgy: removed as it");
            assertFalse(Files.exists(dir.resolve("RUN.JSON")));
            assertFalse(Files.exists(dir.resolve("Checkpoint")));
        }
    }
}
