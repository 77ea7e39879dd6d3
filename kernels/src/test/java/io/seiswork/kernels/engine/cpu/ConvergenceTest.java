package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.Misfit;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Halving the grid spacing, with the same physics and a time step fine enough that time
 * dispersion is negligible, divides the misfit to the analytic 2D Green's function by about
 * 2^order: the spatial error of the stencil dominates and converges at its design order.
 */
class ConvergenceTest {

    private static final double V = 2000;
    private static final RickerWavelet W = new RickerWavelet(10, 1.5 / 10);   // λmin = 80 m
    private static final double DT = 2.5e-4;
    private static final Sampling OUT = new Sampling(251, 0.002, 0);

    @ParameterizedTest(name = "order {0}: h = {1} m and {1}/2 m, rate at least {2}")
    @CsvSource({"2, 10, 1.8", "4, 20, 3.5"})
    void misfitFallsAtTheRateOfTheSpaceOrder(int order, double coarseM, double minRate) {
        double coarse = misfit(order, coarseM);
        double fine = misfit(order, coarseM / 2);
        double rate = Math.log(coarse / fine) / Math.log(2);
        System.out.printf("convergence order %d: misfit %.4f %% (h = %.1f m) -> %.4f %% (h = %.1f m), rate %.2f%n",
                order, 100 * coarse, coarseM, 100 * fine, coarseM / 2, rate);
        assertTrue(rate >= minRate, "order " + order + " converges at rate " + rate);
        assertTrue(rate <= order + 1.0, "order " + order + " rate " + rate + " is implausibly high");
    }

    private static double misfit(int order, double h) {
        int nx = (int) Math.round(1200 / h) + 1;
        int nz = (int) Math.round(800 / h) + 1;
        VelocityModel model = VelocityModel.constant(Grid.of2d(nx, nz, h), (float) V);
        Position src = new Position(400, 0, 400);
        Position rec = new Position(800, 0, 400);
        PhysicsOptions physics = PhysicsOptions.defaults().withSpaceOrder(order);
        ShotRequest req = new ShotRequest(model, physics, src, W, List.of(rec),
                TimeStepping.of(DT, model, order, OUT));
        float[] num = Shots.ENGINE.model(req, ProgressListener.NONE, CancellationToken.none()).trace(0);
        return Misfit.relativeL2(num, AnalyticGreen.trace(false, W, src.distanceTo(rec), V, OUT));
    }
}
