package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.Misfit;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.cpu.PointSpread;
import io.seiswork.kernels.engine.cpu.Propagator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boundary saving rebuilds, backwards in time, the source field the forward run produced, and
 * so the image of the snapshot strategy; the disk strategy gives the in-memory image bit for bit,
 * and so does the ring spilled to scratch against the ring kept in memory.
 */
class BoundaryReconstructionTest {

    @TempDir
    Path scratch;

    private static VelocityModel model(Grid g) {
        VelocityModel m = Rtm.layers(g, new double[] {0, 300, 520}, new double[] {1500, 2100, 2600});
        float[] v = m.values().clone();
        for (int ix = 0; ix < g.nx(); ix++) {
            for (int iz = 0; iz < g.nz(); iz++) {
                double dx = ix * g.dx() - 700;
                double dz = iz * g.dz() - 420;
                v[g.index(ix, 0, iz)] += (float) (400 * Math.exp(-(dx * dx + dz * dz) / (2 * 80 * 80)));
            }
        }
        return new VelocityModel(g, v);
    }

    private static ShotRequest request(boolean freeSurface) {
        Grid g = Grid.of2d(141, 81, 10);
        VelocityModel m = model(g);
        ShotRequest r = Rtm.request(m, new Position(523, 0, 47), RickerWavelet.of(15), Rtm.line(g, 4, 20), 0.9);
        return freeSurface ? new ShotRequest(m, PhysicsOptions.defaults().withFreeSurface(true), r.source(),
                r.wavelet(), r.receivers(), r.timing()) : r;
    }

    private double worstLevelError(ShotRequest r) {
        int steps = r.timing().steps();
        int k = MemoryPlan.of(r, "auto", Long.MAX_VALUE).interval();
        Propagator p = Rtm.ENGINE.propagator(r);
        PointSpread s = p.spread(r.source());
        float[] f = r.wavelet().sample(r.timing().dtS(), steps);
        SnapshotWavefield snaps = new SnapshotWavefield(p.grid(), k, steps);
        BoundaryWavefield ring = BoundaryWavefield.spilled(p, s, f, steps, scratch);
        for (int n = 0; n < steps; n++) {
            p.step();
            p.inject(s, f[n]);
            snaps.record(p, n + 1);
            ring.record(p, n + 1);
        }
        double worst = 0;
        double peak = 0;
        for (int level = steps / k * k; level >= k; level -= k) {
            float[] a = snaps.at(level);
            float[] b = p.grid().crop(ring.at(level));
            peak = Math.max(peak, Rtm.maxAbs(a));
            worst = Math.max(worst, Rtm.maxAbsDiff(a, b));
        }
        ring.close();
        assertTrue(List.of(scratch.toFile().list()).isEmpty(), "ring scratch file left behind");
        return worst / peak;
    }

    @Test
    void reconstructedSourceFieldMatchesTheForwardOne() {
        double err = worstLevelError(request(false));
        System.out.printf("boundary reconstruction: max |error| / peak over all imaging levels = %.2e%n", err);
        assertTrue(err < 1e-3, "reconstruction error " + err);
    }

    @Test
    void reconstructionAlsoHoldsUnderAFreeSurface() {
        double err = worstLevelError(request(true));
        System.out.printf("boundary reconstruction, free surface: max |error| / peak = %.2e%n", err);
        assertTrue(err < 1e-3, "reconstruction error " + err);
    }

    @Test
    void boundaryImageMatchesSnapshotImage() {
        ShotRequest r = request(false);
        float[][] data = Rtm.model(r, r.model());
        PartialImage mem = Rtm.migrate(r, data, WavefieldStrategy.MEMORY, scratch);
        PartialImage bnd = Rtm.migrate(r, data, WavefieldStrategy.BOUNDARY, scratch);
        double e = Misfit.relativeL2(bnd.image(), mem.image());
        double u = Misfit.relativeL2(bnd.illumination(), mem.illumination());
        System.out.printf("boundary vs snapshots: image rel. L2 %.2e, illumination rel. L2 %.2e%n", e, u);
        assertTrue(e < 1e-3 && u < 1e-3, "image " + e + ", illumination " + u);
    }

    @Test
    void spilledRingGivesTheInMemoryRingImageExactly() {
        ShotRequest r = request(true);
        float[][] data = Rtm.model(r, r.model());
        MemoryPlan plan = MemoryPlan.of(r, "boundary", Long.MAX_VALUE);
        ShotMigrator migrator = new ShotMigrator(Rtm.ENGINE, scratch);
        PartialImage spilled = migrator.migrate(r, data, plan, io.seiswork.core.progress.ProgressListener.NONE,
                io.seiswork.core.progress.CancellationToken.none());
        PartialImage heap = migrator.migrate(r, data, plan.withRingInMemory(),
                io.seiswork.core.progress.ProgressListener.NONE, io.seiswork.core.progress.CancellationToken.none());
        org.junit.jupiter.api.Assertions.assertArrayEquals(heap.image(), spilled.image());
        org.junit.jupiter.api.Assertions.assertArrayEquals(heap.illumination(), spilled.illumination());
        assertTrue(Rtm.maxAbs(heap.image()) > 0, "empty image");
        assertTrue(List.of(scratch.toFile().list()).isEmpty(), "scratch file left behind");
    }

    @Test
    void diskImageEqualsMemoryImageExactly() {
        ShotRequest r = request(false);
        float[][] data = Rtm.model(r, r.model());
        PartialImage mem = Rtm.migrate(r, data, WavefieldStrategy.MEMORY, scratch);
        PartialImage dsk = Rtm.migrate(r, data, WavefieldStrategy.DISK, scratch);
        org.junit.jupiter.api.Assertions.assertArrayEquals(mem.image(), dsk.image());
        org.junit.jupiter.api.Assertions.assertArrayEquals(mem.illumination(), dsk.illumination());
        assertTrue(Rtm.maxAbs(mem.image()) > 0, "empty image");
        assertTrue(List.of(scratch.toFile().list()).isEmpty(), "scratch file left behind");
    }
}
