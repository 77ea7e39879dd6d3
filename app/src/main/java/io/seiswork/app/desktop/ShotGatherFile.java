package io.seiswork.app.desktop;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.TraceHeader;
import io.seiswork.core.segy.UnwrittenTrace;
import io.seiswork.kernels.job.TraceDelays;
import io.seiswork.kernels.job.TraceIndices;
import io.seiswork.render.gather.Gather;
import io.seiswork.render.plot.Ticks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shot gathers of a {@code shots.sgy} for display: which traces belong to which shot (FFID,
 * byte 9) and when each starts (its delay recording time, {@link SegyReader#delayMs}), indexed
 * once by a pass over the trace headers, and one shot's traces read on demand. Both read the
 * file, so callers run them off the JavaFX thread.
 *
 * <p>The index is kept per shot in primitive arrays ({@link TraceIndices}, {@link TraceDelays}):
 * a survey of 1 000 shots of 100 000 receivers (10^8 traces), written shot by shot with one delay
 * a shot, keeps a few bytes a shot and nothing a trace, where a list of boxed indices and delays
 * took about 40 bytes a trace (4 GB). The pass over its headers reads the whole file's headers,
 * so it reports the bytes reached and can be cancelled; it reads them a few MiB of consecutive
 * traces at a time ({@link SegyReader#headerInPass}), one sequential pass over the file, not one
 * small read a trace.
 *
 * <p>A file whose tail was never written (preallocated, still being written, or cut short while it
 * was copied) is refused at its first trace of zeros, header and samples, as a run refuses it
 * ({@link UnwrittenTrace}), rather than shown with its zeros as one more shot, FFID 0.
 *
 * <p>A gather's time axis starts at its traces' delay when they share one (a record from 100 ms
 * is drawn from 0.1 s, as a migration of it places it). When they differ, every trace is drawn at
 * its own times on one axis from the earliest start to the latest end, blank (NaN) where it has
 * no samples, and the gather says so in a note ({@link Read#note}); a trace whose start is not a
 * whole number of samples from the earliest is put at the nearest sample, which the note says
 * too. Delays so far apart that the common axis would take more than {@link #MAX_SPAN} times a
 * trace's length (a header that holds something else) are not followed: the gather is drawn on
 * its first trace's axis and the note says that the delays differ.
 */
final class ShotGatherFile implements AutoCloseable {

    /** The longest common time axis of a gather whose delays differ, in traces' lengths. */
    static final int MAX_SPAN = 4;

    /**
     * One shot's gather as read, and what to say of its time axis.
     *
     * @param gather the samples on their time axis (NaN where a trace has none)
     * @param note "" when the traces share one delay; else what was done with their different
     *     delays ("traces start at different times, 0 .. 80 ms: each is drawn at its own")
     */
    record Read(Gather gather, String note) {
    }

    /** Traces between two checks of the cancel token and the clock in the header pass. */
    static final int CHECK_TRACES = 4096;
    /** Least time between two progress reports of the header pass, nanoseconds: a quarter of a second. */
    static final long REPORT_NANOS = 250_000_000L;

    /**
     * One shot's traces: where they lie (a run of consecutive traces for a shot written in one
     * piece, nothing a trace) and when they start (one delay unless they differ).
     */
    private record ShotTraces(TraceIndices traces, TraceDelays delays) {
    }

    /** A shot's index as the header pass builds it. */
    private static final class ShotBuilder {
        final TraceIndices.Builder traces;
        final TraceDelays.Builder delays = new TraceDelays.Builder();

        ShotBuilder(long fileTraces) {
            traces = new TraceIndices.Builder(fileTraces);
        }
    }

    private final SegyReader reader;
    private final Map<Integer, ShotTraces> index = new LinkedHashMap<>();
    private final int samples;
    private final double intervalMs;
    private final Path file;
    private final AtomicLong gathersRead = new AtomicLong();

    /** The SEG-Y file the gathers are read from. */
    Path file() {
        return file;
    }

    /** Opens and indexes {@code file}, unwatched and not cancellable (small files, tests). */
    ShotGatherFile(Path file) {
        this(file, ByteProgress.NONE, CancellationToken.none());
    }

    /**
     * Opens and indexes {@code file} in one pass over its trace headers, telling {@code progress}
     * the bytes reached at the first trace, then at most every quarter of a second, and the whole
     * file at the end; {@code cancel} is checked every {@link #CHECK_TRACES} traces.
     *
     * @throws CancelledException when {@code cancel} is set during the pass (the file is closed)
     * @throws IllegalArgumentException when the file's tail was never written ({@link UnwrittenTrace})
     *     or it holds no traces (the file is closed)
     */
    ShotGatherFile(Path file, ByteProgress progress, CancellationToken cancel) {
        this.file = file;
        reader = SegyReader.open(file);
        try {
            long fileBytes = Files.size(file);
            long traces = reader.traceCount();
            Map<Integer, ShotBuilder> building = new LinkedHashMap<>();
            ShotBuilder shot = null;
            int shotNumber = 0;
            long reported = System.nanoTime() - REPORT_NANOS;
            UnwrittenTrace unwritten = new UnwrittenTrace(file.toString(), reader);
            for (long i = 0; i < traces; i++) {
                if (i % CHECK_TRACES == 0) {
                    cancel.throwIfCancelled("reading the trace headers of " + file.getFileName() + " at trace " + (i + 1));
                    if (System.nanoTime() - reported >= REPORT_NANOS) {
                        reported = System.nanoTime();
                        progress.onBytes(reader.traceOffset(i), fileBytes);
                    }
                }
                TraceHeader h = reader.headerInPass(i);  // a few MiB of traces a read, not 240 bytes
                unwritten.refuseIfZeros(h, i);
                int ffid = h.getInt32(TraceHeader.FIELD_RECORD);
                if (shot == null || ffid != shotNumber) {
                    shot = building.computeIfAbsent(ffid, k -> new ShotBuilder(traces));
                    shotNumber = ffid;
                }
                shot.traces.add(i);
                shot.delays.add(reader.delayMs(h));
            }
            building.forEach((ffid, b) -> index.put(ffid, new ShotTraces(b.traces.build(), b.delays.build())));
            if (index.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no traces");
            }
            progress.onBytes(fileBytes, fileBytes);
            samples = reader.samplesPerTrace();
            intervalMs = reader.sampleIntervalUs() * 1e-3;
        } catch (IOException e) {
            reader.close();
            throw new UncheckedIOException("cannot read the size of " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Traces in the file. */
    long traceCount() {
        return reader.traceCount();
    }

    /**
     * Bytes of heap the index keeps in its arrays: nothing a trace for shots written in one piece
     * with one delay, 4 bytes a trace (an {@code int}) for the traces of shots interleaved in the
     * file, 4 more for those of a shot whose delays differ; 16 bytes a run of traces.
     */
    long indexArrayBytes() {
        long bytes = 0;
        for (ShotTraces s : index.values()) {
            bytes += s.traces().arrayBytes() + s.delays().arrayBytes();
        }
        return bytes;
    }

    /** Gathers read so far by {@link #read} (for tests: how many reads a burst of selections cost). */
    long gathersRead() {
        return gathersRead.get();
    }

    /** Shot numbers (FFIDs) in file order. */
    List<Integer> shots() {
        return List.copyOf(index.keySet());
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

    /**
     * One shot's gather, traces in file order across {@code axis}; across receiver numbers when
     * the headers' offsets or x are not evenly spaced and increasing (an areal 3D spread), since a
     * gather's trace axis is a regular sampling. Its time axis is the traces' (see the class
     * comment), with a note when their delays differ.
     *
     * @throws IllegalArgumentException when the file has no such shot
     */
    Read read(int shot, TraceAxis axis) {
        ShotTraces of = index.get(shot);
        if (of == null) {
            throw new IllegalArgumentException(reader.file() + " has no shot " + shot + "; it has " + shots());
        }
        long[] idx = of.traces().toArray();
        double[] delaysMs = new double[idx.length];
        for (int t = 0; t < idx.length; t++) {
            delaysMs[t] = of.delays().ofTraceMs(t);
        }
        Placement at = place(delaysMs, samples, intervalMs);
        int nt = samples;
        int count = at.time().count();
        float[] values = new float[idx.length * count];
        if (at.shifts() != null) {
            java.util.Arrays.fill(values, Float.NaN);
        }
        float[] trace = new float[nt];
        double[] along = new double[idx.length];
        for (int t = 0; t < idx.length; t++) {
            if (axis == TraceAxis.RECEIVER) {
                reader.readTrace(idx[t], trace);
            } else {
                TraceHeader h = reader.readHeaderAndTrace(idx[t], trace);  // one read for both
                along[t] = axis == TraceAxis.OFFSET ? h.offset() : h.groupXM();
            }
            System.arraycopy(trace, 0, values, t * count + (at.shifts() == null ? 0 : at.shifts()[t]), nt);
        }
        Sampling regular = axis == TraceAxis.RECEIVER ? null : regular(along);
        Gather g = regular == null
                ? new Gather(values, at.time(), new Sampling(idx.length, 1, 1), "receiver")
                : new Gather(values, at.time(), regular, axis.toString());
        gathersRead.incrementAndGet();
        return new Read(g, regular == null && axis != TraceAxis.RECEIVER ? join(fellBack(axis), at.note()) : at.note());
    }

    /**
     * Why a gather asked across {@code axis} is drawn across receiver numbers: the headers' values
     * are not evenly spaced and increasing in file order, as over an areal (3D) spread, where the
     * receivers' offsets repeat and x comes back row after row.
     */
    static String fellBack(TraceAxis axis) {
        return axis + " is not evenly spaced along this shot's traces (an areal spread): drawn across receiver number";
    }

    private static String join(String a, String b) {
        return b.isEmpty() ? a : a + "; " + b;
    }

    /**
     * Where a gather's traces go on its time axis.
     *
     * @param time the gather's time axis (seconds)
     * @param shifts the sample of {@code time} each trace's first sample is at; null when every
     *     trace starts at the axis's start
     * @param note what to say of the delays ("" when they are one)
     */
    record Placement(Sampling time, int[] shifts, String note) {
    }

    /**
     * The time axis of traces of {@code nt} samples every {@code dtMs} starting at {@code delaysMs}
     * (see the class comment).
     */
    static Placement place(double[] delaysMs, int nt, double dtMs) {
        double first = delaysMs[0];
        double lo = first;
        double hi = first;
        for (double d : delaysMs) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        if (lo == hi) {
            return new Placement(new Sampling(nt, dtMs * 1e-3, lo * 1e-3), null, "");
        }
        String range = Ticks.value(lo) + " .. " + Ticks.value(hi) + " ms";
        double span = (hi - lo) / dtMs;
        if (span + nt > (double) MAX_SPAN * nt) {
            return new Placement(new Sampling(nt, dtMs * 1e-3, first * 1e-3), null,
                    "traces start at different times, " + range + ", too far apart to draw together: all drawn from "
                            + "the first trace's " + Ticks.value(first) + " ms");
        }
        int[] shifts = new int[delaysMs.length];
        boolean rounded = false;
        int last = 0;
        for (int t = 0; t < shifts.length; t++) {
            double f = (delaysMs[t] - lo) / dtMs;
            shifts[t] = (int) Math.round(f);
            rounded |= Math.abs(f - shifts[t]) > 1e-6;
            last = Math.max(last, shifts[t]);
        }
        return new Placement(new Sampling(last + nt, dtMs * 1e-3, lo * 1e-3), shifts,
                "traces start at different times, " + range + ": each is drawn at its own"
                        + (rounded ? " (to the nearest sample)" : "") + ", blank where it has no samples");
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
