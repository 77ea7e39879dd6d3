package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.WavefieldRecorder;
import io.seiswork.kernels.engine.ShotRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live wavefield during a migration: the source field forward in time, then the receiver
 * field backward. The forward sections are the modelling engine's own at the same steps (the
 * source field is a modelling run in the migration velocity), and the backward levels count
 * down.
 */
class MigrationWavefieldTest {

    @TempDir
    Path scratch;

    @Test
    void theSourceFieldGoesForwardThenTheReceiverFieldBackward() {
        Grid g = Rtm.grid2d(120, 80, 10);
        var model = Rtm.layers(g, new double[] {0, 400}, new double[] {1800, 2600});
        ShotRequest r = Rtm.request(model, new Position(600, 0, 20), RickerWavelet.of(15), Rtm.line(g, 4, 20), 0.6);
        float[][] data = Rtm.ENGINE.model(r, io.seiswork.core.progress.ProgressListener.NONE,
                CancellationToken.none()).traces();
        WavefieldRecorder modelling = new WavefieldRecorder();
        Rtm.ENGINE.model(r, modelling, CancellationToken.none());
        WavefieldRecorder migration = new WavefieldRecorder();
        new ShotMigrator(Rtm.ENGINE, scratch).migrate(r, data, MemoryPlan.of(r, "boundary", Long.MAX_VALUE), migration,
                CancellationToken.none());

        int steps = r.timing().steps();
        int turn = migration.lastForward();
        List<Integer> forward = migration.steps.subList(0, turn + 1);
        List<Integer> backward = migration.steps.subList(turn + 1, migration.steps.size());
        assertTrue(forward.size() >= 40 && backward.size() >= 40, "forward " + forward.size() + ", backward "
                + backward.size());
        assertTrue(forward.get(forward.size() - 1) <= steps);
        for (int i = 1; i < backward.size(); i++) {
            assertTrue(backward.get(i) < backward.get(i - 1), "the receiver field goes back in time: " + backward);
        }
        // Each section says which wavefield it is, for the live view's title.
        assertEquals(java.util.Collections.nCopies(forward.size(), io.seiswork.core.progress.WavefieldPhase.SOURCE),
                migration.phases.subList(0, turn + 1));
        assertEquals(java.util.Collections.nCopies(backward.size(), io.seiswork.core.progress.WavefieldPhase.RECEIVER),
                migration.phases.subList(turn + 1, migration.phases.size()));
        // Forward sections equal the modelling engine's at the same steps, float for float.
        Map<Integer, float[]> modelled = new LinkedHashMap<>();
        for (int i = 0; i < modelling.steps.size(); i++) {
            modelled.put(modelling.steps.get(i), modelling.sections.get(i).values());
        }
        int compared = 0;
        for (int i = 0; i <= turn; i++) {
            float[] m = modelled.get(migration.steps.get(i));
            if (m != null) {
                assertArrayEquals(m, migration.sections.get(i).values(), "step " + migration.steps.get(i));
                compared++;
            }
        }
        // The two report at different cadences (1 % of nt and of 2 nt): compare where both did.
        assertTrue(compared >= 5, "compared " + compared + " of " + forward.size());
        assertEquals(g.nx(), migration.sections.get(turn + 1).across().count());
    }
}
