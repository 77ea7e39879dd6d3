package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.ShotGatherWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorded data that is not shot gathers is refused when its geometry is read, naming the header bytes. */
class SegyShotGathersTest {

    private static final Grid GRID = Grid.of2d(101, 51, 10);
    private static final Sampling TIME = new Sampling(11, 0.004, 0);

    @TempDir
    Path dir;

    private Path write(String name, List<Shot> shots) {
        Path file = dir.resolve(name);
        try (ShotGatherWriter out = new ShotGatherWriter(file, TIME, true, 1000, "C 1 TEST")) {
            for (Shot s : shots) {
                out.write(s, new float[s.receivers().size()][TIME.count()]);
            }
        }
        return file;
    }

    private static Shot shot(int number, Position source, List<Position> receivers) {
        int[] ids = new int[receivers.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        return new Shot(number, source, ids, receivers);
    }

    /** A depth image as `run` writes it for task rtm: FFID 0, every coordinate 0. */
    @Test
    void anImageWithEveryCoordinateZeroIsRefused() {
        Position origin = new Position(0, 0, 0);
        Path file = write("image.sgy", List.of(shot(0, origin, List.of(origin, origin, origin, origin))));
        var e = assertThrows(IllegalArgumentException.class, () -> new SegyShotGathers(file, GRID).close());
        assertEquals("data: " + file + ": every one of its 4 traces has its source (trace header bytes 73/77, depth 49)"
                + " and its receiver (bytes 81/85, elevation 41) at the same point, all at (0, 0, 0): not shot gathers"
                + " (a stack or a migrated image, whose text header says so) or gathers whose geometry headers are not"
                + " filled; give the shot gathers of a task model run", e.getMessage());
    }

    /** A zero-offset section: each trace's source and receiver together, along the line. */
    @Test
    void aZeroOffsetSectionIsRefused() {
        List<Shot> shots = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Position p = new Position(100 * i, 0, 0);
            shots.add(shot(i, p, List.of(p)));
        }
        Path file = write("stack.sgy", shots);
        var e = assertThrows(IllegalArgumentException.class, () -> new SegyShotGathers(file, GRID).close());
        assertTrue(e.getMessage().contains("every one of its 5 traces has its source (trace header bytes 73/77, depth 49)"
                + " and its receiver (bytes 81/85, elevation 41) at the same point: not shot gathers"), e.getMessage());
    }

    /** Gathers with one trace at the source among others (a receiver over the shot) are shot gathers. */
    @Test
    void gathersWithATraceAtTheSourceAreRead() {
        Position source = new Position(500, 0, 0);
        Path file = write("shots.sgy", List.of(shot(1, source, List.of(new Position(400, 0, 0), source,
                new Position(600, 0, 0)))));
        try (SegyShotGathers data = new SegyShotGathers(file, GRID)) {
            assertEquals(1, data.shots().size());
            assertEquals(3, data.shots().get(0).receivers().size());
        }
    }
}
