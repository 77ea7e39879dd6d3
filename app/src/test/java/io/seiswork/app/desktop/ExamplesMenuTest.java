package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Examples menu's notes are worked out on their own thread: a spec opens while they are
 * still being worked out, a note that throws is listed with why, and a listing superseded by a
 * newer one never reaches the menu.
 */
@ExtendWith(ApplicationExtension.class)
class ExamplesMenuTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    static Path dir;

    private ProjectWindow window;
    /** Let go of the slow notes of a test that failed before it did. */
    private final CountDownLatch release = new CountDownLatch(1);

    @Start
    void start(Stage stage) {
        window = ProjectWindows.show(stage, dir, 1000, 700);
    }

    @AfterAll
    static void forgetRecentSpecs() throws Exception {
        ProjectWindows.forgetRecentSpecs();
    }

    @AfterEach
    void close(FxRobot robot) {
        release.countDown();
        ProjectWindows.shutDown(robot, window);
    }

    /** Notes held up on a latch: the spec the user opens opens all the same, and the notes come later. */
    @Test
    void aSpecOpensWhileTheNotesAreStillBeingWorkedOut(FxRobot robot) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        robot.interact(() -> {
            window.setNoteMaker((spec, repository, readme) -> {
                started.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new ExampleNote("worked out late", List.of());
            });
            window.setExamplesDir(EXAMPLES);
        });
        assertTrue(started.await(10, TimeUnit.SECONDS), "the first note is being worked out");
        robot.interact(() -> window.openFile(EXAMPLES.resolve("layered-2d-model.json")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Opened"));
        assertEquals(1, release.getCount());
        assertTrue(window.examplesMenu().getItems().stream().noneMatch(i -> i.getText().endsWith(".json")),
                "the notes are still pending: " + names());
        release.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> names().contains("layered-2d-model.json"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("worked out late", summary("layered-2d-model.json"));
    }

    /**
     * A note whose working out throws (a worker memory of "lots") is listed with why it cannot be
     * checked, and the others as usual: the menu is filled whatever happens.
     */
    @Test
    void aNoteThatThrowsIsListedWithWhy(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.setNoteMaker((spec, repository, readme) -> {
                if (spec.getFileName().toString().equals("marmousi-rtm.json")) {
                    throw new IllegalArgumentException("SEISWORK_WORKER_MEMORY_GIB must be a positive number of GiB "
                            + "(at most 4096), got \"lots\"\nsecond line");
                }
                return new ExampleNote("fine", List.of());
            });
            window.setExamplesDir(EXAMPLES);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> names().contains("marmousi-rtm.json"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("cannot be checked: SEISWORK_WORKER_MEMORY_GIB must be a positive number of GiB (at most 4096), "
                + "got \"lots\"", summary("marmousi-rtm.json"));
        assertEquals("fine", summary("salt3d-model.json"));
        assertEquals("fine", summary("survey-rtm.json"), "the specs after it are listed too");
    }

    /** A listing superseded while it is under way (another folder) never reaches the menu. */
    @Test
    void aSupersededListingIsDropped(FxRobot robot) throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.copy(EXAMPLES.resolve("layered-2d-model.json"), other.resolve("mine.json"));
        List<String> everShown = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        robot.interact(() -> {
            window.examplesMenu().getItems().addListener((ListChangeListener<MenuItem>) c ->
                    c.getList().forEach(i -> everShown.add(i.getText())));
            window.setNoteMaker((spec, repository, readme) -> {
                if (spec.startsWith(EXAMPLES)) {
                    started.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return new ExampleNote("note of " + spec.getFileName(), List.of());
            });
            window.setExamplesDir(EXAMPLES);
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        robot.interact(() -> window.setExamplesDir(other));
        release.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> names().equals(List.of("mine.json")));
        // A marker listing, queued on the notes' thread and the JavaFX queue behind both: once it
        // is shown, whatever the superseded listing would have shown has been shown (in order,
        // not after a sleep).
        Path marker = Files.createDirectories(dir.resolve("marker"));
        Files.copy(EXAMPLES.resolve("layered-2d-model.json"), marker.resolve("marker.json"));
        robot.interact(() -> window.setExamplesDir(marker));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> names().equals(List.of("marker.json")));
        assertEquals(List.of("mine.json", "marker.json"), everShown.stream().distinct().toList(),
                "only the two listings that were not superseded were shown, in order");
        assertFalse(everShown.stream().anyMatch(n -> n.startsWith("layered-") || n.startsWith("salt3d")),
                everShown.toString());
    }

    private List<String> names() {
        return window.examplesMenu().getItems().stream().map(MenuItem::getText).toList();
    }

    /** The grey summary line under example {@code name}. */
    private String summary(String name) {
        var item = (CustomMenuItem) window.examplesMenu().getItems().stream().filter(i -> name.equals(i.getText()))
                .findFirst().orElseThrow();
        return ((javafx.scene.layout.VBox) item.getContent()).getChildren().stream()
                .filter(n -> n.getStyleClass().contains("example-summary")).map(n -> ((Label) n).getText())
                .findFirst().orElseThrow();
    }
}
