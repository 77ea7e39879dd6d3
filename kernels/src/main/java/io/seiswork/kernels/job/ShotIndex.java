package io.seiswork.kernels.job;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each shot's traces lie in a SEG-Y (or SU) file of shot gathers, and what a reader needs
 * to rebuild a small valid file of one shot: the file's headers, then only that shot's traces,
 * byte for byte. A cloud worker fetches those bytes by ranged GETs instead of the whole recorded
 * data (0.1 to several TB for a real survey, while one shot's traces are 0.1 to 1 GB), and plans
 * the job's memory on each shot's window without reading a trace header
 * ({@link #planningShot}).
 *
 * <p>Made at submission from the pass over the trace headers that counts the shots
 * ({@link ShotComputer#shotsAndNotes}), never by reading the file again; stored by its content
 * like every input ({@link ShotIndexFormat}).
 *
 * @param headerBytes bytes before the first trace: 3200 text + 400 binary + 3200 per extended
 *     text header for SEG-Y, 0 for SU
 * @param traceBytes bytes of one trace, its 240-byte header included (every trace has the same)
 * @param seismicUnix whether the file is Seismic Unix (no file headers) rather than SEG-Y
 * @param dataBytes the whole file's size in bytes: what the index belongs to is checked against it
 * @param shots the shots in the order the job numbers them (FFID order of first appearance)
 */
public record ShotIndex(long headerBytes, int traceBytes, boolean seismicUnix, long dataBytes, List<Entry> shots) {

    /**
     * One shot: its FFID, its source, the extent of its receivers (metres from the grid's first
     * node, y 0 in 2D: as the run reads them) and its traces.
     *
     * @param ranges pairs (first trace index from 0, trace count), in file order: a shot's traces
     *     are usually one run, but may be several
     */
    public record Entry(int ffid, Position source, double minX, double maxX, double minY, double maxY, long[] ranges) {

        public Entry {
            if (ranges.length == 0 || ranges.length % 2 != 0) {
                throw new IllegalArgumentException("FFID " + ffid + ": trace ranges must be (first, count) pairs, got "
                        + ranges.length + " numbers");
            }
            ranges = ranges.clone();
        }

        /** The shot's trace count: its receivers. */
        public long traces() {
            long n = 0;
            for (int i = 1; i < ranges.length; i += 2) {
                n += ranges[i];
            }
            return n;
        }

        @Override
        public long[] ranges() {
            return ranges.clone();
        }
    }

    private static final int MAX_TRACES_PER_SHOT = Integer.MAX_VALUE - 8;

    public ShotIndex {
        shots = List.copyOf(shots);
        if (headerBytes < 0 || traceBytes <= 240 || dataBytes < headerBytes) {
            throw new IllegalArgumentException("shot index: header " + headerBytes + " bytes, trace " + traceBytes
                    + " bytes, file " + dataBytes + " bytes do not describe a SEG-Y file");
        }
        long fileTraces = (dataBytes - headerBytes) / traceBytes;
        for (Entry e : shots) {
            long[] r = e.ranges;
            for (int i = 0; i < r.length; i += 2) {
                if (r[i] < 0 || r[i + 1] < 1 || r[i] + r[i + 1] > fileTraces) {
                    throw new IllegalArgumentException("shot index: FFID " + e.ffid() + " names traces " + r[i] + " + "
                            + r[i + 1] + ", outside the file's " + fileTraces + " traces");
                }
            }
            if (e.traces() > MAX_TRACES_PER_SHOT) {
                throw new IllegalArgumentException("shot index: FFID " + e.ffid() + " has " + e.traces() + " traces");
            }
        }
    }

    /** The shot of FFID {@code ffid}, or null when the file has none. */
    public Entry entry(int ffid) {
        return byFfid().get(ffid);
    }

    private Map<Integer, Entry> byFfid() {
        Map<Integer, Entry> m = new HashMap<>(2 * shots.size());
        shots.forEach(e -> m.put(e.ffid(), e));
        return m;
    }

    /** Bytes of the small file of {@code shot} alone: the file's headers and its traces. */
    public long shotFileBytes(Entry shot) {
        return headerBytes + shot.traces() * traceBytes;
    }

    /**
     * A stand-in for {@code shot} to plan on, not to migrate: its FFID and source, and as many
     * receivers as it has traces, at the corners of their extent. Its window ({@code ShotWindow})
     * and receiver count, all that the memory plan, the engine's choice and the job's checks
     * read of a shot, are those of the shot read from the file.
     */
    public static Shot planningShot(Entry shot) {
        int n = (int) shot.traces();
        Position low = new Position(shot.minX(), shot.minY(), shot.source().z());
        Position high = new Position(shot.maxX(), shot.maxY(), shot.source().z());
        List<Position> receivers = new AbstractList<>() {
            @Override
            public Position get(int i) {
                return i == 1 ? high : low;
            }

            @Override
            public int size() {
                return n;
            }
        };
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return new Shot(shot.ffid(), shot.source(), ids, receivers);
    }
}
