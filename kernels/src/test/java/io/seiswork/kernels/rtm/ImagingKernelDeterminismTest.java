package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import io.seiswork.kernels.engine.cpu.Propagator;
import io.seiswork.kernels.engine.cpu.WorkerPool;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The imaging condition gives the same image bit for bit on 1, 2, 3 and 5 threads, with chunks of
 * any size (the {@value WorkerPool#MIN_CHUNK_PROPERTY} property set to 1 for the test).
 */
class ImagingKernelDeterminismTest {

    @Test
    void imageIsBitIdenticalOnAnyTeam() {
        Grid g = new Grid(23, 17, 19, 10, 10, 10);
        float[] v = new float[g.points()];
        Arrays.fill(v, 2000);
        VelocityModel model = new VelocityModel(g, v);
        String before = System.getProperty(WorkerPool.MIN_CHUNK_PROPERTY);
        System.setProperty(WorkerPool.MIN_CHUNK_PROPERTY, "1");
        try {
            float[] image0 = null;
            float[] illum0 = null;
            for (int size : new int[] {1, 2, 3, 5}) {
                try (WorkerPool pool = new WorkerPool(size)) {
                    Propagator prop = new Propagator(model, new PhysicsOptions(4, 6, true), 1e-3, 15, pool);
                    PaddedGrid padded = prop.grid();
                    float[] image = new float[g.points()];
                    float[] illum = new float[g.points()];
                    ImagingKernel kernel = new ImagingKernel(padded, pool, image, illum);
                    Random rnd = new Random(3);
                    float[] s = new float[padded.points()];
                    float[] r = new float[padded.points()];
                    for (int level = 0; level < 20; level++) {
                        for (int i = 0; i < s.length; i++) {
                            s[i] = rnd.nextFloat() - 0.5f;
                            r[i] = rnd.nextFloat() - 0.5f;
                        }
                        kernel.accumulate(s, true, r, 1e-3f);
                    }
                    if (image0 == null) {
                        image0 = image;
                        illum0 = illum;
                    } else {
                        assertTrue(Arrays.equals(image0, image), size + " threads: image differs from 1 thread");
                        assertTrue(Arrays.equals(illum0, illum), size + " threads: illumination differs from 1 thread");
                    }
                }
            }
        } finally {
            if (before == null) {
                System.clearProperty(WorkerPool.MIN_CHUNK_PROPERTY);
            } else {
                System.setProperty(WorkerPool.MIN_CHUNK_PROPERTY, before);
            }
        }
    }
}
