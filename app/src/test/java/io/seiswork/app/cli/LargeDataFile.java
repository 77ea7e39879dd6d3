package io.seiswork.app.cli;

import io.seiswork.core.geometry.PackedPositions;
import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.ShotGatherWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A data file of more than {@link io.seiswork.core.progress.ByteProgressLines#QUIET_BYTES}, so that
 * a pass over it is said: 20 shots of 15,000 traces of one sample (73 MB), sources from x = 40 m
 * every 40 m and receivers every 5 cm from 0, at 20 m depth, inside a grid of 10 m cells at least
 * 81 nodes wide.
 */
final class LargeDataFile {

    private LargeDataFile() {
    }

    static Path write(Path data) {
        int shots = 20;
        int receivers = 15_000;
        List<Position> line = new ArrayList<>();
        for (int r = 0; r < receivers; r++) {
            line.add(new Position(r * 0.05, 0, 20));
        }
        var spread = PackedPositions.copyOf(line);
        try (var out = new ShotGatherWriter(data, new Sampling(1, 0.004, 0), true, 1000, "C 1 BIG")) {
            for (int s = 1; s <= shots; s++) {
                out.write(new Shot(s, new Position(40 * s, 0, 20), spread), new float[receivers][1]);
            }
        }
        return data;
    }
}
