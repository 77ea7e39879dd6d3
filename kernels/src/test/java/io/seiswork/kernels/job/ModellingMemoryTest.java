package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a modelling job holds while a shot runs, measured, against the estimate the job resolver
 * checks ({@link MemoryEstimate#modellingJobBytes}): the velocity model on the user's grid that
 * the resolved job holds (4 bytes a node) and the shot's arrays (the engine's padded velocity
 * term and wavefields, C-PML memory variables and profiles, spread tables, traces). The estimate
 * used to count only the shot's padded arrays, so a 6000 x 5000 job passed the check with a heap
 * its model and shot did not fit, and died with an OutOfMemoryError.
 *
 * <p>Measured as held bytes: the model's array (the job holds it), plus the live heap the shot adds
 * — used heap after a full collection ({@link System#gc()}; surefire runs kernels with the
 * parallel collector, whose full collection is stop-the-world and compacting) once the job is
 * resolved, and again in the middle of the shot (from its progress listener, between two time
 * steps, every array of the shot alive). In a JVM of its own (kernels/pom.xml): after other tests,
 * the collection in the middle of the shot may clear their softly held caches and hide part of it. Bytes allocated in all would not do:
 * the 2D layer kernels leave short-lived garbage each step (about 270 bytes a column), which a
 * collection takes back and which does not add to the peak.
 */
class ModellingMemoryTest {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @TempDir
    Path dir;

    /** Heap bytes in use after a full collection: what is live. */
    private static long live() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    @Test
    void theEstimateCoversTheModelTheJobHoldsAndTheShot() throws IOException {
        int nx = 1500;
        int nz = 800;
        ByteBuffer b = ByteBuffer.allocate(4 * nx * nz).order(ByteOrder.LITTLE_ENDIAN);
        for (int ix = 0; ix < nx; ix++) {
            for (int iz = 0; iz < nz; iz++) {
                b.putFloat(1500 + 2f * iz);
            }
        }
        Files.write(dir.resolve("vp.bin"), b.array());
        b = null;
        Path spec = dir.resolve("model.json");
        Files.writeString(spec, """
            {
              "name": "memory",
              "task": "model",
              "grid": { "nx": %d, "nz": %d, "dx": 5, "dz": 5 },
              "velocity": { "raw": { "path": "vp.bin", "order": "zxy", "endian": "little" } },
              "wavelet": { "peakHz": 40 },
              "time": { "lengthS": 0.03, "sampleS": 0.001 },
              "sources": { "line": { "x0": 3000, "dx": 100, "n": 1, "z": 20 } },
              "receivers": { "line": { "x0": 0, "dx": 10, "n": 200, "z": 10 } }
            }
            """.formatted(nx, nz));
        try (CpuWaveEngine engine = new CpuWaveEngine()) {
            // A small shot first, so that the engine's threads and classes are not counted as the job's.
            engine.model(ShotRequest.of(VelocityModel.constant(Grid.of2d(40, 40, 10), 2000f), PhysicsOptions.defaults(),
                    new Position(200, 0, 100), RickerWavelet.of(10), List.of(new Position(100, 0, 100)),
                    new Sampling(11, 0.004, 0)), ProgressListener.NONE, CancellationToken.none());
            ResolvedJob job = new JobResolver(dir, Long.MAX_VALUE).resolve(JobSpecReader.draft(spec), "model.json");
            Grid g = job.spec().grid();
            VelocityModel model = assertInstanceOf(VelocityModel.class, job.velocity(), "the job holds its model whole");
            assertEquals(MemoryEstimate.wholeModelBytes(g), 4L * model.values().length);
            // What the shot adds to the heap, from the job resolved (its model held) to the middle of the
            // shot: the least of three readings there, every array of the shot alive at each, so that
            // what another thread held alive at one reading does not count (one reading alone, on a
            // loaded machine, once came out at 28 MB against 17-20).
            long before = live();
            long[] during = {Long.MAX_VALUE};
            try (ShotComputer computer = new ShotComputer(job, engine, dir)) {
                computer.model(computer.shots().get(0), (step, steps) -> {
                    if (step == steps / 4 || step == steps / 2 || step == 3 * steps / 4) {
                        during[0] = Math.min(during[0], live());
                    }
                }, CancellationToken.none());
            }
            long held = 4L * model.values().length + during[0] - before;
            long estimate = job.memoryBytes();
            long arrays = MemoryEstimate.modellingBytes(g, job.spec().physics(), 200, job.time());
            System.out.printf("modelling %d x %d: %.2f MB held during the shot (model %.2f MB + live heap the shot added);"
                    + " estimate %.2f MB, of which the shot's arrays %.2f MB%n", nx, nz, held / 1e6, 4e-6 * model.values().length,
                    estimate / 1e6, arrays / 1e6);
            assertTrue(during[0] > 0 && during[0] < Long.MAX_VALUE, "measured in the middle of the shot");
            assertEquals(estimate, MemoryEstimate.modellingJobBytes(g, job.spec().physics(), 200, job.time()));
            assertEquals(arrays + arrays / 64 + 4L * g.points(), estimate, "the shot's arrays, 1/64, the model");
            assertTrue(held <= estimate, "held " + held + " B, more than the estimate " + estimate + " B");
            // Not a gross overestimate either. Counting the model twice (23 % over) is caught by the
            // estimate's terms asserted above; the measured bound is looser, 50 %, because the live heap
            // read mid-shot varies from run to run by about 3 MB here (17.1 to 20.5 MB held, idle
            // machine) and came out up to 28 % low at load 7 on 2 cores.
            assertTrue(estimate <= 1.50 * held, "estimate " + estimate + " B, over 50 % above what is held " + held + " B");
        }
    }
}
