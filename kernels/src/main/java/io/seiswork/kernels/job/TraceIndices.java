package io.seiswork.kernels.job;

import java.util.Arrays;

/**
 * Where one shot's traces lie in its file: their indices from 0, ascending (file order), as few
 * bytes a trace as they allow. A shot's traces are usually one run of consecutive traces, kept as
 * a (first, count) pair: nothing a trace. Traces of shots interleaved in the file (data sorted by
 * offset or by receiver) keep one number each, an {@code int} (4 bytes) while the file has fewer
 * than 2^31 traces, else a {@code long} (8 bytes), where the runs would take more.
 *
 * <p>A recorded survey has 10^8 to 10^9 traces, and a scan of its headers keeps every trace's
 * index until the run ends: 8 bytes a trace as a {@code long[]} is 2 to 8 GB of heap.
 */
public final class TraceIndices {

    private final int count;
    /** (first, count) pairs in file order, or null when the indices are kept one a trace. */
    private final long[] runs;
    /** One index a trace when the file has fewer than 2^31 traces and the runs are too many, else null. */
    private final int[] ints;
    /** One index a trace when the file has 2^31 traces or more and the runs are too many, else null. */
    private final long[] longs;

    private TraceIndices(int count, long[] runs, int[] ints, long[] longs) {
        this.count = count;
        this.runs = runs;
        this.ints = ints;
        this.longs = longs;
    }

    /** Traces of the shot. */
    public int count() {
        return count;
    }

    /** The indices, in file order (a new array, 8 bytes a trace: for one shot at a time). */
    public long[] toArray() {
        if (longs != null) {
            return longs.clone();
        }
        long[] out = new long[count];
        if (ints != null) {
            for (int i = 0; i < count; i++) {
                out[i] = ints[i];
            }
            return out;
        }
        int k = 0;
        for (int r = 0; r < runs.length; r += 2) {
            for (long t = runs[r], end = runs[r] + runs[r + 1]; t < end; t++) {
                out[k++] = t;
            }
        }
        return out;
    }

    /** Bytes of heap the indices hold in their arrays (the arrays' headers and this object not counted). */
    public long arrayBytes() {
        return runs != null ? 8L * runs.length : ints != null ? 4L * ints.length : 8L * longs.length;
    }

    /** The indices as (first, count) pairs of consecutive runs, in file order (a new array). */
    long[] runs() {
        return runs != null ? runs.clone() : runsOf(toArray());
    }

    /**
     * How a message names the trace at 0-based {@code index}: by its number from 1, as SEG-Y's
     * trace sequence numbers and every user-facing message count traces (the first trace after
     * the headers is trace 1), while indices and ranges stay 0-based in code and in the stored
     * shot index. Exact for any index a hostile stored index may hold, {@link Long#MAX_VALUE} too.
     */
    static String number(long index) {
        return index >= -1 ? Long.toUnsignedString(index + 1) : Long.toString(index + 1);
    }

    /** Ascending trace indices as (first, count) pairs of consecutive runs. */
    static long[] runsOf(long[] traces) {
        long[] out = new long[8];
        int n = 0;
        for (int i = 0; i < traces.length; ) {
            int j = i + 1;
            while (j < traces.length && traces[j] == traces[j - 1] + 1) {
                j++;
            }
            if (n + 2 > out.length) {
                out = Arrays.copyOf(out, 2 * out.length);
            }
            out[n++] = traces[i];
            out[n++] = j - i;
            i = j;
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * One shot's trace indices, added in ascending order: as runs while there are at most half as
     * many runs as traces (16 bytes a run, so at most 8 bytes a trace, and almost always one run a
     * shot), then one number a trace from the first trace on.
     */
    public static final class Builder {

        private final boolean fitsInt;
        private int count;
        private long[] runs = new long[2];
        private int runWords;
        private int[] ints;
        private long[] longs;

        /** @param fileTraces traces in the file: indices below it, which decides {@code int} or {@code long} */
        public Builder(long fileTraces) {
            this.fitsInt = fileTraces <= Integer.MAX_VALUE;
        }

        /** Adds the shot's next trace, above the last added. */
        public void add(long trace) {
            if (count > 0 && trace <= last()) {
                throw new IllegalArgumentException("trace " + number(trace) + " added after trace " + number(last())
                        + ": a shot's traces are added in file order");
            }
            if (count == Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("more than " + count + " traces in one shot");
            }
            if (runs != null) {
                addToRuns(trace);
            } else if (ints != null) {
                if (count == ints.length) {
                    ints = Arrays.copyOf(ints, grown(count));
                }
                ints[count] = (int) trace;
            } else {
                if (count == longs.length) {
                    longs = Arrays.copyOf(longs, grown(count));
                }
                longs[count] = trace;
            }
            count++;
        }

        private void addToRuns(long trace) {
            if (runWords > 0 && trace == runs[runWords - 2] + runs[runWords - 1]) {
                runs[runWords - 1]++;
                return;
            }
            // A new run: kept as runs while they take at most 8 bytes a trace, else one number a trace.
            if (runWords / 2 + 1 > (count + 1) / 2 && count >= 16) {
                long[] all = toArrayOfRuns();
                runs = null;
                if (fitsInt) {
                    ints = new int[grown(count)];
                    for (int i = 0; i < count; i++) {
                        ints[i] = (int) all[i];
                    }
                    ints[count] = (int) trace;
                } else {
                    longs = Arrays.copyOf(all, grown(count));
                    longs[count] = trace;
                }
                return;
            }
            if (runWords == runs.length) {
                runs = Arrays.copyOf(runs, 2 * runs.length);
            }
            runs[runWords++] = trace;
            runs[runWords++] = 1;
        }

        private long[] toArrayOfRuns() {
            return new TraceIndices(count, Arrays.copyOf(runs, runWords), null, null).toArray();
        }

        private long last() {
            if (runs != null) {
                return runs[runWords - 2] + runs[runWords - 1] - 1;
            }
            return ints != null ? ints[count - 1] : longs[count - 1];
        }

        private static int grown(int n) {
            return (int) Math.min(Integer.MAX_VALUE - 8, n + n / 2 + 16L);
        }

        /** Traces added so far. */
        int count() {
            return count;
        }

        /** The indices added; the builder must not be used afterwards. */
        public TraceIndices build() {
            if (count == 0) {
                throw new IllegalArgumentException("a shot has at least one trace");
            }
            if (runs != null) {
                return new TraceIndices(count, Arrays.copyOf(runs, runWords), null, null);
            }
            return ints != null ? new TraceIndices(count, null, Arrays.copyOf(ints, count), null)
                    : new TraceIndices(count, null, null, Arrays.copyOf(longs, count));
        }
    }
}
