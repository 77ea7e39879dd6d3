package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The RTM kernels of seiswork.cu built for the host (as {@link KernelEmulationTest}): the
 * boundary ring save/restore visits exactly the cells within r of the box faces, once each,
 * and restores them; the cross-correlation imaging condition and the normalisation match a
 * plain loop. No GPU needed.
 */
class RtmKernelEmulationTest {

    @ParameterizedTest(name = "3D={0} r {1}")
    @CsvSource({"true,4", "true,1", "false,4", "false,2"})
    void ringAndImagingKernels(boolean threeD, int r) throws Exception {
        Path emulator = KernelEmulationTest.emulator();
        assumeTrue(emulator != null, KernelEmulationTest.skipReason());
        int nx = 23;
        int ny = threeD ? 19 : 1;
        int nz = 21;
        int points = nx * ny * nz;
        float[] field = new float[points];
        for (int i = 0; i < points; i++) {
            field[i] = i;
        }
        // Box: x [5, 19), y [4, 16) (3D) or [0, 1), z [3, 20).
        int x0 = 5, x1 = 19, y0 = threeD ? 4 : 0, y1 = threeD ? 16 : 1, z0 = 3, z1 = 20;
        long count = CudaKernels.ringCells(x1 - x0, y1 - y0, z1 - z0, r, threeD);
        int[] ringBox = {x0, x1, y0, y1, z0, z1, r, threeD ? 1 : 0};
        // Imaging on a user box inside the padded grid.
        int[] userBox = {3, threeD ? 2 : 0, 4, 15, ny - (threeD ? 4 : 0), 13};
        int unx = userBox[3], uny = userBox[4], unz = userBox[5];
        float[] s = new float[points];
        float[] rr = new float[points];
        for (int i = 0; i < points; i++) {
            s[i] = (float) Math.sin(0.37 * i);
            rr[i] = (float) Math.cos(0.11 * i);
        }
        int users = unx * uny * unz;
        float[] image0 = new float[users];
        float[] illum0 = new float[users];
        for (int i = 0; i < users; i++) {
            image0[i] = 0.5f * i / users;
            illum0[i] = 0.25f;
        }

        List<StepPlan.Buffer> buffers = new ArrayList<>();
        StepPlan.Buffer f = add(buffers, new StepPlan.Buffer(4L * points, field, null, false));
        StepPlan.Buffer ring = add(buffers, new StepPlan.Buffer(4L * count, null, null, false));
        StepPlan.Buffer restored = add(buffers, new StepPlan.Buffer(4L * points, null, null, false));
        StepPlan.Buffer sb = add(buffers, new StepPlan.Buffer(4L * points, s, null, false));
        StepPlan.Buffer rb = add(buffers, new StepPlan.Buffer(4L * points, rr, null, false));
        StepPlan.Buffer image = add(buffers, new StepPlan.Buffer(4L * users, image0.clone(), null, false));
        StepPlan.Buffer illum = add(buffers, new StepPlan.Buffer(4L * users, illum0.clone(), null, false));
        StepPlan.Buffer normalized = add(buffers, new StepPlan.Buffer(4L * users, image0.clone(), null, false));
        int blocks = (int) ((count + 255) / 256);
        List<StepPlan.Call> calls = List.of(
                call("ring_copy", new LaunchShape(blocks, 1, 1, 256, 1), f, ring, nx, nz, ringBox, count, 1),
                call("ring_copy", new LaunchShape(blocks, 1, 1, 256, 1), restored, ring, nx, nz, ringBox, count, 0),
                call("image_xcorr", LaunchShape.tiles(unz, unx, uny, 32, 8), sb, rb, image, illum, nx, nz, userBox),
                call("image_normalize", new LaunchShape((users + 127) / 128, 1, 1, 128, 1), normalized, illum0Buffer(
                        buffers, illum0), 0.5f, (long) users));
        List<ByteBuffer> out = KernelEmulationTest.execute(buffers, calls, List.of(ring, restored, image, illum,
                normalized));

        // Ring: exactly the cells within r of the box faces, each once.
        Set<Integer> expected = new HashSet<>();
        for (int iy = y0; iy < y1; iy++) {
            for (int ix = x0; ix < x1; ix++) {
                for (int iz = z0; iz < z1; iz++) {
                    boolean near = ix < x0 + r || ix >= x1 - r || iz < z0 + r || iz >= z1 - r
                            || (threeD && (iy < y0 + r || iy >= y1 - r));
                    if (near) {
                        expected.add((iy * nx + ix) * nz + iz);
                    }
                }
            }
        }
        assertEquals(expected.size(), count, "ring size formula");
        Set<Integer> seen = new HashSet<>();
        ByteBuffer ringOut = out.get(0);
        for (long i = 0; i < count; i++) {
            int cell = (int) ringOut.getFloat();
            assertTrue(seen.add(cell), "cell " + cell + " twice");
        }
        assertEquals(expected, seen);
        ByteBuffer rest = out.get(1);
        for (int c = 0; c < points; c++) {
            assertEquals(expected.contains(c) ? field[c] : 0f, rest.getFloat(), "restored cell " + c);
        }
        // Imaging: image += s r, illum += s s on the user box; then image / (illum + eps).
        ByteBuffer im = out.get(2);
        ByteBuffer il = out.get(3);
        ByteBuffer no = out.get(4);
        for (int iy = 0; iy < uny; iy++) {
            for (int ix = 0; ix < unx; ix++) {
                for (int iz = 0; iz < unz; iz++) {
                    int o = (iy * unx + ix) * unz + iz;
                    int p = ((iy + userBox[1]) * nx + ix + userBox[0]) * nz + iz + userBox[2];
                    assertEquals(image0[o] + s[p] * rr[p], im.getFloat(4 * o), 1e-6f);
                    assertEquals(illum0[o] + s[p] * s[p], il.getFloat(4 * o), 1e-6f);
                    assertEquals(image0[o] / (illum0[o] + 0.5f), no.getFloat(4 * o), 1e-6f);
                }
            }
        }
        System.out.printf("  [emulated rtm kernels] 3D=%s r %d: ring of %d cells saved and restored, imaging ok%n",
                threeD, r, count);
    }

    private static StepPlan.Buffer illum0Buffer(List<StepPlan.Buffer> buffers, float[] illum0) {
        return add(buffers, new StepPlan.Buffer(4L * illum0.length, illum0.clone(), null, false));
    }

    private static StepPlan.Buffer add(List<StepPlan.Buffer> list, StepPlan.Buffer b) {
        list.add(b);
        return b;
    }

    private static StepPlan.Call call(String kernel, LaunchShape shape, Object... args) {
        return new StepPlan.Call(kernel, shape, new Object[][] {args, args});
    }

}
