package io.seiswork.core.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .swv} cut short after it was opened (a copy or fetch replacing it): the slices whose
 * bricks lie before the new end still read, each inline's bricks in one run; one whose bricks
 * cross it says why, naming the file, the bytes and the file's size now. 23 x 19 x 30 samples in
 * 4³ bricks: level 0 comes first, 5 bricks across x by 8 down z a brick row of 4 inlines.
 */
class SwvCutShortTest {

    private static final int NX = 23;
    private static final int NY = 19;
    private static final int NZ = 30;

    @TempDir
    Path dir;

    @Test
    void slicesBeforeTheCutReadAndOnesAcrossItSayWhy() throws IOException {
        float[] data = VolumeFixtures.random(NX, NY, NZ, 29);
        Path file = VolumeFixtures.writeSwv(dir.resolve("cut.swv"), VolumeFixtures.axes(NX, NY, NZ), data, 4);
        try (SwvReader r = SwvReader.open(file)) {
            BrickLayout.Level level0 = r.layout().level(0);
            long rowBytes = level0.bricksX() * level0.bricksZ() * r.layout().brickBytes();
            long cut = level0.offset() + 2 * rowBytes + 100;  // brick rows 0 and 1 whole: inlines 0..7
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            for (int il = 0; il < 8; il++) {
                assertArrayEquals(SwvSliceTest.arraySlice(data, NX, NY, NZ, SliceOrientation.INLINE, il),
                        r.slice(SliceOrientation.INLINE, il, 0).values(), "inline " + il + " lies before the cut");
            }
            SwvException e = assertThrows(SwvException.class, () -> r.slice(SliceOrientation.INLINE, 8, 0));
            String m = e.getMessage();
            assertTrue(m.startsWith(file + ": unexpected end of file at byte " + cut + " while reading "), m);
            assertTrue(m.contains(" bytes from byte " + (level0.offset() + 2 * rowBytes)), "where the run starts: " + m);
            assertTrue(m.endsWith(": the file was cut short to " + cut + " bytes since it was opened"), m);
            SwvException depth = assertThrows(SwvException.class, () -> r.slice(SliceOrientation.DEPTH, 0, 0));
            assertTrue(depth.getMessage().contains("cut short to " + cut + " bytes"), depth.getMessage());
            assertArrayEquals(SwvSliceTest.arraySlice(data, NX, NY, NZ, SliceOrientation.INLINE, 3),
                    r.slice(SliceOrientation.INLINE, 3, 0).values(), "still reads after the failures");
        }
    }
}
