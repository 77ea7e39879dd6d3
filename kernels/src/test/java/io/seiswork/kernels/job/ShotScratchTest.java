package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.rtm.ScratchSpace;
import io.seiswork.kernels.rtm.ScratchSpaceException;
import io.seiswork.kernels.rtm.WavefieldStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration shot whose source wavefield would spill more than its scratch folder's free space
 * (injected: no disk is filled) is refused before its first step, the synthetic data's modelling
 * included, in one line with the figures; one that fits holds its reservation while it runs and
 * lets go of it when it ends.
 */
class ShotScratchTest {

    private static final String SPEC = """
        {
          "name": "shot-scratch",
          "task": "rtm",
          "grid": { "nx": 61, "nz": 41, "dx": 10, "dz": 10 },
          "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 250, "vp": 2200 } ] },
          "migrationVelocity": { "smooth": 50 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.4, "sampleS": 0.004 },
          "sources": { "line": { "x0": 300, "dx": 100, "n": 1, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 10, "n": 61, "z": 20 } },
          "imaging": { "wavefield": "%s" },
          "data": "synthetic",
          "engine": "cpu"
        }
        """;

    private static final CpuWaveEngine ENGINE = new CpuWaveEngine();

    @TempDir
    Path dir;

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    private ResolvedJob job(String wavefield) {
        return JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(SPEC.formatted(wavefield), "spec", "scratch"),
                "spec");
    }

    @Test
    void aShotWhoseSpillDoesNotFitIsRefusedBeforeItsFirstStep() {
        for (String wavefield : new String[] {"disk", "boundary"}) {
            ResolvedJob job = job(wavefield);
            long free = 512L << 20;  // 512 MiB free, under the 1 GiB margin alone
            ScratchSpace disk = new ScratchSpace(d -> free);
            Path scratch = dir.resolve("scratch-" + wavefield);
            List<int[]> progress = new ArrayList<>();
            try (ShotComputer computer = new ShotComputer(job, ENGINE, scratch).withScratchSpace(disk)) {
                long spill = computer.memoryPlan().spillBytes();
                assertEquals(WavefieldStrategy.fromJson(wavefield), computer.memoryPlan().strategy());
                assertTrue(spill > 0, wavefield + " spills");
                Shot shot = computer.shots().get(0);
                ScratchSpaceException e = assertThrows(ScratchSpaceException.class, () -> computer.migrate(shot,
                        (s, n) -> progress.add(new int[] {s, n}), CancellationToken.none()));
                String m = e.getMessage();
                assertTrue(m.startsWith("shot FFID " + shot.number() + ": its source wavefield's "
                        + (wavefield.equals("disk") ? "snapshots" : "boundary ring") + " (strategy \"" + wavefield
                        + "\") needs " + MemoryEstimate.human(spill) + " of scratch in " + scratch
                        + ", whose file system has " + MemoryEstimate.human(free) + " free"), m);
                assertTrue(m.contains("scratchDiskGiB") && m.contains("-Xmx"), "says what to do: " + m);
                assertFalse(m.contains("\n"), "one line");
                assertEquals(List.of(), progress, "no step, not even of the synthetic data's modelling");
                assertFalse(Files.exists(scratch), "nothing written");
                assertEquals(0, disk.reservedBytes());
            }
        }
    }

    @Test
    void aShotThatFitsHoldsItsSpillWhileItRunsAndLetsGoAfter() {
        ResolvedJob job = job("disk");
        ScratchSpace disk = new ScratchSpace(d -> 2L << 30);
        long[] heldMidShot = {-1};
        try (ShotComputer computer = new ShotComputer(job, ENGINE, dir.resolve("scratch")).withScratchSpace(disk)) {
            long spill = computer.memoryPlan().spillBytes();
            assertEquals(MemoryEstimate.diskScratchBytes(job.spec().grid(), job.time(), computer.memoryPlan().interval()),
                    spill);
            ProgressListener watch = (s, n) -> heldMidShot[0] = Math.max(heldMidShot[0], disk.reservedBytes());
            computer.migrate(computer.shots().get(0), watch, CancellationToken.none());
            assertEquals(spill, heldMidShot[0], "the snapshots' bytes reserved while the shot ran");
        }
        assertEquals(0, disk.reservedBytes(), "released when the shot ended");
    }
}
