package io.seiswork.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which run outputs a fetch's record vouches for (written by the fetch, unchanged since), and
 * forgetting them.
 */
class FetchRecordTest {

    @TempDir
    Path dir;

    private void fetched(String name, String job, byte[] bytes) throws Exception {
        Path file = Files.write(dir.resolve(name), bytes);
        ObjectNode record = FetchRecord.read(dir);
        ObjectNode v = record.putObject(name).put("size", bytes.length).put("modified", FetchRecord.modified(file));
        if (job != null) {
            v.put("job", job);
        }
        FetchRecord.write(dir, record);
    }

    @Test
    void onlyUnchangedRunOutputsTheRecordNamesAreVouchedFor() throws Exception {
        assertEquals(Map.of(), FetchRecord.fetchedIn(dir), "no record");
        fetched("image.sgy", "rtm-job", new byte[10]);
        fetched("image.swv", null, new byte[20]);  // a record of an older seiswork names no job
        fetched("notes.txt", "rtm-job", new byte[5]);  // no run output's name
        fetched("shots.sgy", "model-job", new byte[30]);
        Files.write(dir.resolve("shots.sgy"), new byte[31]);  // written since
        Map<String, String> vouched = FetchRecord.fetchedIn(dir);
        assertEquals(List.of("image.sgy", "image.swv"), List.copyOf(vouched.keySet()));
        assertEquals("rtm-job", vouched.get("image.sgy"));
        assertEquals(null, vouched.get("image.swv"));

        Files.writeString(dir.resolve(FetchRecord.FILE), "not json");
        assertEquals(Map.of(), FetchRecord.fetchedIn(dir), "an unreadable record vouches for nothing");
    }

    @Test
    void forgettingEveryEntryRemovesTheRecord() throws Exception {
        fetched("image.sgy", "rtm-job", new byte[10]);
        fetched("image.swv", "rtm-job", new byte[10]);
        FetchRecord.forget(dir, List.of("shots.sgy"));
        assertEquals(2, FetchRecord.read(dir).size(), "nothing of it forgotten");
        FetchRecord.forget(dir, List.of("image.sgy", "run.json"));
        assertEquals(List.of("image.swv"), List.copyOf(FetchRecord.fetchedIn(dir).keySet()));
        FetchRecord.forget(dir, List.of("image.swv"));
        assertFalse(Files.exists(dir.resolve(FetchRecord.FILE)));
        assertTrue(Files.exists(dir.resolve("image.swv")), "the files are not the record's to remove");
    }
}
