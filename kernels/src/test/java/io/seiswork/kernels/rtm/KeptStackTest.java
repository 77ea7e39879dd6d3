package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.WholeGridStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack kept in its file ({@link ImageStacker#kept}, {@link StackFile}) so that a run can stop
 * and go on: saved from the heap or mapped in place, resumed either way, it goes on to the sums,
 * shot count and running maximum of a stack that never stopped, to the bit; a file left in the
 * middle of an add is refused.
 */
class KeptStackTest {

    private static final Grid GRID = new Grid(17, 11, 9, 10, 10, 5);

    @TempDir
    Path dir;

    private static final List<PartialImage> SHOTS = RandomPartialImages.onEdges(GRID, 5);

    /** Every shot stacked without stopping, on the heap. */
    private ImageStacker uninterrupted() {
        ImageStacker s = new ImageStacker(GRID, dir.resolve("scratch"), WholeGridStorage.HEAP);
        SHOTS.forEach(s::add);
        return s;
    }

    @Test
    void aStackSavedFromTheHeapAndResumedGoesOnToTheUninterruptedStack() {
        Path file = dir.resolve("stack.swpi");
        try (ImageStacker first = ImageStacker.kept(GRID, WholeGridStorage.HEAP, file)) {
            assertTrue(first.onHeap());
            assertFalse(first.savedInPlace());
            first.add(SHOTS.get(0));
            first.add(SHOTS.get(1));
            assertEquals(PartialImageFile.bytes(GRID), first.save(file));
            first.add(SHOTS.get(2)); // computed, never saved: lost with the run
            assertEquals(PartialImageFile.bytes(GRID), first.durableBytes(), "one save: the adds of a heap stack write nothing");
        }
        assertFalse(Files.exists(dir.resolve("stack.swpi" + StackFile.PART)), "nothing left under the temporary name");
        assertEquals(2, StackFile.read(file, GRID).shots());
        for (WholeGridStorage storage : WholeGridStorage.values()) {
            Path copy = dir.resolve(storage + ".swpi");
            copyOf(file, copy);
            try (ImageStacker resumed = ImageStacker.resume(GRID, storage, copy); ImageStacker whole = uninterrupted()) {
                assertEquals(storage == WholeGridStorage.HEAP, resumed.onHeap(), "held where the storage says now");
                assertEquals(2, resumed.shots());
                SHOTS.subList(2, SHOTS.size()).forEach(resumed::add);
                assertSameStack(whole, resumed);
            }
        }
    }

    @Test
    void aMappedStackIsItsOwnCheckpointAfterEveryShot() {
        Path file = dir.resolve("stack.swpi");
        try (ImageStacker first = ImageStacker.kept(GRID, WholeGridStorage.OUT_OF_CORE, file)) {
            assertFalse(first.onHeap());
            assertTrue(first.savedInPlace());
            first.add(SHOTS.get(0));
            first.add(SHOTS.get(1));
            first.add(SHOTS.get(2));
            assertEquals(0, first.save(file), "nothing to write: the file is the stack");
            assertTrue(first.durableSeconds() > 0);
        }
        StackFile.State left = StackFile.read(file, GRID);
        assertEquals(3, left.shots());
        assertFalse(left.changing());
        for (WholeGridStorage storage : WholeGridStorage.values()) {
            Path copy = dir.resolve(storage + ".swpi");
            copyOf(file, copy);
            try (ImageStacker resumed = ImageStacker.resume(GRID, storage, copy); ImageStacker whole = uninterrupted()) {
                SHOTS.subList(3, SHOTS.size()).forEach(resumed::add);
                assertSameStack(whole, resumed);
            }
        }
    }

    /** A run killed while a shot was being added to a mapped stack leaves a file that is neither stack. */
    @Test
    void aMappedStackLeftInTheMiddleOfAnAddIsRefused() {
        Path file = dir.resolve("stack.swpi");
        try (ImageStacker first = ImageStacker.kept(GRID, WholeGridStorage.OUT_OF_CORE, file)) {
            first.add(SHOTS.get(0));
        }
        // What the add does before its first sum, and a crash before it commits.
        try (MappedStack store = MappedStack.kept(GRID, file, true)) {
            store.beginChange(StackFile.read(file, GRID));
            store.addImage(0, new float[] {1, 2, 3}, 0, 3);
        }
        assertTrue(StackFile.read(file, GRID).changing());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ImageStacker.resume(GRID, WholeGridStorage.OUT_OF_CORE, file));
        assertEquals(file + " was being changed (a shot was being added to it) when its run stopped: it holds no whole "
                + "stack", e.getMessage());
    }

    @Test
    void aStackOfAnotherGridIsRefusedNamingBoth() {
        Path file = dir.resolve("stack.swpi");
        try (ImageStacker s = ImageStacker.kept(GRID, WholeGridStorage.HEAP, file)) {
            s.add(SHOTS.get(0));
            s.save(file);
        }
        Grid other = new Grid(17, 11, 10, 10, 10, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageStacker.resume(other, WholeGridStorage.HEAP, file));
        assertTrue(e.getMessage().contains("holds a stack on grid " + GRID), e.getMessage());
    }

    private static void assertSameStack(ImageStacker expected, ImageStacker actual) {
        assertEquals(expected.shots(), actual.shots());
        assertEquals(expected.maxIllumination(), actual.maxIllumination());
        float[] a = new float[GRID.nx() * GRID.nz()];
        float[] b = new float[a.length];
        for (int iy = 0; iy < GRID.ny(); iy++) {
            expected.readImage(iy, a);
            actual.readImage(iy, b);
            assertArrayEquals(a, b, "image plane " + iy);
            expected.readIllumination(iy, a);
            actual.readIllumination(iy, b);
            assertArrayEquals(a, b, "illumination plane " + iy);
        }
    }

    private static void copyOf(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
