package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records written in increasing order come back in decreasing order, float for float, whatever the
 * number of buffers and wherever the read-back starts; out-of-order reads are refused; the file
 * is gone after close.
 */
class SpillFileTest {

    @TempDir
    Path dir;

    private static float value(int record, int i) {
        return record * 1000f + i + 0.25f;
    }

    private void roundTrip(int records, int floats, int buffers, int firstRead) {
        Path file;
        try (SpillFile f = new SpillFile(dir, ".test", floats, buffers)) {
            file = f.file();
            float[] row = new float[floats];
            for (int r = 0; r < records; r++) {
                for (int i = 0; i < floats; i++) {
                    row[i] = value(r, i);
                }
                f.beginWrite(r).put(0, row, 0, floats);
                f.endWrite();
            }
            for (int r = firstRead; r >= 0; r--) {
                FloatBuffer b = f.read(r);
                for (int i = 0; i < floats; i++) {
                    assertEquals(value(r, i), b.get(i), "record " + r + " float " + i);
                }
            }
        }
        assertFalse(Files.exists(file), "spill file left behind");
    }

    @Test
    void recordsComeBackInReverseOrder() {
        roundTrip(37, 1001, 2, 36);
        roundTrip(37, 17, 3, 20);
        roundTrip(1, 5, 2, 0);
        assertTrue(List.of(dir.toFile().list()).isEmpty());
    }

    @Test
    void readsOutOfOrderAreRefused() {
        try (SpillFile f = new SpillFile(dir, ".test", 4, 2)) {
            for (int r = 0; r < 5; r++) {
                f.beginWrite(r).put(0, r);
                f.endWrite();
            }
            assertEquals(4f, f.read(4).get(0));
            assertThrows(IllegalStateException.class, () -> f.read(2));
            assertThrows(IllegalStateException.class, () -> f.beginWrite(5));
        }
        assertTrue(List.of(dir.toFile().list()).isEmpty());
    }
}
