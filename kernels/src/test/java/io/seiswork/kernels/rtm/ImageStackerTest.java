package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@link ImageStacker} holds its sums and what it keeps while adding: a small grid on the
 * heap, any grid memory-mapped with the same sums to the bit, the running maximum of the
 * illumination exact, a grid whose planes do not fit an array refused before anything is stacked.
 */
class ImageStackerTest {

    private static final Grid GRID = new Grid(17, 11, 9, 10, 10, 5);

    @TempDir
    Path dir;

    @Test
    void aSmallGridIsStackedOnTheHeapAndNothingIsWrittenToScratch() {
        try (ImageStacker stack = new ImageStacker(GRID, dir.resolve("scratch"))) {
            assertTrue(stack.onHeap());
        }
        assertFalse(Files.exists(dir.resolve("scratch")), "no scratch folder for a heap stack");
    }

    @Test
    void heapAndMappedStacksHoldTheSumsOfTheWindowsToTheBit() {
        List<PartialImage> images = RandomPartialImages.onEdges(GRID, 3);
        float[] image = new float[GRID.points()];
        float[] illumination = new float[GRID.points()];
        for (PartialImage p : images) {
            Grid w = p.grid();
            for (int iy = 0; iy < w.ny(); iy++) {
                for (int ix = 0; ix < w.nx(); ix++) {
                    for (int iz = 0; iz < w.nz(); iz++) {
                        int at = GRID.index(p.x0() + ix, p.y0() + iy, iz);
                        image[at] += p.image()[w.index(ix, iy, iz)];
                        illumination[at] += p.illumination()[w.index(ix, iy, iz)];
                    }
                }
            }
        }
        float max = 0;
        for (float u : illumination) {
            max = Math.max(max, u);
        }
        for (long heapNodes : new long[] {Long.MAX_VALUE, 0}) {
            try (ImageStacker stack = new ImageStacker(GRID, dir, heapNodes)) {
                images.forEach(stack::add);
                String where = stack.onHeap() ? "heap" : "mapped";
                assertEquals(heapNodes > 0, stack.onHeap());
                assertArrayEquals(image, StackArrays.image(stack), where);
                assertArrayEquals(illumination, StackArrays.illumination(stack), where);
                assertEquals(Float.floatToRawIntBits(max), Float.floatToRawIntBits(stack.maxIllumination()),
                        "the running maximum is the maximum of the final sums, " + where);
                assertEquals(images.size(), stack.shots());
            }
        }
    }

    @Test
    void aNegativeIlluminationStillGivesTheExactMaximum() {
        ShotWindow w = new ShotWindow(2, 3, new Grid(4, 2, 9, 10, 10, 5));
        PartialImage up = RandomPartialImages.on(w, 5);
        float[] down = up.illumination().clone();
        for (int i = 0; i < down.length; i++) {
            down[i] = -down[i] / 2;
        }
        try (ImageStacker stack = new ImageStacker(GRID, dir, 0)) {
            stack.add(up);
            stack.add(new PartialImage(w.grid(), up.image(), down, 1).placedAt(w));
            float max = 0;
            for (float u : StackArrays.illumination(stack)) {
                max = Math.max(max, u);
            }
            assertTrue(max > 0);
            assertEquals(max, stack.maxIllumination(), "lowered sums are found by a pass");
        }
    }

    @Test
    void aGridWhosePlanesDoNotFitOneArrayIsRefusedNamingTheSizes() {
        Grid g = new Grid(1 << 20, 2, 1 << 12, 10, 10, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImageStacker(g, dir));
        assertTrue(e.getMessage().contains("nx x nz = 4294967296 nodes"), e.getMessage());
        assertTrue(e.getMessage().contains("1048576 x 2 x 4096"), e.getMessage());
    }

    @Test
    void aClosedStackRefusesToBeReadOrAddedTo() {
        ImageStacker stack = new ImageStacker(GRID, dir, 0);
        stack.close();
        stack.close();
        assertThrows(IllegalStateException.class, () -> stack.readImage(0, new float[GRID.nx() * GRID.nz()]));
        assertThrows(IllegalStateException.class, () -> stack.add(PartialImage.empty(GRID)));
    }
}
