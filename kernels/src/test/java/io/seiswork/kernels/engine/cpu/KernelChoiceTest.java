package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    private static final KernelChoice PER = KernelChoice.perPropagation();

    /** A job's choice weighs the job's work, whatever the propagation's own. */
    @Test
    void aJobsChoiceWeighsTheJobsWorkNotThePropagations() {
        KernelChoice many = KernelChoice.forJob(200 * 5.4e6);
        assertTrue(many.vectorFor(21_456, 251, null), "a small shot of a survey of 200 of them");
        KernelChoice one = KernelChoice.forJob(5.4e6);
        assertFalse(one.vectorFor(21_456, 251, null), "the job's only small shot");
        assertFalse(KernelChoice.forJob(LIMIT - 1).vectorFor(21_456, 251, null));
        assertTrue(KernelChoice.forJob(LIMIT).vectorFor(21_456, 251, null), "at the limit");
        assertFalse(many.vectorFor(21_456, 251, "false"), "forced scalar");
        assertTrue(one.vectorFor(21_456, 251, "true"), "forced vector");
        assertThrows(IllegalArgumentException.class, () -> KernelChoice.forJob(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> KernelChoice.forJob(-1));
    }

    /** The engine's name says which kernels a job's engine runs: they decide the results' last bits (resume compares it). */
    @Test
    void theEnginesNameSaysTheJobsKernels() {
        assumeTrue(ColumnKernel.vectorAvailable(), "the jdk.incubator.vector module is not in this JVM");
        String old = System.clearProperty(KernelChoice.PROPERTY);
        try (CpuWaveEngine scalar = new CpuWaveEngine(1, KernelChoice.forJob(1e6));
                CpuWaveEngine vector = new CpuWaveEngine(2, KernelChoice.forJob(1e9))) {
            assertEquals("cpu (1 thread, scalar)", scalar.name());
            assertEquals("cpu (2 threads, Vector API)", vector.name());
            System.setProperty(KernelChoice.PROPERTY, "false");
            assertEquals("cpu (2 threads, scalar)", vector.name());
        } finally {
            restore(old);
        }
    }

    private static void restore(String old) {
        if (old != null) {
            System.setProperty(KernelChoice.PROPERTY, old);
        } else {
            System.clearProperty(KernelChoice.PROPERTY);
        }
    }

    @Test
    void smallWorkTakesTheScalarKernelsAndLargeWorkTheVectorOnes() {
        assertFalse(PER.vectorFor(21_456, 251, null), "a 101 x 81 2D shot of 251 steps");
        assertFalse(PER.vectorFor(LIMIT / 1000, 999, null));
        assertTrue(PER.vectorFor(LIMIT / 1000, 1000, null), "at the limit");
        assertFalse(PER.vectorFor(296L * 296 * 304, 2, null), "a 256^3 shot of two steps");
        assertTrue(PER.vectorFor(296L * 296 * 304, 8, null), "a 256^3 shot of eight steps");
        assertTrue(PER.vectorFor(Long.MAX_VALUE / 2, 1_000_000_000, null), "no overflow");
    }

    @Test
    void thePropertyForcesEitherFamilyWhateverTheWork() {
        assertTrue(PER.vectorFor(100, 10, "true"));
        assertTrue(PER.vectorFor(100, 10, "TRUE"));
        assertFalse(PER.vectorFor(LIMIT, 1000, "false"));
        assertFalse(PER.vectorFor(100, 10, "anything else"), "not a forcing value: the rule");
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
            restore(old);
        }
    }
}
