package io.seiswork.kernels.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.cpu.CpuBenchmark;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.engine.cpu.KernelChoice;
import io.seiswork.kernels.engine.cuda.CudaProbe;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineSelectionTest {

    /** Each propagation on its own work's kernels: a selection without a job. */
    private static final KernelChoice PER = KernelChoice.perPropagation();
    /** A job's choice, which every CPU engine the selection makes must take. */
    private static final KernelChoice JOB = KernelChoice.forJob(1e9);

    @Test
    void modelsAShotWithTheResolvedTimingAndReportsItsCost() {
        VelocityModel model = VelocityModel.constant(Grid.of2d(81, 61, 10), 2000f);
        Sampling out = new Sampling(101, 0.004, 0);
        PhysicsOptions physics = PhysicsOptions.defaults();
        TimeStepping timing = TimeStepping.fromCfl(model, physics.spaceOrder(), out);
        EngineSelection selection = EngineSelection.select(EngineChoice.AUTO, null, PER);
        assertTrue(selection.reason().contains(CudaProbe.available() ? "GPU" : "CPU"), selection.reason());
        try (WaveEngine engine = selection.engine()) {
            ShotRecord r = engine.model(ShotRequest.of(model, physics, new Position(400, 0, 100),
                    RickerWavelet.of(10),
                    List.of(new Position(200, 0, 100), new Position(600, 0, 100), new Position(400, 0, 500)), out),
                    ProgressListener.NONE, CancellationToken.none());
            assertEquals(3, r.receivers());
            assertEquals(out.count(), r.trace(0).length);
            assertEquals(timing.steps(), r.stats().steps());
            assertEquals(timing.dtS(), r.stats().dtS());
            assertTrue(r.stats().gptsPerSecond() > 0);
            // Symmetric receivers record the same trace.
            for (int i = 0; i < out.count(); i++) {
                assertEquals(r.trace(0)[i], r.trace(1)[i], 1e-6 * Math.abs(r.trace(0)[i]) + 1e-12);
            }
        }
    }

    @Test
    void gpuIsRefusedWithTheReasonNotDowngraded() {
        assumeFalse(CudaProbe.available(), "a GPU is usable here: " + CudaProbe.reason());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineSelection.select(EngineChoice.GPU, null, PER));
        System.out.println("  [no-gpu] select(GPU) throws: " + e.getMessage());
        assertTrue(e.getMessage().contains("\"gpu\" requested but no GPU is usable: " + CudaProbe.reason()),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void autoWithoutAGpuRunsOnTheCpuAndSaysWhy() {
        assumeFalse(CudaProbe.available(), "a GPU is usable here: " + CudaProbe.reason());
        EngineSelection s = EngineSelection.select(EngineChoice.AUTO, null, JOB);
        try (WaveEngine engine = s.engine()) {
            System.out.println("  [no-gpu] select(AUTO): " + engine.name() + " -- " + s.reason());
            assertSame(JOB, assertInstanceOf(CpuWaveEngine.class, engine).kernels(), "the job's kernels");
            assertEquals("engine \"auto\": using the CPU, no usable GPU: " + CudaProbe.reason(), s.reason());
            assertFalse(s.reason().contains("\n"), "one line");
            assertFalse(s.reason().contains("Exception") || s.reason().contains("Error"), s.reason());
        }
    }

    @Test
    void migrationWithoutAGpuTakesTheCpuOrIsRefusedWithTheReason() {
        assumeFalse(CudaProbe.available(), "a GPU is usable here: " + CudaProbe.reason());
        VelocityModel model = VelocityModel.constant(Grid.of2d(41, 31, 10), 2000f);
        ShotRequest typical = ShotRequest.of(model, PhysicsOptions.defaults(), new Position(200, 0, 20),
                RickerWavelet.of(10), List.of(new Position(100, 0, 20)), new Sampling(51, 0.004, 0));
        EngineSelection s = EngineSelection.selectMigration(EngineChoice.AUTO, typical, JOB);
        try (WaveEngine engine = s.engine()) {
            assertSame(JOB, assertInstanceOf(CpuWaveEngine.class, engine).kernels(), "the job's kernels");
            assertEquals("engine \"auto\": using the CPU, no usable GPU: " + CudaProbe.reason(), s.reason());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineSelection.selectMigration(EngineChoice.GPU, typical, JOB));
        System.out.println("  [no-gpu] selectMigration(GPU) throws: " + e.getMessage());
        assertTrue(e.getMessage().contains("\"gpu\" requested but no GPU is usable: " + CudaProbe.reason()),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        try (WaveEngine engine = EngineSelection.selectMigration(EngineChoice.CPU, typical, JOB).engine()) {
            assertSame(JOB, assertInstanceOf(CpuWaveEngine.class, engine).kernels(), "the job's kernels");
        }
    }

    @Test
    void receiversOutsideTheGridAreRejectedNamingThem() {
        VelocityModel model = VelocityModel.constant(Grid.of2d(11, 11, 10), 2000f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShotRequest.of(model,
                PhysicsOptions.defaults(), new Position(50, 0, 50), RickerWavelet.of(10),
                List.of(new Position(50, 0, 150)), new Sampling(10, 0.004, 0)));
        assertTrue(e.getMessage().contains("receiver 0"), e.getMessage());
    }

    @Test
    void benchmarkReportsThroughput() {
        for (CpuBenchmark.Mode mode : CpuBenchmark.Mode.values()) {
            CpuBenchmark.Result r = CpuBenchmark.run(new CpuBenchmark.Config(32, 32, 32, 4, 8, 2, mode, 1, 3));
            assertTrue(r.gptsPerSecond() > 0, mode.toString());
            assertTrue(r.computedPoints() >= 32L * 32 * 32, mode.toString());
            assertTrue(r.computedGptsPerSecond() >= r.gptsPerSecond(), mode.toString());
        }
    }
}
