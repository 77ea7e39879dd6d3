package io.seiswork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.testing.SmallSpec;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.EngineSpeed;
import io.seiswork.kernels.engine.StepTimes;
import io.seiswork.kernels.engine.WarmUp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an estimate says ({@link RunTimeEstimator.Estimate#describe}) on an idle and on a busy
 * machine, and how it is measured again while the JIT is still compiling: from measurements the
 * test chose, so the figures are known to the second.
 */
class RunTimeEstimatorTest {

    @TempDir
    Path dir;

    /**
     * 3 shots of 1,000 steps of 1,000,000 points, 640,000 of them the user's grid: at t seconds a
     * step, the shots take 3,000 t.
     */
    private static final RunWork WORK = new RunWork(3, 1, 0, 1_000_000, 1000, 0.64);

    private static final MachineLoad IDLE = new MachineLoad(0.5, 2);

    private static final StepTimes NO_MIGRATION = new StepTimes(0, 0, 0);

    /** A settled measurement of {@link #WORK}'s shot whose timed runs took these seconds a step, no warm-up. */
    private static EngineSpeed.Measured timed(double median, double fastest, double slowest) {
        return new EngineSpeed.Measured(new StepTimes(median, fastest, slowest), WORK.pointsPerStep(), new WarmUp(0, 0),
                true);
    }

    private static RunTimeEstimator.Estimate estimate(EngineSpeed.Measured m, double startup, MachineLoad load) {
        return estimate(m, startup, startup, load);
    }

    private static RunTimeEstimator.Estimate estimate(EngineSpeed.Measured m, double startup, double warmUp,
            MachineLoad load) {
        return new RunTimeEstimator.Estimate(WORK, "cpu (2 threads)", m, NO_MIGRATION, startup, warmUp, 0, load);
    }

    @Test
    void onAnIdleMachineWithTimedRunsThatAgreeItIsTheFigureAndAtLeastTheIdleSpread() {
        RunTimeEstimator.Estimate e = estimate(timed(10e-3, 9.8e-3, 10.3e-3), 2, IDLE);
        assertEquals(2 + 30, e.seconds(), 1e-9, "start-up and 3,000 steps at the median 10 ms");
        // The timed runs' 31.4 s to 32.9 s is narrower than runs went on an idle machine: 0.75 to 1.3 × 32 s.
        assertEquals(24, e.lowSeconds(), 1e-9);
        assertEquals(41.6, e.highSeconds(), 1e-9);
        assertEquals("about 32 s on this machine now; 24 s to 42 s", e.headline());
        assertEquals("about 32 s on this machine now; 24 s to 42 s, on cpu (2 threads): 3 shots × 1,000 steps of"
                + " 1,000,000 points (absorbing layers included), at 0.0640 Gpts/s on the user's grid, 0.100 with the"
                + " absorbing layers, measured on the first shot at load 0.5 on 2 cores; the range: the timed runs"
                + " (0.0621 to 0.0653 Gpts/s on the user's grid), and at least -25 % to +30 % (as runs went on an idle"
                + " machine)", e.describe());
    }

    @Test
    void theRangeScalesTheTimedRunsByTheLoadOfTheLastQuarterHour() {
        // Measured at a load of 10 on 2 cores, which was 4 and 20 in the last 15 minutes: at 20 the
        // run gets half the cores it got at 10, at 4 (and below) 2.5 × as much.
        MachineLoad load = new MachineLoad(10, 4, 20, 2);
        assertEquals(2, load.timeFactor(20), 1e-12);
        assertEquals(0.4, load.timeFactor(4), 1e-12);
        assertEquals(0.2, load.timeFactor(1), 1e-12, "below the cores the run has them all");
        assertEquals(1, new MachineLoad(0.5, 2).timeFactor(1.9), 1e-12, "idle then and now");
        assertEquals(1, new MachineLoad(-1, 2).timeFactor(20), 1e-12, "an unknown load scales nothing");
        RunTimeEstimator.Estimate e = estimate(timed(10e-3, 9e-3, 12e-3), 0, load);
        assertEquals(30, e.seconds(), 1e-9, "the figure: the median at the load it was measured at");
        assertEquals(27 * 0.4, e.lowSeconds(), 1e-9, "the fastest timed runs at the lowest load");
        assertEquals(36 * 2, e.highSeconds(), 1e-9, "the slowest at the highest");
        assertEquals("about 30 s on this machine now; 11 s to 1 min 12 s", e.headline());
        assertTrue(e.describe().contains("measured on the first shot at load 10.0 on 2 cores, 4.0 to 20.0 over the"
                + " last 15 minutes; the range: the timed runs (0.0533 to 0.0711 Gpts/s on the user's grid), the load of"
                + " the last 15 minutes (the run goes slower or faster as other programs' load comes and goes), and"),
                e.describe());
        assertTrue(e.describe().contains(" idle machine)"), e.describe());
        assertTrue(load.busy());
        assertFalse(new MachineLoad(-1, 2).busy(), "an unknown load is not busy");
    }

    @Test
    void theSlowEndCountsTheJitsWarmUpEvenInThisJvm() {
        // The measurement's warm-ups took 15 s beyond the speed: a fresh JVM pays them before its
        // steps, the desktop's JVM (compiled by the measurement) not in its figure, but in its slow end.
        RunTimeEstimator.Estimate here = estimate(timed(10e-3, 9e-3, 12e-3), 0, 15, IDLE);
        assertEquals(30, here.seconds(), 1e-9);
        assertEquals(36 + 15, here.highSeconds(), 1e-9, "the slowest timed runs and the warm-up again");
        assertTrue(here.describe().contains(", the JIT compiling again (15.0 s), and"), here.describe());
        RunTimeEstimator.Estimate fresh = estimate(timed(10e-3, 9e-3, 12e-3), 15, 15, IDLE);
        assertEquals(45, fresh.seconds(), 1e-9, "the start-up before 3,000 steps at 10 ms");
        assertEquals(Math.max(36 + 15, 1.3 * 45), fresh.highSeconds(), 1e-9, "paid once, not twice");
        assertEquals("about 45 s on this machine now; 34 s to 59 s", fresh.headline());
        assertFalse(fresh.describe().contains("compiling again"), fresh.describe());
        // A small job: 3 steps of a millisecond, 2 s of warm-up in a fresh JVM: the start-up is the run.
        RunTimeEstimator.Estimate small = new RunTimeEstimator.Estimate(new RunWork(1, 1, 0, 1_000_000, 3, 0.64),
                "cpu (2 threads)", timed(1e-3, 1e-3, 1e-3), NO_MIGRATION, 2, 2, 0, IDLE);
        assertEquals("about 2 s on this machine now; 2 s to 3 s", small.headline());
        RunTimeEstimator.Estimate tiny = new RunTimeEstimator.Estimate(new RunWork(1, 1, 0, 1_000_000, 3, 0.64),
                "cpu (2 threads)", timed(1e-3, 1e-3, 1e-3), NO_MIGRATION, 0, 0, 0, IDLE);
        assertEquals("under a second on this machine now", tiny.headline());
    }

    private ResolvedJob job() {
        SmallSpec spec = SmallSpec.named("est").grid(41, 31).reflectorAt(150).lengthS(0.1).shots(100, 100, 2)
                .receivers(0, 10, 41, 10).onCpu();
        return JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(spec.json(), "spec", "est"), "spec");
    }

    /**
     * The measurements: the first two timed while the JIT compiled (30 ms a step, 20 s of
     * warm-up over 700 steps each), the third settled at 1 ms with 0.5 s of warm-up over 100
     * steps. A run in a fresh JVM pays the JIT's time in all three, each beyond the settled speed.
     */
    @Test
    void anUnsettledMeasurementIsMeasuredAgainAndItsWarmUpCounted() {
        ResolvedJob job = job();
        List<RunTimeEstimator.Estimate> interim = new ArrayList<>();
        int[] calls = {0};
        RunTimeEstimator.SpeedMeter meter = (engine, shot, runSteps, cancel) -> {
            calls[0]++;
            return calls[0] < 3
                    ? new EngineSpeed.Measured(new StepTimes(30e-3, 29e-3, 31e-3), 1000, new WarmUp(20, 700), false)
                    : new EngineSpeed.Measured(new StepTimes(1e-3, 1e-3, 1e-3), 1000, new WarmUp(0.5, 100), true);
        };
        RunTimeEstimator.Estimate e = RunTimeEstimator.estimate(job, job.geometry().shots(), 1,
                RunTimeEstimator.RunsIn.A_FRESH_JVM, CancellationToken.none(), interim::add, meter);
        assertEquals(3, calls[0]);
        assertEquals(2, interim.size(), "each unsettled estimate shown before measuring again");
        assertTrue(interim.get(0).describe().contains(RunTimeEstimator.Estimate.UNSETTLED), interim.get(0).describe());
        assertTrue(e.settled());
        assertEquals(2 * (20 - 700 * 1e-3) + (0.5 - 100 * 1e-3), e.startupSeconds(), 1e-9);
        assertFalse(e.describe().contains("JIT"), e.describe());

        calls[0] = 0;
        RunTimeEstimator.Estimate here = RunTimeEstimator.estimate(job, job.geometry().shots(), 1,
                RunTimeEstimator.RunsIn.THIS_JVM, CancellationToken.none(), x -> { }, meter);
        assertEquals(0, here.startupSeconds(), "the measurement compiled this JVM's kernels: nothing left to pay");
    }

    @Test
    void measuringStopsAfterItsAttemptsAndSaysItIsUnsettled() {
        ResolvedJob job = job();
        int[] calls = {0};
        int[] interim = {0};
        RunTimeEstimator.Estimate e = RunTimeEstimator.estimate(job, job.geometry().shots(), 1,
                RunTimeEstimator.RunsIn.A_FRESH_JVM, CancellationToken.none(), x -> interim[0]++,
                (engine, shot, runSteps, cancel) -> {
                    calls[0]++;
                    return new EngineSpeed.Measured(new StepTimes(30e-3, 29e-3, 31e-3), 1000, new WarmUp(20, 700),
                            false);
                });
        assertEquals(RunTimeEstimator.ATTEMPTS, calls[0]);
        assertEquals(RunTimeEstimator.ATTEMPTS - 1, interim[0]);
        assertFalse(e.settled());
        assertTrue(e.describe().contains("measured on the first shot" + RunTimeEstimator.Estimate.UNSETTLED),
                e.describe());
    }
}
