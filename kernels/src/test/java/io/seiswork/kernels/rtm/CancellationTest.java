package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.ShotRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A migration reports progress over 2·nt steps and stops when its token is cancelled. */
class CancellationTest {

    @TempDir
    Path scratch;

    private static ShotRequest request() {
        Grid g = Grid.of2d(61, 41, 10);
        return Rtm.request(VelocityModel.constant(g, 2000), new Position(300, 0, 20), RickerWavelet.of(15),
                Rtm.line(g, 5, 20), 0.3);
    }

    @Test
    void progressRunsFromZeroToTwiceTheSteps() {
        ShotRequest r = request();
        List<int[]> seen = new ArrayList<>();
        float[][] data = new float[r.receivers().size()][r.timing().outputS().count()];
        new ShotMigrator(Rtm.ENGINE, scratch).migrate(r, data, MemoryPlan.of(r, "disk", Long.MAX_VALUE),
                (step, total) -> seen.add(new int[] {step, total}), CancellationToken.none());
        int total = 2 * r.timing().steps();
        assertEquals(0, seen.get(0)[0]);
        assertEquals(total, seen.get(seen.size() - 1)[0]);
        assertTrue(seen.size() > 50, "progress reported " + seen.size() + " times");
    }

    @ParameterizedTest
    @ValueSource(strings = {"disk", "boundary"})
    void cancellingDuringTheBackwardPassStopsTheShot(String strategy) {
        ShotRequest r = request();
        CancellationToken token = new CancellationToken();
        int steps = r.timing().steps();
        float[][] data = new float[r.receivers().size()][r.timing().outputS().count()];
        CancelledException e = assertThrows(CancelledException.class, () -> new ShotMigrator(Rtm.ENGINE, scratch)
                .migrate(r, data, MemoryPlan.of(r, strategy, Long.MAX_VALUE), (step, total) -> {
                    if (step > steps) {
                        token.cancel();
                    }
                }, token));
        assertTrue(e.getMessage().contains("backward"), e.getMessage());
        assertTrue(List.of(scratch.toFile().list()).isEmpty(), "scratch file left behind after cancel");
    }
}
