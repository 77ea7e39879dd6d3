package io.seiswork.worker;

import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.kernels.job.ShotIndex;
import io.seiswork.cloud.s3.S3RangeReader;
import io.seiswork.core.volume.SwvException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A job's recorded data as a worker reads it: by its {@link ShotIndex}, one shot at a time, never
 * the whole file. A real survey's data are 0.1 to several TB and one shot's traces 0.1 to 1 GB;
 * fifty workers each downloading the whole file (and reading every trace header of it) before
 * their first shot would cost hours, their disks and the bucket's transfer, for traces they never
 * use.
 *
 * <p>The file's headers (3600 bytes and its extended text headers for SEG-Y, none for SU) are
 * fetched once per job ({@link #headers()}); each shot then gets a small file of its own in its
 * scratch folder ({@link #fetch}): those headers, then the shot's traces by ranged GETs, byte for
 * byte, which the shot's computer reads as it would the whole file's shot
 * ({@code ShotComputer.migrateGather}, which also checks that every trace is of the shot's FFID).
 * The index itself is an input, checked against its key's SHA-256 when it was downloaded; the
 * data file's size must be the one it was made from.
 *
 * <p>Ranged GETs are not checked against the data file's key as a whole download is, and the
 * bucket's inputs can be overwritten: so the headers and each shot's traces are checked against
 * the SHA-256 the index holds of them (made at submission from the file submitted), and every GET
 * of a job reads the one version of the object opened with the job ({@code If-Match} its ETag),
 * never headers of one version with traces of another.
 */
final class RecordedShots {

    private final ArtifactStore store;
    private final String dataKey;
    private final ShotIndex index;
    private final Path headers;
    private final S3RangeReader reader;

    private RecordedShots(ArtifactStore store, String dataKey, ShotIndex index, Path headers, S3RangeReader reader) {
        this.store = store;
        this.dataKey = dataKey;
        this.index = index;
        this.headers = headers;
        this.reader = reader;
    }

    /**
     * Checks the stored data file against {@code index} and fetches its headers into {@code dir}.
     *
     * @param indexKey the index's input key, for errors
     * @param maxInputBytes the most a worker downloads: the headers must fit
     * @throws IllegalArgumentException in one line naming both keys when the data file is missing
     *     or is not the size the index was made from
     * @throws IllegalStateException in one line when its headers are not those submitted
     */
    static RecordedShots open(ArtifactStore store, String dataKey, String indexKey, ShotIndex index, Path dir,
            long maxInputBytes) {
        if (index.headerBytes() > maxInputBytes) {
            throw new IllegalArgumentException("data " + dataKey + ": its shot index " + indexKey + " gives it "
                    + index.headerBytes() + " bytes of headers, more than the " + maxInputBytes + " a worker downloads");
        }
        // One HEAD for the job: every later GET asks for this version.
        S3RangeReader reader;
        try {
            reader = store.openRanges(dataKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("data " + dataKey + " has no object but its shot index " + indexKey
                    + " names it", e);
        }
        if (reader.size() != index.dataBytes()) {
            throw new IllegalArgumentException("data " + dataKey + " has " + reader.size() + " bytes but its shot index "
                    + indexKey + " was made from a file of " + index.dataBytes() + " bytes");
        }
        Path headers = dir.resolve("data-headers" + suffix(index));
        try (FileChannel out = FileChannel.open(headers, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Digesting digesting = new Digesting(out);
            copy(store, reader, dataKey, new long[] {0, index.headerBytes()}, digesting, "its headers");
            if (!MessageDigest.isEqual(digesting.digest(), index.headerSha256())) {
                throw new IllegalStateException("the data file's headers differ from those submitted: " + dataKey
                        + " was replaced after its shot index " + indexKey + " was made");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + headers + ": " + e.getMessage(), e);
        }
        return new RecordedShots(store, dataKey, index, headers, reader);
    }

    /**
     * Copies ranges of the pinned version; a version replaced since opening (HTTP 412 to
     * {@code If-Match}) is reported as data that differ from those submitted.
     */
    private static void copy(ArtifactStore store, S3RangeReader reader, String dataKey, long[] ranges,
            WritableByteChannel out, String what) {
        try {
            store.copyRanges(reader, dataKey, ranges, out);
        } catch (SwvException e) {
            if (e.getCause() instanceof S3Exception s3 && s3.statusCode() == 412) {
                throw new IllegalStateException("the data file's bytes for " + what + " differ from those submitted: "
                        + dataKey + " was replaced while the job read it", e);
            }
            throw e;
        }
    }

    /** A channel that hashes (SHA-256) what it writes. */
    private static final class Digesting implements WritableByteChannel {
        private final WritableByteChannel out;
        private final MessageDigest md = ShotIndex.sha256Digest();

        Digesting(WritableByteChannel out) {
            this.out = out;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            ByteBuffer seen = src.duplicate();
            int n = out.write(src);
            seen.limit(seen.position() + n);
            md.update(seen);
            return n;
        }

        byte[] digest() {
            return md.digest();
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static String suffix(ShotIndex index) {
        return index.seismicUnix() ? ".su" : ".sgy";
    }

    /** The data file's key. */
    String dataKey() {
        return dataKey;
    }

    ShotIndex index() {
        return index;
    }

    /** The data file's headers alone, a file of no trace: what the spec reader is given as the job's data. */
    Path headers() {
        return headers;
    }

    /**
     * Bytes of shot {@code ffid}'s own file: the data file's headers and the shot's traces.
     *
     * @throws IllegalArgumentException when the index has no such shot
     */
    long shotBytes(int ffid) {
        return index.shotFileBytes(entry(ffid));
    }

    private ShotIndex.Entry entry(int ffid) {
        ShotIndex.Entry e = index.entry(ffid);
        if (e == null) {
            throw new IllegalArgumentException("shot FFID " + ffid + ": the shot index of data " + dataKey
                    + " has no such shot");
        }
        return e;
    }

    /**
     * Fetches shot {@code ffid}'s file into {@code dir}: the headers, then its traces by ranged
     * GETs of the data file, in the order of its ranges (the file's order).
     *
     * @return the file, {@code ffid-<ffid>.sgy} ({@code .su} for SU data)
     * @throws IllegalStateException in one line naming the shot and the key when the file is not
     *     the headers plus the shot's traces in size, or its traces are not those submitted
     *     (their SHA-256 is not the index's)
     */
    Path fetch(int ffid, Path dir) {
        ShotIndex.Entry e = entry(ffid);
        long[] traces = e.ranges();
        long[] bytes = new long[traces.length];
        for (int i = 0; i < traces.length; i += 2) {
            bytes[i] = index.headerBytes() + traces[i] * index.traceBytes();
            bytes[i + 1] = traces[i + 1] * index.traceBytes();
        }
        Path file = dir.resolve("ffid-" + ffid + suffix(index));
        try {
            Files.copy(headers, file, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                Digesting digesting = new Digesting(out);
                copy(store, reader, dataKey, bytes, digesting, "shot FFID " + ffid);
                if (!MessageDigest.isEqual(digesting.digest(), e.sha256())) {
                    throw new IllegalStateException("the data file's bytes for shot FFID " + ffid
                            + " differ from those submitted: " + dataKey + " was replaced after submission");
                }
            }
            long size = Files.size(file);
            if (size != index.shotFileBytes(e)) {
                throw new IllegalStateException("shot FFID " + ffid + ": fetched " + size + " bytes of data " + dataKey
                        + ", not the " + index.shotFileBytes(e) + " of its headers and " + e.traces() + " traces");
            }
            return file;
        } catch (IOException ex) {
            throw new UncheckedIOException("shot FFID " + ffid + ": cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }
}
