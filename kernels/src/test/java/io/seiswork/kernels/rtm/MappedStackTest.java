package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.job.ImageFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack held in a memory-mapped scratch file ({@link MappedStack}) instead of on the heap
 * changes nothing in the image files, holds a grid of more than 2³¹ nodes with each window at its
 * long offsets, and leaves nothing behind.
 */
class MappedStackTest {

    @TempDir
    Path dir;

    @Test
    void heapAndMappedStacksWriteTheSameImageFilesIn2d() throws Exception {
        assertSameFiles(SmallJobs.twoD(dir));
    }

    @Test
    void heapAndMappedStacksWriteTheSameImageFilesIn3d() throws Exception {
        assertSameFiles(SmallJobs.threeD(dir));
    }

    /**
     * A grid of 46,341 x 46,341 x 1 nodes (2³¹ + 4,633; a 17 GB stack, as a sparse file): a window
     * near its far corner, added from memory and from its file, reads back where it lies, with
     * byte offsets past 2³⁴, and nothing else of the grid is touched or read.
     */
    @Test
    void aWindowNearTheFarCornerOfAGridBeyond2To31NodesLandsAtItsLongOffsets() throws Exception {
        Grid g = new Grid(46_341, 46_341, 1, 10, 10, 10);
        assertTrue(g.nodes() > 1L << 31);
        long bytes = 2L * Float.BYTES * g.nodes();
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        Assumptions.assumeTrue(scratch.toFile().getUsableSpace() >= bytes, "the mapped stack checks for "
                + bytes + " usable bytes of scratch up front; the temporary folder has "
                + scratch.toFile().getUsableSpace());
        Assumptions.assumeTrue(canMakeSparseFile(scratch.resolve("probe"), bytes),
                "the temporary folder's file system cannot make a sparse file of " + bytes + " bytes");
        ShotWindow w = new ShotWindow(g.nx() - 7, g.ny() - 5, new Grid(6, 4, 1, 10, 10, 10));
        PartialImage p = RandomPartialImages.on(w, 11);
        Path file = dir.resolve("corner.bin");
        PartialImageFile.write(p, file);
        try (ImageStacker stack = new ImageStacker(g, scratch)) {
            assertFalse(stack.onHeap(), "a grid beyond one array is mapped");
            stack.add(p);
            stack.add(file);
            float max = 0;
            float[] image = new float[g.nx()];
            float[] illumination = new float[g.nx()];
            for (int iy = w.y0() - 1; iy < g.ny(); iy++) {
                stack.readImage(iy, image);
                stack.readIllumination(iy, illumination);
                for (int ix = w.x0() - 1; ix < g.nx(); ix++) {
                    boolean inside = ix >= w.x0() && ix < w.x0() + 6 && iy >= w.y0() && iy < w.y0() + 4;
                    int i = inside ? w.grid().index(ix - w.x0(), iy - w.y0(), 0) : -1;
                    assertEquals(inside ? p.image()[i] + p.image()[i] : 0f, image[ix], "image at " + ix + ", " + iy);
                    float u = inside ? p.illumination()[i] + p.illumination()[i] : 0f;
                    assertEquals(u, illumination[ix], "illumination at " + ix + ", " + iy);
                    max = Math.max(max, u);
                }
                assertEquals(0f, image[0], "the plane's first node, outside the window");
            }
            assertEquals(max, stack.maxIllumination(), "the running maximum, without a pass over the grid");
            assertEquals(2, stack.shots());
        }
        assertEmpty(scratch);
    }

    @Test
    void aMappedStackLargerThanTheScratchDiskIsRefusedUpFrontNamingTheSizes() {
        Grid g = new Grid(16_384, 65_536, 1_024, 10, 10, 10); // 2^40 nodes: an 8 TiB stack
        Assumptions.assumeTrue(dir.toFile().getUsableSpace() < 8L << 40, "the temporary folder has 8 TiB free");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ImageStacker(g, dir));
        assertTrue(e.getMessage().contains("needs 8796093022208 bytes of scratch in " + dir), e.getMessage());
    }

    private void assertSameFiles(ResolvedJob job) throws Exception {
        Grid g = job.spec().grid();
        Path heapOut = Files.createDirectories(dir.resolve("heap"));
        Path mappedOut = Files.createDirectories(dir.resolve("mapped"));
        Path scratch = dir.resolve("scratch");
        try (ImageStacker heap = new ImageStacker(g, scratch, Long.MAX_VALUE);
                ImageStacker mapped = new ImageStacker(g, scratch, 0)) {
            assertTrue(heap.onHeap());
            assertFalse(mapped.onHeap());
            int n = 0;
            for (PartialImage p : SmallJobs.partialImages(job)) {
                heap.add(p);
                Path file = dir.resolve("shot-" + ++n + ".bin");
                PartialImageFile.write(p, file);
                mapped.add(file);
            }
            ImageFiles.write(heapOut, job, heap);
            ImageFiles.write(mappedOut, job, mapped);
        }
        for (String name : new String[] {ImageFiles.IMAGE_FILE, ImageFiles.IMAGE_VOLUME_FILE}) {
            assertArrayEquals(Files.readAllBytes(heapOut.resolve(name)), Files.readAllBytes(mappedOut.resolve(name)),
                    name);
        }
        assertEmpty(scratch);
    }

    private static void assertEmpty(Path folder) throws IOException {
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(0, left.count(), "the stack's scratch file is gone");
        }
    }

    /** Whether a file of {@code bytes} can be made without writing it; it is removed again. */
    private static boolean canMakeSparseFile(Path probe, long bytes) {
        try (RandomAccessFile f = new RandomAccessFile(probe.toFile(), "rw")) {
            f.setLength(bytes);
            return f.length() == bytes;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // the @TempDir removes it
            }
        }
    }
}
