package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Recent menu's list: newest first, once each, at most eight, files that still exist, kept across windows. */
class RecentSpecsTest {

    @TempDir
    Path dir;

    private final Preferences node = Preferences.userRoot().node("io/seiswork/test-recent-" + UUID.randomUUID());

    @AfterEach
    void remove() throws Exception {
        node.removeNode();
    }

    @Test
    void newestFirstOnceEachAtMostEight() throws Exception {
        RecentSpecs recent = new RecentSpecs(node);
        assertEquals(List.of(), recent.list());
        List<Path> specs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            specs.add(Files.writeString(dir.resolve("s" + i + ".json"), "{}"));
            recent.add(specs.get(i));
        }
        recent.add(dir.resolve("sub/../s5.json"));  // the same file by another name: moved to the front
        List<Path> listed = recent.list();
        assertEquals(RecentSpecs.MAX, listed.size());
        assertEquals(List.of(specs.get(5), specs.get(9), specs.get(8), specs.get(7), specs.get(6), specs.get(4),
                specs.get(3), specs.get(2)), listed);

        Files.delete(specs.get(9));
        assertEquals(specs.get(8), new RecentSpecs(node).list().get(1), "kept across windows; a deleted file left out");
    }
}
