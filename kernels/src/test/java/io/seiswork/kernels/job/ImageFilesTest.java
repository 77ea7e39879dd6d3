package io.seiswork.kernels.job;

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
}
