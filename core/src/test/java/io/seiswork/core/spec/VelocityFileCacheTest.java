package io.seiswork.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.InvalidVelocityException;
import io.seiswork.core.velocity.VelocityField;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file opened again unchanged gives the field opened before (no second pass over the
 * file); a file written since, other reading options, another grid, or a failed open do not.
 */
class VelocityFileCacheTest {

    private static final Grid GRID = new Grid(4, 1, 3, 10, 10, 10);

    @TempDir
    Path dir;

    @BeforeEach
    void empty() {
        VelocityFileCache.clear();
    }

    @Test
    void anUnchangedFileIsNotReadAgain() throws IOException {
        Path f = raw("vp.bin", 2000f);
        VelocitySpec.Raw spec = new VelocitySpec.Raw("vp.bin", "zxy", ByteOrder.LITTLE_ENDIAN, 1);
        VelocityField first = VelocityFields.open(spec, GRID, dir);
        assertSame(first, VelocityFields.open(spec, GRID, dir));
        assertSame(first, VelocityFields.open(new VelocitySpec.Raw("./vp.bin", "zxy", ByteOrder.LITTLE_ENDIAN, 1), GRID, dir),
                "the same file by another name");
        VelocityField scaled = VelocityFields.open(new VelocitySpec.Raw("vp.bin", "zxy", ByteOrder.LITTLE_ENDIAN, 0.5), GRID, dir);
        assertNotSame(first, scaled);
        assertEquals(1000f, scaled.max());
        assertNotSame(first, VelocityFields.open(spec, new Grid(3, 1, 4, 10, 10, 10), dir), "another grid");

        // Written since (same size): opened and checked again.
        raw("vp.bin", 2500f);
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 2000));
        VelocityField again = VelocityFields.open(spec, GRID, dir);
        assertNotSame(first, again);
        assertEquals(2500f, again.max());
        assertEquals(2000f, first.max(), "a field taken before keeps its own range");
    }

    /**
     * A copy tool that puts the old modification time back (cp -p, rsync -t) still changes the
     * file's change time; a link moved to another file names another file.
     */
    @Test
    void aRewriteWithItsOldTimeAndAMovedLinkAreSeen() throws IOException, InterruptedException {
        Path f = raw("kept.bin", 2000f);
        VelocitySpec.Raw spec = new VelocitySpec.Raw("kept.bin", "zxy", ByteOrder.LITTLE_ENDIAN, 1);
        VelocityField first = VelocityFields.open(spec, GRID, dir);
        FileTime written = Files.getLastModifiedTime(f);
        Thread.sleep(20);  // past the clock's tick, so the change time moves
        raw("kept.bin", 3000f);
        Files.setLastModifiedTime(f, written);
        VelocityField again = VelocityFields.open(spec, GRID, dir);
        assertNotSame(first, again);
        assertEquals(3000f, again.max());

        raw("one.bin", 1500f);
        raw("two.bin", 2500f);
        Path link = Files.createSymbolicLink(dir.resolve("vp.bin"), dir.resolve("one.bin"));
        VelocitySpec.Raw viaLink = new VelocitySpec.Raw("vp.bin", "zxy", ByteOrder.LITTLE_ENDIAN, 1);
        assertEquals(1500f, VelocityFields.open(viaLink, GRID, dir).max());
        Files.delete(link);
        Files.createSymbolicLink(link, dir.resolve("two.bin"));
        VelocityField moved = VelocityFields.open(viaLink, GRID, dir);
        assertEquals(2500f, moved.max());
        assertEquals(2500f, moved.window(0, 0, GRID).values()[0], "read through the file it was opened by");
        assertEquals(1500f, VelocityFields.open(new VelocitySpec.Raw("one.bin", "zxy", ByteOrder.LITTLE_ENDIAN, 1), GRID, dir)
                .window(0, 0, GRID).values()[0]);
    }

    @Test
    void aFailedOpenIsNotKeptAndTheOldestFieldGoesFirst() throws IOException {
        raw("bad.bin", -1f);
        VelocitySpec.Raw bad = new VelocitySpec.Raw("bad.bin", "zxy", ByteOrder.LITTLE_ENDIAN, 1);
        assertThrows(InvalidVelocityException.class, () -> VelocityFields.open(bad, GRID, dir));
        raw("bad.bin", 1800f);
        Files.setLastModifiedTime(dir.resolve("bad.bin"), FileTime.fromMillis(0));
        assertEquals(1800f, VelocityFields.open(bad, GRID, dir).max(), "mended, it opens");

        VelocityField[] opened = new VelocityField[VelocityFileCache.CAPACITY + 1];
        VelocitySpec.Raw[] specs = new VelocitySpec.Raw[opened.length];
        for (int i = 0; i < opened.length; i++) {
            raw("m" + i + ".bin", 1500f + i);
            specs[i] = new VelocitySpec.Raw("m" + i + ".bin", "zxy", ByteOrder.LITTLE_ENDIAN, 1);
            opened[i] = VelocityFields.open(specs[i], GRID, dir);
        }
        assertSame(opened[opened.length - 1], VelocityFields.open(specs[opened.length - 1], GRID, dir));
        assertNotSame(opened[0], VelocityFields.open(specs[0], GRID, dir), "more than the capacity: the first dropped");
    }

    /** A raw float32 model of {@link #GRID} with every value {@code v}. */
    private Path raw(String name, float v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * 12).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 12; i++) {
            b.putFloat(v);
        }
        return Files.write(dir.resolve(name), b.array());
    }
}
