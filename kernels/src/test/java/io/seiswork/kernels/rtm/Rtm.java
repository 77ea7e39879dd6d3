package io.seiswork.kernels.rtm;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.Wavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared engine and small builders for the migration tests. */
final class Rtm {

    static final CpuWaveEngine ENGINE = new CpuWaveEngine();

    private Rtm() {
    }

    /** Horizontal layers: {@code tops[i]} metres, {@code v[i]} m/s. */
    static VelocityModel layers(Grid g, double[] tops, double[] v) {
        float[] out = new float[g.points()];
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int ix = 0; ix < g.nx(); ix++) {
                for (int iz = 0; iz < g.nz(); iz++) {
                    double z = iz * g.dz();
                    int l = 0;
                    while (l + 1 < tops.length && z >= tops[l + 1]) {
                        l++;
                    }
                    out[g.index(ix, iy, iz)] = (float) v[l];
                }
            }
        }
        return new VelocityModel(g, out);
    }

    /** Receivers every {@code every} nodes along x at depth z (2D, y = 0). */
    static List<Position> line(Grid g, int every, double z) {
        List<Position> out = new ArrayList<>();
        for (int ix = 0; ix < g.nx(); ix += every) {
            out.add(new Position(ix * g.dx(), 0, z));
        }
        return out;
    }

    /** Models the shot's traces in {@code model}. */
    static float[][] model(ShotRequest r, VelocityModel model) {
        ShotRequest req = new ShotRequest(model, r.physics(), r.source(), r.wavelet(), r.receivers(), r.timing());
        return ENGINE.model(req, ProgressListener.NONE, CancellationToken.none()).traces();
    }

    /** {@code a − b}, trace by trace (reflections only when b is the direct wave). */
    static float[][] minus(float[][] a, float[][] b) {
        float[][] out = new float[a.length][];
        for (int r = 0; r < a.length; r++) {
            out[r] = a[r].clone();
            for (int i = 0; i < out[r].length; i++) {
                out[r][i] -= b[r][i];
            }
        }
        return out;
    }

    /** Migrates with the given strategy. */
    static PartialImage migrate(ShotRequest r, float[][] data, WavefieldStrategy s, Path scratch) {
        MemoryPlan plan = MemoryPlan.of(r, s.json(), Long.MAX_VALUE);
        return new ShotMigrator(ENGINE, scratch).migrate(r, data, plan, ProgressListener.NONE,
                CancellationToken.none());
    }

    /** A request on the model's CFL time stepping. */
    static ShotRequest request(VelocityModel m, Position source, Wavelet w, List<Position> receivers, double lengthS) {
        Sampling out = new Sampling((int) Math.round(lengthS / 0.002) + 1, 0.002, 0);
        return ShotRequest.of(m, PhysicsOptions.defaults(), source, w, receivers, out);
    }

    static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static Grid grid2d(int nx, int nz, double h) {
        return Grid.of2d(nx, nz, h);
    }
}
