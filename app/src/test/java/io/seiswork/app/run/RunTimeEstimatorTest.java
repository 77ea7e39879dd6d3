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
        return new RunTimeEstimator.Estimate(WORK, "cpu (2 threads)", m, NO_MIGRATION, startup, 0, load);
    }

    @Test
    void onAnIdleMachineWithTimedRunsThatAgreeItIsOneFigure() {
        RunTimeEstimator.Estimate e = estimate(timed(10e-3, 9.8e-3, 10.3e-3), 2, IDLE);
        assertEquals(2 + 30, e.seconds(), 1e-9, "start-up and 3,000 steps at the median 10 ms");
        assertFalse(e.uncertain(), e.describe());
        assertEquals("about 32 s on cpu (2 threads): 3 shots × 1,000 steps of 1,000,000 points (absorbing layers"
                + " included), at 0.0640 Gpts/s on the user's grid, 0.100 with the absorbing layers, measured on the"
                + " first shot", e.describe());
    }

    @Test
    void onABusyMachineItIsTheMedianWithTheTimedRunsRangeAndSaysWhy() {
        // At a load of 9.8 on 2 cores the timed runs went at 5 to 16 ms a step, the median 10.
        RunTimeEstimator.Estimate e = estimate(timed(10e-3, 5e-3, 16e-3), 2, new MachineLoad(9.8, 2));
        assertTrue(e.uncertain());
        assertEquals(32, e.seconds(), 1e-9);
        assertEquals(17, e.fastestSeconds(), 1e-9);
        assertEquals(50, e.slowestSeconds(), 1e-9);
        assertEquals("about 32 s (17 s to 50 s) on cpu (2 threads): 3 shots × 1,000 steps of 1,000,000 points"
                + " (absorbing layers included), at 0.0640 Gpts/s on the user's grid, 0.100 with the absorbing layers,"
                + " measured on the first shot; this machine is busy (load 9.8 on 2 cores) and the timed runs went at"
                + " 0.0400 to 0.128 Gpts/s on the user's grid: the run takes longer or less as other programs' load"
                + " comes and goes", e.describe());
        // Busy even when the timed runs happened to agree: its load may change before the run.
        RunTimeEstimator.Estimate agreeing = estimate(timed(10e-3, 9.9e-3, 10.1e-3), 2, new MachineLoad(3.1, 2));
        assertTrue(agreeing.describe().startsWith("about 32 s on cpu")
                && agreeing.describe().contains(RunTimeEstimator.Estimate.BUSY + "load 3.1 on 2 cores)"),
                agreeing.describe());
    }

    @Test
    void timedRunsThatSpreadWidelyGiveARangeOnAnIdleMachineToo() {
        RunTimeEstimator.Estimate e = estimate(timed(10e-3, 8e-3, 13e-3), 0, IDLE);
        assertTrue(e.describe().startsWith("about 30 s (24 s to 39 s) on cpu"), e.describe());
        assertTrue(e.describe().endsWith("measured on the first shot; the timed runs went at 0.0492 to 0.0800 Gpts/s"
                + " on the user's grid"),
                e.describe());
        assertFalse(e.describe().contains("busy"), e.describe());
        // An unknown load (-1 where the system gives none) is not busy.
        assertFalse(new MachineLoad(-1, 2).busy());
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
