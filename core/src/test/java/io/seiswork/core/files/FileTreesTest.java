package io.seiswork.core.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path dir;

    @Test
    void removesANestedTreeAndLeavesItsParent() throws Exception {
        Path tree = dir.resolve("scratch");
        Files.createDirectories(tree.resolve("a/b"));
        Files.writeString(tree.resolve("a/b/spill.bin"), "x");
        Files.writeString(tree.resolve("top.bin"), "y");
        FileTrees.delete(tree);
        assertFalse(Files.exists(tree));
        assertTrue(Files.isDirectory(dir));
        FileTrees.delete(tree);  // gone already: nothing to do
    }
}
