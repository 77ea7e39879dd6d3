package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The image finished plane by plane from the stack ({@link ImageFinisher}) is the image the
 * whole-array finisher made before it ({@link ArrayFinish}, kept as the reference, its −∇² written
 * out node by node rather than calling the {@link LaplacianFilter} under test), to the bit:
 * in 2D and 3D, Laplacian orders 2, 4 and 8 or none, both imaging conditions, with and without
 * the mute, from partial images on windows at every edge and corner of the grid, on the heap and
 * memory-mapped. And one plane finished alone (the preview) is that plane of the whole.
 */
class StreamedFinishTest {

    private static final Grid GRID_2D = new Grid(37, 1, 29, 12.5, 12.5, 10);
    private static final Grid GRID_3D = new Grid(19, 14, 13, 10, 12, 8);
    /** Planes of 611 x 450 nodes, above {@link ImageFinisher#PART_NODES}: finished in parts on all cores. */
    private static final Grid GRID_WIDE = new Grid(611, 3, 450, 10, 10, 10);

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Grid g : List.of(GRID_2D, GRID_3D)) {
            for (ImagingCondition c : ImagingCondition.values()) {
                cases.add(Arguments.of(g, c, false, 8));
                for (int order : new int[] {2, 4, 8}) {
                    cases.add(Arguments.of(g, c, true, order));
                }
            }
        }
        cases.add(Arguments.of(GRID_WIDE, ImagingCondition.SOURCE_NORMALIZED, true, 8));
        cases.add(Arguments.of(GRID_WIDE, ImagingCondition.CROSS_CORRELATION, false, 8));
        return cases.stream();
    }

    /** Finishing ahead on another thread hands the planes over in order, and its failure to the caller. */
    @Test
    void finishingAheadGivesThePlanesInOrderAndItsFailureToTheCaller() {
        ImageStacker stack = stackOnEdges(GRID_3D, 0);
        ImageFinisher finisher = new ImageFinisher(stack, ImagingCondition.SOURCE_NORMALIZED, true, 8, DepthMute.none());
        List<float[]> alone = new ArrayList<>();
        finisher.finishAll((iy, plane) -> alone.add(plane.clone()));
        List<Integer> order = new ArrayList<>();
        finisher.finishAllAhead((iy, plane) -> {
            order.add(iy);
            assertBits(alone.get(iy), plane, "plane y = " + iy);
        });
        assertEquals(java.util.stream.IntStream.range(0, GRID_3D.ny()).boxed().toList(), order);

        stack.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> finisher.finishAllAhead((iy, p) -> { }));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void theWideGridsPlanesAreFinishedInParts() {
        long plane = (long) GRID_WIDE.nx() * GRID_WIDE.nz();
        assertTrue(plane > ImageFinisher.PART_NODES, plane + " nodes a plane");
    }

    @ParameterizedTest(name = "{0}, {1}, Laplacian {2} order {3}")
    @MethodSource("cases")
    void theStreamedImageIsTheWholeArrayImageToTheBit(Grid g, ImagingCondition c, boolean laplacian, int order) {
        for (long heapNodes : new long[] {Long.MAX_VALUE, 0}) {
            try (ImageStacker stack = stackOnEdges(g, heapNodes)) {
                PartialImage sums = StackArrays.partialImage(stack);
                float[] want = ArrayFinish.finish(sums, c, laplacian, order);
                assertBits(want, StackArrays.finished(new ImageFinisher(stack, c, laplacian, order, DepthMute.none()), g),
                        "no mute, " + (stack.onHeap() ? "heap" : "mapped"));

                ArrayFinish.mute(want, g, 3 * g.dz(), 5 * g.dz());
                assertBits(want, StackArrays.finished(new ImageFinisher(stack, c, laplacian, order,
                        DepthMute.of(g, 3 * g.dz(), 5 * g.dz())), g), "muted, " + (stack.onHeap() ? "heap" : "mapped"));
            }
        }
    }

    @ParameterizedTest(name = "{0}, {1}, Laplacian {2} order {3}")
    @MethodSource("cases")
    void onePlaneFinishedAloneIsThatPlaneOfTheWholeImage(Grid g, ImagingCondition c, boolean laplacian, int order) {
        try (ImageStacker stack = stackOnEdges(g, 0)) {
            ImageFinisher finisher = new ImageFinisher(stack, c, laplacian, order, DepthMute.of(g, 2 * g.dz(), 4 * g.dz()));
            List<float[]> planes = new ArrayList<>();
            finisher.finishAll((iy, plane) -> planes.add(plane.clone()));
            for (int iy = 0; iy < g.ny(); iy++) {
                assertBits(planes.get(iy), finisher.finishPlane(iy), "plane y = " + iy);
            }
        }
    }

    /** A stack of made-up partial images on windows at every edge of {@code g}, kept on the heap up to {@code heapNodes}. */
    private ImageStacker stackOnEdges(Grid g, long heapNodes) {
        ImageStacker stack = new ImageStacker(g, dir, heapNodes);
        RandomPartialImages.onEdges(g, 7).forEach(stack::add);
        assertTrue(stack.maxIllumination() > 0);
        return stack;
    }

    private static void assertBits(float[] want, float[] got, String what) {
        assertArrayEquals(bits(want), bits(got), what);
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }
}
