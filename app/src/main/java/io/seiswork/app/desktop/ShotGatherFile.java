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

    /** What the gather's horizontal axis counts. */
    enum TraceAxis {
        /** Receiver number 1 … n in file order. */
        RECEIVER("receiver number"),
        /** Source–receiver offset in metres (header byte 37; signed by side in 2D). */
        OFFSET("offset (m)"),
        /** Receiver x in metres (header byte 81, with its coordinate scalar). */
        RECEIVER_X("receiver x (m)");

        private final String label;

        TraceAxis(String label) {
            this.label = label;
        }

        /** As the chooser lists it and the axis is titled: "offset (m)". */
        @Override
        public String toString() {
            return label;
        }
    }

    /** One shot's gather, traces across receiver numbers 1 … n. */
    Gather gather(int shot) {
        return gather(shot, TraceAxis.RECEIVER);
    }

    /**
     * One shot's gather, traces in file order across {@code axis}; across receiver numbers when
     * the headers' offsets or x are not evenly spaced and increasing (an areal 3D spread), since a
     * gather's trace axis is a regular sampling.
     *
     * @throws IllegalArgumentException when the file has no such shot
     */
    Gather gather(int shot, TraceAxis axis) {
        List<Long> idx = traces.get(shot);
        if (idx == null) {
            throw new IllegalArgumentException(reader.file() + " has no shot " + shot + "; it has " + shots());
        }
        int nt = time.count();
        float[] samples = new float[idx.size() * nt];
        float[] trace = new float[nt];
        double[] along = new double[idx.size()];
        for (int t = 0; t < idx.size(); t++) {
            reader.readTrace(idx.get(t), trace);
            System.arraycopy(trace, 0, samples, t * nt, nt);
            if (axis != TraceAxis.RECEIVER) {
                TraceHeader h = reader.header(idx.get(t));
                along[t] = axis == TraceAxis.OFFSET ? h.offset() : h.groupXM();
            }
        }
        Sampling regular = axis == TraceAxis.RECEIVER ? null : regular(along);
        return regular == null
                ? new Gather(samples, time, new Sampling(idx.size(), 1, 1), "receiver")
                : new Gather(samples, time, regular, axis.toString());
    }

    /**
     * {@code values} as a sampling when they are increasing and evenly spaced (within a
     * thousandth of the spacing: headers store whole metres or scaled coordinates), else null.
     */
    static Sampling regular(double[] values) {
        if (values.length < 2) {
            return null;
        }
        double d = (values[values.length - 1] - values[0]) / (values.length - 1);
        if (!(d > 0)) {
            return null;
        }
        for (int k = 0; k < values.length; k++) {
            if (Math.abs(values[k] - (values[0] + k * d)) > 1e-3 * d + 0.5) {
                return null;
            }
        }
        return new Sampling(values.length, d, values[0]);
    }

    @Override
    public void close() {
        reader.close();
    }
}
