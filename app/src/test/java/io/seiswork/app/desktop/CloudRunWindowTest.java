package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.testing.LocalCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Run on the local cloud from the window, against the emulators over HTTP: the job is submitted,
 * a worker inside the window runs its shots, the rows follow the job table to "done", and the
 * fetched gathers are the local run's bytes. Cancel cancels the job in the table; a cloud that
 * does not answer is one line in the status bar.
 */
@ExtendWith(ApplicationExtension.class)
class CloudRunWindowTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    /** The DynamoDB port variable, pointed at a closed port to play an unreachable cloud. */
    private static final String DYNAMODB_PORT = "SEISWORK_DYNAMODB_PORT";

    @TempDir
    static Path dir;

    private ProjectWindow window;

    @BeforeAll
    static void pointAtTheEmulators() {
        CLOUD.pointSeiswork();
    }

    @AfterAll
    static void forgetThem() {
        LocalCloud.forgetSeiswork();
    }

    @Start
    void start(Stage stage) {
        window = new ProjectWindow(spec -> dir.resolve("runs").resolve(spec.name()));
        stage.setScene(new Scene(window, 1200, 800));
        stage.show();
    }

    /** The specs these tests opened leave the Recent list of the tests' own preferences node (never the user's). */
    @org.junit.jupiter.api.AfterAll
    static void forgetRecentSpecs() throws Exception {
        if (System.getProperty("seiswork.prefsNode") != null) {
            java.util.prefs.Preferences.userRoot().node(RecentSpecs.NODE).removeNode();
        }
    }

    @AfterEach
    void close(FxRobot robot) {
        ProjectWindows.shutDown(robot, window);
    }

    private void open(FxRobot robot, Path spec) throws Exception {
        robot.interact(() -> window.openFile(spec));
        ProjectWindows.waitUntilOpened(window);
        robot.interact(() -> window.runOnChoice().setValue(RunTarget.LOCAL_CLOUD));
    }

    private static Path spec(String name, int shots, double lengthS) throws Exception {
        return spec(name, shots, lengthS, 160, 80);
    }

    /** A 2D model job on an nx × nz grid of 10 m cells. */
    private static Path spec(String name, int shots, double lengthS, int nx, int nz) throws Exception {
        return Files.writeString(dir.resolve(name + ".json"), """
                {"name": "%s", "task": "model",
                 "grid": {"nx": %d, "ny": 1, "nz": %d, "dx": 10, "dz": 10},
                 "velocity": {"layers": [{"top": 0, "vp": 1500}, {"top": 400, "vp": 2200}]},
                 "wavelet": {"type": "ricker", "peakHz": 12},
                 "time": {"lengthS": %s, "sampleS": 0.004},
                 "sources": {"line": {"x0": 300, "dx": 150, "n": %d, "y": 0, "z": 20}},
                 "receivers": {"line": {"x0": 0, "dx": 20, "n": 80, "y": 0, "z": 20}, "spread": "fixed"},
                 "physics": {"spaceOrder": 8, "boundary": {"type": "cpml", "width": 20}},
                 "engine": "cpu"}""".formatted(name, nx, nz, lengthS, shots));
    }

    @Test
    void aJobRunOnTheLocalCloudComesBackAsTheLocalRunsGathers(FxRobot robot) throws Exception {
        Path spec = spec("cloud-window", 3, 0.6);
        open(robot, spec);
        robot.clickOn("#runButton");
        // Run looks at the output folder on the I/O thread first; the job runs once that answered.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.running());
        assertTrue(window.runOnChoice().isDisabled(), "the target is fixed while the job runs");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        String status = window.status().getText();
        assertTrue(status.startsWith("done in the local cloud: job cloud-window-") && status.contains(", 3 shots; files in "),
                status);
        List<ShotProgress> rows = window.progress().table().getItems();
        assertEquals(List.of(1, 2, 3), rows.stream().map(ShotProgress::shot).toList());
        for (ShotProgress p : rows) {
            assertEquals(ShotProgress.State.DONE, p.stateProperty().get(), "shot " + p.shot());
            assertTrue(p.gptsPerSecondProperty().get() > 0, "Gpts/s of shot " + p.shot());
        }
        assertTrue(window.progress().messages().getItems().stream().anyMatch(m -> m.contains("a worker runs in this window")),
                window.progress().messages().getItems().toString());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#gatherView").tryQuery().isPresent());
        robot.interact(() -> window.tabs().getSelectionModel().select(2));
        javafx.scene.image.WritableImage[] shot = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> shot[0] = window.getScene().snapshot(null));
        io.seiswork.render.snapshot.PngWriter.write(shot[0], Path.of("target", "desktop-cloud-run.png"));

        Path cloud = dir.resolve("runs/cloud-window/shots.sgy");
        var local = io.seiswork.app.cli.Main.newCommandLine().execute("run", spec.toString(), "--out",
                dir.resolve("local").toString());
        assertEquals(0, local);
        assertEquals(-1, Files.mismatch(dir.resolve("local/shots.sgy"), cloud), "the cloud's gathers are the local run's");
        assertFalse(Files.exists(dir.resolve("runs/cloud-window.worker")), "the window's worker cleaned its scratch");
    }

    /**
     * Run on the cloud into a folder holding a finished local migration, once the user agreed to
     * replace it: the fetched gathers replace the migration's image and its run.json, which would
     * otherwise describe the folder as that migration beside the job's gathers; the user's notes
     * there stay.
     */
    @Test
    void aCloudRunThatReplacesALocalRunLeavesNoneOfItsFiles(FxRobot robot) throws Exception {
        Path spec = spec("cloud-replaces", 1, 0.3);
        open(robot, spec);
        Path out = Files.createDirectories(dir.resolve("runs/cloud-replaces"));
        Files.writeString(out.resolve("run.json"), "{\"seiswork\": \"test\", \"task\": \"rtm\", \"status\": \"done\"}");
        Files.writeString(out.resolve("image.sgy"), "the previous run's image");
        Files.writeString(out.resolve("image.swv"), "the previous run's volume");
        Files.writeString(out.resolve("notes.txt"), "the user's notes");
        robot.interact(() -> window.runButton().fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#replaceFinishedRun").tryQuery().isPresent());
        javafx.scene.control.DialogPane ask = robot.lookup("#replaceFinishedRun").queryAs(javafx.scene.control.DialogPane.class);
        assertEquals("Replace the run outputs in " + out + "? The cloud job's fetch removes image.sgy, image.swv and"
                + " run.json before its files come (nothing else there).", ask.getContentText());
        javafx.scene.control.Button replace = (javafx.scene.control.Button) ask.lookupButton(ask.getButtonTypes().stream()
                .filter(b -> b.getText().equals("Replace")).findFirst().orElseThrow());
        robot.interact(replace::fire);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().startsWith("done in the local cloud: job cloud-replaces-"),
                window.status().getText());

        try (var files = Files.list(out)) {
            assertEquals(List.of(".seiswork-fetched.json", ".seiswork-run.lock", "notes.txt", "shots.sgy"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "the job's outputs, the notes");
        }
        assertEquals("the user's notes", Files.readString(out.resolve("notes.txt")));
    }

    /**
     * Run on the cloud into an empty folder asks nothing; a local run's files written there while
     * the job runs (its image, its run.json) are not what the user agreed to replace, so the job's
     * fetch refuses the folder and leaves them, instead of removing them without a word.
     */
    @Test
    void aCloudRunsFetchRemovesNoOutputsWrittenAfterItWasSent(FxRobot robot) throws Exception {
        Path spec = spec("cloud-since", 1, 0.3);
        open(robot, spec);
        Path out = Files.createDirectories(dir.resolve("runs/cloud-since"));
        robot.interact(() -> window.runButton().fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, window::running);
        assertTrue(robot.lookup("#replaceFinishedRun").tryQuery().isEmpty(), "nothing to ask about");
        Files.writeString(out.resolve("image.sgy"), "a local run's image, written since");
        Files.writeString(out.resolve("run.json"), "{\"seiswork\": \"test\", \"task\": \"rtm\", \"status\": \"done\"}");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().contains(out + " holds image.sgy and run.json, which no fetch of job"),
                window.status().getText());
        assertEquals("a local run's image, written since", Files.readString(out.resolve("image.sgy")));
        assertTrue(Files.exists(out.resolve("run.json")));
        assertFalse(Files.exists(out.resolve("shots.sgy")), "the job's gathers stay in the cloud");
    }

    /**
     * Run on the cloud into a folder holding an earlier fetched job's outputs (its record, no
     * run.json) asks before anything is sent, naming the files its fetch would remove; Cancel
     * sends nothing and keeps every file, and shows the fetched image.
     */
    @Test
    void aCloudRunIntoAFetchedJobsFolderAsksFirst(FxRobot robot) throws Exception {
        Path spec = spec("cloud-over-fetched", 1, 0.3);
        open(robot, spec);
        Path out = Files.createDirectories(dir.resolve("runs/cloud-over-fetched"));
        io.seiswork.app.testing.FetchedFiles.write(out, "survey-rtm-abc123", "image.sgy", "image.swv");
        String record = Files.readString(out.resolve(".seiswork-fetched.json"));
        List<String> before = jobIds("cloud-over-fetched-");
        robot.interact(() -> window.runButton().fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#replaceFinishedRun").tryQuery().isPresent());
        javafx.scene.control.DialogPane ask = robot.lookup("#replaceFinishedRun").queryAs(javafx.scene.control.DialogPane.class);
        assertEquals("Replace the run outputs in " + out + "? The cloud job's fetch removes image.sgy and image.swv"
                + " before its files come (nothing else there).", ask.getContentText());
        robot.interact(() -> ((javafx.scene.control.Button) ask.lookupButton(javafx.scene.control.ButtonType.CANCEL)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.running(), "nothing sent");
        assertEquals("Not run: the image.sgy, image.swv in " + out + " stay (shown in the Result tab).",
                window.status().getText());
        assertEquals(before, jobIds("cloud-over-fetched-"), "no job submitted");
        assertEquals(400 + "image.sgy".length(), Files.size(out.resolve("image.sgy")));
        assertEquals(400 + "image.swv".length(), Files.size(out.resolve("image.swv")));
        assertEquals(record, Files.readString(out.resolve(".seiswork-fetched.json")), "the record as it was");
    }

    /** The ids starting with {@code prefix} (a spec's name) of the local cloud's recent jobs, which other tests share. */
    private static List<String> jobIds(String prefix) {
        return io.seiswork.cloud.job.JobTable.createIfMissing(CLOUD.dynamoDb(),
                io.seiswork.cloud.config.CloudSettings.DEFAULT_TABLE).recentJobs(1000).stream().map(j -> j.id().value())
                .filter(id -> id.startsWith(prefix)).sorted().toList();
    }

    /**
     * A job submitted elsewhere (here through the command line) is picked from the Cloud jobs menu
     * and followed like one started here: its rows go to done (the window's worker runs it on the
     * local cloud), its gathers come back and show, though the open project is another job.
     */
    @Test
    void aJobSubmittedElsewhereIsFollowedFromTheCloudJobsMenu(FxRobot robot) throws Exception {
        Path other = spec("submitted-elsewhere", 2, 0.4);
        var submit = io.seiswork.app.cli.Main.newCommandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        submit.setOut(new java.io.PrintWriter(out));
        submit.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertEquals(0, submit.execute("submit", other.toString(), "--cloud", "local"));
        String job = out.toString().strip();

        open(robot, spec("open-project", 1, 0.3));
        robot.clickOn("#cloudJobs");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.cloudJobsMenu().getItems().stream()
                .anyMatch(i -> i.getText().startsWith(job + " ")));
        var item = window.cloudJobsMenu().getItems().stream().filter(i -> i.getText().startsWith(job + " ")).findFirst()
                .orElseThrow();
        assertTrue(item.getText().endsWith("model QUEUED 0/2"), item.getText());
        robot.interact(() -> {
            window.cloudJobsMenu().hide();
            item.fire();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().startsWith("done in the local cloud: job " + job + ", 2 shots; files in "),
                window.status().getText());
        assertEquals(List.of(1, 2), window.progress().table().getItems().stream().map(ShotProgress::shot).toList());
        assertTrue(window.progress().table().getItems().stream()
                .allMatch(p -> p.stateProperty().get() == ShotProgress.State.DONE));
        assertTrue(Files.size(dir.resolve("runs").resolve(job).resolve("shots.sgy")) > 3600);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#gatherView").tryQuery().isPresent());
    }

    /**
     * A migration on the local cloud, shots of a few seconds: its image builds up in the Result tab
     * as the window reads the shots' results (each image "Image after k of 4 shots"), and the
     * written image takes the live viewer's place when the job is done.
     */
    @Test
    void aCloudMigrationShowsItsImageSoFar(FxRobot robot) throws Exception {
        Path spec = Files.writeString(dir.resolve("cloud-rtm.json"), """
                {"name": "cloud-rtm", "task": "rtm",
                 "grid": {"nx": 401, "ny": 1, "nz": 201, "dx": 10, "dz": 10},
                 "velocity": {"layers": [{"top": 0, "vp": 1500}, {"top": 1000, "vp": 2200}]},
                 "migrationVelocity": {"smooth": 50},
                 "wavelet": {"type": "ricker", "peakHz": 15},
                 "time": {"lengthS": 3.0, "sampleS": 0.004},
                 "sources": {"line": {"x0": 500, "dx": 1000, "n": 4, "y": 0, "z": 20}},
                 "receivers": {"line": {"x0": 0, "dx": 10, "n": 401, "y": 0, "z": 20}},
                 "engine": "cpu"}""");
        open(robot, spec);
        List<String> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> window.resultTab().contentProperty().addListener((o, a, b) -> {
            if (b instanceof VolumeWindow w) {
                shown.add(w.volume().name());
                w.idProperty().addListener((oo, was, now) -> shown.add(now + ": " + w.volume().name()));
            }
        }));
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().startsWith("done in the local cloud: job cloud-rtm-"), window.status().getText());
        // The written image is read on the window's I/O thread once the job is done, then shown.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.resultTab().getContent() instanceof VolumeWindow w
                && "resultImage".equals(w.getId()));
        assertTrue(shown.stream().allMatch(n -> n.matches("Image after [1-4] of 4 shots") || n.startsWith("resultImage: ")
                || n.contains("image.swv")), shown.toString());
        // Shots of a few seconds: the window reads the first ones' results while the others run.
        assertTrue(shown.stream().anyMatch(n -> n.startsWith("Image after")), shown.toString());
        assertTrue(shown.getLast().startsWith("resultImage: "), "the written image took the live viewer's place: " + shown);
    }

    @Test
    void cancelCancelsTheJobInTheCloud(FxRobot robot) throws Exception {
        // Shots of several seconds even with a warm JIT (0.6 M points × 8000 steps), so Cancel lands in one.
        open(robot, spec("cloud-cancel", 2, 20.0, 1000, 500));
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.progress().table().getItems().stream()
                .anyMatch(p -> p.stateProperty().get() == ShotProgress.State.RUNNING));
        robot.clickOn("#cancelButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().startsWith("cancelled job cloud-cancel-"), window.status().getText());
        assertFalse(window.runButton().isDisabled());
        // The shot not started will not run after the cancel: "not run", not "queued".
        List<ShotProgress.State> states = window.progress().table().getItems().stream()
                .map(p -> p.stateProperty().get()).toList();
        assertFalse(states.contains(ShotProgress.State.QUEUED), states.toString());
        assertTrue(states.contains(ShotProgress.State.NOT_RUN), states.toString());
    }

    @Test
    void aCloudThatDoesNotAnswerIsOneLine(FxRobot robot) throws Exception {
        open(robot, spec("cloud-down", 1, 0.3));
        String port = System.getProperty(DYNAMODB_PORT);
        System.setProperty(DYNAMODB_PORT, "1");
        try {
            robot.clickOn("#runButton");
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running());
            WaitForAsyncUtils.waitForFxEvents();
            // Named at once by the connect probe, not after the SDK's retries.
            assertEquals("failed: cannot reach the local cloud: DynamoDB (dynalite) at http://127.0.0.1:1: connection"
                    + " refused; start the local cloud with scripts/cloud-local.sh start", window.status().getText());
        } finally {
            System.setProperty(DYNAMODB_PORT, port);
        }
        robot.interact(() -> window.runOnChoice().setValue(RunTarget.AWS));
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitForFxEvents();
        if (System.getenv("SEISWORK_BUCKET") == null) {
            assertTrue(window.status().getText().startsWith("Cannot run on AWS: SEISWORK_BUCKET is not set"),
                    window.status().getText());
            assertFalse(window.running());
        }
    }
}
