package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.StepTimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Timing a migration step for a run-time estimate ({@link MigrationSpeed}) migrates the shot for
 * real on the CPU, in every wavefield strategy, and leaves no scratch file behind.
 */
class MigrationSpeedTest {

    private static ShotRequest shot() {
        Grid g = Grid.of2d(60, 40, 10);
        VelocityModel v = Rtm.layers(g, new double[] {0, 200}, new double[] {1800, 2400});
        double dt = 0.8 * TimeStepping.maxStableDtS(v, 8);
        List<Position> receivers = Rtm.line(g, 4, 20);
        return new ShotRequest(v, PhysicsOptions.defaults(), new Position(300, 0, 20), new RickerWavelet(15, 0.08),
                receivers, new TimeStepping(dt, 200, new Sampling(50, 4 * dt, 0)));
    }

    private static long scratchFolders() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("seiswork-estimate-")).count();
        }
    }

    @Test
    void everyStrategyIsTimedAndNoScratchIsLeft() throws Exception {
        long before = scratchFolders();
        for (String strategy : List.of("memory", "boundary", "disk", "auto")) {
            MigrationSpeed.Measured m = MigrationSpeed.measure(Rtm.ENGINE, shot(), strategy, Long.MAX_VALUE, 1e-4,
                    CancellationToken.none());
            StepTimes s = m.timed();
            assertEquals(MigrationSpeed.MIN_STEPS, m.warmUp().steps(), strategy);
            assertTrue(m.warmUp().wallSeconds() > 0, strategy + ": " + m);
            assertTrue(s.fastest() > 0 && s.fastest() <= s.median() && s.median() <= s.slowest()
                    && Double.isFinite(s.slowest()), strategy + ": " + s);
        }
        assertEquals(before, scratchFolders(), "scratch folders left behind");
    }

    @Test
    void aCancelledMeasurementStops() throws Exception {
        long before = scratchFolders();
        CancellationToken cancelled = CancellationToken.none();
        cancelled.cancel();
        assertThrows(CancelledException.class, () -> MigrationSpeed.measure(Rtm.ENGINE, shot(), "disk",
                Long.MAX_VALUE, 1e-4, cancelled));
        assertEquals(before, scratchFolders(), "scratch folders left behind");
    }
}
