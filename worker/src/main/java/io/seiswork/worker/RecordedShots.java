package io.seiswork.worker;

import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.core.files.FileSha256;
import io.seiswork.core.files.Sha256Pass;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * asks for one version of the object ({@code If-Match} its ETag): the one opened with the job,
 * until that is replaced. One fetch (the headers, or a shot's traces) is of one version: a GET
 * refused because the version was replaced begins that fetch again, whole, on the new version.
 * The headers are fetched once per job, though, and not again when the version changes; so after
 * a replacement a shot's file is the first version's headers with a later version's traces.
 * That is safe because each part has been checked against the index's digest: whatever version
 * they came from, they are the bytes submitted, which are one file's.
 *
 * <p>Bytes that are not those submitted are fetched once more before anything is decided: the
 * same wrong bytes twice are the stored object's, and every attempt of the shot would read them
 * again, so the shot fails at once ({@link DataIntegrityException}) instead of using up its
 * deliveries; bytes that differ between the two fetches were damaged on the way, and the shot
 * is tried again as for any failure. A version replaced while the job reads it (HTTP 412 to
 * {@code If-Match}) is opened afresh, once per fetch, and read like any other: its bytes are
 * checked against the same digests, so a replacement by the same content costs nothing.
 */
final class RecordedShots {

    private static final Logger LOG = LoggerFactory.getLogger(RecordedShots.class);

    private final ArtifactStore store;
    private final String dataKey;
    private final String indexKey;
    private final ShotIndex index;
    private final Path headers;
    /**
     * The version every GET asks for: the one opened with the job, another once that was replaced
     * ({@link #fetchDigest}). The headers fetched from an earlier version are kept: they were
     * checked against the index, as the new version's traces will be.
     */
    private S3RangeReader reader;
    /** Whether the object was replaced since the job opened it: how a wrong shot's error says when. */
    private boolean replaced;

    private RecordedShots(ArtifactStore store, String dataKey, String indexKey, ShotIndex index, Path headers,
            S3RangeReader reader) {
        this.store = store;
        this.dataKey = dataKey;
        this.indexKey = indexKey;
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
     * @throws DataIntegrityException in one line naming both keys when the data file is not the
     *     size the index was made from, or its headers are not those submitted on two fetches
     */
    static RecordedShots open(ArtifactStore store, String dataKey, String indexKey, ShotIndex index, Path dir,
            long maxInputBytes) {
        if (index.headerBytes() > maxInputBytes) {
            throw new IllegalArgumentException("data " + dataKey + ": its shot index " + indexKey + " gives it "
                    + index.headerBytes() + " bytes of headers, more than the " + maxInputBytes + " a worker downloads");
        }
        Path headers = dir.resolve("data-headers" + suffix(index));
        // One HEAD for the job: every later GET asks for this version.
        RecordedShots shots = new RecordedShots(store, dataKey, indexKey, index, headers, null);
        shots.reader = shots.openVersion();
        shots.fetchChecked(headers, null, new long[] {0, index.headerBytes()}, index.headerSha256(),
                "the data file's headers");
        return shots;
    }

    /**
     * One HEAD of the data object: the version later GETs ask for.
     *
     * @throws DataIntegrityException when its size is not the one the index was made from: every
     *     attempt would find the same object
     */
    private S3RangeReader openVersion() {
        S3RangeReader opened;
        try {
            opened = store.openRanges(dataKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("data " + dataKey + " has no object but its shot index " + indexKey
                    + " names it", e);
        }
        if (opened.size() != index.dataBytes()) {
            throw new DataIntegrityException("data " + dataKey + " has " + opened.size() + " bytes but its shot index "
                    + indexKey + " was made from a file of " + index.dataBytes() + " bytes");
        }
        return opened;
    }

    /**
     * Writes {@code prefix} (or nothing, when null), then {@code ranges} of the data object, into
     * {@code file}, and checks the ranges' bytes against {@code sha256}. Bytes that differ are
     * fetched once more: the same wrong bytes twice fail at once, different ones are damage on
     * the way, tried again by the shot's next delivery.
     *
     * @param subject what the bytes are, for errors ("the data file's headers")
     * @throws DataIntegrityException when two fetches agree and differ from the digest
     * @throws IllegalStateException when they differ from it and from each other
     */
    private void fetchChecked(Path file, Path prefix, long[] ranges, byte[] sha256, String subject) {
        byte[] first = fetchDigest(file, prefix, ranges, subject);
        if (MessageDigest.isEqual(first, sha256)) {
            return;
        }
        LOG.warn("{} of {} are not those submitted (SHA-256 {} instead of {}): fetching them once more, to tell damage on "
                + "the way from a stored object that differs", subject, dataKey, FileSha256.hex(first),
                FileSha256.hex(sha256));
        byte[] second = fetchDigest(file, prefix, ranges, subject);
        if (MessageDigest.isEqual(second, sha256)) {
            LOG.warn("{} of {} came right on the second fetch: the first was damaged on the way", subject, dataKey);
            return;
        }
        String differ = subject + " differ from those submitted: " + dataKey + " was replaced "
                + (replaced ? "while the job read it" : "after submission");
        if (MessageDigest.isEqual(first, second)) {
            throw new DataIntegrityException(differ);
        }
        throw new IllegalStateException(subject + " came different on two fetches of " + dataKey
                + ", neither those submitted: damaged on the way");
    }

    /**
     * Writes {@code prefix} and the ranges into {@code file} (replacing it) and returns the
     * ranges' SHA-256. A version replaced since opening (HTTP 412 to {@code If-Match}) is opened
     * afresh and the fetch begun again, once.
     */
    private byte[] fetchDigest(Path file, Path prefix, long[] ranges, String subject) {
        for (int tries = 1; ; tries++) {
            try {
                if (prefix != null) {
                    Files.copy(prefix, file, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(file);
                }
                try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    Digesting digesting = new Digesting(out);
                    store.copyRanges(reader, ranges, digesting);
                    return digesting.digest();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            } catch (SwvException e) {
                if (!(e.getCause() instanceof S3Exception s3 && s3.statusCode() == 412)) {
                    throw e;
                }
                if (tries > 1) {
                    throw new IllegalStateException(subject + " could not be read: " + dataKey
                            + " was replaced while the job read it, and again while it read the new version", e);
                }
                String was = reader.eTag();
                reader = openVersion();
                replaced = true;
                LOG.warn("data {} was replaced while the job read it (version {}, now {}): reading the new version, its "
                        + "bytes checked against the shot index {}", dataKey, was, reader.eTag(), indexKey);
            }
        }
    }

    /** A channel that hashes (SHA-256) what it writes. */
    private static final class Digesting implements WritableByteChannel {
        private final WritableByteChannel out;
        private final MessageDigest md = Sha256Pass.newSha256();

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
     * @throws DataIntegrityException in one line naming the shot and the key when its traces are
     *     not those submitted (their SHA-256 is not the index's) on two fetches alike
     * @throws IllegalStateException in one line naming the shot and the key when the file is not
     *     the headers plus the shot's traces in size, or two fetches of its traces differ
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
        fetchChecked(file, headers, bytes, e.sha256(), "the data file's bytes for shot FFID " + ffid);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException ex) {
            throw new UncheckedIOException("shot FFID " + ffid + ": cannot read " + file + ": " + ex.getMessage(), ex);
        }
        if (size != index.shotFileBytes(e)) {
            throw new IllegalStateException("shot FFID " + ffid + ": fetched " + size + " bytes of data " + dataKey
                    + ", not the " + index.shotFileBytes(e) + " of its headers and " + e.traces() + " traces");
        }
        return file;
    }
}
