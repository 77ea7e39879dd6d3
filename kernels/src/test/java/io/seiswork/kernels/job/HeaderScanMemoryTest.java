package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.ShotGatherWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heap a file's geometry holds per trace once its headers are scanned
 * ({@link SegyShotGathers}): a real survey has 10^8 to 10^9 traces, so every byte a trace is
 * 0.1 to 1 GB of the heap of the run, the desktop and {@code seiswork submit}. A receiver used to
 * be a {@link Position} object in a list (about 40 bytes, and a reference in each of two lists
 * while the scan ended), plus its id (4 bytes) and its trace's index (8 bytes): 55 bytes a trace,
 * 13 GB for 250 million traces.
 *
 * <p>Measured as live heap: used heap after a full collection ({@link System#gc()}, the parallel
 * collector's stop-the-world compacting one in kernels' surefire JVM) with the scanned file open,
 * less the same without it (the lower of before it was opened and after it was closed), over the
 * file's traces. A class histogram of the old layout in this test: 200,400 {@code Position}s
 * (8.0 MB), the trace indices' {@code long[]} (1.6 MB), the receivers' ids and references (0.8 MB
 * each): 56 bytes a trace. Now: {@link io.seiswork.core.geometry.PackedPositions} (24 bytes) and
 * the trace indices as one run a shot ({@link TraceIndices}); shots hold no receiver ids. In a JVM of its own (kernels/pom.xml),
 * so that other tests' softly held caches cannot be cleared in between and hide part of it.
 */
class HeaderScanMemoryTest {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /** Shots and traces per shot: 200,000 traces, enough that a byte a trace is 0.2 MB of heap. */
    private static final int SHOTS = 400;
    private static final int RECEIVERS = 500;

    /**
     * Live bytes a trace may hold. The old layout measured 56 to 58 here, the packed one 22 to 25
     * (24 of receiver, the rest the shots' own objects and noise: with receiver ids, dropped since,
     * 28 to 31); the bound leaves room for a collection that leaves a little more garbage live.
     */
    private static final double MAX_BYTES_PER_TRACE = 32;

    /** Scans measured; the least is taken (noise only ever adds). */
    private static final int RUNS = 3;

    @TempDir
    Path dir;

    /** Heap bytes in use after a full collection: what is live. */
    private static long live() {
        System.gc();
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    @Test
    void aScannedFileHoldsAbout28BytesATraceNot56() {
        Grid grid = Grid.of3d(201, 201, 11, 10);
        Sampling time = new Sampling(4, 0.004, 0);
        Path file = dir.resolve("survey.sgy");
        try (ShotGatherWriter out = new ShotGatherWriter(file, time, false, 2000, "C 1 SURVEY")) {
            for (int s = 0; s < SHOTS; s++) {
                out.write(shot(s), new float[RECEIVERS][time.count()]);
            }
        }
        long traces = (long) SHOTS * RECEIVERS;
        // A first open, closed, so that the classes and the JIT's code are not counted as the file's.
        new SegyShotGathers(file, grid, time).close();
        long held = Long.MAX_VALUE;
        for (int run = 0; run < RUNS; run++) {
            held = Math.min(held, heldByAScan(file, grid, time));
        }
        double perTrace = (double) held / traces;
        System.out.printf(Locale.ROOT, "header scan of %,d traces in %d shots: %,d B live (least of %d), %.1f B a"
                + " trace%n", traces, SHOTS, held, RUNS, perTrace);
        assertTrue(held > 0, "the scan holds something");
        assertTrue(perTrace <= MAX_BYTES_PER_TRACE, "the scan holds " + perTrace + " B a trace, more than "
                + MAX_BYTES_PER_TRACE);
    }

    /**
     * Live heap bytes the geometry of {@code file} holds while it is open: from the lower of the
     * heap before it was opened and after it was closed, the scan's only difference (what was
     * live before includes garbage of earlier opens that a later collection takes back).
     */
    private static long heldByAScan(Path file, Grid grid, Sampling time) {
        SegyShotGathers.forgetScans();
        long before = live();
        SegyShotGathers data = new SegyShotGathers(file, grid, time);
        long during = live();
        List<Shot> shots = data.shots();
        assertEquals(SHOTS, shots.size());
        assertEquals(shot(SHOTS - 1).receivers().get(RECEIVERS - 1), shots.get(SHOTS - 1).receivers().get(RECEIVERS - 1),
                "positions read back exactly");
        data.close();
        data = null;
        shots = null;
        SegyShotGathers.forgetScans();
        long after = live();
        return during - Math.min(before, after);
    }

    /**
     * Shot {@code s} of the synthetic survey: its source on a line across the grid, its receivers
     * on a patch of 25 lines of 20 around it, every position on a centimetre, as a SEG-Y header
     * with a coordinate scalar of -100 stores it.
     */
    private static Shot shot(int s) {
        double sx = 100 + 4.25 * s;
        double sy = 500 + 1.5 * (s % 100);
        List<Position> receivers = new ArrayList<>(RECEIVERS);
        for (int r = 0; r < RECEIVERS; r++) {
            receivers.add(new Position(sx - 95 + 10 * (r % 20) + 0.25, sy - 240 + 20 * (r / 20) + 0.75, 2));
        }
        return new Shot(s + 1, new Position(sx, sy, 5), receivers);
    }
}
