package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRecord;
import io.seiswork.kernels.engine.ShotRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancellationAndProgressTest {

    private static ShotRequest request(int samples) {
        Grid g = Grid.of2d(101, 101, 10);
        return ShotRequest.of(VelocityModel.constant(g, 2000f), PhysicsOptions.defaults(), new Position(500, 0, 500),
                RickerWavelet.of(10), List.of(new Position(600, 0, 500)), new Sampling(samples, 0.004, 0));
    }

    @Test
    void progressIsReportedAboutEveryPercentAndEndsAtTheTotal() {
        ShotRequest req = request(250);
        List<int[]> calls = new ArrayList<>();
        ShotRecord r = Shots.ENGINE.model(req, (step, total) -> calls.add(new int[] {step, total}),
                CancellationToken.none());
        int total = req.timing().steps();
        assertEquals(total, r.stats().steps());
        assertEquals(0, calls.get(0)[0]);
        assertEquals(total, calls.get(calls.size() - 1)[0]);
        assertTrue(calls.size() >= 50 && calls.size() <= 102, "progress calls: " + calls.size());
        for (int i = 1; i < calls.size(); i++) {
            assertTrue(calls.get(i)[0] >= calls.get(i - 1)[0], "progress went backwards");
            assertEquals(total, calls.get(i)[1]);
        }
        assertTrue(r.stats().gptsPerSecond() > 0);
    }

    @Test
    void cancellingStopsTheRunWithinOneStep() {
        ShotRequest req = request(2500);
        CancellationToken token = new CancellationToken();
        int[] cancelledAt = {-1};
        int[] lastSeen = {-1};
        CancelledException e = assertThrows(CancelledException.class, () -> Shots.ENGINE.model(req,
                (step, total) -> {
                    lastSeen[0] = step;
                    if (step >= total / 10 && cancelledAt[0] < 0) {
                        cancelledAt[0] = step;
                        token.cancel();
                    }
                }, token));
        assertEquals(cancelledAt[0], lastSeen[0], "progress continued after cancel");
        assertTrue(e.getMessage().contains("step " + cancelledAt[0]), e.getMessage());
    }

    @Test
    void aCancelledTokenStopsBeforeTheFirstStep() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        assertThrows(CancelledException.class, () -> Shots.ENGINE.model(request(10), (s, t) -> { }, token));
    }
}
