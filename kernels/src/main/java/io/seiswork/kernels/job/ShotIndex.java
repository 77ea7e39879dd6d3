package io.seiswork.kernels.job;

import io.seiswork.core.files.FileSha256;
import io.seiswork.core.files.Sha256Pass;
import io.seiswork.core.geometry.FixedPositions;
import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.CancellationToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

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
 * @param headerSha256 SHA-256 of the file's first {@code headerBytes} bytes, or null before
 *     {@link #withDigests}: a worker checks the headers it fetched against it, since ranged GETs
 *     of a data file are not checked against the file's own key as a whole download is
 * @param shots the shots in the order the job numbers them (FFID order of first appearance)
 */
public record ShotIndex(long headerBytes, int traceBytes, boolean seismicUnix, long dataBytes, byte[] headerSha256,
        List<Entry> shots) {

    /**
     * One shot: its FFID, its source, the extent of its receivers (metres from the grid's first
     * node, y 0 in 2D: as the run reads them) and its traces.
     *
     * @param ranges pairs (first trace index from 0, trace count), in file order: a shot's traces
     *     are usually one run, but may be several
     * @param sha256 SHA-256 of the shot's traces' bytes, its ranges' one after the other, or null
     *     before {@link ShotIndex#withDigests}
     */
    public record Entry(int ffid, Position source, double minX, double maxX, double minY, double maxY, long[] ranges,
            byte[] sha256) {

        public Entry {
            if (ranges.length == 0 || ranges.length % 2 != 0) {
                throw new IllegalArgumentException("FFID " + ffid + ": trace ranges must be (first, count) pairs, got "
                        + ranges.length + " numbers");
            }
            if (sha256 != null && sha256.length != DIGEST_BYTES) {
                throw new IllegalArgumentException("FFID " + ffid + ": a SHA-256 of " + sha256.length + " bytes");
            }
            ranges = ranges.clone();
            sha256 = sha256 == null ? null : sha256.clone();
        }

        /** A shot whose traces' digest is not known yet. */
        public Entry(int ffid, Position source, double minX, double maxX, double minY, double maxY, long[] ranges) {
            this(ffid, source, minX, maxX, minY, maxY, ranges, null);
        }

        @Override
        public byte[] sha256() {
            return sha256 == null ? null : sha256.clone();
        }

        /** This shot with the digest of its traces' bytes. */
        public Entry withSha256(byte[] digest) {
            return new Entry(ffid, source, minX, maxX, minY, maxY, ranges, digest);
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
    /** Bytes of a SHA-256. */
    public static final int DIGEST_BYTES = 32;

    /** SEG-Y's file headers before any extended text header: 3200 text + 400 binary. */
    private static final long SEGY_HEADER_BYTES = 3600;
    /** One extended text header. */
    private static final long EXTENDED_TEXT_BYTES = 3200;
    /** Extended text headers the SEG-Y reader accepts: the binary header's count is a 16-bit integer. */
    static final long MAX_EXTENDED_TEXT_HEADERS = Short.MAX_VALUE;
    /** Largest SU trace: 240-byte header and 65 535 samples (its count is 16 bits) of 4 bytes. */
    static final long MAX_SU_TRACE_BYTES = 240 + 65_535L * 4;
    /** Largest SEG-Y trace the reader accepts (rev 2: extended sample count, trace header extensions). */
    static final long MAX_SEGY_TRACE_BYTES = Integer.MAX_VALUE - 8;

    /**
     * Checks the index throughout, since a worker reads it from the bucket, where any submitter
     * can write: a file layout the SEG-Y (or SU) reader could have made, every range within the
     * file (without overflow), ranges in file order, no two shots of one FFID, no trace in two
     * ranges.
     *
     * @throws IllegalArgumentException in one line saying what is wrong
     */
    public ShotIndex {
        shots = List.copyOf(shots);
        if (headerSha256 != null && headerSha256.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("shot index: a header SHA-256 of " + headerSha256.length + " bytes");
        }
        headerSha256 = headerSha256 == null ? null : headerSha256.clone();
        boolean layout = seismicUnix
                ? headerBytes == 0 && traceBytes <= MAX_SU_TRACE_BYTES
                : headerBytes >= SEGY_HEADER_BYTES && (headerBytes - SEGY_HEADER_BYTES) % EXTENDED_TEXT_BYTES == 0
                        && (headerBytes - SEGY_HEADER_BYTES) / EXTENDED_TEXT_BYTES <= MAX_EXTENDED_TEXT_HEADERS
                        && traceBytes <= MAX_SEGY_TRACE_BYTES;
        if (!layout || traceBytes <= 240 || dataBytes < headerBytes || (dataBytes - headerBytes) % traceBytes != 0) {
            throw new IllegalArgumentException("shot index: header " + headerBytes + " bytes, trace " + traceBytes
                    + " bytes, file " + dataBytes + " bytes do not describe a" + (seismicUnix ? "n SU" : " SEG-Y")
                    + " file");
        }
        if (shots.isEmpty()) {
            throw new IllegalArgumentException("shot index: no shot");
        }
        long fileTraces = (dataBytes - headerBytes) / traceBytes;
        java.util.Set<Integer> ffids = new java.util.HashSet<>(2 * shots.size());
        int rangeCount = 0;
        for (Entry e : shots) {
            if (!ffids.add(e.ffid())) {
                throw new IllegalArgumentException("shot index: FFID " + e.ffid() + " twice");
            }
            double[] xs = {e.source().x(), e.source().y(), e.source().z(), e.minX(), e.maxX(), e.minY(), e.maxY()};
            for (double x : xs) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("shot index: FFID " + e.ffid() + " has a coordinate " + x);
                }
            }
            long[] r = e.ranges;
            for (int i = 0; i < r.length; i += 2) {
                if (r[i] < 0 || r[i + 1] < 1 || r[i + 1] > fileTraces || r[i] > fileTraces - r[i + 1]) {
                    throw new IllegalArgumentException("shot index: FFID " + e.ffid() + " names " + r[i + 1]
                            + (r[i + 1] == 1 ? " trace" : " traces") + " from trace " + TraceIndices.number(r[i]) + ", outside the file's " + fileTraces
                            + " traces");
                }
                if (i > 0 && r[i] < r[i - 2] + r[i - 1]) {
                    throw new IllegalArgumentException("shot index: FFID " + e.ffid() + "'s trace ranges overlap or are"
                            + " not in file order at trace " + TraceIndices.number(r[i]));
                }
            }
            if (e.traces() > MAX_TRACES_PER_SHOT) {
                throw new IllegalArgumentException("shot index: FFID " + e.ffid() + " has " + e.traces() + " traces");
            }
            rangeCount += r.length / 2;
        }
        // No trace in two ranges: with the ranges' first and end traces each sorted, every range ends before the
        // next begins (at any trace, as many ranges have begun as have ended, or one more). Primitive arrays: an
        // index may hold millions of ranges.
        long[] firsts = new long[rangeCount];
        long[] ends = new long[rangeCount];
        int k = 0;
        for (Entry e : shots) {
            for (int i = 0; i < e.ranges.length; i += 2) {
                firsts[k] = e.ranges[i];
                ends[k++] = e.ranges[i] + e.ranges[i + 1];
            }
        }
        java.util.Arrays.sort(firsts);
        java.util.Arrays.sort(ends);
        for (int i = 1; i < rangeCount; i++) {
            if (firsts[i] < ends[i - 1]) {
                throw new IllegalArgumentException("shot index: two ranges name trace " + TraceIndices.number(firsts[i]));
            }
        }
    }

    /** Fewest traces a range may have on average for an index to be made: fewer, and the file is fetched whole. */
    public static final int MIN_TRACES_PER_RANGE = 8;

    /**
     * Why a file of {@code shots} shots, whose traces lie in {@code ranges} runs of
     * {@code traces} traces in all, gets no index (each worker then downloads it whole), or null
     * when it gets one. Shots interleaved in the file (sorted by offset, say: a run a trace) would
     * make an index too large to store or read, and ranged GETs too many and too small to beat
     * one download of the file.
     */
    public static String noIndexBecause(long shots, long ranges, long traces) {
        long bytes = ShotIndexFormat.encodedBytes(shots, ranges);
        if (bytes > ShotIndexFormat.MAX_BYTES) {
            return "its shot index would take " + bytes + " bytes, more than " + ShotIndexFormat.MAX_BYTES;
        }
        if (traces < (long) MIN_TRACES_PER_RANGE * ranges) {
            return "its shots' traces are interleaved (" + traces + " traces in " + ranges + " runs, fewer than "
                    + MIN_TRACES_PER_RANGE + " a run on average)";
        }
        return null;
    }

    /** An index whose digests are not known yet ({@link #withDigests}). */
    public ShotIndex(long headerBytes, int traceBytes, boolean seismicUnix, long dataBytes, List<Entry> shots) {
        this(headerBytes, traceBytes, seismicUnix, dataBytes, null, shots);
    }

    @Override
    public byte[] headerSha256() {
        return headerSha256 == null ? null : headerSha256.clone();
    }

    /** Whether the headers and every shot have their digest: an index a worker can check its fetches by. */
    public boolean hasDigests() {
        return headerSha256 != null && shots.stream().allMatch(e -> e.sha256 != null);
    }

    /**
     * This index with the SHA-256 of {@code file}'s headers and of each shot's traces (its ranges'
     * bytes one after the other). See {@link #withDigests(Path, ByteProgress, CancellationToken)}.
     */
    public ShotIndex withDigests(Path file) {
        return withDigests(file, ByteProgress.NONE, CancellationToken.none());
    }

    /**
     * This index with the SHA-256 of {@code file}'s headers and of each shot's traces (its ranges'
     * bytes one after the other), from one streamed pass over the whole file in file order, which
     * also computes the whole file's SHA-256 ({@link FileSha256#read}, on a second thread) and
     * leaves it remembered while the file is unchanged: the cloud client's input key for the file
     * then costs no second read of it. The gaps between the shots' ranges (traces no shot names)
     * are read for that digest, and given to no shot's.
     *
     * @param progress bytes read of the file's size (minutes for a file of a TB)
     * @param cancel checked between blocks of the read
     * @throws IllegalArgumentException when the file is not the size the index was made from
     * @throws io.seiswork.core.progress.CancelledException when cancelled
     */
    public ShotIndex withDigests(Path file, ByteProgress progress, CancellationToken cancel) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (size != dataBytes) {
            throw new IllegalArgumentException(file + " has " + size + " bytes, its shot index was made from "
                    + dataBytes);
        }
        RangeDigests ranges = new RangeDigests();
        FileSha256.read(file, ranges, progress, cancel);
        if (ranges.end != dataBytes || ranges.target != null) {
            throw new UncheckedIOException(new java.io.EOFException(file + " changed while it was read: " + ranges.end
                    + " bytes read, its shot index was made from " + dataBytes));
        }
        List<Entry> hashed = new ArrayList<>(shots.size());
        for (int s = 0; s < ranges.digests.length; s++) {
            hashed.add(shots.get(s).withSha256(ranges.digests[s].digest()));
        }
        return new ShotIndex(headerBytes, traceBytes, seismicUnix, dataBytes, ranges.header.digest(), hashed);
    }

    /**
     * Routes the blocks of a pass over the file into the digest of the headers and of each shot:
     * the headers' bytes first, then every range of every shot in file order (the shots' ranges
     * merged by a queue of the shots by their next range: an entry per shot rather than per range,
     * since each shot's ranges are in file order and no two overlap). Bytes between ranges go to
     * no digest here.
     */
    private final class RangeDigests implements Sha256Pass.Blocks {

        final MessageDigest header = Sha256Pass.newSha256();
        final MessageDigest[] digests = new MessageDigest[shots.size()];
        private final int[] next = new int[shots.size()];
        private final java.util.PriorityQueue<Integer> queue;
        /** The byte range the pass is in or before, and its digest (null once every range is done). */
        private long from;
        private long to;
        MessageDigest target;
        /** Bytes given so far: where the next block starts. */
        long end;

        RangeDigests() {
            for (int s = 0; s < digests.length; s++) {
                digests[s] = Sha256Pass.newSha256();
            }
            queue = new java.util.PriorityQueue<>(Math.max(1, shots.size()),
                    java.util.Comparator.comparingLong(s -> shots.get(s).ranges[next[s]]));
            for (int s = 0; s < shots.size(); s++) {
                queue.add(s);
            }
            from = 0;
            to = headerBytes;
            target = header;
            if (to == 0) {
                nextRange();  // SU: no headers
            }
        }

        /** The next range of a shot in file order, or none. */
        private void nextRange() {
            if (queue.isEmpty()) {
                target = null;
                return;
            }
            int s = queue.poll();
            long[] r = shots.get(s).ranges;
            from = headerBytes + r[next[s]] * traceBytes;
            to = from + r[next[s] + 1] * traceBytes;
            target = digests[s];
            next[s] += 2;
            if (next[s] < r.length) {
                queue.add(s);
            }
        }

        @Override
        public void accept(long offset, byte[] bytes, int length) {
            long stop = offset + length;
            for (long at = offset; at < stop && target != null; ) {
                if (at < from) {
                    at = Math.min(from, stop);  // between ranges: the whole file's digest alone
                    continue;
                }
                long until = Math.min(to, stop);
                target.update(bytes, (int) (at - offset), (int) (until - at));
                at = until;
                if (at == to) {
                    nextRange();
                }
            }
            end = stop;
        }
    }


    /** The shot of FFID {@code ffid}, or null when the file has none. */
    public Entry entry(int ffid) {
        // A scan, not a map built per call: a shot is looked up a few times, against its run of an hour.
        for (Entry e : shots) {
            if (e.ffid() == ffid) {
                return e;
            }
        }
        return null;
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
        return new Shot(shot.ffid(), shot.source(), FixedPositions.corners(low, high, n));
    }
}
