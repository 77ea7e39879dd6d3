package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.rtm.ImageStacker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A survey whose whole grid does not fit the heap is migrated out of core: its models are read a
 * shot's window at a time from their file ({@code VelocityField}s: raw file, smoothed window by
 * window) and its stack is a memory-mapped file finished plane by plane. Here the same job is run
 * both ways (out of core forced by a memory budget too small for its whole grid) and must write
 * the same {@code image.sgy} and {@code image.swv}, byte for byte: where a job's arrays live may
 * change its memory, never its image.
 */
class OutOfCoreMigrationTest {

    /**
     * A 20 km line over a dipping, laterally varying model read from a raw file; 4 shots near its
     * start, each recording within 300 m: windows of a few hundred metres on a grid whose whole is
     * large next to them, as in a survey.
     */
    private static final String RTM = """
        {
          "name": "out-of-core",
          "task": "rtm",
          "grid": { "nx": 2001, "nz": 61, "dx": 10, "dz": 10 },
          "velocity": { "raw": { "path": "v.bin", "order": "zxy" } },
          "migrationVelocity": { "smooth": 40 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.6, "sampleS": 0.004 },
          "sources": { "line": { "x0": 450, "dx": 500, "n": 4, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 10, "n": 241, "z": 20 },
                         "spread": { "moving": { "minOffset": 0, "maxOffset": 300 } } },
          "imaging": { "aperture": 150 },
          "data": "synthetic",
          "engine": "cpu"
        }
        """;

    private static final CpuWaveEngine ENGINE = new CpuWaveEngine();

    @TempDir
    static Path dir;

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    @Test
    void outOfCoreTheImageFilesAreTheHeapRunsByteForByte() throws IOException {
        writeModel(Grid.of2d(2001, 61, 10), dir.resolve("v.bin"));
        ResolvedJob heap = resolve(1L << 34);
        Grid g = heap.spec().grid();
        // Half the budget just below the whole grid's 16 B a node: out of core, while a shot still fits.
        ResolvedJob outOfCore = resolve(2 * WholeGridStorage.BYTES_PER_NODE * g.nodes() - 1);
        assertEquals(WholeGridStorage.HEAP, heap.storage());
        assertEquals(WholeGridStorage.OUT_OF_CORE, outOfCore.storage());
        assertTrue(heap.velocity() instanceof VelocityModel);
        assertFalse(outOfCore.velocity() instanceof VelocityModel, "read a window at a time");
        assertFalse(outOfCore.migrationVelocity() instanceof VelocityModel, "smoothed a window at a time");

        Path heapOut = Files.createDirectories(dir.resolve("heap"));
        Path outOfCoreOut = Files.createDirectories(dir.resolve("out-of-core"));
        boolean[] onHeap = {migrate(heap, heapOut), migrate(outOfCore, outOfCoreOut)};
        assertTrue(onHeap[0], "the heap job's stack is on the heap");
        assertFalse(onHeap[1], "the out-of-core job's stack is a mapped file");
        for (String file : new String[] {ImageFiles.IMAGE_FILE, ImageFiles.IMAGE_VOLUME_FILE}) {
            byte[] a = Files.readAllBytes(heapOut.resolve(file));
            byte[] b = Files.readAllBytes(outOfCoreOut.resolve(file));
            System.out.printf("out of core vs heap: %s, %,d bytes, identical: %s%n", file, a.length,
                    java.util.Arrays.equals(a, b));
            assertArrayEquals(a, b, file);
        }
    }

    private static ResolvedJob resolve(long budgetBytes) {
        return new JobResolver(dir, budgetBytes).resolve(JobSpecReader.read(RTM, "spec", "out-of-core"), "spec");
    }

    /** Migrates every shot, stacks where the job says and writes the image files; whether the stack was on the heap. */
    private static boolean migrate(ResolvedJob job, Path out) {
        try (ShotComputer c = new ShotComputer(job, ENGINE, out.resolve("scratch"));
                ImageStacker stack = new ImageStacker(job.spec().grid(), out.resolve("stack"), job.storage())) {
            for (Shot s : c.shots()) {
                stack.add(c.migrate(s, ProgressListener.NONE, CancellationToken.none()).image());
            }
            ImageFiles.write(out, job, stack);
            return stack.onHeap();
        }
    }

    /** 1500 m/s water over a reflector dipping 5 degrees and a faster wedge: every window differs. */
    private static void writeModel(Grid g, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * g.points()).order(ByteOrder.LITTLE_ENDIAN);
        for (int ix = 0; ix < g.nx(); ix++) {
            double x = ix * g.dx();
            for (int iz = 0; iz < g.nz(); iz++) {
                double z = iz * g.dz();
                double v = z < 250 + 0.0875 * x ? 1500 : 2100 + 0.4 * (z - 250);
                b.putFloat(x > 1600 && z > 450 ? 2800f : (float) v);
            }
        }
        Files.write(file, b.array());
    }
}
