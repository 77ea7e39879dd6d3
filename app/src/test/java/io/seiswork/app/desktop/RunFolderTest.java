package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.testing.FetchedFiles;
import io.seiswork.core.files.FetchRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableColumn;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Runs and their output folder, in a window of laptop size (1024 x 680): a finished run is
 * replaced only when the user says so; a cancelled run's pane says so, its columns whole.
 */
class RunFolderTest extends WindowTestBase {

    /**
     * What Run took at the click (shots, engine, target) cannot change while it looks at the
     * output folder on the I/O thread: those controls are disabled from the click, and the run
     * that starts is the one clicked.
     */
    @Test
    void runsChoicesAreFixedFromTheClick(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "held", 1));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        window.io().submit(() -> {  // the I/O thread busy: Run's look at the folder waits behind this
            release.await();
            return null;
        });
        robot.interact(() -> window.runButton().fire());
        try {
            assertFalse(window.running(), "still looking at the output folder");
            assertTrue(window.runOnChoice().isDisabled(), "Run on");
            assertTrue(window.engineChoice().isDisabled(), "Engine");
            assertTrue(window.shotsField().isDisabled(), "Shots");
        } finally {
            release.countDown();
        }
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running()
                && window.status().getText().startsWith("done in"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.runOnChoice().isDisabled(), "free again once the run ended");
    }

    /**
     * An output folder that is a file: the run fails at once, and the status line says why within
     * its first 100 characters or so (it named the path twice, "X: X is a file", the reason cut off
     * at 1024 px); the file is left alone.
     */
    @Test
    void anOutputFolderThatIsAFileIsSaidToBeOne(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "blocked", 1));
        Path out = dir.resolve("runs/blocked");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "a file where the folder goes");
        robot.interact(() -> window.runButton().fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.running() && window.status().getText().startsWith("failed"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("failed: cannot create output directory " + out + ": it is a file, not a folder", window.status().getText());
        assertEquals("a file where the folder goes", Files.readString(out));
    }

    /**
     * Run into a folder holding a finished run asks "Replace ...?" with Cancel the default; Cancel
     * runs nothing, keeps the files and shows them; Replace runs.
     */
    @Test
    void aFinishedRunIsReplacedOnlyWhenTheUserSaysSo(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "again", 1));
        robot.interact(() -> window.runButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running()
                && window.status().getText().startsWith("done in"));
        Path gathers = dir.resolve("runs/again/shots.sgy");
        var written = Files.getLastModifiedTime(gathers);
        WaitForAsyncUtils.waitForFxEvents();

        robot.interact(() -> window.runButton().fire());
        DialogPane ask = question(robot);
        assertTrue(ask.getContentText().startsWith("Replace the finished shot gathers in " + dir.resolve("runs/again")
                + "?"), ask.getContentText());
        Button cancel = (Button) ask.lookupButton(ButtonType.CANCEL);
        Button replace = ask.getButtonTypes().stream().filter(b -> b.getText().equals("Replace"))
                .map(b -> (Button) ask.lookupButton(b)).findFirst().orElseThrow();
        assertTrue(cancel.isDefaultButton(), "Cancel is the default");
        assertFalse(replace.isDefaultButton());
        robot.interact(cancel::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.resultTab().getContent().lookup("#gatherView") != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.running(), "nothing runs");
        assertTrue(window.status().getText().startsWith("Not run: the finished shot gathers in "), window.status().getText());
        assertEquals(written, Files.getLastModifiedTime(gathers), "the finished gathers untouched");
        assertFalse(window.runButton().isDisabled());

        Thread.sleep(20);  // a later modification time for the new file
        robot.interact(() -> window.runButton().fire());
        DialogPane again = question(robot);
        Button replaceAgain = (Button) again.lookupButton(again.getButtonTypes().stream()
                .filter(b -> b.getText().equals("Replace")).findFirst().orElseThrow());
        robot.interact(replaceAgain::fire);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running()
                && window.status().getText().startsWith("done in"));
        assertTrue(Files.getLastModifiedTime(gathers).compareTo(written) > 0, "written anew");
    }

    /**
     * A finished migration replaced, then cancelled: the question says the run removes the image
     * files as it starts, and after Cancel the folder holds no image beside the cancelled run's
     * report (not the previous run's, complete and stale).
     */
    @Test
    void aReplacedMigrationCancelledLeavesNoStaleImage(FxRobot robot) throws Exception {
        Path spec = DesktopSpecs.rtm2d(dir, "replaced", 6);
        open(robot, spec);
        Path out = dir.resolve("runs/replaced");
        Files.createDirectories(out);
        Files.writeString(out.resolve("run.json"), "{\"seiswork\": \"test\", \"task\": \"rtm\", \"status\": \"done\"}");
        Files.writeString(out.resolve("image.sgy"), "the previous run's image");
        Files.writeString(out.resolve("image.swv"), "the previous run's volume");
        robot.interact(() -> window.runButton().fire());
        DialogPane ask = question(robot);
        assertEquals("Replace the finished image in " + out + "? The new run removes image.sgy, image.swv and run.json as it"
                + " starts and writes the new image when it finishes: cancelled, it leaves no image.", ask.getContentText());
        Button replace = (Button) ask.lookupButton(ask.getButtonTypes().stream()
                .filter(b -> b.getText().equals("Replace")).findFirst().orElseThrow());
        robot.interact(replace::fire);
        // The run starts once the run-time measurement begun at opening has stopped (it holds the engine).
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> window.progress().table().getItems().stream()
                .anyMatch(p -> p.stateProperty().get() == ShotProgress.State.RUNNING && p.fractionProperty().get() > 0));
        robot.interact(() -> window.cancelButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(Files.exists(out.resolve("image.sgy")), "the previous image removed");
        assertFalse(Files.exists(out.resolve("image.swv")), "the previous volume removed");
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"status\" : \"cancelled\""),
                Files.readString(out.resolve("run.json")));
    }

    /**
     * Run on this machine into a folder holding a fetched cloud migration (its record, no
     * run.json) asks before it removes the image; Cancel keeps every file and shows the image;
     * Replace runs, and the folder holds the run's gathers alone, the record forgetting the image.
     */
    @Test
    void aFetchedJobsOutputsAreReplacedOnlyWhenTheUserSaysSo(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "over-fetched", 1));
        Path out = Files.createDirectories(dir.resolve("runs/over-fetched"));
        FetchedFiles.write(out, "survey-rtm-abc123", "image.sgy", "image.swv");
        robot.interact(() -> window.runButton().fire());
        DialogPane ask = question(robot);
        assertEquals("Replace the outputs fetched from job survey-rtm-abc123 in " + out + "? This model run removes"
                + " image.sgy, image.swv.", ask.getContentText());
        robot.interact(((Button) ask.lookupButton(ButtonType.CANCEL))::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.running(), "nothing runs");
        assertEquals("Not run: the image.sgy, image.swv in " + out + " stay (shown in the Result tab).",
                window.status().getText());
        assertTrue(Files.exists(out.resolve("image.sgy")) && Files.exists(out.resolve("image.swv")), "kept");
        assertTrue(Files.exists(out.resolve(FetchRecord.FILE)));

        robot.interact(() -> window.runButton().fire());
        DialogPane again = question(robot);
        robot.interact(((Button) again.lookupButton(again.getButtonTypes().stream()
                .filter(b -> b.getText().equals("Replace")).findFirst().orElseThrow()))::fire);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running()
                && window.status().getText().startsWith("done in"));
        assertFalse(Files.exists(out.resolve("image.sgy")), "the fetched image replaced");
        assertFalse(Files.exists(out.resolve("image.swv")));
        assertFalse(Files.exists(out.resolve(FetchRecord.FILE)), "the record forgot it: names nothing more");
        assertTrue(Files.exists(out.resolve("shots.sgy")));
    }

    /**
     * Cancelled part-way: the summary says "cancelled: K of 6 shots done" with no time left, and
     * every column of the shot table fits its heading and values.
     */
    @Test
    void aCancelledRunSaysSoAndItsColumnsFit(FxRobot robot) throws Exception {
        Path spec = DesktopSpecs.model2d(dir, "cut-short", 6);
        Files.writeString(spec, Files.readString(spec).replace("\"lengthS\": 0.3", "\"lengthS\": 8.0"));
        open(robot, spec);
        robot.interact(() -> window.runButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.progress().table().getItems().stream()
                .anyMatch(p -> p.stateProperty().get() == ShotProgress.State.RUNNING && p.fractionProperty().get() > 0));
        Thread.sleep(500);
        robot.interact(() -> window.cancelButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        String summary = window.progress().summary().getText();
        assertTrue(summary.matches("cancelled: \\d of 6 shots done on cpu.*, \\d+ s"), summary);
        assertFalse(summary.contains("left"), summary);
        for (TableColumn<ShotProgress, ?> c : window.progress().table().getVisibleLeafColumns()) {
            double needed = width(c.getText()) + 20;
            for (ShotProgress p : window.progress().table().getItems()) {
                Object v = c.getCellObservableValue(p).getValue();
                if (!(v instanceof Double)) {
                    needed = Math.max(needed, width(String.valueOf(v)) + 12);
                }
            }
            assertTrue(c.getWidth() >= needed, c.getText() + " is " + c.getWidth() + " px wide, needs " + needed);
        }
    }

    /**
     * A migration cancelled part-way leaves the image stacked so far in the Result tab, said to be
     * that and not on disk, rather than "No result".
     */
    @Test
    void aCancelledMigrationKeepsItsImageSoFarOnScreen(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.rtm2d(dir, "cut-migration", 6));
        robot.interact(() -> window.runButton().fire());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> {
            var c = window.resultTab().getContent();
            return c instanceof VolumeWindow w && "liveImage".equals(w.getId()) || c != null && "imageSoFar".equals(c.getId());
        });
        var live = window.resultTab().getContent();
        robot.interact(() -> window.cancelButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        var kept = assertInstanceOf(javafx.scene.layout.BorderPane.class, window.resultTab().getContent());
        assertSame(live, kept.getCenter(), "the image so far, still on screen");
        String note = ((javafx.scene.control.Label) kept.getTop()).getText();
        assertTrue(note.matches("The image after \\d of 6 shots \\(image files are written when a run finishes\\)\\."
                + " The run was cancelled; the finished shots are kept in .*"), note);
    }

    /**
     * At 1024 x 680 the tool bar keeps Run, Resume and Cloud jobs on screen (not behind its
     * overflow), the output folder shows in the status bar, and the facts take at most 30 %.
     */
    @Test
    void aLaptopScreenKeepsTheToolsInView(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "laptop", 1));
        double width = window.getScene().getWidth();
        var bar = window.getTop().localToScene(window.getTop().getBoundsInLocal());
        var tools = java.util.List.of(window.lookup("#openSpec"), window.runButton(), window.resumeButton(),
                window.cloudJobsMenu(), window.shotsField());
        var placed = new java.util.ArrayList<javafx.geometry.Bounds>();
        for (javafx.scene.Node c : tools) {
            javafx.scene.Node n = c;
            while (n != null && n != window) {  // shown in the window, not held in an overflow menu
                assertTrue(n.isVisible(), c.getId() + " is in the bar, not in a hidden " + n);
                n = n.getParent();
            }
            assertSame(window, n, c.getId() + " is in the window");
            var b = c.localToScene(c.getBoundsInLocal());
            assertTrue(b.getMinX() >= 0 && b.getMaxX() <= width && b.getWidth() > 10
                    && b.getMinY() >= bar.getMinY() && b.getMaxY() <= bar.getMaxY(), c.getId() + " on screen: " + b);
            for (var other : placed) {  // an overflowed tool is laid out at (0, 0), over Open spec
                assertFalse(b.intersects(other), c.getId() + " at " + b + " overlaps another tool at " + other);
            }
            placed.add(b);
        }
        // The bar wraps at 1024 px (its tools take 1,135): no row ends between a label and its control.
        var labels = window.getTop().lookupAll(".label").stream()
                .filter(n -> n instanceof javafx.scene.control.Label l && l.getLabelFor() != null
                        && l.getLabelFor().getParent() == l.getParent())  // not a menu button's own text
                .map(n -> (javafx.scene.control.Label) n).toList();
        assertEquals(java.util.List.of("Engine", "on", "shots"), labels.stream().map(javafx.scene.control.Label::getText).toList());
        for (var l : labels) {
            var lb = l.localToScene(l.getBoundsInLocal());
            var cb = l.getLabelFor().localToScene(l.getLabelFor().getBoundsInLocal());
            assertTrue(lb.getCenterY() > cb.getMinY() && lb.getCenterY() < cb.getMaxY() && lb.getMaxX() <= cb.getMinX(),
                    "\"" + l.getText() + "\" at " + lb + " is on the row of its control, before it: " + cb);
        }
        assertEquals(javafx.scene.AccessibleRole.TOOL_BAR, window.getTop().getAccessibleRole());
        assertTrue(window.outputFolder().getText().startsWith("Output: "), window.outputFolder().getText());
        var out = window.outputFolder().localToScene(window.outputFolder().getBoundsInLocal());
        assertTrue(out.getMaxX() <= width + 1 && out.getWidth() > 20, "output folder shown: " + out);
        var facts = window.lookup("#factsPane");
        assertTrue(facts.getBoundsInParent().getWidth() <= 0.3 * width, "facts " + facts.getBoundsInParent().getWidth());
    }

    private static double width(String s) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        return t.getLayoutBounds().getWidth();
    }

    private static DialogPane question(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#replaceFinishedRun").tryQuery().isPresent());
        return robot.lookup("#replaceFinishedRun").queryAs(DialogPane.class);
    }
}
