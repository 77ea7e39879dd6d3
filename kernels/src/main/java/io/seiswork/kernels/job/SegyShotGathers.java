package io.seiswork.kernels.job;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.TraceHeader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Observed shot gathers from a SEG-Y file, with the geometry taken from its trace headers as
 * {@code ShotGatherWriter} writes them: FFID (byte 9) per shot, source X/Y (73/77), receiver X/Y
 * (81/85) with the coordinate scalar (71), source depth (49) and receiver elevation (41, negative
 * below the surface) with the elevation scalar (69). Coordinates are metres from the model's
 * first grid node. Every source and receiver must lie inside the spec's grid; the first that does
 * not is reported with its FFID, trace and position. A file whose every trace has its source and
 * receiver at the same point (a stack or an image: zero offset, often every coordinate 0) is
 * refused, naming the header bytes. Traces of a shot are read when it is
 * migrated, one shot in memory at a time.
 */
final class SegyShotGathers implements ObservedData {

    private final Path file;
    private final SegyReader reader;
    private final List<Shot> shots = new ArrayList<>();
    private final Map<Integer, long[]> traceIndex = new LinkedHashMap<>();
    private final Sampling timeS;

    /**
     * @param file the SEG-Y file
     * @param grid the spec's grid (positions must lie inside; y is ignored in 2D)
     * @throws IllegalArgumentException naming the trace when the file's geometry does not fit the grid
     */
    SegyShotGathers(Path file, Grid grid) {
        this.file = file;
        this.reader = SegyReader.open(file);
        try {
            this.timeS = new Sampling(reader.samplesPerTrace(), reader.sampleIntervalUs() * 1e-6, 0);
            Map<Integer, List<Long>> byShot = new LinkedHashMap<>();
            Map<Integer, Position> sources = new LinkedHashMap<>();
            Map<Integer, List<Position>> receivers = new LinkedHashMap<>();
            long coincident = 0;
            boolean allAtOrigin = true;
            for (long i = 0; i < reader.traceCount(); i++) {
                TraceHeader h = reader.header(i);
                int ffid = h.getInt32(TraceHeader.FIELD_RECORD);
                Position s = position(h, TraceHeader.SOURCE_X, TraceHeader.SOURCE_Y,
                        h.elevationM(TraceHeader.SOURCE_DEPTH), grid);
                Position g = position(h, TraceHeader.GROUP_X, TraceHeader.GROUP_Y,
                        -h.elevationM(TraceHeader.RECEIVER_ELEVATION), grid);
                check(grid, s, "source", ffid, i);
                check(grid, g, "receiver", ffid, i);
                if (distance(s, g) < SAME_POINT_M) {
                    coincident++;
                }
                allAtOrigin &= isOrigin(s) && isOrigin(g);
                Position first = sources.putIfAbsent(ffid, s);
                if (first != null && first.horizontalDistanceTo(s) > 1e-3) {
                    throw new IllegalArgumentException(file + ": trace " + (i + 1) + " of FFID " + ffid
                            + " has its source at " + fmt(s) + ", earlier traces of that FFID at " + fmt(first));
                }
                byShot.computeIfAbsent(ffid, k -> new ArrayList<>()).add(i);
                receivers.computeIfAbsent(ffid, k -> new ArrayList<>()).add(g);
            }
            if (byShot.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no traces");
            }
            if (coincident == reader.traceCount()) {
                throw new IllegalArgumentException("data: " + file + ": every one of its " + reader.traceCount()
                        + " traces has its source (trace header bytes 73/77, depth 49) and its receiver (bytes 81/85,"
                        + " elevation 41) at the same point" + (allAtOrigin ? ", all at (0, 0, 0)" : "")
                        + ": not shot gathers (a stack or a migrated image, whose text header says so) or gathers"
                        + " whose geometry headers are not filled; give the shot gathers of a task model run");
            }
            for (var e : byShot.entrySet()) {
                int ffid = e.getKey();
                List<Position> rec = receivers.get(ffid);
                int[] ids = new int[rec.size()];
                for (int k = 0; k < ids.length; k++) {
                    ids[k] = k;
                }
                shots.add(new Shot(ffid, sources.get(ffid), ids, rec));
                traceIndex.put(ffid, e.getValue().stream().mapToLong(Long::longValue).toArray());
            }
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Source and receiver closer than this, metres, are at the same point: zero offset, no shot gather. */
    static final double SAME_POINT_M = 1e-3;

    private static double distance(Position a, Position b) {
        return Math.sqrt((a.x() - b.x()) * (a.x() - b.x()) + (a.y() - b.y()) * (a.y() - b.y())
                + (a.z() - b.z()) * (a.z() - b.z()));
    }

    private static boolean isOrigin(Position p) {
        return p.x() == 0 && p.y() == 0 && p.z() == 0;
    }

    private static Position position(TraceHeader h, int xField, int yField, double depthM, Grid grid) {
        double y = grid.is2d() ? 0 : h.coordinateM(yField);
        return new Position(h.coordinateM(xField), y, depthM);
    }

    private void check(Grid g, Position p, String what, int ffid, long trace) {
        if (!g.contains(p.x(), p.y(), p.z())) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "data: %s: trace %d (FFID %d) has its %s at %s, outside the spec's grid [0, %.1f] x [0, %.1f] x "
                            + "[0, %.1f] m; the file's geometry does not fit this spec", file, trace + 1, ffid, what,
                    fmt(p), g.xAxis().last(), g.yAxis().last(), g.zAxis().last()));
        }
    }

    private static String fmt(Position p) {
        return String.format(Locale.ROOT, "(%.2f, %.2f, %.2f) m", p.x(), p.y(), p.z());
    }

    @Override
    public List<Shot> shots() {
        return shots;
    }

    @Override
    public Sampling timeS() {
        return timeS;
    }

    @Override
    public float[][] traces(Shot shot, ProgressListener progress, CancellationToken cancel) {
        cancel.throwIfCancelled("reading shot " + shot.number());
        long[] idx = traceIndex.get(shot.number());
        float[][] out = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = reader.readTrace(idx[i]);
        }
        return out;
    }

    @Override
    public String describe() {
        return "SEG-Y " + file + ": " + shots.size() + " shots, " + reader.traceCount() + " traces, "
                + timeS.count() + " samples at " + (timeS.delta() * 1e3) + " ms";
    }

    @Override
    public void close() {
        reader.close();
    }
}
