package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.core.volume.GridSections;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.VolumeSource;
import io.seiswork.kernels.job.FinalImage;
import io.seiswork.kernels.rtm.ImageStacker;
import io.seiswork.kernels.rtm.PartialImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
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
 * A migration submitted elsewhere (through the {@link Dispatcher}, as {@code seiswork submit} on
 * another machine does) and followed from the window's Cloud jobs menu, against the emulators over
 * HTTP, with the window's worker running its shots: the Result tab builds its image up as for a
 * job submitted from the window, the job's spec and velocity file read back from the bucket, and
 * each image is the stack of shots the job table reported done, finished as the final image. A job
 * whose spec is gone is followed to its end all the same, with one line saying why it has no image
 * so far.
 */
@ExtendWith(ApplicationExtension.class)
class FollowedCloudImageTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    static Path dir;

    private ProjectWindow window;

    @BeforeAll
    static void pointAtTheEmulators() {
        CLOUD.pointSeiswork();
    }

    @AfterAll
    static void forgetThem() throws Exception {
        LocalCloud.forgetSeiswork();
        if (System.getProperty("seiswork.prefsNode") != null) {  // the specs opened leave the tests' Recent list
            java.util.prefs.Preferences.userRoot().node(RecentSpecs.NODE).removeNode();
        }
    }

    @Start
    void start(Stage stage) {
        window = new ProjectWindow(spec -> dir.resolve("runs").resolve(spec.name()));
        stage.setScene(new Scene(window, 1200, 800));
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        ProjectWindows.shutDown(robot, window);
    }

    /**
     * A 2D migration of {@code shots} shots on 401 x 201 nodes of 10 m whose velocity is a raw
     * file (1600 m/s above 1 km, 2300 below), so that the mute the image is finished with comes
     * from a file the window must read back; shots of a few seconds on 2 cores.
     */
    private static Path migration(String name, int shots, double lengthS) throws Exception {
        int nx = 401;
        int nz = 201;
        ByteBuffer vp = ByteBuffer.allocate(4 * nx * nz).order(ByteOrder.LITTLE_ENDIAN);
        for (int ix = 0; ix < nx; ix++) {
            for (int iz = 0; iz < nz; iz++) {
                vp.putFloat(iz < 100 ? 1600f : 2300f);
            }
        }
        Files.createDirectories(dir.resolve("models"));
        Files.write(dir.resolve("models/" + name + ".bin"), vp.array());
        return Files.writeString(dir.resolve(name + ".json"), """
                {"name": "%s", "task": "rtm",
                 "grid": {"nx": %d, "ny": 1, "nz": %d, "dx": 10, "dz": 10},
                 "velocity": {"raw": {"path": "models/%s.bin", "order": "zxy", "endian": "little"}},
                 "migrationVelocity": {"smooth": 50},
                 "wavelet": {"type": "ricker", "peakHz": 15},
                 "time": {"lengthS": %s, "sampleS": 0.004},
                 "sources": {"line": {"x0": 500, "dx": 1500, "n": %d, "y": 0, "z": 20}},
                 "receivers": {"line": {"x0": 0, "dx": 10, "n": 401, "y": 0, "z": 30}},
                 "engine": "cpu"}""".formatted(name, nx, nz, name, lengthS, shots));
    }

    /** Whether a folder of the job's image so far ({@code runs/<id>.image-<random>}) is left. */
    private static boolean imageScratchLeft(JobId id) throws java.io.IOException {
        try (var files = Files.list(dir.resolve("runs"))) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(id.value() + ".image"));
        }
    }

    /** Submits {@code spec} through the dispatcher, not the window. */
    private static JobId submit(Path spec, int shots) {
        try (CloudClients clients = new CloudClients(CloudSettings.local(CloudSettings.environment()))) {
            return Dispatcher.of(clients).submit(spec, shots, TransferProgress.NONE).id();
        }
    }

    /** Opens another project, a small modelling job, with the local cloud chosen in Run on. */
    private void openAnotherProject(FxRobot robot) throws Exception {
        Path spec = Files.writeString(dir.resolve("open-project.json"), """
                {"name": "open-project", "task": "model",
                 "grid": {"nx": 80, "ny": 1, "nz": 40, "dx": 10, "dz": 10},
                 "velocity": {"constant": 1500},
                 "wavelet": {"type": "ricker", "peakHz": 12},
                 "time": {"lengthS": 0.3, "sampleS": 0.004},
                 "sources": {"line": {"x0": 300, "dx": 150, "n": 1, "y": 0, "z": 20}},
                 "receivers": {"line": {"x0": 0, "dx": 20, "n": 40, "y": 0, "z": 20}},
                 "engine": "cpu"}""");
        robot.interact(() -> window.openFile(spec));
        ProjectWindows.waitUntilOpened(window);
        robot.interact(() -> window.runOnChoice().setValue(RunTarget.LOCAL_CLOUD));
    }

    /** Opens the Cloud jobs menu, as a user does, and returns job {@code id}'s entry once listed. */
    private javafx.scene.control.MenuItem cloudJobEntry(FxRobot robot, JobId id) throws Exception {
        robot.clickOn("#cloudJobs");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.cloudJobsMenu().getItems().stream()
                .anyMatch(i -> i.getText().startsWith(id + " ")));
        return window.cloudJobsMenu().getItems().stream().filter(i -> i.getText().startsWith(id + " ")).findFirst()
                .orElseThrow();
    }

    /** Picks job {@code id} from the Cloud jobs menu, as a user does. */
    private void follow(FxRobot robot, JobId id) throws Exception {
        var item = cloudJobEntry(robot, id);
        assertTrue(item.getText().contains(" rtm QUEUED "), item.getText());
        robot.interact(() -> {
            window.cloudJobsMenu().hide();
            item.fire();
        });
    }

    @Test
    void aMigrationSubmittedElsewhereBuildsItsImageUpWhenFollowed(FxRobot robot) throws Exception {
        Path spec = migration("followed-rtm", 3, 3.0);
        JobId id = submit(spec, 3);
        openAnotherProject(robot);

        // Every image the live viewer shows, read once a frame (the window takes one a frame).
        List<VolumeSource> shown = new CopyOnWriteArrayList<>();
        AnimationTimer watch = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (window.resultTab().getContent() instanceof VolumeWindow w && "liveImage".equals(w.getId())
                        && (shown.isEmpty() || shown.getLast() != w.volume())) {
                    shown.add(w.volume());
                }
            }
        };
        robot.interact(watch::start);
        follow(robot, id);
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(watch::stop);
        assertTrue(window.status().getText().startsWith("done in the local cloud: job " + id + ", 3 shots; files in "),
                window.status().getText());
        List<String> messages = List.copyOf(window.progress().messages().getItems());
        assertTrue(messages.stream().noneMatch(m -> m.contains("image so far")), messages.toString());
        // The written image is read on the window's I/O thread once the job is done, then shown.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.resultTab().getContent() instanceof VolumeWindow w
                && "resultImage".equals(w.getId()));
        assertFalse(shown.isEmpty(), "an image so far was shown before the job's outputs came");
        assertFalse(imageScratchLeft(id), "its scratch removed");

        // Each image is the stack of the shots done so far, finished as the final image: which
        // shots, and in which order the job table reported them, is found among every order.
        ResolvedJob job = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(spec), spec.toString());
        List<PartialImage> partials = CloudImageSoFarTest.migrate(job, dir.resolve("scratch"));
        Pattern name = Pattern.compile("Image after (\\d) of 3 shots");
        Set<Integer> before = Set.of();
        List<String> found = new ArrayList<>();
        for (VolumeSource image : shown) {
            Matcher m = name.matcher(image.name());
            assertTrue(m.matches(), image.name());
            int k = Integer.parseInt(m.group(1));
            float[] values = image.slice(SliceOrientation.INLINE, 0, 0).values();
            List<Integer> order = orders(List.of(1, 2, 3), k).stream()
                    .filter(o -> Arrays.equals(finished(job, partials, o), values)).findFirst().orElse(null);
            assertTrue(order != null, image.name() + " is no stack of " + k + " of the shots finished as the final image");
            assertTrue(new HashSet<>(order).containsAll(before), "it builds up: " + found + " then " + order);
            before = Set.copyOf(order);
            found.add(image.name() + " = shots " + order);
        }
        System.out.println("followed job " + id + ": " + found);
    }

    /**
     * A cancelled job is a menu of its own in Cloud jobs: Follow, or Resume, which queues its
     * shots again and follows the job to its outputs, as {@code seiswork resume} does.
     */
    @Test
    void aCancelledJobIsResumedFromTheCloudJobsMenu(FxRobot robot) throws Exception {
        JobId id = submit(migration("resumed-rtm", 2, 0.5), 2);
        try (CloudClients clients = new CloudClients(CloudSettings.local(CloudSettings.environment()))) {
            Dispatcher.of(clients).cancel(id);
        }
        openAnotherProject(robot);
        var entry = cloudJobEntry(robot, id);
        assertTrue(entry.getText().endsWith(" rtm CANCELLED 0/2"), entry.getText());
        assertTrue(entry instanceof javafx.scene.control.Menu, "a cancelled job offers more than following");
        var choices = ((javafx.scene.control.Menu) entry).getItems();
        assertEquals(List.of("Follow", "Resume: run its 2 unfinished shots, keep its 0 done", "Delete..."),
                choices.stream().map(javafx.scene.control.MenuItem::getText).toList());
        robot.interact(() -> {
            window.cloudJobsMenu().hide();
            choices.get(1).fire();
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().startsWith("done in the local cloud: job " + id + ", 2 shots; files in "),
                window.status().getText());
        assertTrue(window.progress().messages().getItems().contains("resumed " + id + ": 2 shots queued again (1, 2), "
                + "0 done shots kept"), window.progress().messages().getItems().toString());
        assertTrue(Files.size(dir.resolve("runs").resolve(id.value()).resolve("image.sgy")) > 3600);
    }

    /**
     * Delete in an ended job's menu asks first: Cancel keeps the job; OK deletes its stored files
     * and items, as {@code seiswork delete} does, and the status bar says how much.
     */
    @Test
    void anEndedJobIsDeletedFromTheCloudJobsMenuOnceConfirmed(FxRobot robot) throws Exception {
        JobId id = submit(migration("deleted-rtm", 1, 0.5), 1);
        try (CloudClients clients = new CloudClients(CloudSettings.local(CloudSettings.environment()))) {
            Dispatcher.of(clients).cancel(id);
        }
        openAnotherProject(robot);
        for (String answer : List.of("Cancel", "Delete")) {
            var entry = (javafx.scene.control.Menu) cloudJobEntry(robot, id);
            var delete = entry.getItems().getLast();
            assertEquals("Delete...", delete.getText());
            robot.interact(() -> window.cloudJobsMenu().hide());
            javafx.application.Platform.runLater(delete::fire);  // the question waits for its answer
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
            javafx.scene.control.DialogPane ask = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
            assertTrue(ask.getContentText().startsWith("Delete job " + id + " for good? Its spec, stored shot results "
                    + "(kept for a resume) and items in the "), ask.getContentText());
            assertEquals("deleteCloudJob", ask.getId());
            // Deleting loses the job's stored results: Cancel is the default, Enter keeps them (it was OK).
            assertTrue(((javafx.scene.control.Button) ask.lookupButton(ButtonType.CANCEL)).isDefaultButton());
            ButtonType pressed = ask.getButtonTypes().stream().filter(b -> b.getText().equals(answer)).findFirst().orElseThrow();
            robot.interact(() -> ((javafx.scene.control.Button) ask.lookupButton(pressed)).fire());
            WaitForAsyncUtils.waitForFxEvents();
            if (answer.equals("Cancel")) {
                assertTrue(window.status().getText().startsWith("Opened"), "nothing done: " + window.status().getText());
            }
        }
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().startsWith("deleted job "));
        assertTrue(window.status().getText().matches("deleted job " + id + ": 1 stored object \\(.*\\); its inputs stay stored"),
                window.status().getText());
        try (CloudClients clients = new CloudClients(CloudSettings.local(CloudSettings.environment()))) {
            assertTrue(Dispatcher.of(clients).table().job(id).isEmpty(), "its items are gone");
        }
    }

    @Test
    void aFollowedJobWhoseSpecIsGoneIsFollowedToItsEnd(FxRobot robot) throws Exception {
        JobId id = submit(migration("spec-gone", 1, 0.5), 1);
        try (CloudClients clients = new CloudClients(CloudSettings.local(CloudSettings.environment()))) {
            Dispatcher.of(clients).store().delete(List.of(ObjectKeys.spec(id)));
        }
        openAnotherProject(robot);
        follow(robot, id);
        // The window's worker cannot run it either (it needs the spec too): three attempts, then the job fails.
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().startsWith("failed: job " + id + ": "), window.status().getText());
        List<String> said = window.progress().messages().getItems().stream().filter(m -> m.contains("image so far"))
                .toList();
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.getFirst().startsWith("no image so far: cannot read job " + id + "'s spec back: s3://")
                && said.getFirst().endsWith("/" + ObjectKeys.spec(id) + " does not exist; the image comes with the job's"
                        + " outputs"), said.getFirst());
        assertFalse(window.resultTab().getContent() instanceof VolumeWindow, "no image shown");
        assertFalse(window.runButton().isDisabled(), "the window is usable again");
        assertFalse(imageScratchLeft(id), "its scratch removed");
    }

    /** Every ordered choice of {@code k} of {@code shots}. */
    private static List<List<Integer>> orders(List<Integer> shots, int k) {
        if (k == 0) {
            return List.of(List.of());
        }
        List<List<Integer>> out = new ArrayList<>();
        for (int s : shots) {
            List<Integer> rest = new ArrayList<>(shots);
            rest.remove(Integer.valueOf(s));
            for (List<Integer> tail : orders(rest, k - 1)) {
                List<Integer> o = new ArrayList<>(List.of(s));
                o.addAll(tail);
                out.add(o);
            }
        }
        return out;
    }

    /** The stack of shots {@code order}, added in that order, finished as the final image: its inline. */
    private static float[] finished(ResolvedJob job, List<PartialImage> partials, List<Integer> order) {
        try (ImageStacker stack = new ImageStacker(job.spec().grid(), dir.resolve("reference"), WholeGridStorage.HEAP)) {
            for (int shot : order) {
                stack.add(partials.get(shot - 1));
            }
            return GridSections.inline(job.spec().grid(), FinalImage.whole(stack, job), 0).values();
        }
    }
}
