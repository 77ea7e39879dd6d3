package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.PhysicsSpec;
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
        assertEquals(MemoryEstimate.migrationBytes(g, spec, 1, r.timing()), p.boundaryBytes());
        double fmax = r.wavelet().highestFrequencyHz();
        assertTrue(p.interval() * r.timing().dtS() <= 1 / (2 * fmax), "interval beyond Nyquist");
        assertTrue((p.interval() + 1) * r.timing().dtS() > 1 / (2 * fmax), "interval shorter than needed");
    }
}
