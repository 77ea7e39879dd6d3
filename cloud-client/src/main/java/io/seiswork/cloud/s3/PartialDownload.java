package io.seiswork.cloud.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.files.DurableFiles;
import io.seiswork.core.files.UploadPartSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;

/**
 * A download in parts that survives its own interruption: the bytes go to {@code <file>.part},
 * and {@code <file>.part.json} records which parts are on disk and of which object (its ETag,
 * size and the part size). A download of the same object into the same file goes on from there,
 * so a 100 GB image whose fetch broke at 90 GB costs the last 10 GB, not 100 again. Another
 * object under the key (another ETag), another part size, or an unreadable record starts afresh.
 *
 * <p>A part is recorded ({@link #done}) only once all of its bytes are written: a part stopped
 * part-way (a Cancel, a broken connection, a killed process) may leave some of its bytes in the
 * {@code .part} file, but no record names it, so the next download fetches it whole.
 *
 * <p>Parts finish in any order (they are fetched in parallel), hence a set rather than a length.
 * The record is rewritten at most every {@value #SAVE_EVERY_MS} ms and when the download stops,
 * each time after forcing the {@code .part} file: a part the record names is on disk even after
 * a power cut, and a killed download loses at most the parts of the last two seconds.
 */
final class PartialDownload implements AutoCloseable {

    static final String STATE_SUFFIX = ".part.json";
    private static final long SAVE_EVERY_MS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Path part;
    private final Path state;
    private final String eTag;
    private final long size;
    private final int partBytes;
    private final BitSet done;
    private final FileChannel channel;
    private final long resumedBytes;
    private long savedAtMs;
    private boolean completed;

    private PartialDownload(Path file, String eTag, long size, int partBytes, BitSet done, FileChannel channel) {
        this.file = file;
        this.part = partOf(file);
        this.state = stateOf(file);
        this.eTag = eTag;
        this.size = size;
        this.partBytes = partBytes;
        this.done = done;
        this.channel = channel;
        this.resumedBytes = bytesOf(done);
        this.savedAtMs = System.currentTimeMillis();
    }

    /**
     * Opens the download of an object of {@code size} bytes and ETag {@code eTag} into {@code file}:
     * resumed when a record of the same object and part size is there, else from nothing.
     */
    static PartialDownload open(Path file, String eTag, long size, int partBytes) {
        Path part = partOf(file);
        BitSet done = resumable(file, eTag, size, partBytes);
        try {
            if (done == null) {
                Files.deleteIfExists(stateOf(file));
                done = new BitSet();
                return new PartialDownload(file, eTag, size, partBytes, done, FileChannel.open(part,
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
            }
            return new PartialDownload(file, eTag, size, partBytes, done, FileChannel.open(part, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + part + ": " + e.getMessage(), e);
        }
    }

    /** The parts the record names, when it is of this object and part size and its file is there; else null. */
    private static BitSet resumable(Path file, String eTag, long size, int partBytes) {
        Path state = stateOf(file);
        if (eTag == null || !Files.isRegularFile(state) || !Files.isRegularFile(partOf(file))) {
            return null;
        }
        try {
            JsonNode s = JSON.readTree(Files.readString(state));
            if (!eTag.equals(s.path("eTag").asText()) || s.path("size").asLong(-1) != size
                    || s.path("partBytes").asInt(-1) != partBytes) {
                return null;
            }
            BitSet done = new BitSet();
            int count = UploadPartSize.count(size, partBytes);
            for (JsonNode n : s.path("done")) {
                int i = n.asInt(-1);
                if (i < 0 || i >= count) {
                    return null;
                }
                done.set(i);
            }
            return done;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** Bytes already on disk when the download was opened (0 for a fresh one). */
    long resumedBytes() {
        return resumedBytes;
    }

    /** Parts on disk, recorded: those of an earlier download and those written since. */
    synchronized int partsDone() {
        return done.cardinality();
    }

    /** Bytes of the parts on disk ({@link #partsDone}). */
    synchronized long bytesDone() {
        return bytesOf(done);
    }

    /** Whether part {@code index} is on disk already. */
    synchronized boolean has(int index) {
        return done.get(index);
    }

    /** Writes a fetched part's bytes at their place; thread-safe (positional writes). */
    void write(ByteBuffer bytes, long offset) {
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes, offset + bytes.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + part + ": " + e.getMessage(), e);
        }
    }

    /** Part {@code index} is written: recorded, and the record saved if the last save is old enough. */
    synchronized void done(int index) {
        done.set(index);
        if (System.currentTimeMillis() - savedAtMs >= SAVE_EVERY_MS) {
            save();
        }
    }

    /** Every part is written: the file takes its real name and the record goes. */
    synchronized void complete() {
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + part + ": " + e.getMessage(), e);
        }
        DurableFiles.replace(part, file);
        completed = true;
        try {
            Files.deleteIfExists(state);
        } catch (IOException e) {
            // a stale record names a .part that is gone: the next download of this file starts afresh
        }
    }

    /** Stopped before completion: the record is saved for the next attempt. */
    @Override
    public synchronized void close() {
        if (completed) {
            return;
        }
        try {
            save();
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the record is what matters, and it is written
            }
        }
    }

    private void save() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + part + ": " + e.getMessage(), e);
        }
        ObjectNode s = JSON.createObjectNode().put("eTag", eTag).put("size", size).put("partBytes", partBytes);
        var list = s.putArray("done");
        done.stream().forEach(list::add);
        DurableFiles.write(state, s.toString().getBytes(StandardCharsets.UTF_8));
        savedAtMs = System.currentTimeMillis();
    }

    private long bytesOf(BitSet parts) {
        return parts.stream().mapToLong(i -> Math.min(partBytes, size - (long) i * partBytes)).sum();
    }

    static Path partOf(Path file) {
        return file.resolveSibling(file.getFileName() + DurableFiles.PART);
    }

    static Path stateOf(Path file) {
        return file.resolveSibling(file.getFileName() + STATE_SUFFIX);
    }
}
