package io.seiswork.kernels.job;

import io.seiswork.core.files.FileIdentity;
import io.seiswork.core.geometry.PackedPositions;
import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.TextHeaderCodec;
import io.seiswork.core.segy.TraceHeader;
import io.seiswork.core.segy.UnwrittenTrace;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Observed shot gathers from a SEG-Y file, with the geometry taken from its trace headers as
 * {@code ShotGatherWriter} writes them: FFID (byte 9) per shot, source X/Y (73/77), receiver X/Y
 * (81/85) with the coordinate scalar (71), source depth (49) and receiver elevation (41, negative
 * below the surface) with the elevation scalar (69). Coordinates are metres from the model's
 * first grid node. Every source and receiver must lie inside the spec's grid; the first that does
 * not is reported with its FFID, trace and position. Traces of a shot are read when it is
 * migrated, one shot in memory at a time.
 *
 * <p>Time: the first sample of every trace is at its delay recording time (byte 109, with the
 * time scalar 215 for rev 1 and later: {@link SegyReader#delayMs(TraceHeader)}), kept per shot
 * when its traces share one and per trace when they differ ({@link TraceDelays}); each trace's
 * own axis ({@link #timeS(Shot, int)}) is what places it on the run's time axis, so field data
 * starting at 100 ms or at −50 ms is migrated at its true times. Samples before the shot's time 0
 * are not injected, nor is anything after a trace's last sample. A trace wholly outside the
 * modelled time adds nothing: the run says how many there are, naming the first
 * ({@link #notes()}); a file with every trace outside is refused.
 *
 * <p>Refused as not shot gathers: a file whose every source and receiver is at (0, 0) (geometry
 * headers never filled, such as a migrated {@code image.sgy}), and a file whose every trace has
 * its source and receiver at the same place while its text header says it is a stack or an image.
 * Zero-offset data whose positions are filled — a single-channel boomer, sparker or chirp survey,
 * or a section given on purpose to a zero-offset migration — is read, each FFID a shot, with a
 * line saying so ({@link #note()}). A trace header of zeros only (a tail never written) refuses the
 * file at that trace ({@link UnwrittenTrace}).
 *
 * <p>Reading the geometry reads every trace header: minutes for a file of many GB. The run's
 * banner counts the file's shots ({@link ShotComputer#shotsOf}) and the run then reads them again
 * ({@link ShotComputer}), so the geometry of the file scanned last is kept ({@link #SCANS}, softly)
 * while the file stays the same — its real path, inode, size, modification and change time —
 * and read on the same grid.
 */
final class SegyShotGathers implements ObservedData {

    /**
     * What one pass over the trace headers found: the shots, each shot's traces and their delays
     * (seconds), the smallest and largest delay (seconds), and the zero-offset note (or null).
     */
    private record Scan(List<Shot> shots, Map<Integer, TraceIndices> traceIndex, Map<Integer, TraceDelays> delays,
            double minDelayS, double maxDelayS, String note) {
    }

    /** A file as it was scanned, and the grid its positions were checked against. */
    private record Key(FileIdentity file, Grid grid) {
    }

    /** Scans kept, the most recent last: one run needs one, a second is a desktop's other project. */
    private static final int CAPACITY = 2;

    private static final Map<Key, SoftReference<Scan>> SCANS = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, SoftReference<Scan>> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Passes over a file's trace headers made so far (tests count them). */
    static final AtomicInteger HEADER_SCANS = new AtomicInteger();

    private final Path file;
    private final SegyReader reader;
    private final List<Shot> shots;
    private final Map<Integer, TraceIndices> traceIndex;
    private final Map<Integer, TraceDelays> delays;
    private final int samples;
    private final double dtS;
    private final double minDelayS;
    private final double maxDelayS;
    private final List<String> notes;
    /** Whether this is a whole file of shot gathers, not one shot's traces fetched from one ({@link #oneShotOf}). */
    private final boolean wholeFile;

    /**
     * @param file the SEG-Y file
     * @param grid the spec's grid (positions must lie inside; y is ignored in 2D)
     * @param modelledS the run's time axis in seconds (starting at 0): traces wholly outside it are
     *     counted in {@link #notes()}
     * @throws IllegalArgumentException naming the trace when the file's geometry does not fit the
     *     grid, naming the header bytes when the file is not shot gathers, or when every trace lies
     *     outside the modelled time
     */
    SegyShotGathers(Path file, Grid grid, Sampling modelledS) {
        this(file, grid, modelledS, ByteProgress.NONE, CancellationToken.none());
    }

    /**
     * As {@link #SegyShotGathers(Path, Grid, Sampling)}, the pass over the trace headers watched
     * and cancellable: it reads every trace header, minutes for a file of a TB.
     *
     * @param progress how far the pass has read into the file, bytes of the file's size (the byte
     *     of the trace it has reached), at the first trace, then at most every
     *     {@value #REPORT_NANOS} ns and once at the end; not called when the file's geometry is
     *     kept from an earlier pass
     * @param cancel checked every {@value #CHECK_TRACES} traces
     * @throws CancelledException when {@code cancel} is cancelled during the pass
     */
    SegyShotGathers(Path file, Grid grid, Sampling modelledS, ByteProgress progress, CancellationToken cancel) {
        this(file, grid, modelledS, true, progress, cancel);
    }

    /**
     * One shot's traces fetched from a file of shot gathers with the file's headers (a cloud
     * worker's small file, {@link ShotIndex}): read as the whole file's shot is, but without the
     * checks and notes that are about the whole file (made on it at submission: every trace at
     * (0, 0), a stack's text header, zero-offset data, traces outside the modelled time), and not
     * kept among the scans.
     */
    static SegyShotGathers oneShotOf(Path file, Grid grid, Sampling modelledS) {
        return new SegyShotGathers(file, grid, modelledS, false, ByteProgress.NONE, CancellationToken.none());
    }

    private SegyShotGathers(Path file, Grid grid, Sampling modelledS, boolean wholeFile, ByteProgress progress,
            CancellationToken cancel) {
        this.file = file;
        this.wholeFile = wholeFile;
        this.reader = SegyReader.open(file);
        try {
            Key key = wholeFile ? key(file, grid) : null;
            Scan scan = cached(key);
            if (scan == null) {
                scan = scan(grid, progress, cancel);
                if (key != null && key.equals(key(file, grid))) {  // not written while it was read
                    synchronized (SCANS) {
                        SCANS.put(key, new SoftReference<>(scan));
                    }
                }
            }
            this.shots = scan.shots();
            this.traceIndex = scan.traceIndex();
            this.delays = scan.delays();
            this.samples = reader.samplesPerTrace();
            this.dtS = reader.sampleIntervalUs() * 1e-6;
            this.minDelayS = scan.minDelayS();
            this.maxDelayS = scan.maxDelayS();
            List<String> lines = new ArrayList<>();
            if (scan.note() != null) {
                lines.add(scan.note());
            }
            String outside = wholeFile ? outsideNote(modelledS) : null;
            if (outside != null) {
                lines.add(outside);
            }
            this.notes = List.copyOf(lines);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private static Scan cached(Key key) {
        if (key == null) {
            return null;
        }
        synchronized (SCANS) {
            SoftReference<Scan> kept = SCANS.get(key);
            return kept == null ? null : kept.get();
        }
    }

    /** The file's identity now with the grid, or null when its attributes cannot be read (it is then not cached). */
    private static Key key(Path file, Grid grid) {
        return FileIdentity.of(file).map(id -> new Key(id, grid)).orElse(null);
    }

    /** Forgets the scans kept (tests). */
    static void forgetScans() {
        synchronized (SCANS) {
            SCANS.clear();
        }
    }

    /**
     * One shot's traces as the pass over the headers finds them: their indices in the file
     * ({@link TraceIndices.Builder}: a run while they are consecutive), their delays
     * ({@link TraceDelays.Builder}: one number while they share it), their receivers
     * ({@link PackedPositions.Builder}: three doubles). No object per trace: what a scan keeps of
     * a trace is its receiver's 24 bytes and its id's 4 in the {@link Shot}, and, only when the
     * shot's traces are not consecutive in the file or differ in delay, 4 to 8 bytes of index and
     * 4 of delay.
     */
    private static final class ShotScan {

        final Position source;
        final PackedPositions.Builder receivers = new PackedPositions.Builder();
        final TraceDelays.Builder delays = new TraceDelays.Builder();
        final TraceIndices.Builder traces;

        ShotScan(Position source, long fileTraces) {
            this.source = source;
            this.traces = new TraceIndices.Builder(fileTraces);
        }

        void add(long trace, double delayMs, Position receiver) {
            traces.add(trace);
            delays.add(delayMs);
            receivers.add(receiver);
        }
    }

    /**
     * Traces between two looks at the clock and the cancel flag: a power of two, so that the test
     * is a mask. A header read takes about a microsecond, so this is a few milliseconds of the pass.
     */
    static final int CHECK_TRACES = 4096;
    /** Least time between two progress calls of the pass, nanoseconds: a quarter of a second. */
    static final long REPORT_NANOS = 250_000_000L;

    /**
     * One pass over the trace headers: the shots, checked against the grid, and whether they are
     * shot gathers. Every {@link #CHECK_TRACES} traces it checks {@code cancel} and, at the first
     * trace and then a quarter of a second after the last report, tells {@code progress} the byte
     * it has reached: nothing per trace but a mask test, so the pass is as fast as without. The
     * report at the first trace says the pass has begun, however short it is (a watcher, such as a
     * test holding the pass there until it has pressed Cancel, knows it is under way).
     */
    private Scan scan(Grid grid, ByteProgress progress, CancellationToken cancel) {
        HEADER_SCANS.incrementAndGet();
        Map<Integer, ShotScan> byShot = new LinkedHashMap<>();
        double minDelayMs = Double.POSITIVE_INFINITY;
        double maxDelayMs = Double.NEGATIVE_INFINITY;
        long coincident = 0;
        boolean allAtOrigin = true;
        long fileBytes = fileBytes();
        long reportedNanos = System.nanoTime() - REPORT_NANOS;  // the first trace reported
        UnwrittenTrace unwritten = new UnwrittenTrace("data: " + file, reader);
        for (long i = 0; i < reader.traceCount(); i++) {
            if ((i & (CHECK_TRACES - 1)) == 0) {
                if (cancel.isCancelled()) {
                    throw new CancelledException("cancelled while reading the trace headers of " + file.getFileName()
                            + " at trace " + (i + 1));
                }
                long now = System.nanoTime();
                if (now - reportedNanos >= REPORT_NANOS) {
                    reportedNanos = now;
                    progress.onBytes(reader.traceOffset(i), fileBytes);
                }
            }
            TraceHeader h = reader.headerInPass(i);
            unwritten.refuseIfZeros(h, i);
            int ffid = h.getInt32(TraceHeader.FIELD_RECORD);
            Position s = position(h, TraceHeader.SOURCE_X, TraceHeader.SOURCE_Y,
                    h.elevationM(TraceHeader.SOURCE_DEPTH), grid);
            Position g = position(h, TraceHeader.GROUP_X, TraceHeader.GROUP_Y,
                    -h.elevationM(TraceHeader.RECEIVER_ELEVATION), grid);
            allAtOrigin &= isOrigin(s) && isOrigin(g);
            if (s.horizontalDistanceTo(g) < SAME_POINT_M) {
                coincident++;
            }
            check(grid, s, "source", ffid, i);
            check(grid, g, "receiver", ffid, i);
            ShotScan shot = byShot.computeIfAbsent(ffid, k -> new ShotScan(s, reader.traceCount()));
            if (shot.source != s && shot.source.horizontalDistanceTo(s) > 1e-3) {
                throw new IllegalArgumentException(file + ": trace " + (i + 1) + " of FFID " + ffid
                        + " has its source at " + fmt(s) + ", earlier traces of that FFID at " + fmt(shot.source));
            }
            double delayMs = reader.delayMs(h);
            minDelayMs = Math.min(minDelayMs, delayMs);
            maxDelayMs = Math.max(maxDelayMs, delayMs);
            shot.add(i, delayMs, g);
        }
        progress.onBytes(fileBytes, fileBytes);
        if (byShot.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no traces");
        }
        long traces = reader.traceCount();
        if (allAtOrigin && wholeFile) {
            throw new IllegalArgumentException("data: " + file + ": every one of its " + traces + " traces has its source"
                    + " (trace header bytes 73/77) and its receiver (bytes 81/85) at (0, 0): geometry headers not filled,"
                    + " or not shot gathers (a stack or a migrated image); give shot gathers with their positions, as a"
                    + " task model run writes them");
        }
        String note = null;
        if (coincident == traces && wholeFile) {
            String says = stackOrImage(textHeader());
            if (says != null) {
                throw new IllegalArgumentException("data: " + file + ": every one of its " + traces + " traces has its"
                        + " source (bytes 73/77) and its receiver (bytes 81/85) at the same place and its text header"
                        + " says \"" + says + "\": a stack or an image, not shot gathers; give the shot gathers");
            }
            note = "data: " + file.getFileName() + ": every one of its " + traces + " traces has its source and its"
                    + " receiver at the same place: read as zero-offset data, " + byShot.size() + " shots";
        }
        List<Shot> list = new ArrayList<>();
        Map<Integer, TraceIndices> index = new LinkedHashMap<>();
        Map<Integer, TraceDelays> delays = new LinkedHashMap<>();
        for (var it = byShot.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            int ffid = e.getKey();
            ShotScan shot = e.getValue();
            it.remove();  // each shot's scan let go as it is kept
            list.add(new Shot(ffid, shot.source, shot.receivers.build()));  // kept as built: no copy
            index.put(ffid, shot.traces.build());
            delays.put(ffid, shot.delays.build());
        }
        return new Scan(List.copyOf(list), Map.copyOf(index), Map.copyOf(delays), minDelayMs * 1e-3,
                maxDelayMs * 1e-3, note);
    }

    /**
     * The line saying how many traces lie wholly outside {@code modelledS} (their last sample
     * before 0 s or their first after its end), naming the first in file order; null when none.
     *
     * @throws IllegalArgumentException when every trace does: nothing of the file would be migrated
     */
    private String outsideNote(Sampling modelledS) {
        double spanS = (samples - 1) * dtS;
        long outside = 0;
        long firstTrace = -1;
        int firstFfid = 0;
        double firstDelayS = 0;
        for (Shot shot : shots) {
            long[] idx = traceIndex.get(shot.number()).toArray();  // one shot's at a time
            TraceDelays d = delays.get(shot.number());
            for (int i = 0; i < idx.length; i++) {
                double startS = d.ofTrace(i);
                if (startS + spanS < modelledS.first() - 1e-9 || startS > modelledS.last() + 1e-9) {
                    outside++;
                    if (firstTrace < 0 || idx[i] < firstTrace) {
                        firstTrace = idx[i];
                        firstFfid = shot.number();
                        firstDelayS = startS;
                    }
                }
            }
        }
        if (outside == 0) {
            return null;
        }
        long traces = reader.traceCount();
        String which = String.format(Locale.ROOT, "trace %,d (FFID %d) records %s .. %s ms", firstTrace + 1,
                firstFfid, ms(firstDelayS), ms(firstDelayS + spanS));
        String modelled = String.format(Locale.ROOT, "the modelled time %s .. %s ms", ms(modelledS.first()),
                ms(modelledS.last()));
        if (outside == traces) {
            throw new IllegalArgumentException("data: " + file + ": every one of its " + traces + " traces lies outside "
                    + modelled + " (" + which + ", by its delay: trace header byte 109, time scalar 215): nothing to"
                    + " migrate; check the delays or lengthen time.lengthS");
        }
        return String.format(Locale.ROOT, "data: %s: %,d of its %,d traces lie wholly outside %s and add nothing to"
                + " the image; the first, %s (by its delay: trace header byte 109, time scalar 215)",
                file.getFileName(), outside, traces, modelled, which);
    }

    /** {@code s} seconds as milliseconds, whole when it is, else to 0.001 ms. */
    private static String ms(double s) {
        double ms = s * 1e3;
        long whole = Math.round(ms);
        return Math.abs(ms - whole) < 1e-6 ? String.format(Locale.ROOT, "%,d", whole)
                : String.format(Locale.ROOT, "%,.3f", ms);
    }

    /**
     * Words of a text header that say its file is a stack or an image: STACK, STACKED (not
     * PRE-STACK, PRESTACK or UNSTACKED), MIGRATED, DEPTH IMAGE, TIME IMAGE (Seiswork's own image
     * says "SEISWORK RTM DEPTH IMAGE").
     */
    private static final Pattern STACK_OR_IMAGE = Pattern.compile(
            "(?<![A-Z])(?<!PRE[- ])(?<!BEFORE )(STACK(ED)?|MIGRATED|(DEPTH|TIME) IMAGE)(?![A-Z])");

    /** The first line of {@code text} (80-character card) naming a stack or an image, trimmed; null when none. */
    static String stackOrImage(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (int at = 0; at < upper.length(); at += 80) {
            String card = upper.substring(at, Math.min(upper.length(), at + 80));
            if (STACK_OR_IMAGE.matcher(card).find()) {
                return text.substring(at, Math.min(text.length(), at + 80)).strip();
            }
        }
        return null;
    }

    /** The file's first text header decoded ("" for Seismic Unix files, which have none). */
    private String textHeader() {
        List<byte[]> raw = reader.rawTextHeaders();
        if (raw.isEmpty()) {
            return "";
        }
        return TextHeaderCodec.decode(raw.get(0), TextHeaderCodec.detect(raw.get(0)));
    }

    /** Why {@link #shotIndex} made no index, or null. */
    private String noIndexBecause;

    /**
     * Why {@link #shotIndex} gave null ({@link ShotIndex#noIndexBecause}), or null when it gave an
     * index or was not asked.
     */
    String noIndexBecause() {
        return noIndexBecause;
    }

    /** The file's size in bytes, what the pass over its headers reports its progress against. */
    private long fileBytes() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file's layout as its reader found it: the byte of its first trace, a trace's bytes (its
     * header included) and its trace count; a file of no trace gives {0, 0, 0}.
     */
    long[] layout() {
        long count = reader.traceCount();
        if (count == 0) {
            return new long[] {0, 0, 0};
        }
        long first = reader.traceOffset(0);
        long traceBytes;
        try {
            traceBytes = count > 1 ? reader.traceOffset(1) - first : Files.size(file) - first;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new long[] {first, traceBytes, count};
    }

    /**
     * The file's {@link ShotIndex}, from the pass over its headers already made: each shot's
     * traces as runs of consecutive indices, its source and its receivers' extent, and the file's
     * layout (header and trace bytes, SU or SEG-Y); or null when the file's shots are too
     * fragmented for one ({@link ShotIndex#noIndexBecause}, then {@link #noIndexBecause}).
     */
    ShotIndex shotIndex() {
        long[] layout = layout();
        long headerBytes = layout[0];
        long traceBytes = layout[1];
        long dataBytes = headerBytes + traceBytes * layout[2];
        List<long[]> runs = new ArrayList<>(shots.size());
        long ranges = 0, traces = 0;
        for (Shot shot : shots) {
            long[] r = traceIndex.get(shot.number()).runs();
            runs.add(r);
            ranges += r.length / 2;
            traces += shot.receivers().size();
        }
        noIndexBecause = ShotIndex.noIndexBecause(shots.size(), ranges, traces);
        if (noIndexBecause != null) {
            return null;
        }
        List<ShotIndex.Entry> entries = new ArrayList<>(shots.size());
        for (int s = 0; s < shots.size(); s++) {
            Shot shot = shots.get(s);
            double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
            PackedPositions receivers = PackedPositions.copyOf(shot.receivers());  // as the scan built them: no copy
            for (int i = 0; i < receivers.size(); i++) {
                minX = Math.min(minX, receivers.x(i));
                maxX = Math.max(maxX, receivers.x(i));
                minY = Math.min(minY, receivers.y(i));
                maxY = Math.max(maxY, receivers.y(i));
            }
            entries.add(new ShotIndex.Entry(shot.number(), shot.source(), minX, maxX, minY, maxY, runs.get(s)));
        }
        return new ShotIndex(headerBytes, Math.toIntExact(traceBytes), reader.binaryHeader() == null, dataBytes,
                entries);
    }

    /**
     * Lines for the user about the file, none when there is nothing to say: zero-offset data
     * (every trace's source and receiver at the same place), read with each FFID a shot; traces
     * wholly outside the modelled time, which add nothing.
     */
    List<String> notes() {
        return notes;
    }

    /** Source and receiver closer than this horizontally, metres, are at the same place: zero offset. */
    static final double SAME_POINT_M = 1e-3;

    /** At (0, 0) in x and y, its depth aside: where unfilled coordinate headers put a trace. */
    private static boolean isOrigin(Position p) {
        return p.x() == 0 && p.y() == 0;
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

    /**
     * Trace {@code trace} of {@code shot} as recorded: the file's sample count and interval, its
     * first sample at the trace's delay.
     */
    @Override
    public Sampling timeS(Shot shot, int trace) {
        return new Sampling(samples, dtS, delays.get(shot.number()).ofTrace(trace));
    }

    /** The file's samples per trace (its binary header's, or its first trace header's). */
    @Override
    public int samplesPerTrace() {
        return samples;
    }

    @Override
    public float[][] traces(Shot shot, ProgressListener progress, CancellationToken cancel) {
        cancel.throwIfCancelled("reading shot " + shot.number());
        long[] idx = traceIndex.get(shot.number()).toArray();
        float[][] out = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = reader.readTrace(idx[i]);
        }
        return out;
    }

    @Override
    public String describe() {
        String first = minDelayS == maxDelayS ? (minDelayS == 0 ? "" : ", the first at " + ms(minDelayS) + " ms")
                : ", the first at " + ms(minDelayS) + " .. " + ms(maxDelayS) + " ms (delays differ)";
        return "SEG-Y " + file + ": " + shots.size() + " shots, " + reader.traceCount() + " traces, "
                + samples + " samples at " + (dtS * 1e3) + " ms" + first;
    }

    @Override
    public void close() {
        reader.close();
    }
}
