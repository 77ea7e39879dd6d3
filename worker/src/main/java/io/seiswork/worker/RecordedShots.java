package io.seiswork.worker;

import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.kernels.job.ShotIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

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
 */
final class RecordedShots {

    private final ArtifactStore store;
    private final String dataKey;
    private final ShotIndex index;
    private final Path headers;

    private RecordedShots(ArtifactStore store, String dataKey, ShotIndex index, Path headers) {
        this.store = store;
        this.dataKey = dataKey;
        this.index = index;
        this.headers = headers;
    }

    /**
     * Checks the stored data file against {@code index} and fetches its headers into {@code dir}.
     *
     * @param indexKey the index's input key, for errors
     * @throws IllegalArgumentException in one line naming both keys when the data file is missing
     *     or is not the size the index was made from
     */
    static RecordedShots open(ArtifactStore store, String dataKey, String indexKey, ShotIndex index, Path dir) {
        long size = store.sizeOf(dataKey);
        if (size != index.dataBytes()) {
            throw new IllegalArgumentException("data " + dataKey + " has " + (size < 0 ? "no object" : size + " bytes")
                    + " but its shot index " + indexKey + " was made from a file of " + index.dataBytes() + " bytes");
        }
        Path headers = dir.resolve("data-headers" + suffix(index));
        try (FileChannel out = FileChannel.open(headers, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            store.copyRanges(dataKey, new long[] {0, index.headerBytes()}, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + headers + ": " + e.getMessage(), e);
        }
        return new RecordedShots(store, dataKey, index, headers);
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
     *     the headers plus the shot's traces in size
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
                store.copyRanges(dataKey, bytes, out);
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
