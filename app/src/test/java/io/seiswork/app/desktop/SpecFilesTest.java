package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A spec saved into another folder names its model and data files anew, and nothing else changes. */
class SpecFilesTest {

    private static final Path FROM = Path.of("/surveys/north").toAbsolutePath();

    private static final String SPEC = """
            {
              "velocity": { "raw": { "path": "models/vp.bin", "order": "zxy" } },
              "migrationVelocity": { "segy": "../shared/vmig.sgy" },
              "data": "gathers/line7.sgy",
              "engine": "cpu"
            }
            """;

    @Test
    void relativeNamesAreRewrittenForTheNewFolder() {
        // Into a sub-folder: files outside it are named whole, with forward slashes.
        String sub = SpecFiles.rebase(SPEC, FROM, FROM.resolve("copies"));
        String abs = FROM.toString().replace('\\', '/');
        assertEquals(SPEC.replace("\"models/vp.bin\"", "\"" + abs + "/models/vp.bin\"")
                .replace("\"../shared/vmig.sgy\"", "\"" + FROM.getParent().toString().replace('\\', '/') + "/shared/vmig.sgy\"")
                .replace("\"gathers/line7.sgy\"", "\"" + abs + "/gathers/line7.sgy\""), sub);
        // Into a parent folder: the files under it stay relative, one level deeper.
        String up = SpecFiles.rebase(SPEC, FROM, FROM.getParent());
        assertEquals(SPEC.replace("\"models/vp.bin\"", "\"north/models/vp.bin\"")
                .replace("\"../shared/vmig.sgy\"", "\"shared/vmig.sgy\"")
                .replace("\"gathers/line7.sgy\"", "\"north/gathers/line7.sgy\""), up);
        // The same folder: nothing changes.
        assertEquals(SPEC, SpecFiles.rebase(SPEC, FROM, FROM));
    }

    @Test
    void absoluteNamesSyntheticDataAndBrokenTextAreLeftAsTheyAre() {
        String absolute = """
                { "velocity": { "segy": "/data/vp.sgy" }, "data": "synthetic" }""";
        assertEquals(absolute, SpecFiles.rebase(absolute, FROM, Path.of("/elsewhere")));
        String broken = "{ \"velocity\": { \"segy\": \"vp.sgy\" ";
        assertEquals(broken, SpecFiles.rebase(broken, FROM, Path.of("/elsewhere")));
    }
}
