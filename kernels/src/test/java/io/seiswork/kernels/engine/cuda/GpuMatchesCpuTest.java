package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.Misfit;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRecord;
import io.seiswork.kernels.engine.ShotRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GPU against CPU on the same shot: traces must agree to relative L2 below 1e-4 (the same
 * discrete scheme; only float rounding and FMA contraction differ). Two-layer model with a
 * velocity contrast, off-grid source and receivers, C-PML on every side, with and without the
 * free surface; 2D and 3D, space orders 2, 4, 8. Skipped, with the probe's reason, where no GPU
 * is usable.
 */
class GpuMatchesCpuTest extends GpuComparisonTest {

    static ShotRequest shot(boolean threeD, int order, boolean freeSurface) {
        Grid g = threeD ? Grid.of3d(48, 40, 44, 10) : Grid.of2d(120, 90, 10);
        VelocityModel model = TwoLayerModel.on(g, 3f);
        double y = threeD ? 193.0 : 0;
        Position source = new Position(g.xAxis().last() / 2 + 3.0, y, 43.0);
        List<Position> receivers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            receivers.add(new Position(15.0 + i * (g.xAxis().last() - 30) / 11.0, threeD ? 150.0 + 7 * i : 0,
                    freeSurface ? 20.0 : 27.5));
        }
        receivers.add(new Position(g.xAxis().last() / 2, y, g.zAxis().last() - 35.0));
        PhysicsOptions physics = PhysicsOptions.defaults().withSpaceOrder(order).withBoundaryWidth(12)
                .withFreeSurface(freeSurface);
        Sampling out = new Sampling(threeD ? 90 : 160, 0.002, 0);
        return new ShotRequest(model, physics, source, RickerWavelet.of(25), receivers,
                TimeStepping.fromCfl(model, order, out));
    }

    @ParameterizedTest(name = "3D={0} order {1} free surface {2}")
    @CsvSource({"false,2,false", "false,4,false", "false,8,false", "false,8,true", "false,4,true",
            "true,2,false", "true,4,false", "true,8,false", "true,8,true", "true,2,true"})
    void tracesAgreeWithTheCpuEngine(boolean threeD, int order, boolean freeSurface) {
        ShotRequest req = shot(threeD, order, freeSurface);
        ShotRecord c = cpu.model(req, ProgressListener.NONE, CancellationToken.none());
        ShotRecord g = gpu.model(req, ProgressListener.NONE, CancellationToken.none());
        assertEquals(c.stats().steps(), g.stats().steps());
        assertEquals(c.stats().computedPoints(), g.stats().computedPoints());
        double misfit = Misfit.relativeL2(g.traces(), c.traces());
        System.out.printf("  [gpu-vs-cpu] 3D=%s order %d free surface %s: %d steps, relative L2 %.3e "
                + "(gpu %.3f Gpts/s, cpu %.3f Gpts/s)%n", threeD, order, freeSurface, g.stats().steps(), misfit,
                g.stats().gptsPerSecond(), c.stats().gptsPerSecond());
        assertTrue(misfit < 1e-4, "relative L2 " + misfit);
    }

    /**
     * The live wavefield (the desktop's view): the GPU's sections through the source, one plane
     * downloaded at each progress point, agree with the CPU's at the same steps.
     */
    @ParameterizedTest(name = "3D={0}")
    @CsvSource({"false", "true"})
    void wavefieldSectionsAgreeWithTheCpu(boolean threeD) {
        ShotRequest req = shot(threeD, 8, false);
        java.util.Map<Integer, float[]> c = sections(cpu, req);
        java.util.Map<Integer, float[]> g = sections(gpu, req);
        assertTrue(c.size() >= 20, "sections " + c.size());
        double worst = 0;
        int compared = 0;
        for (var e : c.entrySet()) {
            float[] other = g.get(e.getKey());
            if (other != null) {
                worst = Math.max(worst, Misfit.relativeL2(other, e.getValue()));
                compared++;
            }
        }
        System.out.printf("  [gpu-wavefield-vs-cpu] 3D=%s: %d sections, worst relative L2 %.3e%n", threeD, compared,
                worst);
        assertTrue(compared >= c.size() - 1, "the same steps: " + compared + " of " + c.size());
        assertTrue(worst < 1e-4, "relative L2 " + worst);
    }

    private static java.util.Map<Integer, float[]> sections(io.seiswork.kernels.engine.WaveEngine engine,
            ShotRequest req) {
        io.seiswork.kernels.WavefieldRecorder recorder = new io.seiswork.kernels.WavefieldRecorder();
        engine.model(req, recorder, CancellationToken.none());
        java.util.Map<Integer, float[]> out = new java.util.TreeMap<>();
        for (int i = 0; i < recorder.steps.size(); i++) {
            out.put(recorder.steps.get(i), recorder.sections.get(i).values());
        }
        return out;
    }

    @Test
    void progressAndCancellation() {
        ShotRequest req = shot(false, 8, false);
        List<Integer> seen = new ArrayList<>();
        gpu.model(req, (step, total) -> seen.add(step), CancellationToken.none());
        assertEquals(0, seen.get(0));
        assertEquals(req.timing().steps(), seen.get(seen.size() - 1));
        assertTrue(seen.size() > 20, "progress calls " + seen.size());
        CancellationToken token = new CancellationToken();
        assertThrows(CancelledException.class, () -> gpu.model(req, (step, total) -> {
            if (step > total / 4) {
                token.cancel();
            }
        }, token));
        // The engine is still usable after a cancelled shot.
        ShotRecord again = gpu.model(req, ProgressListener.NONE, CancellationToken.none());
        assertEquals(req.receivers().size(), again.receivers());
    }

    @Test
    void memoryCheckAcceptsAShotThatFits() {
        ShotRequest req = shot(true, 8, false);
        assertEquals(null, gpu.memoryCheck(req));
        System.out.println("  [plan] " + MemoryPlan.estimate(req.model(), req.physics(), req.receivers().size(),
                req.timing().steps()).describe() + " on " + gpu.device().describe());
    }

    @Test
    void benchmarkReportsThroughputAndBandwidth() {
        CudaBenchmark.Result r = CudaBenchmark.run(96, 20, 8, true);
        System.out.println("  [bench] " + r.describe());
        assertTrue(r.gptsPerSecond() > 0);
        assertTrue(r.peakBytesPerS() > 1e11, "peak from the device attributes: " + r.peakBytesPerS());
    }
}
