package io.seiswork.kernels.job;

import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.progress.CancellationToken;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.ArrayList;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.volume.GridSections;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.PartialImage;
import io.seiswork.kernels.rtm.SmallJobs;
import io.seiswork.kernels.rtm.StackArrays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A job's image files written from its stack column by column ({@link ImageFiles}) are, byte for
 * byte, the files the whole-array path wrote before ({@link ArrayImageFiles}: the final image in
 * one array, then each file from it); the statistics gathered while writing are the run report's
 * figures computed on that array; and the preview inline ({@link FinalImage#inline}) is the
 * written image's plane.
 */
class ImageFilesTest {

    @TempDir
    Path dir;

    static Stream<Arguments> jobs() {
        return Stream.of("2d", "3d").flatMap(d -> Stream.of("source-normalized", "cross-correlation")
                .flatMap(c -> Stream.of(Arguments.of(d, c, true), Arguments.of(d, c, false))));
    }

    @ParameterizedTest(name = "{0}, {1}, Laplacian {2}")
    @MethodSource("jobs")
    void theStreamedFilesAreTheWholeArrayFilesByteForByte(String dims, String condition, boolean laplacian)
            throws Exception {
        ResolvedJob job = dims.equals("2d") ? SmallJobs.twoD(dir, condition, laplacian)
                : SmallJobs.threeD(dir, condition, laplacian);
        Grid g = job.spec().grid();
        Path streamed = Files.createDirectories(dir.resolve("streamed"));
        Path reference = Files.createDirectories(dir.resolve("reference"));
        try (ImageStacker stack = new ImageStacker(g, dir.resolve("scratch"))) {
            for (PartialImage p : SmallJobs.partialImages(job)) {
                stack.add(p);
            }
            float[] image = ArrayImageFiles.finalImage(StackArrays.partialImage(stack), job);
            ArrayImageFiles.write(reference, job, image);
            ImageStatistics stats = ImageFiles.write(streamed, job, stack);

            for (String name : new String[] {ImageFiles.IMAGE_FILE, ImageFiles.IMAGE_VOLUME_FILE}) {
                assertArrayEquals(Files.readAllBytes(reference.resolve(name)), Files.readAllBytes(streamed.resolve(name)),
                        name);
            }
            // The run report's figures as MigrationRunner computed them on the whole array.
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum2 = 0;
            for (float v : image) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum2 += (double) v * v;
            }
            assertEquals(min, stats.min());
            assertEquals(max, stats.max());
            assertEquals(Math.sqrt(sum2 / image.length), stats.rms());
            assertEquals(image.length, stats.count());

            for (int iy : new int[] {0, g.ny() / 2, g.ny() - 1}) {
                assertArrayEquals(GridSections.inline(g, image, iy).values(), FinalImage.inline(stack, job, iy).values(),
                        "preview inline y = " + iy);
            }
        }
    }

    /** Writing reports its progress per mille up to 1000, and a cancel stops it between planes. */
    @Test
    void writingReportsProgressAndStopsWhenCancelled() throws Exception {
        ResolvedJob job = SmallJobs.threeD(dir, "source-normalized", true);
        Grid g = job.spec().grid();
        try (ImageStacker stack = new ImageStacker(g, dir.resolve("scratch"))) {
            for (PartialImage p : SmallJobs.partialImages(job)) {
                stack.add(p);
            }
            List<Integer> heard = new ArrayList<>();
            Path whole = Files.createDirectories(dir.resolve("whole"));
            ImageFiles.write(whole, job, stack, (p, n) -> {
                assertEquals(1000, n);
                heard.add(p);
            }, CancellationToken.none());
            assertEquals(1000, heard.get(heard.size() - 1));
            for (int i = 1; i < heard.size(); i++) {
                assertTrue(heard.get(i) > heard.get(i - 1), "each per mille once, rising: " + heard);
            }

            // The disk the files take is known before writing, exactly.
            assertEquals(Files.size(whole.resolve(ImageFiles.IMAGE_FILE)) + Files.size(whole.resolve(ImageFiles.IMAGE_VOLUME_FILE)),
                    ImageFiles.diskBytes(g, WholeGridStorage.HEAP));
            assertEquals(ImageFiles.diskBytes(g, WholeGridStorage.HEAP) + 8 * g.nodes(),
                    ImageFiles.diskBytes(g, WholeGridStorage.OUT_OF_CORE), "plus the mapped stack");

            // Cancelled after the first plane: the previous image stays whole, and no partial file is left.
            byte[] before = Files.readAllBytes(whole.resolve(ImageFiles.IMAGE_FILE));
            CancellationToken cancel = new CancellationToken();
            int[] planes = {0};
            assertThrows(CancelledException.class, () -> ImageFiles.write(whole, job, stack, (p, n) -> {
                if (p >= 1000 * (planes[0] + 1) / g.ny()) {
                    planes[0]++;
                    cancel.cancel();  // after the first plane
                }
            }, cancel));
            assertEquals(1, planes[0], "stopped at the end of the first plane");
            assertArrayEquals(before, Files.readAllBytes(whole.resolve(ImageFiles.IMAGE_FILE)));
            try (var left = Files.list(whole)) {
                assertEquals(List.of(), left.filter(f -> f.toString().endsWith(ImageFiles.PART)).toList());
            }
        }
    }

    /** Nothing is said about a write shorter than two seconds; after that one line per tenth. */
    @Test
    void writingProgressSpeaksOnlyForLongWrites() {
        List<String> lines = new ArrayList<>();
        long[] now = {0};
        ImageWritingProgress progress = new ImageWritingProgress(Grid.of3d(300, 200, 10, 10), lines::add, () -> now[0]);
        progress.onProgress(100, 1000);
        now[0] = 1_000_000_000L;
        progress.onProgress(200, 1000);
        assertEquals(List.of(), lines, "quiet during the first two seconds");
        now[0] = 3_000_000_000L;
        progress.onProgress(350, 1000);
        progress.onProgress(390, 1000);
        progress.onProgress(400, 1000);
        assertEquals(List.of("writing the image: 30 % of 60,000 columns, 3 s",
                "writing the image: 40 % of 60,000 columns, 3 s"), lines);
    }

    /** A survey whose image the output folder cannot hold is refused before any shot, naming the sizes. */
    @Test
    void anImageTheDiskCannotHoldIsRefusedBeforeAnyShot() {
        // 1000 x 1,000,000 x 1000 nodes, out of core: a 8 TB stack and two files of about 4 TB each.
        String survey = """
            {
              "name": "too-big", "task": "rtm",
              "grid": { "nx": 1000, "ny": 1000000, "nz": 1000, "dx": 10, "dy": 10, "dz": 10 },
              "velocity": { "constant": 2000 },
              "wavelet": { "peakHz": 10 },
              "time": { "lengthS": 0.5, "sampleS": 0.004 },
              "sources": { "list": [ [5000, 5000, 20] ] },
              "receivers": { "line": { "x0": 4000, "dx": 20, "n": 100, "y": 5000, "z": 20 } },
              "imaging": { "aperture": 500 }
            }
            """;
        ResolvedJob job = io.seiswork.core.spec.JobResolver.withHeapBudget(dir)
                .resolve(io.seiswork.core.spec.JobSpecReader.read(survey, "spec", "too-big"), "spec");
        assertEquals(WholeGridStorage.OUT_OF_CORE, job.storage());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ImageFiles.requireDiskSpace(dir, job, 0, 1L << 40));
        assertTrue(e.getMessage().startsWith(dir + " has 1.0 TiB free") && e.getMessage().contains(
                "free, but the image of the 1000 x 1000000 x 1000 grid needs 15.5 TiB there (image.sgy, image.swv and the stack)"),
                e.getMessage());
    }

    /**
     * A file system that reports 0 bytes usable (some FUSE and network mounts cannot tell) is not
     * taken at its word: the check is skipped (false) rather than refusing every run with "has 0 B
     * free"; one byte free is still a figure, and refused.
     */
    @Test
    void zeroBytesUsableMeansUnknownAndIsNotRefused() {
        ResolvedJob job = SmallJobs.twoD(dir);
        assertEquals(false, ImageFiles.requireDiskSpace(dir, job, 0, 0));
        assertThrows(IllegalStateException.class, () -> ImageFiles.requireDiskSpace(dir, job, 0, 1));
        assertEquals(true, ImageFiles.requireDiskSpace(dir, job, 0, Long.MAX_VALUE));
        assertTrue(FreeSpace.unknownNote(dir, "the image", 2048).endsWith(
                "(it reports 0 bytes): the 2.0 KiB the image needs there is not checked"));
    }
}
