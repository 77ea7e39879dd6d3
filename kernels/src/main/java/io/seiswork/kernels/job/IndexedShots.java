package io.seiswork.kernels.job;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.segy.TraceHeader;
import io.seiswork.core.spec.ShotTraces;
import java.nio.file.Path;
import java.util.List;

/**
 * Recorded data known by its {@link ShotIndex} alone: the shots to plan on, never a trace. Each
 * shot's traces come from a small file of its own ({@link ShotComputer#migrateGather}), which a
 * cloud worker fetches by ranged GETs.
 */
final class IndexedShots implements ObservedData {

    private final ShotIndex index;
    private final List<Shot> shots;
    private final int samples;

    /**
     * @param headers the data file's headers alone (what a worker's job names as its data): a
     *     SEG-Y file's binary header gives its samples per trace
     */
    IndexedShots(ShotIndex index, Path headers) {
        this.index = index;
        this.shots = index.shots().stream().map(ShotIndex::planningShot).toList();
        this.samples = samplesPerTrace(index, headers);
    }

    /**
     * Samples per trace of the indexed file: an SU file's traces are a 240-byte header and 4-byte
     * floats; a SEG-Y file's count is its binary header's, or where that gives none, at most one
     * a byte after the trace header (an upper bound: the format may be wider).
     */
    static int samplesPerTrace(ShotIndex index, Path headers) {
        int payload = index.traceBytes() - TraceHeader.SIZE;
        if (index.seismicUnix()) {
            return payload / Float.BYTES;
        }
        return ShotTraces.samplesIn(headers).orElse(payload);
    }

    /** The index the shots are known by. */
    ShotIndex index() {
        return index;
    }

    /** The file's shots as stand-ins to plan on ({@link ShotIndex#planningShot}), in the job's order. */
    @Override
    public List<Shot> shots() {
        return shots;
    }

    @Override
    public Sampling timeS(Shot shot, int trace) {
        throw notHere(shot);
    }

    @Override
    public int samplesPerTrace() {
        return samples;
    }

    @Override
    public float[][] traces(Shot shot, ProgressListener progress, CancellationToken cancel) {
        throw notHere(shot);
    }

    private static IllegalStateException notHere(Shot shot) {
        return new IllegalStateException("shot FFID " + shot.number() + ": the data file is known by its shot index"
                + " only; migrate the shot from its own traces (ShotComputer.migrateGather)");
    }

    @Override
    public String describe() {
        long traces = index.shots().stream().mapToLong(ShotIndex.Entry::traces).sum();
        return (index.seismicUnix() ? "SU" : "SEG-Y") + " data by shot index: " + index.shots().size() + " shots, "
                + traces + " traces of " + index.traceBytes() + " bytes, each shot's fetched alone";
    }

    @Override
    public void close() {
        // nothing open
    }
}
