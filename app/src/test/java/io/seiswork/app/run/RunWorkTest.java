package io.seiswork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.testing.SmallSpec;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.EngineSpeed;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.RunStats;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.rtm.WavefieldStrategy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's work before it runs ({@link RunWork}) and the estimate built on it
 * ({@link RunTimeEstimator}): the points per step are what the engine then counts, the
 * propagations those the runners run, and the estimate is that work at the speed the engine
 * measured, plus the JIT warm-up a run in a fresh JVM pays, not a guess.
 */
class RunWorkTest {

    @TempDir
    Path dir;

    static final SmallSpec MODEL = SmallSpec.named("work").grid(61, 41).reflectorAt(200).lengthS(0.3)
            .shots(100, 200, 3).receivers(0, 10, 61, 20)
            .with("physics", "{ \"spaceOrder\": 4, \"boundary\": { \"type\": \"cpml\", \"width\": 12 }, \"freeSurface\": true }")
            .onCpu();

    private ResolvedJob job(SmallSpec spec) {
        return JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(spec.json(), "spec", "work"), "spec");
    }

    private static SmallSpec rtm(SmallSpec model) {
        return model.rtm("synthetic");
    }

    @Test
    void pointsPerStepAreWhatTheEngineUpdates() {
        ResolvedJob job = job(MODEL);
        RunWork w = RunWork.of(job, job.geometry().shots(), false, null);
        Shot first = job.geometry().shots().get(0);
        ShotRequest shot = new ShotRequest(job.velocity().whole(), new PhysicsOptions(4, 12, true), first.source(),
                job.spec().wavelet().toWavelet(), first.receivers(), job.time());
        try (CpuWaveEngine cpu = new CpuWaveEngine(1)) {
            RunStats stats = cpu.model(shot, ProgressListener.NONE, CancellationToken.none()).stats();
            assertEquals(stats.computedPoints(), w.pointsPerStep());
            assertEquals(stats.steps(), w.steps());
            // The user's grid alone, as run.json's userGptsPerSecond counts it: fewer points than the engine updates.
            var g = job.spec().grid();
            assertEquals((double) g.nx() * g.ny() * g.nz() / stats.computedPoints(), w.userShare(), 1e-12);
            assertTrue(w.userShare() < 1, "the absorbing layers are left out: " + w.userShare());
        }
        assertEquals(1, w.propagationsPerShot());
        assertEquals(0, w.migrationPropagations());
        assertEquals(3.0 * w.pointsPerStep() * w.steps(), w.pointUpdates(), 1e-6);
    }

    @Test
    void withAMigrationApertureThePointsPerStepAreTheMeanOfTheShotsWindows() {
        ResolvedJob whole = job(rtm(MODEL));
        // Each shot records the receivers within 60 m of it; its window reaches 50 m further.
        ResolvedJob windowed = job(rtm(MODEL).spread("{ \"moving\": { \"minOffset\": 0, \"maxOffset\": 60 } }")
                .with("imaging", "{ \"aperture\": 50 }"));
        List<Shot> shots = windowed.geometry().shots();
        double sum = 0;
        double user = 0;
        for (Shot s : shots) {
            Grid w = ShotWindow.of(windowed.spec().grid(), s, 50.0).grid();
            sum += RunWork.computedPoints(w, windowed.spec());
            user += (double) w.nx() * w.ny() * w.nz();
        }
        RunWork work = RunWork.of(windowed, shots, false, WavefieldStrategy.MEMORY);
        assertEquals(Math.round(sum / shots.size()), work.pointsPerStep());
        // The user's share is the windows' too, as the migration counts its Gpts/s: never the whole
        // grid, which for a survey is larger than any propagation and cannot be padded.
        assertEquals(user / sum, work.userShare(), 1e-12);
        assertTrue(work.pointsPerStep() < RunWork.of(whole, whole.geometry().shots(), false, WavefieldStrategy.MEMORY)
                .pointsPerStep(), "windows are smaller than the model");
    }

    @Test
    void aMigrationShotIsTwoOrThreePropagationsPlusItsModelledData() {
        ResolvedJob job = job(rtm(MODEL));
        // Synthetic data: each shot's data and its direct wave are modelled (SyntheticData), two propagations.
        assertEquals(2, RunWork.of(job, job.geometry().shots(), false, WavefieldStrategy.BOUNDARY).modellingPropagations());
        assertEquals(5, RunWork.of(job, job.geometry().shots(), false, WavefieldStrategy.BOUNDARY).propagationsPerShot());
        assertEquals(3, RunWork.of(job, job.geometry().shots(), false, WavefieldStrategy.BOUNDARY).migrationPropagations());
        assertEquals(4, RunWork.of(job, job.geometry().shots(), false, WavefieldStrategy.MEMORY).propagationsPerShot());
        assertEquals(4, RunWork.of(job, job.geometry().shots(), false, WavefieldStrategy.DISK).propagationsPerShot());
        assertEquals(5, RunWork.of(job, job.geometry().shots(), true, WavefieldStrategy.MEMORY).propagationsPerShot());
        assertEquals(3, RunWork.migrationPropagations(true, null));
    }

    @Test
    void theEstimateIsTheWorkAtTheMeasuredSpeed() {
        ResolvedJob job = job(rtm(MODEL));
        RunTimeEstimator.Estimate e = RunTimeEstimator.estimate(job, CancellationToken.none());
        assertEquals(3, e.work().shots());
        assertTrue(e.work().propagationsPerShot() == 4 || e.work().propagationsPerShot() == 5, e.describe());
        assertTrue(e.gptsPerSecond() > 0 && Double.isFinite(e.gptsPerSecond()), e.describe());
        assertTrue(e.startupSeconds() >= 0 && e.migration().median() > 0, e.toString());
        // The data's modelling at the modelling speed, the migration at its own measured step.
        RunWork w = e.work();
        assertEquals(2, w.modellingPropagations());
        double modelling = 2.0 * w.pointsPerStep() / (e.gptsPerSecond() * 1e9);
        assertEquals(e.startupSeconds() + 3.0 * w.steps() * (modelling + e.migration().median()), e.seconds(),
                1e-9 * e.seconds());
        assertTrue(e.describe().contains(" ms per migration step, measured on the first shot"), e.describe());
        assertTrue(e.describe().startsWith(e.seconds() < 1 ? "under a second on this machine now" : "about "), e.describe());
        assertTrue(e.describe().contains("on cpu ("), e.describe());
        assertTrue(e.describe().contains("3 shots × " + e.work().propagationsPerShot() + " propagations × "
                + e.work().steps() + " steps"), e.describe());
        System.out.println("  [estimate] " + e.describe());
        if (e.settled()) {
            assertFalse(e.describe().contains("JIT"), e.describe());
        }
        EngineSpeed.Measured m = e.modelling();
        EngineSpeed.Measured compiling = new EngineSpeed.Measured(m.timed().scaled(30), m.pointsPerStep(), m.warmUp(),
                false);
        RunTimeEstimator.Estimate early = new RunTimeEstimator.Estimate(e.work(), e.engine(), compiling,
                e.migration().scaled(30), e.startupSeconds(), e.warmUpSeconds(), e.imageBytes(), new MachineLoad(0, 2));
        assertTrue(early.describe().contains("measured on the first shot (timed while the JIT was still compiling, so"
                + " the engine may not have been compiled yet: it may take less)"), early.describe());
    }

    @Test
    void aCancelledEstimateStops() {
        ResolvedJob job = job(MODEL);
        CancellationToken cancelled = CancellationToken.none();
        cancelled.cancel();
        assertThrows(CancelledException.class, () -> RunTimeEstimator.estimate(job, cancelled));
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertEquals("under a second", RunTimeEstimator.duration(0.4));
        assertEquals("12 s", RunTimeEstimator.duration(12.2));
        assertEquals("2 min 10 s", RunTimeEstimator.duration(130));
        assertEquals("5 min", RunTimeEstimator.duration(300));
        assertEquals("3 h 20 min", RunTimeEstimator.duration(12_000));
        assertEquals("2 d 5 h", RunTimeEstimator.duration(2 * 86_400 + 5 * 3600));
    }
}
