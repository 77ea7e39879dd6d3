package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.WavefieldListener;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.volume.Slice;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.WavefieldRecorder;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The live wavefield the engine hands to a {@link WavefieldListener}: sections on the user's
 * grid, only when asked for, and physically where the wave is — in a constant 2000 m/s medium
 * the ring of largest pressure around the source grows at 2000 m/s.
 */
class WavefieldSnapshotTest {

    private static final float V = 2000f;

    @Test
    void theRingOfLargestPressureGrowsAtTheMediumsSpeed() {
        // Not square and the source off the middle, so that a section with x and z swapped fails.
        Grid g = Grid.of2d(241, 201, 10);
        Position source = new Position(1230, 0, 990);
        ShotRequest req = ShotRequest.of(VelocityModel.constant(g, V), PhysicsOptions.defaults(), source,
                RickerWavelet.of(15), List.of(new Position(1200, 0, 1000)), new Sampling(176, 0.004, 0));
        WavefieldRecorder recorder = new WavefieldRecorder();
        Shots.ENGINE.model(req, recorder, CancellationToken.none());
        List<Integer> steps = recorder.steps;
        List<Slice> sections = recorder.sections;
        assertTrue(sections.size() >= 50, "a section at about every 1 % of the steps: " + sections.size());
        Slice s = sections.get(0);
        assertEquals(241, s.across().count(), "x across");
        assertEquals(201, s.down().count(), "z down");
        assertEquals(10.0, s.across().delta());
        double dt = req.timing().dtS();
        // Two times while the ring is well inside the grid (radius 300 - 800 m).
        int a = nearest(steps, 0.25 / dt);
        int b = nearest(steps, 0.45 / dt);
        double ra = ringRadius(sections.get(a), source);
        double rb = ringRadius(sections.get(b), source);
        double speed = (rb - ra) / ((steps.get(b) - steps.get(a)) * dt);
        System.out.printf("  [wavefield] ring radius %.0f m at %.3f s, %.0f m at %.3f s: %.0f m/s (medium %.0f)%n",
                ra, steps.get(a) * dt, rb, steps.get(b) * dt, speed, V);
        assertEquals(V, speed, 0.03 * V, "ring speed");
    }

    @Test
    void noSectionIsTakenWhenNoneIsWanted() {
        Grid g = Grid.of2d(61, 61, 10);
        ShotRequest req = ShotRequest.of(VelocityModel.constant(g, V), PhysicsOptions.defaults(),
                new Position(300, 0, 300), RickerWavelet.of(15), List.of(new Position(400, 0, 300)),
                new Sampling(50, 0.004, 0));
        int[] sections = {0};
        int[] asked = {0};
        Shots.ENGINE.model(req, new WavefieldListener() {
            @Override
            public boolean wantsWavefield() {
                asked[0]++;
                return false;
            }

            @Override
            public void onWavefield(int step, Slice section) {
                sections[0]++;
            }

            @Override
            public void onProgress(int step, int totalSteps) {
            }
        }, CancellationToken.none());
        assertTrue(asked[0] > 10, "asked at the progress points: " + asked[0]);
        assertEquals(0, sections[0]);
    }

    private static int nearest(List<Integer> steps, double step) {
        int best = 0;
        for (int i = 1; i < steps.size(); i++) {
            if (Math.abs(steps.get(i) - step) < Math.abs(steps.get(best) - step)) {
                best = i;
            }
        }
        return best;
    }

    /** Mean over directions of the distance from the source of the largest |p| along each ray. */
    private static double ringRadius(Slice s, Position source) {
        int nx = s.across().count();
        double sum = 0;
        int rays = 36;
        for (int k = 0; k < rays; k++) {
            double angle = 2 * Math.PI * k / rays;
            double best = 0;
            double bestR = 0;
            for (double r = 100; r < 950; r += 2.5) {
                double x = source.x() + r * Math.cos(angle);
                double z = source.z() + r * Math.sin(angle);
                int ix = (int) Math.round(x / s.across().delta());
                int iz = (int) Math.round(z / s.down().delta());
                float v = Math.abs(s.values()[iz * nx + ix]);
                if (v > best) {
                    best = v;
                    bestR = r;
                }
            }
            sum += bestR;
        }
        return sum / rays;
    }
}
