package io.seiswork.app.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.files.FetchRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder as a fetch of a cloud job leaves it, without a cloud: its outputs' files and the
 * fetch's record of them ({@link FetchRecord}), as the cloud client writes it (job, size, ETag,
 * modification time), for the tests of what a local run or the desktop's Run does with them.
 */
public final class FetchedFiles {

    private FetchedFiles() {
    }

    /** Writes {@code names} into {@code dir} (a few hundred bytes each) as fetched from {@code job}. */
    public static void write(Path dir, String job, String... names) throws IOException {
        for (String name : names) {
            Path file = Files.write(dir.resolve(name), new byte[400 + name.length()]);
            ObjectNode record = FetchRecord.read(dir);
            record.putObject(name).put("job", job).put("size", Files.size(file)).put("eTag", "\"etag-" + name + "\"")
                    .put("modified", FetchRecord.modified(file));
            FetchRecord.write(dir, record);
        }
    }

    /** Records {@code name} as fetched from {@code job} with {@code size} bytes, whatever the file holds. */
    public static void record(Path dir, String job, String name, long size) {
        ObjectNode record = FetchRecord.read(dir);
        record.putObject(name).put("job", job).put("size", size).put("eTag", "\"etag-" + name + "\"");
        FetchRecord.write(dir, record);
    }
}
