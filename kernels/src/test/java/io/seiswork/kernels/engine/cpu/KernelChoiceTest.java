package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule that puts a small shot on the scalar kernels (the vector kernels' JIT warm-up costs
 * more than such a shot's whole run) and everything else on the vector ones, and the property
 * that overrides it. The rule is tested, not its timings (docs/engine.md has those).
 */
class KernelChoiceTest {

    private static final long LIMIT = KernelChoice.SCALAR_BELOW_POINT_STEPS;

    @Test
    void smallWorkTakesTheScalarKernelsAndLargeWorkTheVectorOnes() {
        assertFalse(KernelChoice.vectorFor(21_456, 251, null), "a 101 x 81 2D shot of 251 steps");
        assertFalse(KernelChoice.vectorFor(LIMIT / 1000, 999, null));
        assertTrue(KernelChoice.vectorFor(LIMIT / 1000, 1000, null), "at the limit");
        assertFalse(KernelChoice.vectorFor(296L * 296 * 304, 2, null), "a 256^3 shot of two steps");
        assertTrue(KernelChoice.vectorFor(296L * 296 * 304, 8, null), "a 256^3 shot of eight steps");
        assertTrue(KernelChoice.vectorFor(Long.MAX_VALUE / 2, 1_000_000_000, null), "no overflow");
    }

    @Test
    void thePropertyForcesEitherFamilyWhateverTheWork() {
        assertTrue(KernelChoice.vectorFor(100, 10, "true"));
        assertTrue(KernelChoice.vectorFor(100, 10, "TRUE"));
        assertFalse(KernelChoice.vectorFor(LIMIT, 1000, "false"));
        assertFalse(KernelChoice.vectorFor(100, 10, "anything else"), "not a forcing value: the rule");
    }

    /** The engine's propagators follow the rule with the property unset (the kernels' tests set it true). */
    @Test
    void theEnginesPropagatorTakesTheKernelsTheShotsWorkCallsFor() {
        assumeTrue(ColumnKernel.vectorAvailable(), "the jdk.incubator.vector module is not in this JVM");
        String old = System.clearProperty(KernelChoice.PROPERTY);
        try (CpuWaveEngine engine = new CpuWaveEngine(1)) {
            Grid g = Grid.of2d(101, 81, 10);
            VelocityModel model = VelocityModel.constant(g, 2000f);
            PhysicsOptions physics = PhysicsOptions.defaults();
            long points = new PaddedGrid(g, physics.boundaryWidth(), physics.operator().radius(), false)
                    .computedPoints();
            Sampling out = new Sampling(126, 0.002, 0);
            ShotRequest small = new ShotRequest(model, physics, new Position(500, 0, 20),
                    new RickerWavelet(15, 0.1), List.of(new Position(100, 0, 20)),
                    TimeStepping.of(0.001, model, 8, out));
            assertEquals(251, small.timing().steps());
            assertEquals("scalar", engine.propagator(small).kernelName());
            int steps = (int) (LIMIT / points + 1);
            ShotRequest large = small.withTiming(new TimeStepping(0.001, steps, out));
            assertTrue(engine.propagator(large).kernelName().startsWith("vector"),
                    engine.propagator(large).kernelName());
        } finally {
            if (old != null) {
                System.setProperty(KernelChoice.PROPERTY, old);
            }
        }
    }
}
