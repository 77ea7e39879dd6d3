package io.seiswork.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link IoProblems} words the JDK's file exceptions without their class names. */
class IoProblemsTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileInAnExistingFolder() {
        Path f = dir.resolve("nonexist.sgy");
        assertEquals("no such file", IoProblems.describe(new NoSuchFileException(f.toString()), f));
    }

    @Test
    void aMissingFolderIsNamed() {
        Path f = dir.resolve("no/dir/q.sgy");
        assertEquals("folder " + dir.resolve("no/dir") + " does not exist",
                IoProblems.describe(new NoSuchFileException(f.toString()), f));
    }

    @Test
    void aFileWhereAFolderShouldBe() throws IOException {
        Path file = Files.createFile(dir.resolve("afile"));
        Path f = file.resolve("q.sgy");
        assertEquals(file + " is not a folder",
                IoProblems.describe(new FileSystemException(f.toString(), null, "Not a directory"), f));
    }

    @Test
    void reasonsAndMessagesInLowerCaseWords() {
        Path f = dir.resolve("x");
        assertEquals("permission denied", IoProblems.describe(new AccessDeniedException(f.toString()), f));
        assertEquals("is a directory", IoProblems.describe(new IOException("Is a directory"), f));
        assertEquals("no space left on device",
                IoProblems.describe(new FileSystemException(f.toString(), null, "No space left on device"), f));
        assertEquals("input/output error", IoProblems.describe(new IOException(), f));
        assertEquals("EIO from the device", IoProblems.describe(new IOException("EIO from the device"), f),
                "an acronym keeps its case");
    }
}
