package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.run.LocalRunner;
import io.seiswork.app.run.RunListener;
import io.seiswork.app.testing.SmallSpec;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.WavefieldPhase;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.volume.Slice;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.job.JobEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live wavefield says which of a migration's wavefields it shows. */
class WavefieldTitleTest {

    @TempDir
    Path dir;

    /**
     * A synthetic-data migration's sections come as the data modelled, the direct wave, then the
     * source wavefield, then the receiver's; and the live wavefield does not stand still while the
     * shot's bar moves on: between two sections the shot goes at most 5 % of its way. The direct
     * wave's run (the second quarter of the shot's bar) used to send none, which in 3D left the
     * title on the data's last section for tens of seconds.
     */
    @Test
    void aMigrationSaysWhichWavefieldEachSectionIsAndShowsEveryStretch() throws Exception {
        Path spec = dir.resolve("phases.json");
        Files.writeString(spec, SmallSpec.named("phases").rtm("synthetic").grid(80, 40).reflectorAt(200).lengthS(0.3)
                .shots(400, 100, 1).receivers(0, 10, 80, 20).onCpu().json());
        ResolvedJob job = Project.open(spec).job().withEngine(EngineChoice.CPU);
        List<WavefieldPhase> seen = new ArrayList<>();
        double[] done = {0};
        List<Double> atSections = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public boolean wantsWavefield() {
                return true;
            }

            @Override
            public void shotProgress(int shot, int step, int steps) {
                done[0] = (double) step / steps;
            }

            @Override
            public void wavefield(int shot, int step, Slice section, WavefieldPhase phase) {
                atSections.add(done[0]);
                if (seen.isEmpty() || seen.getLast() != phase) {
                    seen.add(phase);
                }
            }
        };
        EngineSelection selected = JobEngine.select(job);
        try (var engine = selected.engine()) {
            new LocalRunner(selected, listener, CancellationToken.none()).run(job, dir.resolve("out"));
        }
        assertEquals(List.of(WavefieldPhase.DATA, WavefieldPhase.DIRECT, WavefieldPhase.SOURCE, WavefieldPhase.RECEIVER),
                seen);
        double widest = Math.max(atSections.getFirst(), 1 - atSections.getLast());
        for (int i = 1; i < atSections.size(); i++) {
            widest = Math.max(widest, atSections.get(i) - atSections.get(i - 1));
        }
        assertTrue(widest <= 0.05, "the shot went " + Math.round(100 * widest) + " % of its way without a section");
    }

    @Test
    void theTitleNamesTheWavefield() {
        assertEquals("Shot 2, source wavefield (forward) at t = 1.080 s, section through the source",
                RunProgressPane.title(new RunEvents.Wavefield(2, 540, null, WavefieldPhase.SOURCE), 0.002));
        assertEquals("Shot 2, receiver wavefield (backward) at t = 0.500 s, section through the source",
                RunProgressPane.title(new RunEvents.Wavefield(2, 250, null, WavefieldPhase.RECEIVER), 0.002));
        assertEquals("Shot 1, modelling the direct wave at t = 0.100 s, section through the source",
                RunProgressPane.title(new RunEvents.Wavefield(1, 50, null, WavefieldPhase.DIRECT), 0.002));
        assertEquals("Shot 1, modelling the data at t = 0.100 s, section through the source",
                RunProgressPane.title(new RunEvents.Wavefield(1, 50, null, WavefieldPhase.DATA), 0.002));
        assertEquals("Wavefield of shot 3 at t = 0.100 s, section through the source",
                RunProgressPane.title(new RunEvents.Wavefield(3, 50, null, WavefieldPhase.PRESSURE), 0.002));
    }
}
