package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.PhysicsSpec;
import io.seiswork.core.spec.ShotTraces;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "auto" takes the fastest strategy that fits; the figures are the job resolver's. With its ring on
 * disk, boundary saving needs less heap than disk snapshots, and on large grids (ring cells × k <
 * volume: n > 6·r·k for an n³ cube, r the stencil radius) less scratch too, so the case is a
 * 400 × 400 × 200 model (figures only, nothing is allocated).
 */
class MemoryPlanTest {

    private static ShotRequest request() {
        Grid g = Grid.of3d(400, 400, 200, 10);
        return ShotRequest.of(VelocityModel.constant(g, 2000), PhysicsOptions.defaults(), new Position(1000, 1000, 20),
                RickerWavelet.of(15), List.of(new Position(500, 500, 20)), new Sampling(751, 0.004, 0));
    }

    @Test
    void autoPrefersSnapshotsThenBoundaryThenDisk() {
        ShotRequest r = request();
        MemoryPlan any = MemoryPlan.of(r, "auto", Long.MAX_VALUE);
        assertEquals(WavefieldStrategy.MEMORY, any.strategy());
        assertTrue(any.boundaryBytes() < any.memoryBytes(), any.toString());
        assertTrue(any.boundaryBytes() < any.diskBytes(), any.toString());
        assertTrue(any.boundaryScratchBytes() < any.diskScratchBytes(), any.toString());
        assertEquals(WavefieldStrategy.BOUNDARY, MemoryPlan.of(r, "auto", any.memoryBytes() - 1).strategy());
        assertEquals(WavefieldStrategy.DISK, MemoryPlan.of(r, "auto", any.boundaryBytes() - 1).strategy());
        assertEquals(WavefieldStrategy.MEMORY, MemoryPlan.of(r, "memory", 1).strategy());
        System.out.println("3D 400x400x200, 3 s: " + any);
    }

    @Test
    void figuresAreTheResolversAndTheIntervalIsNyquist() {
        ShotRequest r = request();
        MemoryPlan p = MemoryPlan.of(r, "auto", Long.MAX_VALUE);
        PhysicsSpec spec = new PhysicsSpec(8, "cpml", 20, false);
        Grid g = r.model().grid();
        assertEquals(MemoryEstimate.migrationBytes(g, spec, ShotTraces.on(1, r.timing().outputS()), r.timing()), p.boundaryBytes());
        double fmax = r.wavelet().highestFrequencyHz();
        assertTrue(p.interval() * r.timing().dtS() <= 1 / (2 * fmax), "interval beyond Nyquist");
        assertTrue((p.interval() + 1) * r.timing().dtS() > 1 / (2 * fmax), "interval shorter than needed");
    }

    /**
     * The receiver data of a migration shot are the traces at their own rate plus
     * {@link MemoryEstimate#RECEIVER_LEVEL_BYTES} a receiver: the receiver field computes each
     * level's data as it reaches it ({@link ReceiverLevels}). A node carpet of 100 000 receivers
     * over 21 475 steps of 0.5 ms, traces of 2 685 samples at 4 ms (10.7 s): 100 000 × (2 685 × 4 B
     * + 112 B) = 1 085 200 000 B, plus the unitemised 1/64, 1 102 156 250 B (1.03 GiB) in every
     * strategy. Before, every level was held, R × (nt + 1) floats at dt, and the estimate counted
     * 4 B × R × (nt + 2 685) + 1/64 = 9 815 000 000 B (9.14 GiB).
     */
    @Test
    void receiverDataAreCountedAtTheTracesRateNotAtEveryStep() {
        Grid g = Grid.of3d(100, 100, 50, 10);
        PhysicsSpec p = new PhysicsSpec(8, "cpml", 20, false);
        TimeStepping t = new TimeStepping(0.0005, 21_475, new Sampling(2685, 0.004, 0));
        ShotTraces receivers = ShotTraces.on(100_000, t.outputS());
        ShotTraces none = ShotTraces.on(0, t.outputS());
        long share = MemoryEstimate.boundaryBytes(g, p, receivers, t) - MemoryEstimate.boundaryBytes(g, p, none, t);
        System.out.println("receiver data of 100 000 receivers over 21 475 steps: " + share + " B ("
                + MemoryEstimate.gib(share) + ")");
        assertEquals(1_102_156_250L, share);
        assertEquals(share, MemoryEstimate.snapshotBytes(g, p, receivers, t, 10)
                - MemoryEstimate.snapshotBytes(g, p, none, t, 10));
        assertEquals(share, MemoryEstimate.diskBytes(g, p, receivers, t) - MemoryEstimate.diskBytes(g, p, none, t));
        assertTrue(share < 4L * receivers.receivers() * (t.steps() + 1) / 7, "a seventh of every level's data");
    }
}
