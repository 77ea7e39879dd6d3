package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.ShotGatherWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shot over an areal spread (a 6 × 4 grid of receivers every 20 m, the source in its middle):
 * its offsets repeat and its receiver x comes back row after row, so neither is a trace axis; the
 * gather is drawn across receiver numbers and its note says why, instead of silently.
 */
class ArealGatherAxisTest {

    @TempDir
    Path dir;

    @Test
    void offsetAcrossAnArealSpreadSaysItFellBackToReceiverNumber() throws Exception {
        Path shots = dir.resolve("shots.sgy");
        Sampling time = new Sampling(50, 0.004, 0);
        List<Position> receivers = new ArrayList<>();
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                receivers.add(new Position(x * 20.0, y * 20.0, 0));
            }
        }
        try (ShotGatherWriter w = new ShotGatherWriter(shots, time, false, 1000, "test")) {
            w.write(new Shot(1, new Position(50, 30, 0), receivers), new float[24][50]);
        }
        try (ShotGatherFile file = new ShotGatherFile(shots)) {
            for (ShotGatherFile.TraceAxis axis : List.of(ShotGatherFile.TraceAxis.OFFSET,
                    ShotGatherFile.TraceAxis.RECEIVER_X)) {
                ShotGatherFile.Read r = file.read(1, axis);
                assertEquals("receiver", r.gather().tracesLabel(), axis + ": drawn across receiver number");
                assertEquals(24, r.gather().traces().count());
                assertEquals(axis + " is not evenly spaced along this shot's traces (an areal spread): drawn across"
                        + " receiver number", r.note());
            }
            ShotGatherFile.Read byNumber = file.read(1, ShotGatherFile.TraceAxis.RECEIVER);
            assertEquals("", byNumber.note(), "asked by receiver number: nothing to explain");
        }
    }
}
