package io.seiswork.app.desktop;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.TraceHeader;
import io.seiswork.render.gather.Gather;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shot gathers of a {@code shots.sgy} for display: which traces belong to which shot (FFID,
 * byte 9), indexed once by a pass over the trace headers, and one shot's traces read on demand.
 * Both read the file, so callers run them off the JavaFX thread.
 */
final class ShotGatherFile implements AutoCloseable {

    private final SegyReader reader;
    private final Map<Integer, List<Long>> traces = new LinkedHashMap<>();
    private final Sampling time;

    /** Opens and indexes {@code file}. */
    ShotGatherFile(Path file) {
        reader = SegyReader.open(file);
        try {
            for (long i = 0; i < reader.traceCount(); i++) {
                int ffid = reader.header(i).getInt32(TraceHeader.FIELD_RECORD);
                traces.computeIfAbsent(ffid, k -> new ArrayList<>()).add(i);
            }
            time = new Sampling(reader.samplesPerTrace(), reader.sampleIntervalUs() * 1e-6, 0);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Shot numbers (FFIDs) in file order. */
    List<Integer> shots() {
        return List.copyOf(traces.keySet());
    }

    /**
     * One shot's gather, traces in file order across receiver numbers 1 … n.
     *
     * @throws IllegalArgumentException when the file has no such shot
     */
    Gather gather(int shot) {
        List<Long> idx = traces.get(shot);
        if (idx == null) {
            throw new IllegalArgumentException(reader.file() + " has no shot " + shot + "; it has " + shots());
        }
        int nt = time.count();
        float[] samples = new float[idx.size() * nt];
        float[] trace = new float[nt];
        for (int t = 0; t < idx.size(); t++) {
            reader.readTrace(idx.get(t), trace);
            System.arraycopy(trace, 0, samples, t * nt, nt);
        }
        return new Gather(samples, time, new Sampling(idx.size(), 1, 1), "receiver");
    }

    @Override
    public void close() {
        reader.close();
    }
}
