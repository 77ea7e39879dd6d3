package io.seiswork.cloud.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.core.files.RunOutputs;
import io.seiswork.core.progress.CancellationToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fetch into a folder that holds another run's outputs its job would not replace (a model
 * job's {@code shots.sgy} into a migration's folder): refused before anything is downloaded, so
 * that the folder never holds two runs' files shown as one; the user's own files do not count, the
 * same job fetched again into its folder goes on, and replacing removes the other run's outputs,
 * its {@code run.json} and checkpoint too, but nothing else. Against the three emulators.
 */
class FetchIntoRunFolderTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CloudClients clients;
    private Dispatcher d;

    @BeforeEach
    void connect() {
        clients = new CloudClients(CloudSettings.local(CLOUD.s3Endpoint(), CLOUD.sqsEndpoint(), CLOUD.dynamoDbEndpoint()));
        d = Dispatcher.of(clients);
    }

    @AfterEach
    void disconnect() {
        clients.close();
    }

    /** A DONE model job whose shots.sgy holds "model sgy". */
    private JobId modelJob(String name) {
        return DispatcherTest.doneJob(d, name, "model", "model", List.of("shots.sgy"));
    }

    /** A DONE migration whose image.sgy and image.swv ("rtm sgy", "rtm swv") are fetched into {@code out}. */
    private JobId migrationFetchedInto(Path out, String name) {
        JobId id = DispatcherTest.doneJob(d, name, "rtm", "rtm", List.of("image.sgy", "image.swv"));
        d.fetch(id, out, 1 << 20, TransferProgress.NONE);
        return id;
    }

    /** A finished local migration's folder, with the user's notes beside it. */
    private Path localMigration() throws IOException {
        Path out = Files.createDirectories(dir.resolve("run"));
        Files.writeString(out.resolve("image.sgy"), "a local run's image");
        Files.writeString(out.resolve("image.swv"), "a local run's volume");
        Files.writeString(out.resolve("run.json"), "{\"seiswork\": \"1\", \"task\": \"rtm\", \"status\": \"done\"}");
        Files.writeString(out.resolve("notes.txt"), "the user's notes");
        return out;
    }

    /** Fetches {@code id} into {@code out}, replacing the run outputs named {@code replaceable}. */
    private List<FetchedOutput> fetchReplacing(JobId id, Path out, long maxBytes, List<String> replaceable) {
        return d.fetch(id, out, maxBytes, TransferProgress.NONE, new CancellationToken(), replaceable);
    }

    /** The names in {@code folder}, sorted. */
    private static TreeSet<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return new TreeSet<>(files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aJobWhoseOutputsWouldLandBesideALocalRunsIsRefusedBeforeAnythingIsDownloaded() throws Exception {
        JobId id = modelJob("mixed-local");
        Path out = localMigration();
        TreeSet<String> before = names(out);
        List<Long> downloads = new ArrayList<>();

        var refused = assertThrows(IllegalStateException.class,
                () -> d.fetch(id, out, 1 << 20, (done, total) -> downloads.add(total)));

        assertEquals(out + " holds image.sgy, image.swv and run.json, which no fetch of job " + id + " left as they"
                + " are (another run's outputs, or written since?): fetch into another folder, or replace them with"
                + " fetch --replace; nothing was downloaded", refused.getMessage());
        assertEquals(List.of(), downloads);
        before.add(".seiswork-run.lock");  // the lock the refused fetch held while it looked
        assertEquals(before, names(out), "no shots.sgy, no part of it, no record");
        assertEquals("a local run's image", Files.readString(out.resolve("image.sgy")));
        assertEquals("the user's notes", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    void aStoppedLocalRunsCheckpointAloneMakesTheFolderAnotherRuns() throws Exception {
        JobId id = modelJob("mixed-checkpoint");
        Path out = Files.createDirectories(dir.resolve("stopped").resolve("checkpoint"))
                .getParent();
        Files.writeString(out.resolve("checkpoint").resolve("state.json"), "{}");

        var refused = assertThrows(IllegalStateException.class, () -> d.fetch(id, out, 1 << 20,
                TransferProgress.NONE));

        assertEquals(out + " holds checkpoint/, which no fetch of job " + id + " left as it is (another run's"
                + " outputs, or written since?): fetch into another folder, or replace it with fetch --replace;"
                + " nothing was downloaded", refused.getMessage());
        assertFalse(Files.exists(out.resolve("shots.sgy")));
    }

    @Test
    void anotherJobsFetchedFilesMakeTheFolderAnotherRunsWhileTheSameJobFetchedAgainGoesOn() throws Exception {
        Path out = dir.resolve("fetched");
        JobId migration = migrationFetchedInto(out, "mixed-fetched");
        JobId model = modelJob("mixed-fetched-model");
        Files.writeString(out.resolve("notes.txt"), "the user's notes");
        List<Long> downloads = new ArrayList<>();
        TransferProgress counting = (done, total) -> downloads.add(total);

        var refused = assertThrows(IllegalStateException.class, () -> d.fetch(model, out, 1 << 20, counting));
        assertTrue(refused.getMessage().startsWith(out + " holds image.sgy and image.swv, which no fetch of job "
                + model + " left as they are"), refused.getMessage());
        assertFalse(Files.exists(out.resolve("shots.sgy")));

        // The migration's own fetch again: its files are its own, the notes no run's; nothing downloaded.
        List<FetchedOutput> again = d.fetch(migration, out, 1 << 20, counting);
        assertEquals(List.of(true, true), again.stream().map(FetchedOutput::alreadyThere).toList());
        assertEquals(List.of(), downloads);
        assertEquals("rtm sgy", Files.readString(out.resolve("image.sgy")));
    }

    @Test
    void aFolderOfFilesThatAreNoRunsOutputsTakesTheFetch() throws Exception {
        JobId id = modelJob("unrelated");
        Path out = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(out.resolve("notes.txt"), "the user's notes");
        Files.createDirectories(out.resolve("plots"));

        d.fetch(id, out, 1 << 20, TransferProgress.NONE);

        assertEquals("model sgy", Files.readString(out.resolve("shots.sgy")));
        assertEquals("the user's notes", Files.readString(out.resolve("notes.txt")));
        assertTrue(Files.isDirectory(out.resolve("plots")));
    }

    /**
     * A name that differs from an output's only in case ({@code Image.sgy}, {@code RUN.JSON}): on
     * a case-sensitive file system (Linux's, CI's) another file, which neither refuses the fetch
     * nor is removed by {@code --replace}; where the file system folds case, the output itself,
     * refused as another run's. The fetch asks the file system for each output's own name, so its
     * lookup decides, as it decides what a write by that name opens ({@code RunOutputsTest}).
     */
    @Test
    void namesDifferingOnlyInCaseAreAnotherRunsOutputsExactlyWhereTheFileSystemFoldsCase() throws Exception {
        JobId id = modelJob("case");
        Path out = Files.createDirectories(dir.resolve("case"));
        Files.writeString(out.resolve("Image.sgy"), "a vendor's image");
        Files.writeString(out.resolve("RUN.JSON"), "a vendor's report");
        boolean folds = Files.exists(out.resolve("IMAGE.SGY"));

        if (folds) {
            var refused = assertThrows(IllegalStateException.class, () -> d.fetch(id, out, 1 << 20,
                    TransferProgress.NONE));
            assertTrue(refused.getMessage().startsWith(out + " holds image.sgy and run.json, which no fetch"),
                    refused.getMessage());
            return;
        }
        fetchReplacing(id, out, 1 << 20, RunOutputs.ALL);
        assertEquals("model sgy", Files.readString(out.resolve("shots.sgy")));
        assertEquals("a vendor's image", Files.readString(out.resolve("Image.sgy")), "another file: kept");
        assertEquals("a vendor's report", Files.readString(out.resolve("RUN.JSON")));
    }

    @Test
    void replacingRemovesTheOtherRunsOutputsItsReportAndCheckpointButNothingElse() throws Exception {
        JobId id = modelJob("replacing");
        Path out = localMigration();
        Files.createDirectories(out.resolve("checkpoint"));
        Files.writeString(out.resolve("checkpoint").resolve("state.json"), "{}");

        fetchReplacing(id, out, 1 << 20, RunOutputs.ALL);

        assertEquals(new TreeSet<>(List.of(".seiswork-fetched.json", ".seiswork-run.lock", "notes.txt", "shots.sgy")),
                names(out), "no run.json, image or checkpoint of the run replaced");
        assertEquals("model sgy", Files.readString(out.resolve("shots.sgy")));
        assertEquals("the user's notes", Files.readString(out.resolve("notes.txt")));
        d.fetch(id, out, 1 << 20, TransferProgress.NONE);  // the folder is the job's now: no refusal
    }

    @Test
    void replacingAnotherJobsFetchLeavesARecordOfThisJobAlone() throws Exception {
        Path out = dir.resolve("fetched");
        JobId migration = migrationFetchedInto(out, "replaced-fetch");
        JobId model = modelJob("replacing-fetch");

        fetchReplacing(model, out, 1 << 20, RunOutputs.ALL);

        assertFalse(Files.exists(out.resolve("image.sgy")));
        assertFalse(Files.exists(out.resolve("image.swv")));
        var record = JSON.readTree(out.resolve(".seiswork-fetched.json").toFile());
        assertEquals(List.of("shots.sgy"), fieldNames(record));
        assertEquals(model.value(), record.path("shots.sgy").path("job").asText());
    }

    private static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode record) {
        List<String> list = new ArrayList<>();
        record.fieldNames().forEachRemaining(list::add);
        return list;
    }

    /**
     * A user's folder by a run output's name (run.json/ holding a thesis) or a checkpoint/ of
     * model weights without Seiswork's state file: named as a folder, with the line to move it,
     * and never removed, even by a fetch told to replace every run output.
     */
    @Test
    void aFolderByAnOutputsNameThatNoRunLeavesIsRefusedEvenWhenReplacing() throws Exception {
        JobId id = modelJob("folder-by-name");
        Path out = Files.createDirectories(dir.resolve("thesis"));
        Files.writeString(out.resolve("image.sgy"), "a local run's image");
        Path thesis = Files.createDirectories(out.resolve("run.json")).resolve("thesis.tex");
        Files.writeString(thesis, "chapter 1");
        Path weights = Files.createDirectories(out.resolve("checkpoint")).resolve("model-epoch-40.pt");
        Files.writeString(weights, "weights");

        for (List<String> replacing : List.of(List.<String>of(), RunOutputs.ALL)) {
            var refused = assertThrows(IllegalStateException.class, () -> fetchReplacing(id, out, 1 << 20, replacing));
            assertEquals(out + " holds image.sgy, run.json/ and checkpoint/, which no fetch of job " + id + " left as"
                    + " they are (another run's outputs, or written since?): move run.json/ and checkpoint/ out of "
                    + out + ": folders no Seiswork run leaves (only checkpoint/ holding state.json is a run's), which"
                    + " nothing here removes, or fetch into another folder; nothing was removed or downloaded",
                    refused.getMessage());
            assertEquals("chapter 1", Files.readString(thesis));
            assertEquals("weights", Files.readString(weights));
            assertEquals("a local run's image", Files.readString(out.resolve("image.sgy")));
            assertFalse(Files.exists(out.resolve("shots.sgy")));
        }
    }

    /** An output larger than the fetch accepts refuses it before the other run's outputs are removed. */
    @Test
    void anOutputTooLargeIsRefusedBeforeAnythingIsRemoved() throws Exception {
        JobId id = modelJob("too-large");  // shots.sgy: "model sgy", 9 bytes
        Path out = localMigration();

        var refused = assertThrows(IllegalStateException.class, () -> fetchReplacing(id, out, 3, RunOutputs.ALL));

        assertEquals("job " + id + "'s shots.sgy has 9 bytes, more than the 3 allowed here; nothing was removed or"
                + " downloaded", refused.getMessage());
        assertEquals("a local run's image", Files.readString(out.resolve("image.sgy")));
        assertTrue(Files.exists(out.resolve("run.json")));
    }

    /**
     * A disk without room for the job's outputs refuses the fetch before the other run's outputs
     * are removed or anything is downloaded; the room counted is the disk's free space, the bytes
     * of the run outputs the fetch removes and those of a broken download's part, so that one byte
     * more takes the fetch. The disk's free space comes from {@link Dispatcher#withRoom}: no test
     * machine's disk can be filled to a byte for it.
     */
    @Test
    void aDiskWithoutRoomRefusesTheFetchBeforeAnythingIsRemovedOrDownloaded() throws Exception {
        JobId id = modelJob("no-room");  // shots.sgy: "model sgy", 9 bytes
        Path out = Files.createDirectories(dir.resolve("full"));
        Files.writeString(out.resolve("run.json"), "{}");  // another run's report, 2 bytes, which the fetch removes
        Files.writeString(out.resolve("shots.sgy.part"), "mod");  // a broken download's part, 3 bytes
        Files.writeString(out.resolve("notes.txt"), "the user's notes");
        TreeSet<String> before = names(out);
        before.add(".seiswork-run.lock");
        List<Long> downloads = new ArrayList<>();
        Dispatcher full = d.withRoom(folder -> 3);  // 3 + 2 + 3 = 8 bytes of room, one short

        var refused = assertThrows(IllegalStateException.class, () -> full.fetch(id, out, 1 << 20,
                (done, total) -> downloads.add(total), new CancellationToken(), RunOutputs.ALL));

        assertEquals(out + " has room for 8 bytes more, and the job's outputs need 9 bytes: free some, or fetch into"
                + " another folder; nothing was removed or downloaded", refused.getMessage());
        assertEquals(List.of(), downloads);
        assertEquals(before, names(out), "run.json and the part kept, no shots.sgy, no record");
        assertEquals("{}", Files.readString(out.resolve("run.json")));
        assertEquals("mod", Files.readString(out.resolve("shots.sgy.part")));

        d.withRoom(folder -> 4).fetch(id, out, 1 << 20, TransferProgress.NONE, new CancellationToken(), RunOutputs.ALL);
        assertEquals("model sgy", Files.readString(out.resolve("shots.sgy")));
        assertFalse(Files.exists(out.resolve("run.json")));
    }

    /**
     * A fetch told to replace only some run outputs (those the desktop's user agreed to before the
     * job was sent) refuses the folder when it holds others by then, removing nothing, and removes
     * those it may when they are all there is.
     */
    @Test
    void replacingOnlyTheAgreedOutputsRefusesOthersFoundSince() throws Exception {
        JobId id = modelJob("agreed");
        Path out = localMigration();

        var refused = assertThrows(IllegalStateException.class,
                () -> fetchReplacing(id, out, 1 << 20, List.of("image.sgy", "image.swv")));

        assertTrue(refused.getMessage().startsWith(out + " holds image.sgy, image.swv and run.json, which no fetch of"
                + " job " + id + " left as they are (another run's outputs, or written since?), not what was to be"
                + " replaced when the job was sent: fetch into another folder"), refused.getMessage());
        assertEquals("a local run's image", Files.readString(out.resolve("image.sgy")));
        assertFalse(Files.exists(out.resolve("shots.sgy")));

        fetchReplacing(id, out, 1 << 20, List.of("image.sgy", "image.swv", "run.json"));
        assertEquals("model sgy", Files.readString(out.resolve("shots.sgy")));
        assertEquals(List.of("shots.sgy"), RunOutputs.in(out));
        assertEquals("the user's notes", Files.readString(out.resolve("notes.txt")));
    }
}
