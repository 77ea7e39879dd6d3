package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRecord;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.PartialImage;
import io.seiswork.kernels.rtm.ScratchSpace;
import io.seiswork.kernels.rtm.ScratchSpaceException;
import io.seiswork.kernels.rtm.WavefieldStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One shot of a job computed by {@link ShotComputer}, the code the local run and the cloud worker
 * share: a stack does not depend on the order the shots were computed in (workers finish them in
 * any order; the stack is summed in shot order), a migrated shot images its reflector, modelling
 * is the engine's modelling of the job's shot, and a migration of recorded gathers reads the
 * file's shots.
 */
class ShotComputerTest {

    /** Depth of the one reflector in metres: water (1500 m/s) above, 2200 m/s below. */
    private static final double REFLECTOR_M = 250;

    /** Three shots across an 800 m line over the reflector; every receiver records each. */
    private static final String RTM = """
        {
          "name": "shot-computer",
          "task": "rtm",
          "grid": { "nx": 81, "nz": 51, "dx": 10, "dz": 10 },
          "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": %s, "vp": 2200 } ] },
          "migrationVelocity": { "smooth": 50 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.6, "sampleS": 0.004 },
          "sources": { "line": { "x0": 150, "dx": 250, "n": 3, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 10, "n": 81, "z": 20 } },
          "data": "synthetic",
          "engine": "cpu"
        }
        """.formatted(REFLECTOR_M);

    private static final CpuWaveEngine ENGINE = new CpuWaveEngine();

    @TempDir
    Path dir;

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    private ResolvedJob job(String text) {
        return JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(text, "spec", "computer"), "spec");
    }

    private static String model(String rtm) {
        return rtm.replace("\"task\": \"rtm\"", "\"task\": \"model\"").replace("\"data\": \"synthetic\",", "");
    }

    @Test
    void theStackInShotOrderDoesNotDependOnTheOrderShotsWereComputedIn() {
        // Source wavefield on disk, so the scratch directory is used between shots.
        ResolvedJob job = job(RTM.replace("\"data\": \"synthetic\",",
                "\"data\": \"synthetic\", \"imaging\": { \"wavefield\": \"disk\" },"));
        Map<Integer, PartialImage> forward = new HashMap<>();
        Map<Integer, PartialImage> backward = new HashMap<>();
        Path scratch = dir.resolve("scratch");
        try (ShotComputer computer = new ShotComputer(job, ENGINE, scratch)) {
            assertEquals(WavefieldStrategy.DISK, computer.memoryPlan().strategy());
            List<Shot> shots = computer.shots();
            assertEquals(3, shots.size());
            for (Shot s : shots) {
                forward.put(s.number(), migrate(computer, s).image());
            }
            assertTrue(Files.isDirectory(scratch), "the disk strategy spills into the scratch directory");
            // As a worker might meet them: last shot first, on a computer that has run them all.
            for (Shot s : shots.reversed()) {
                backward.put(s.number(), migrate(computer, s).image());
            }
        }
        float[] a = finalImage(stackInShotOrder(job, forward), job);
        float[] b = finalImage(stackInShotOrder(job, backward), job);
        assertArrayEquals(a, b, "the same final image, bit for bit, whatever order the shots were computed in");
        for (int n : forward.keySet()) {
            assertArrayEquals(forward.get(n).image(), backward.get(n).image(), "shot " + n + " the same both times");
        }
        assertFalse(Files.exists(scratch), "close removes the scratch directory");
    }

    @Test
    void eachShotImagesTheReflectorBelowItAndTheStackDoesToo() {
        ResolvedJob job = job(RTM);
        Grid g = job.spec().grid();
        ImageStacker stack = new ImageStacker(g, dir.resolve("stack"));
        try (ShotComputer computer = new ShotComputer(job, ENGINE, dir.resolve("scratch"))) {
            for (Shot s : computer.shots()) {
                MigratedShot m = migrate(computer, s);
                assertEquals(s, m.shot());
                assertEquals(1, m.image().shots());
                int ix = (int) Math.round(s.source().x() / g.dx());
                assertTrue(rms(m.image().image(), g, ix - 10, ix + 10, REFLECTOR_M - 20, REFLECTOR_M + 20) > 0,
                        "shot " + s.number() + " has a partial image at the reflector");
                double peak = brightestDepthM(finalImage(stackInShotOrder(job, Map.of(s.number(), m.image())), job), g, ix - 10, ix + 10);
                assertEquals(REFLECTOR_M, peak, 40, "shot " + s.number() + " images its brightest event at the "
                        + "reflector below its source");
                assertTrue(m.dataSeconds() > 0 && m.migrationSeconds() > 0, "timed");
                assertTrue(m.points() > 0 && m.gptsPerSecond() > 0, "work counted");
                stack.add(m.image());
            }
            assertTrue(computer.migrationEngine().startsWith("cpu"), computer.migrationEngine());
            assertNull(computer.migrationEngineReason(), "no fallback on the CPU");
            assertNull(computer.ringPlan(), "no GPU ring on the CPU");
        }
        float[] image = finalImage(stack, job);
        assertEquals(3, stack.shots());
        assertEquals(REFLECTOR_M, brightestDepthM(image, g, 10, g.nx() - 10), 20, "the stack's brightest event");
        for (int ix = 0; ix < g.nx(); ix++) {
            assertEquals(0, image[g.index(ix, 0, 0)], 0.0, "muted at the surface, column " + ix);
        }
    }

    @Test
    void oneBarPerShotDataModellingThenMigration() {
        ResolvedJob job = job(RTM);
        List<int[]> calls = new ArrayList<>();
        try (ShotComputer computer = new ShotComputer(job, ENGINE, dir.resolve("scratch"))) {
            computer.migrate(computer.shots().get(0), (step, steps) -> calls.add(new int[] {step, steps}),
                    CancellationToken.none());
        }
        int nt = job.time().steps();
        int[] last = calls.get(calls.size() - 1);
        assertEquals(last[1], last[0], "the bar ends full");
        // Synthetic data: two modellings (true model, direct wave), then two or three propagations.
        assertTrue(last[1] == 4 * nt || last[1] == 5 * nt, "total " + last[1] + " for nt " + nt);
        for (int i = 1; i < calls.size(); i++) {
            assertTrue(calls.get(i)[0] >= calls.get(i - 1)[0], "steps never go back, call " + i);
            assertTrue(calls.get(i)[0] <= calls.get(i)[1], "never past the total, call " + i);
        }
        assertEquals(4 * nt, calls.get(0)[1], "modelling announces two modellings and two propagations");
    }

    @Test
    void modellingIsTheEnginesModellingOfTheJobsShot() {
        ResolvedJob job = job(model(RTM));
        JobSpec spec = job.spec();
        try (ShotComputer computer = new ShotComputer(job, ENGINE, dir.resolve("scratch"))) {
            List<Shot> shots = computer.shots();
            assertEquals(job.geometry().shots().size(), shots.size());
            for (int i = 0; i < shots.size(); i++) {
                assertEquals(job.geometry().shots().get(i).number(), shots.get(i).number());
                assertEquals(job.geometry().shots().get(i).source(), shots.get(i).source());
            }
            assertEquals(job.time().outputS(), computer.timeS());
            for (Shot s : computer.shots()) {
                ModelledShot modelled = computer.model(s, ProgressListener.NONE, CancellationToken.none());
                ShotRecord direct = ENGINE.model(new ShotRequest(job.velocity().whole(), PhysicsOptions.of(spec.physics()),
                        s.source(), spec.wavelet().toWavelet(), s.receivers(), job.time()), ProgressListener.NONE,
                        CancellationToken.none());
                assertEquals(s.receivers().size(), modelled.traces().length);
                assertEquals(direct.timeS().count(), modelled.traces()[0].length);
                assertTrue(maxAbs(modelled.traces()) > 0, "shot " + s.number() + " recorded something");
                for (int r = 0; r < direct.receivers(); r++) {
                    assertArrayEquals(direct.trace(r), modelled.traces()[r], "shot " + s.number() + " receiver " + r);
                }
                assertEquals(direct.stats().steps(), modelled.stats().steps());
                assertEquals(direct.stats().computedPoints(), modelled.stats().computedPoints());
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, computer::migrationEngine);
            assertTrue(e.getMessage().contains("not rtm"), e.getMessage());
        }
    }

    @Test
    void aMigrationOfRecordedGathersTakesItsShotsFromTheFile() throws Exception {
        ResolvedJob modelJob = job(model(RTM));
        Path data = dir.resolve("recorded");
        Files.createDirectories(data);
        try (ShotComputer computer = new ShotComputer(modelJob, ENGINE, dir.resolve("scratch"));
                ShotGatherWriter out = GatherFiles.open(data, modelJob)) {
            // Only the last two shots were recorded.
            for (Shot s : computer.shots().subList(1, 3)) {
                out.write(s, computer.model(s, ProgressListener.NONE, CancellationToken.none()).traces());
            }
        }
        // Recorded at 4 ms, migrated at 2 ms: the traces are resampled onto the run's axis.
        ResolvedJob job = job(RTM.replace("\"synthetic\"", "\"recorded/" + GatherFiles.SHOTS_FILE + "\"")
                .replace("\"sampleS\": 0.004", "\"sampleS\": 0.002"));
        List<Shot> expected = modelJob.geometry().shots().subList(1, 3);
        try (ShotComputer computer = new ShotComputer(job, ENGINE, dir.resolve("scratch"))) {
            List<Shot> shots = computer.shots();
            assertEquals(2, shots.size());
            assertEquals(shots.size(), ShotComputer.shotsOf(job).size());
            for (int i = 0; i < shots.size(); i++) {
                assertEquals(expected.get(i).number(), shots.get(i).number());
                assertEquals(expected.get(i).source().x(), shots.get(i).source().x(), 1e-6);
                assertEquals(expected.get(i).receivers().size(), shots.get(i).receivers().size());
            }
            assertTrue(computer.dataDescription().startsWith("SEG-Y "), computer.dataDescription());
            MigratedShot m = migrate(computer, shots.get(0));
            assertEquals(2, m.shot().number());
            assertTrue(maxAbs(new float[][] {m.image().image()}) > 0, "migrated something");
        }
    }

    /**
     * Review item 5: {@code run} counts a data file's shots for its banner
     * ({@link ShotComputer#shotsOf}) and then makes the run's computer: the file's trace headers
     * are read once for both, not twice (minutes each for a file of many GB).
     */
    @Test
    void theBannersCountAndTheRunReadTheDataFilesHeadersOnce() throws Exception {
        ResolvedJob modelJob = job(model(RTM));
        Path data = dir.resolve("recorded");
        Files.createDirectories(data);
        try (ShotComputer computer = new ShotComputer(modelJob, ENGINE, dir.resolve("scratch"));
                ShotGatherWriter out = GatherFiles.open(data, modelJob)) {
            for (Shot s : computer.shots()) {
                out.write(s, computer.model(s, ProgressListener.NONE, CancellationToken.none()).traces());
            }
        }
        ResolvedJob job = job(RTM.replace("\"synthetic\"", "\"recorded/" + GatherFiles.SHOTS_FILE + "\""));
        SegyShotGathers.forgetScans();
        int before = SegyShotGathers.HEADER_SCANS.get();
        List<Shot> banner = ShotComputer.shotsOf(job);
        try (ShotComputer computer = new ShotComputer(job, ENGINE, dir.resolve("scratch"))) {
            assertEquals(banner, computer.shots());
            assertEquals(3, computer.shots().size());
        }
        assertEquals(before + 1, SegyShotGathers.HEADER_SCANS.get(), "the file's headers read once");
    }

    /** The spec with the source wavefield kept as {@code wavefield} says. */
    private static String withWavefield(String wavefield) {
        return RTM.replace("\"data\": \"synthetic\",", "\"data\": \"synthetic\", \"imaging\": { \"wavefield\": \""
                + wavefield + "\" },");
    }

    /**
     * A migration shot whose source wavefield would spill more than its scratch folder's free
     * space (injected: no disk is filled) is refused before its first step, the synthetic data's
     * modelling included, in one line with the figures.
     */
    @Test
    void aShotWhoseSpillDoesNotFitIsRefusedBeforeItsFirstStep() {
        for (String wavefield : new String[] {"disk", "boundary"}) {
            ResolvedJob job = job(withWavefield(wavefield));
            long[] free = {0};  // set below to half the spill: no disk is filled
            ScratchSpace disk = new ScratchSpace(d -> free[0]);
            Path scratch = dir.resolve("scratch-" + wavefield);
            List<int[]> progress = new ArrayList<>();
            try (ShotComputer computer = new ShotComputer(job, ENGINE, scratch).withScratchSpace(disk)) {
                long spill = computer.memoryPlan().spillBytes();
                free[0] = spill / 2;
                assertEquals(WavefieldStrategy.fromJson(wavefield), computer.memoryPlan().strategy());
                assertTrue(spill > 0, wavefield + " spills");
                Shot shot = computer.shots().get(0);
                ScratchSpaceException e = assertThrows(ScratchSpaceException.class, () -> computer.migrate(shot,
                        (s, n) -> progress.add(new int[] {s, n}), CancellationToken.none()));
                String m = e.getMessage();
                assertTrue(m.startsWith("shot FFID " + shot.number() + ": its source wavefield's "
                        + (wavefield.equals("disk") ? "snapshots" : "boundary ring") + " (strategy \"" + wavefield
                        + "\") needs " + MemoryEstimate.human(spill) + " of scratch in " + scratch
                        + ", whose file system has " + MemoryEstimate.human(free[0]) + " free"), m);
                assertTrue(m.contains("scratchDiskGiB") && m.contains("-Xmx"), "says what to do: " + m);
                assertFalse(m.contains("\n"), "one line");
                assertEquals(List.of(), progress, "no step, not even of the synthetic data's modelling");
                assertFalse(Files.exists(scratch), "nothing written");
                assertEquals(0, disk.reservedBytes());
            }
        }
    }

    /**
     * A shot that fits holds its reservation while it runs, and the reservation covers what its
     * spill really writes (sampled at every step from the open spill files' byte count, not from
     * the estimate the reservation is made of), within 10 % of it; it lets go when the shot ends.
     */
    @Test
    void aShotThatFitsHoldsItsSpillWhileItRunsAndLetsGoAfter() {
        ResolvedJob job = job(withWavefield("disk"));
        ScratchSpace disk = new ScratchSpace(d -> 2L << 30);
        Path scratch = dir.resolve("scratch");
        long[] heldMidShot = {-1};
        long[] writtenPeak = {0};
        try (ShotComputer computer = new ShotComputer(job, ENGINE, scratch).withScratchSpace(disk)) {
            ProgressListener watch = (s, n) -> {
                heldMidShot[0] = Math.max(heldMidShot[0], disk.reservedBytes());
                writtenPeak[0] = Math.max(writtenPeak[0], ScratchSpace.spilledBytes(scratch));
            };
            computer.migrate(computer.shots().get(0), watch, CancellationToken.none());
            assertTrue(writtenPeak[0] > 0, "the snapshots were spilled to " + scratch);
            assertTrue(heldMidShot[0] >= writtenPeak[0], "reserved " + heldMidShot[0] + " B, written " + writtenPeak[0]
                    + " B");
            assertTrue(heldMidShot[0] <= 1.1 * writtenPeak[0], "reserved " + heldMidShot[0] + " B for "
                    + writtenPeak[0] + " B written: more than 10 % over");
        }
        assertEquals(0, disk.reservedBytes(), "released when the shot ended");
        assertEquals(0, ScratchSpace.spilledBytes(scratch), "the spill's bytes gone with its file");
    }

    /**
     * A migration of data modelled first counts its progress in four times its steps (the data,
     * their direct wave, the source wavefield forward, the receivers' backward), rising from 0 to
     * that total; at the engine's step limit that total still fits the listener's {@code int}
     * (at the limit of 10⁹ it wrapped to a negative total above 5.4 × 10⁸ steps).
     */
    @Test
    void aMigrationOfModelledDataCountsFourPropagationsWithinTheStepLimit() {
        ResolvedJob job = job(RTM);
        int steps = job.time().steps();
        List<int[]> progress = new ArrayList<>();
        try (ShotComputer computer = new ShotComputer(job, ENGINE, dir.resolve("scratch"))) {
            computer.migrate(computer.shots().get(0), (s, n) -> progress.add(new int[] {s, n}),
                    CancellationToken.none());
        }
        int last = -1;
        for (int[] p : progress) {
            assertEquals(4 * steps, p[1], "total of every report");
            assertTrue(p[0] >= last && p[0] <= p[1], p[0] + " after " + last + " of " + p[1]);
            last = p[0];
        }
        assertEquals(4 * steps, last, "ends at the total");
        assertTrue(4L * TimeStepping.MAX_STEPS <= Integer.MAX_VALUE, "4 x " + TimeStepping.MAX_STEPS
                + " steps overflow an int");
    }

    private static MigratedShot migrate(ShotComputer computer, Shot s) {
        return computer.migrate(s, ProgressListener.NONE, CancellationToken.none());
    }

    private ImageStacker stackInShotOrder(ResolvedJob job, Map<Integer, PartialImage> byShot) {
        ImageStacker stack = new ImageStacker(job.spec().grid(), dir.resolve("stack"));
        byShot.keySet().stream().sorted().forEach(n -> stack.add(byShot.get(n)));
        return stack;
    }

    /** The stack's final image as one array ({@link FinalImage}); the stack is closed. */
    private static float[] finalImage(ImageStacker stack, ResolvedJob job) {
        try (stack) {
            return ArrayImageFiles.finished(stack, job);
        }
    }

    /**
     * Depth in metres of the brightest 20 m band (by rms) of columns {@code ix0..ix1} of
     * {@code image}, from 60 m down (below the mute's taper).
     */
    private static double brightestDepthM(float[] image, Grid g, int ix0, int ix1) {
        double best = -1;
        double bestZ = Double.NaN;
        for (double z = 60; z + 20 <= g.zAxis().last(); z += 10) {
            double r = rms(image, g, ix0, ix1, z, z + 20);
            if (r > best) {
                best = r;
                bestZ = z + 10;
            }
        }
        return bestZ;
    }

    /** Rms of {@code image} over columns {@code ix0..ix1} between depths {@code fromM} and {@code toM}. */
    private static double rms(float[] image, Grid g, int ix0, int ix1, double fromM, double toM) {
        double sum = 0;
        int n = 0;
        for (int ix = Math.max(0, ix0); ix <= Math.min(g.nx() - 1, ix1); ix++) {
            for (int iz = (int) Math.ceil(fromM / g.dz()); iz <= (int) Math.floor(toM / g.dz()); iz++) {
                double v = image[g.index(ix, 0, iz)];
                sum += v * v;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }

    private static double maxAbs(float[][] traces) {
        double m = 0;
        for (float[] t : traces) {
            for (float v : t) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }
}
