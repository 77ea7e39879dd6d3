package io.seiswork.core.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The record a fetch of a cloud job keeps in the folder it fetched into ({@value #FILE}): per
 * output name, the job, the size, the ETag and the file's modification time once written. The
 * cloud client reads it for which versions are there already; a local run into the folder reads it
 * here for which run outputs a fetch left there and nothing wrote since: those are a run's outputs
 * as surely as those a Seiswork {@code run.json} names, so a local run replaces them as it replaces
 * a previous local run's, and forgets them here, so that a later fetch does not take the local
 * run's files for its own.
 */
public final class FetchRecord {

    /** The record's name in the folder. */
    public static final String FILE = ".seiswork-fetched.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FetchRecord() {
    }

    /** The record in {@code dir}, empty when there is none or it cannot be read (it is only a shortcut). */
    public static ObjectNode read(Path dir) {
        Path record = dir.resolve(FILE);
        if (Files.isRegularFile(record)) {
            try {
                if (JSON.readTree(Files.readString(record)) instanceof ObjectNode o) {
                    return o;
                }
            } catch (IOException | RuntimeException unreadable) {
                // taken as empty: outputs are then downloaded again, and no file is vouched for
            }
        }
        return JSON.createObjectNode();
    }

    /** Writes {@code record} as {@code dir}'s record, durably ({@link DurableFiles}). */
    public static void write(Path dir, ObjectNode record) {
        DurableFiles.write(dir.resolve(FILE), record.toPrettyString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code file} is as the fetch recorded in {@code entry} left it: same size and
     * modification time. A record of an older seiswork has no time, and is taken at its size.
     */
    public static boolean unchanged(Path file, JsonNode entry) {
        try {
            return Files.size(file) == entry.path("size").asLong(-1)
                    && (!entry.has("modified") || modified(file) == entry.get("modified").asLong());
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code file}'s modification time, ns since the epoch (as fine as the file system keeps it). */
    public static long modified(Path file) throws IOException {
        return Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS);
    }

    /**
     * The run outputs ({@link RunOutputs}) in {@code dir} that a fetch wrote and nothing has written
     * since, in the order of {@link RunOutputs#ALL}, each with the job the record names for it (null
     * for a record of an older seiswork, which named none). Reads the folder: not for the JavaFX
     * thread.
     */
    public static Map<String, String> fetchedIn(Path dir) {
        ObjectNode record = read(dir);
        Map<String, String> fetched = new LinkedHashMap<>();
        for (String name : RunOutputs.in(dir)) {
            JsonNode v = record.path(name);
            Path file = dir.resolve(name);
            if (v.isObject() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && unchanged(file, v)) {
                fetched.put(name, v.hasNonNull("job") ? v.get("job").asText() : null);
            }
        }
        return fetched;
    }

    /**
     * Forgets {@code names} in {@code dir}'s record (removed or written over by something other than
     * a fetch), so that no fetch takes those files for its own; the record is removed when it names
     * nothing more. Nothing is written when it names none of them.
     *
     * @throws java.io.UncheckedIOException when the record cannot be written or removed
     */
    public static void forget(Path dir, Collection<String> names) {
        forget(dir, read(dir), names);
    }

    /**
     * As {@link #forget(Path, Collection)}, for {@code record}, {@code dir}'s record as its caller
     * holds it (a fetch's, which goes on recording in it): {@code names} are removed from it too.
     * The one way a record forgets, so that a fetch and a local run leave the same folder behind:
     * no record, rather than an empty one, once it names nothing.
     */
    public static void forget(Path dir, ObjectNode record, Collection<String> names) {
        if (names.stream().noneMatch(record::has)) {
            return;
        }
        record.remove(names);
        if (record.isEmpty()) {
            try {
                Files.deleteIfExists(dir.resolve(FILE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + dir.resolve(FILE) + ": " + e.getMessage(), e);
            }
        } else {
            write(dir, record);
        }
    }
}
