package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.app.testing.LargeSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workstation window driven as a user would, headless: open a spec, read its facts, press
 * Run, watch every shot's row reach "done", see the result; Cancel part-way; a spec with
 * mistakes. The shots run for real on the CPU engine (small grids).
 */
@ExtendWith(ApplicationExtension.class)
class ProjectWindowTest {

    @TempDir
    static Path dir;

    private ProjectWindow window;

    @Start
    void start(Stage stage) {
        window = ProjectWindows.show(stage, dir, 1200, 800);
    }

    /** The specs these tests opened leave the Recent list of the tests' own preferences node (never the user's). */
    @org.junit.jupiter.api.AfterAll
    static void forgetRecentSpecs() throws Exception {
        ProjectWindows.forgetRecentSpecs();
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        ProjectWindows.shutDown(robot, window);
    }

    @Test
    void theDemoOpensWithItsFacts(FxRobot robot) throws Exception {
        openAndWait(robot, null);
        Map<String, String> facts = facts(robot);
        assertEquals("rtm", facts.get("Task"));
        assertEquals("401 x 201 cells of 10 x 10 m (2D)", facts.get("Grid"));
        assertEquals("1500 - 3000 m/s", facts.get("Velocity"));
        assertTrue(facts.get("Time").contains("CFL limit"), facts.get("Time"));
        assertFalse(window.runButton().isDisabled());
        assertEquals("Model", window.tabs().getTabs().get(1).getText());
        // A migration with a smoothed velocity shows both models.
        assertTrue(facts.get("Migration").endsWith("(the model smoothed over 100 m)"), facts.get("Migration"));
        var inner = (javafx.scene.control.TabPane) window.tabs().getTabs().get(1).getContent();
        assertEquals(List.of("Model", "Migration velocity"), inner.getTabs().stream().map(t -> t.getText()).toList());
        assertTrue(inner.getTabs().get(1).getContent() instanceof VolumeWindow);
        Project demo = Project.demo();
        assertTrue(largestStep(demo.job().migrationVelocity().whole()) < largestStep(demo.job().velocity().whole()) / 4,
                "the migration velocity is the smooth one");
    }

    /**
     * The facts end with how long the run will take, measured off the JavaFX thread on the tool
     * bar's engine: the demo's CPU estimate names its work and speed; engine "gpu" where there is
     * none says in one line why there is no estimate.
     */
    @Test
    void theRunTimeIsMeasuredOnTheChosenEngine(FxRobot robot) throws Exception {
        openAndWait(robot, null);
        robot.interact(() -> window.engineChoice().setValue(io.seiswork.core.spec.EngineChoice.CPU));
        javafx.scene.control.Label runTime = robot.lookup("#summary-run-time").queryAs(javafx.scene.control.Label.class);
        // Measured again while the JIT is still compiling the engine (a loaded machine): the last word.
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> runTime.getText().startsWith("about ")
                && !runTime.getText().endsWith("; measuring again..."));
        WaitForAsyncUtils.waitForFxEvents();
        // One line in the narrow pane, "about 6 s on this machine now; 5 s to 8 s"; the details in its tooltip.
        String line = runTime.getText();
        assertTrue(line.contains(" on this machine now") && !line.contains(" × ") && line.length() < 80, line);
        String text = runTime.getTooltip().getText();
        assertTrue(text.startsWith(line) && text.contains(" on cpu (") && text.contains("9 shots × ")
                && text.contains("ms per migration step, measured on the first shot"), text);
        snapshot(robot, "desktop-run-time.png");
        if (!io.seiswork.kernels.engine.cuda.CudaProbe.available()) {
            robot.interact(() -> window.engineChoice().setValue(io.seiswork.core.spec.EngineChoice.GPU));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> runTime.getText().startsWith("not estimated: "));
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(runTime.getText().contains("GPU") && !runTime.getText().contains("\n"), runTime.getText());
        }
    }

    /**
     * A survey of 2.2 billion nodes opens like any project: its facts say it is kept out of core,
     * its model is drawn at every 6th node, and its run time is measured on one shot's window.
     */
    @Test
    void aSurveyLargerThanMemoryOpensWithItsFacts(FxRobot robot) throws Exception {
        openAndWait(robot, Path.of("..", "examples", "survey-rtm.json"));
        String memory = robot.lookup("#summary-memory").queryAs(javafx.scene.control.Label.class).getText().replace('\u00a0', ' ');
        assertTrue(memory.contains("whole grid out of core: 2,209,000,000 nodes"), memory);
        String aperture = robot.lookup("#summary-aperture").queryAs(javafx.scene.control.Label.class).getText().replace('\u00a0', ' ');
        assertTrue(aperture.contains("(mean 0.033 % of the model)"), aperture);
        VolumeWindow model = modelWindow();
        assertEquals("survey-rtm velocity, every 6th node", model.volume().name(), "read a row at a time, never whole");
        assertEquals(784, model.volume().axes(0).x().count());
        robot.interact(() -> window.engineChoice().setValue(io.seiswork.core.spec.EngineChoice.CPU));
        javafx.scene.control.Label runTime = robot.lookup("#summary-run-time").queryAs(javafx.scene.control.Label.class);
        // Measured again while the JIT is still compiling the engine (a loaded machine): the last word.
        // The line and its tooltip are set one after the other on the JavaFX thread, read here from
        // the test's: waited for together (the tooltip read alone was once still null).
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> runTime.getText().startsWith("about ")
                && !runTime.getText().endsWith("; measuring again...") && !window.summary().runTimePending()
                && window.summary().runTimeDetails().contains("2 shots × "));
        WaitForAsyncUtils.waitForFxEvents();
        String details = window.summary().runTimeDetails();
        assertTrue(details.contains("2 shots × ") && details.endsWith("; then 25.7 GiB of image files to write"), details);
    }

    /**
     * A sound spec too large for this machine's memory (a 3D migration keeping its source
     * wavefield: about 5.5 GiB a shot, the test JVM has 4) opens for the cloud: the facts say so first,
     * no run time is measured (it would take that memory), and Run on this machine refuses in one
     * line naming the limit.
     */
    @Test
    void aSpecTooLargeForThisMachineOpensForTheCloud(FxRobot robot) throws Exception {
        Path big = LargeSpecs.wavefieldInMemory(dir, 0.6);
        openAndWait(robot, big);
        String runsOn = robot.lookup("#summary-runs-on").queryAs(javafx.scene.control.Label.class).getText().replace('\u00a0', ' ');
        assertTrue(runsOn.startsWith("the cloud only (checked for workers of 14 GiB): this machine cannot, grid: one shot"
                + " needs "), runsOn);
        javafx.scene.control.Label runTime = robot.lookup("#summary-run-time").queryAs(javafx.scene.control.Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> runTime.getText().startsWith("not estimated: "));
        assertEquals("not estimated: this machine cannot run it (see Runs on)", runTime.getText());
        robot.interact(() -> {
            window.runOnChoice().setValue(RunTarget.THIS_MACHINE);
            window.runButton().fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().startsWith("This machine cannot run big: grid: one shot needs "),
                window.status().getText());
        assertTrue(window.status().getText().endsWith("Choose the local cloud or AWS in Run on."), window.status().getText());
        assertFalse(window.runButton().isDisabled(), "the window stays usable");
    }

    /**
     * A run waits for what holds an engine and a shot's memory (the run-time estimate, cancelled
     * when Run is pressed) before it selects its engine, so two shots never sit in memory at once.
     */
    @Test
    void aRunWaitsUntilTheEstimateHasLetGo() throws Exception {
        Path spec = spec("waits", 1, 0.3);
        io.seiswork.core.spec.ResolvedJob job = Project.open(spec).job().withEngine(
                io.seiswork.core.spec.EngineChoice.CPU);
        // The estimate's future says when the run's thread has come to wait on it: from then
        // until it is completed that thread is blocked, so what the run did before it is all
        // done and nothing more can happen; checked then, in order, not after a sleep.
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Void> estimateDone = new java.util.concurrent.CompletableFuture<>() {
            @Override
            public Void get() throws InterruptedException, java.util.concurrent.ExecutionException {
                waiting.countDown();
                return super.get();
            }
        };
        RunEvents events = new RunEvents();
        java.util.concurrent.atomic.AtomicReference<DesktopRun.Outcome> outcome =
                new java.util.concurrent.atomic.AtomicReference<>();
        DesktopRun.start(job, io.seiswork.app.run.ShotSelection.ALL, dir.resolve("runs").resolve("waits"), events, outcome::set, estimateDone);
        assertTrue(waiting.await(30, TimeUnit.SECONDS), "the run never waited for the estimate");
        assertEquals("", events.engine(), "the run started before the estimate let go");
        estimateDone.complete(null);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> outcome.get() != null);
        assertEquals(DesktopRun.Status.DONE, outcome.get().status(), outcome.get().message());
        assertTrue(events.engine().startsWith("cpu"), events.engine());
    }

    /** The largest velocity change between vertically adjacent cells, m/s. */
    private static double largestStep(io.seiswork.core.velocity.VelocityModel m) {
        var g = m.grid();
        double max = 0;
        for (int ix = 0; ix < g.nx(); ix++) {
            for (int iz = 1; iz < g.nz(); iz++) {
                max = Math.max(max, Math.abs(m.at(ix, 0, iz) - m.at(ix, 0, iz - 1)));
            }
        }
        return max;
    }

    /** The model tab's viewer of the true model (first of the two for a migration with its own velocity). */
    private VolumeWindow modelWindow() {
        var content = window.tabs().getTabs().get(1).getContent();
        return content instanceof VolumeWindow w ? w
                : (VolumeWindow) ((javafx.scene.control.TabPane) content).getTabs().get(0).getContent();
    }

    /** The model tab draws the survey over the velocity: the nine sources as red dots on the section. */
    @Test
    void theModelShowsTheSourcesOverTheVelocity(FxRobot robot) throws Exception {
        openAndWait(robot, null);
        robot.interact(() -> window.tabs().getSelectionModel().select(1));
        VolumeWindow model = modelWindow();
        var inline = model.section(io.seiswork.core.volume.SliceOrientation.INLINE);
        AcquisitionOverlay overlay = (AcquisitionOverlay) inline.overlayProperty().get();
        assertEquals(9, overlay.shown(overlay.sources(), io.seiswork.core.volume.SliceOrientation.INLINE, 0));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, model::refined);
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> img[0] = inline.snapshot(null, null));
        var first = overlay.sources().get(0);
        int argb = img[0].getPixelReader().getArgb((int) Math.round(inline.xOf(first.x())),
                (int) Math.round(inline.yOf(first.z())));
        assertTrue(((argb >> 16) & 0xff) > 200 && ((argb >> 8) & 0xff) < 80,
                "a red dot at the first source, got " + Integer.toHexString(argb));
        snapshot(robot, "desktop-model.png");
    }

    /**
     * A 3D spec (the repository's salt example): its facts, the model in all three sections, and
     * the survey on them: the two sources on the inline through them (y = 1000 m), all 2091
     * receivers in plan view on a depth slice, none on a crossline away from every source.
     */
    @Test
    void a3dSpecShowsItsSurveyInEverySection(FxRobot robot) throws Exception {
        Path spec = Path.of("..", "examples", "salt3d-model.json");
        openAndWait(robot, spec);
        assertEquals("101 x 81 x 61 cells of 25 x 25 x 25 m", facts(robot).get("Grid"));
        VolumeWindow model = modelWindow();
        assertEquals(List.of("3D", "Inline", "Crossline", "Depth"),
                model.tabs().getTabs().stream().map(t -> t.getText()).toList());
        var inline = model.section(io.seiswork.core.volume.SliceOrientation.INLINE);
        AcquisitionOverlay overlay = (AcquisitionOverlay) inline.overlayProperty().get();
        assertEquals(2, overlay.shown(overlay.sources(), io.seiswork.core.volume.SliceOrientation.INLINE, 1000));
        assertEquals(0, overlay.shown(overlay.sources(), io.seiswork.core.volume.SliceOrientation.INLINE, 500));
        assertEquals(1, overlay.shown(overlay.sources(), io.seiswork.core.volume.SliceOrientation.CROSSLINE, 625));
        assertEquals(0, overlay.shown(overlay.sources(), io.seiswork.core.volume.SliceOrientation.CROSSLINE, 900));
        assertEquals(2, overlay.shown(overlay.sources(), io.seiswork.core.volume.SliceOrientation.DEPTH, 0));
        assertEquals(51 * 41, overlay.shown(overlay.receivers(), io.seiswork.core.volume.SliceOrientation.DEPTH, 0));
    }

    /** The README's demo, from the desktop: nine shots migrated, the image shown as its inline section. */
    @Test
    void theDemoMigratesAndShowsItsImage(FxRobot robot) throws Exception {
        openAndWait(robot, null);
        robot.interact(() -> window.engineChoice().setValue(io.seiswork.core.spec.EngineChoice.CPU));
        robot.clickOn("#runButton");
        // The synthetic data's modelling shows its wavefield while it runs.
        java.util.regex.Pattern at = java.util.regex.Pattern.compile("t = ([0-9.]+) s");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            var m = at.matcher(window.progress().wavefield().titleProperty().get());
            return window.progress().wavefield().shown() != null && m.find() && Double.parseDouble(m.group(1)) > 0.45;
        });
        snapshot(robot, "desktop-run.png");
        // The image builds up shot by shot in the Result tab.
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.resultTab().getContent() instanceof VolumeWindow);
        VolumeWindow live = (VolumeWindow) window.resultTab().getContent();
        assertTrue(live.volume().name().matches("Image after [1-9] of 9 shots"), live.volume().name());
        assertEquals(401, live.volume().axes(0).x().count());
        String first = live.volume().name();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !live.volume().name().equals(first));
        assertTrue(window.resultTab().getContent() == live, "the next shot's image comes into the same window");
        if (window.running()) {
            robot.interact(() -> window.tabs().getSelectionModel().select(window.resultTab()));
            snapshot(robot, "desktop-image-so-far.png");
        }
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().startsWith("done in"), window.status().getText());
        assertEquals(9, window.progress().table().getItems().stream()
                .filter(p -> p.stateProperty().get() == ShotProgress.State.DONE).count());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.resultTab().getContent() instanceof VolumeWindow w
                && "resultImage".equals(w.getId()));
        VolumeWindow image = (VolumeWindow) window.resultTab().getContent();
        assertTrue(image == live, "the written image came into the live image's window");
        assertFalse(image.volume().name().startsWith("Image after"), image.volume().name());
        assertEquals(List.of("Inline"), image.tabs().getTabs().stream().map(t -> t.getText()).toList());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, image::refined);
        assertTrue(Files.isRegularFile(dir.resolve("runs/layered-2d-rtm/image.sgy")));
        snapshot(robot, "desktop-demo.png");
    }

    @Test
    void runningModelsEveryShotAndShowsTheGathers(FxRobot robot) throws Exception {
        Path spec = spec("small-model", 3, 0.6);
        openAndWait(robot, spec);
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        // Run pressed at once: the estimate under way was cancelled; the run's end measures it again.
        javafx.scene.control.Label runTimeFact = robot.lookup("#summary-run-time").queryAs(javafx.scene.control.Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.summary().runTimePending());
        String runTime = runTimeFact.getText();
        assertTrue(runTime.startsWith("about ") || runTime.startsWith("under a second"), runTime);
        List<ShotProgress> rows = window.progress().table().getItems();
        assertEquals(3, rows.size());
        for (ShotProgress p : rows) {
            assertEquals(ShotProgress.State.DONE, p.stateProperty().get(), "shot " + p.shot());
            assertEquals(1.0, p.fractionProperty().get(), 1e-12);
            assertTrue(p.gptsPerSecondProperty().get() > 0, "Gpts/s of shot " + p.shot());
        }
        assertEquals(List.of(1, 2, 3), rows.stream().map(ShotProgress::shot).toList());
        assertEquals(1.0, window.progress().overall().getProgress(), 1e-12);
        assertTrue(window.progress().messages().getItems().stream().anyMatch(m -> m.contains("engine")),
                window.progress().messages().getItems().toString());
        assertTrue(window.status().getText().startsWith("done in"), window.status().getText());
        Path out = dir.resolve("runs/small-model");
        assertTrue(Files.size(out.resolve("shots.sgy")) > 3600);
        assertEquals("done", new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("status").asText());
        // The result tab: a gather view and a chooser of the three shots.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#gatherView").tryQuery().isPresent());
        assertEquals(window.resultTab(), window.tabs().getSelectionModel().getSelectedItem());
        javafx.scene.control.ComboBox<?> chooser = robot.lookup("#shotChooser").queryAs(javafx.scene.control.ComboBox.class);
        assertEquals(List.of(1, 2, 3), List.copyOf(chooser.getItems()));
        assertFalse(window.runButton().isDisabled());
        assertTrue(window.cancelButton().isDisabled());
    }

    @Test
    void cancelStopsTheRunAndLeavesTheWindowUsable(FxRobot robot) throws Exception {
        // Started with Ctrl+R and cancelled with Esc, the keyboard's way to the buttons.
        Path spec = spec("long-model", 6, 8.0);
        openAndWait(robot, spec);
        robot.clickOn("#shotTable");  // focus in the window; the keys work from anywhere in it
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.progress().table().getItems().stream()
                .anyMatch(p -> p.stateProperty().get() == ShotProgress.State.RUNNING && p.fractionProperty().get() > 0));
        assertFalse(window.cancelButton().isDisabled(), "Cancel enabled while running");
        assertTrue(window.runButton().isDisabled(), "Run disabled while running");
        // The live wavefield of the running shot, on the user's grid.
        var live = window.progress().wavefield();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> live.shown() != null);
        assertEquals(160, live.shown().across().count());
        assertEquals(80, live.shown().down().count());
        assertTrue(live.titleProperty().get().startsWith("Wavefield of shot "), live.titleProperty().get());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().startsWith("cancelled"), window.status().getText());
        List<ShotProgress> rows = window.progress().table().getItems();
        // The shot that was running reads "cancelled" (none, if Cancel fell between two shots).
        List<ShotProgress.State> states = rows.stream().map(p -> p.stateProperty().get()).toList();
        assertTrue(states.stream().filter(st -> st == ShotProgress.State.CANCELLED).count() <= 1, states.toString());
        assertFalse(states.contains(ShotProgress.State.RUNNING), states.toString());
        // The shots it never reached read "not run", none "queued": nothing will start them but Resume.
        assertTrue(states.contains(ShotProgress.State.NOT_RUN), states.toString());
        assertFalse(states.contains(ShotProgress.State.QUEUED), states.toString());
        assertEquals("cancelled", new ObjectMapper().readTree(dir.resolve("runs/long-model/run.json").toFile())
                .get("status").asText());
        assertFalse(window.runButton().isDisabled(), "Run enabled again");
        assertTrue(window.cancelButton().isDisabled());

        // Resume goes on from the finished shots: only the others run, and the run ends done.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.resumeButton().isDisabled());
        int kept = (int) states.stream().filter(st -> st == ShotProgress.State.DONE).count();
        List<Integer> keptShots = rows.stream().filter(p -> p.stateProperty().get() == ShotProgress.State.DONE)
                .map(ShotProgress::shot).toList();
        robot.clickOn("#resumeRun");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().startsWith("done in"), window.status().getText());
        assertTrue(window.progress().messages().getItems().contains("resuming: " + kept + " of 6 shots kept, " + (6 - kept)
                + " to run"), window.progress().messages().getItems().toString());
        // Every shot of the run has a row, as in a fresh run: those kept read "done (kept)", the others ran.
        List<ShotProgress> resumed = window.progress().table().getItems();
        assertEquals(6, resumed.size(), "a row for each shot of the run");
        assertEquals(keptShots, resumed.stream().filter(p -> p.stateProperty().get() == ShotProgress.State.KEPT)
                .map(ShotProgress::shot).toList(), "the kept shots, done (kept)");
        assertEquals(6 - kept, resumed.stream().filter(p -> p.stateProperty().get() == ShotProgress.State.DONE).count(),
                "the others ran");
        assertEquals("done (kept)", ShotProgress.State.KEPT.label());
        var report = new ObjectMapper().readTree(dir.resolve("runs/long-model/run.json").toFile());
        assertEquals("done", report.get("status").asText());
        assertEquals(kept, report.get("shotsKept").size());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.resumeButton().isDisabled(), "nothing left to resume");
    }

    @Test
    void aSpecWithMistakesListsThemAllAndCannotRun(FxRobot robot) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(spec("bad", 1, 0.5)).replace("\"dx\": 10", "\"dx\": -5")
                .replace("\"spaceOrder\": 8", "\"spaceOrder\": 3"));
        robot.interact(() -> window.openFile(bad));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.status().getText().contains("cannot run"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().endsWith("2 problems, listed on the left."), window.status().getText());
        List<String> shown = window.summary().getChildren().stream().map(n -> ((Label) n).getText()).toList();
        assertTrue(shown.stream().anyMatch(t -> t.contains("grid.dx") && t.contains("-5")), shown.toString());
        assertTrue(shown.stream().anyMatch(t -> t.contains("spaceOrder")), shown.toString());
        assertTrue(window.runButton().isDisabled());
        // The spec is in the editor, to be fixed in place.
        assertEquals(Files.readString(bad), window.editor().text().getText());
    }

    /**
     * The Spec tab: an edit is checked as the user types (every problem with its JSON path), Run
     * waits for Apply, Apply makes the edited spec the project, Save writes it to its file.
     */
    @Test
    void editingTheSpecChecksItAndApplyMakesItTheProject(FxRobot robot) throws Exception {
        Path spec = spec("edited", 2, 0.5);
        openAndWait(robot, spec);
        String original = Files.readString(spec);
        assertEquals(original, window.editor().text().getText());
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(window.specTab());
            window.editor().text().setText(original.replace("\"dx\": 10", "\"dx\": -5"));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.editor().problems().getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.editor().problems().getItems().get(0).contains("grid.dx"),
                window.editor().problems().getItems().toString());
        assertEquals("1 problem", window.editor().verdict().getText());
        var dxField = window.editor().form().control("/grid/dx");
        assertEquals(FormField.PROBLEM_STYLE, dxField.getStyle(), "the form marks the field with the problem");
        assertEquals("grid.dx: must be > 0, got -5", dxField.getTooltip().getText());
        assertEquals("", window.editor().form().control("/grid/dz").getStyle());
        assertTrue(window.runButton().isDisabled(), "Run waits for the edits to be applied");
        assertEquals("Seiswork: edited *", window.titleProperty().get());
        snapshot(robot, "desktop-spec.png");

        String smaller = original.replace("\"nz\": 80", "\"nz\": 70");
        robot.interact(() -> window.editor().text().setText(smaller));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.editor().problems().getItems().isEmpty()
                && window.editor().verdict().getText().startsWith("Edited"));
        robot.clickOn("#applySpec");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Applied the edits to"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("160 x 70 cells of 10 x 10 m (2D)", facts(robot).get("Grid"));
        assertEquals("Seiswork: edited", window.titleProperty().get());
        assertFalse(window.runButton().isDisabled());
        assertEquals(original, Files.readString(spec), "Apply does not write the file");

        assertTrue(window.editor().unsaved(), "applied is not saved: closing would ask");
        robot.clickOn("#saveSpec");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Saved"));
        assertEquals(smaller, Files.readString(spec));
        assertFalse(window.editor().unsaved());
        assertTrue(window.mayDiscardEdits("Close Seiswork"), "nothing to lose: no question asked");
    }

    /**
     * The form beside the JSON: a field shows its value, an edit changes only that value's
     * characters in the text, a value that is not a number is refused in red, and parts the spec
     * writes in another form (a list of sources) show that form.
     */
    @Test
    void theFormEditsTheJsonInPlace(FxRobot robot) throws Exception {
        Path spec = spec("formed", 2, 0.5);
        openAndWait(robot, spec);
        String original = Files.readString(spec);
        SpecForm form = window.editor().form();
        javafx.scene.control.TextField nz = (javafx.scene.control.TextField) form.control("/grid/nz");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "80".equals(nz.getText()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(window.specTab());
            nz.setText("70");
            nz.getOnAction().handle(new javafx.event.ActionEvent());
        });
        assertEquals(original.replace("\"nz\": 80", "\"nz\": 70"), window.editor().text().getText());
        assertTrue(window.editor().editedProperty().get());

        // Leaving a field without changing its value leaves the JSON alone: "10.0" stays "10.0".
        javafx.scene.control.TextField dx = (javafx.scene.control.TextField) form.control("/grid/dx");
        robot.interact(() -> window.editor().text().setText(window.editor().text().getText()
                .replace("\"dx\": 10,", "\"dx\": 10.0,")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "10.0".equals(dx.getText()));
        WaitForAsyncUtils.waitForFxEvents();
        String beforeDx = window.editor().text().getText();
        robot.interact(() -> dx.getOnAction().handle(new javafx.event.ActionEvent()));
        assertEquals(beforeDx, window.editor().text().getText());
        robot.interact(() -> window.editor().text().setText(beforeDx.replace("\"dx\": 10.0,", "\"dx\": 10,")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "10".equals(dx.getText()));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TextField dz = (javafx.scene.control.TextField) form.control("/grid/dz");
        robot.interact(() -> {
            dz.setText("1o");
            dz.getOnAction().handle(new javafx.event.ActionEvent());
        });
        assertEquals(FormField.PROBLEM_STYLE, dz.getStyle(), "refused in red");
        assertEquals(original.replace("\"nz\": 80", "\"nz\": 70"), window.editor().text().getText(),
                "the JSON keeps its value");

        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<String> engine =
                (javafx.scene.control.ChoiceBox<String>) form.control("/engine");
        robot.interact(() -> engine.setValue("gpu"));
        assertTrue(window.editor().text().getText().contains("\"engine\": \"gpu\""));
        javafx.scene.control.CheckBox free = (javafx.scene.control.CheckBox) form.control("/physics/freeSurface");
        robot.interact(free::fire);
        assertTrue(window.editor().text().getText().contains("\"freeSurface\": true"));

        // A migration's aperture the spec leaves out shows its default; typed in the JSON, the form follows.
        javafx.scene.control.TextField aperture = (javafx.scene.control.TextField) form.control("/imaging/aperture");
        assertEquals("", aperture.getText());
        assertEquals("the whole model", aperture.getPromptText());
        robot.interact(() -> window.editor().text().setText(window.editor().text().getText()
                .replace("\"engine\":", "\"imaging\": { \"aperture\": 500 },\n  \"engine\":")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "500".equals(aperture.getText()) && !aperture.isDisabled());
        robot.interact(() -> {
            aperture.setText("750");
            aperture.getOnAction().handle(new javafx.event.ActionEvent());
        });
        assertTrue(window.editor().text().getText().contains("\"aperture\": 750"), window.editor().text().getText());

        // The salt example lists its sources: a table of points, the line's fields hidden and empty.
        openAndWait(robot, Path.of("..", "examples", "salt3d-model.json"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "61".equals(nz.getText()));
        WaitForAsyncUtils.waitForFxEvents();  // the refresh that set nz may still be setting the others
        assertEquals("list of points", form.formOf("/sources").getValue());
        assertEquals(2, form.table("/sources/list").rows().size());
        assertEquals("areal grid", form.formOf("/receivers").getValue());
        assertEquals("built-in model", form.formOf("/velocity").getValue());
        assertFalse(form.control("/sources/line/x0").getParent().isVisible());
        assertEquals("", ((javafx.scene.control.TextField) form.control("/sources/line/x0")).getText(),
                "no stale value from the previous spec");
        assertFalse(form.control("/grid/ny").isDisabled());
        assertEquals("81", ((javafx.scene.control.TextField) form.control("/grid/ny")).getText());
        snapshot(robot, "desktop-form.png");
    }

    /**
     * Save as into another folder: the copy names the spec's model file anew (whole, since it does
     * not lie under the new folder), opens there with the same model, and the original is untouched.
     */
    @Test
    void saveAsNamesTheModelFileForTheNewFolder(FxRobot robot) throws Exception {
        Path a = Files.createDirectories(dir.resolve("save-as-a"));
        Path b = Files.createDirectories(dir.resolve("save-as-b"));
        java.nio.ByteBuffer vp = java.nio.ByteBuffer.allocate(4 * 160 * 80).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 160 * 80; i++) {
            vp.putFloat(i % 80 < 40 ? 1600f : 2400f);
        }
        Files.write(a.resolve("vp.bin"), vp.array());
        Path spec = Files.writeString(a.resolve("moved.json"), Files.readString(spec("moved", 1, 0.3))
                .replace("{ \"layers\": [ { \"top\": 0, \"vp\": 1500 }, { \"top\": 400, \"vp\": 2200 } ] }",
                        "{ \"raw\": { \"path\": \"vp.bin\", \"order\": \"zxy\" } }"));
        openAndWait(robot, spec);
        assertEquals("1600 - 2400 m/s", facts(robot).get("Velocity"));
        String original = Files.readString(spec);

        Path copy = b.resolve("copy.json");
        robot.interact(() -> window.saveAs(copy, window.editor().text().getText()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Opened " + copy));
        WaitForAsyncUtils.waitForFxEvents();
        String abs = a.resolve("vp.bin").toAbsolutePath().normalize().toString();
        assertEquals(original.replace("\"path\": \"vp.bin\"", "\"path\": \"" + abs + "\""), Files.readString(copy));
        assertEquals("1600 - 2400 m/s", facts(robot).get("Velocity"), "the copy reads the same model");
        assertEquals(original, Files.readString(spec), "the original untouched");
        assertFalse(window.editor().unsaved());
    }

    /**
     * A spec opened is first in the Recent menu, and opens again from it; a spec file dropped on
     * the window opens as Open would, anything else dropped is refused.
     */
    @Test
    void recentSpecsAndDroppedFilesOpen(FxRobot robot) throws Exception {
        Path first = spec("recent-one", 1, 0.3);
        Path second = spec("recent-two", 1, 0.3);
        openAndWait(robot, first);
        openAndWait(robot, second);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.recentMenu().getItems().size() >= 2
                && window.recentMenu().getItems().get(0).getText().startsWith("recent-two-spec.json"));
        assertTrue(window.recentMenu().getItems().get(1).getText().startsWith("recent-one-spec.json"),
                window.recentMenu().getItems().get(1).getText());
        robot.interact(() -> window.recentMenu().getItems().get(1).fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Opened " + first));

        boolean[] opened = new boolean[1];
        robot.interact(() -> opened[0] = window.openDropped(List.of()));
        assertFalse(opened[0], "nothing that is a spec: refused");
        robot.interact(() -> opened[0] = window.openDropped(List.of(second)));
        assertTrue(opened[0]);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Opened " + second));
    }

    /**
     * The tool bar's Shots runs only the shots listed: a row for shot 2 alone, its gather FFID 2;
     * a list that is not one, or a shot the job lacks, is one line and nothing runs.
     */
    @Test
    void shotsRunsOnlyTheShotsListed(FxRobot robot) throws Exception {
        openAndWait(robot, spec("some-shots", 3, 0.3));
        robot.interact(() -> window.shotsField().setText("first"));
        robot.interact(() -> window.runButton().fire());
        assertTrue(window.status().getText().startsWith("Shots must list shot numbers and ranges"), window.status().getText());
        assertFalse(window.running());
        robot.interact(() -> window.shotsField().setText("4"));
        robot.interact(() -> window.runButton().fire());
        assertEquals("Shots: the job has no shot 4 (its shots are 1-3)", window.status().getText());
        robot.interact(() -> {
            window.shotsField().setText("2");
            window.shotsField().getOnAction().handle(null);  // Enter: the run time of shot 2 alone
        });
        javafx.scene.control.Label runTime = robot.lookup("#summary-run-time").queryAs(javafx.scene.control.Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> runTime.getTooltip() != null
                && runTime.getTooltip().getText().contains(": 1 shot × "));
        robot.interact(() -> window.runButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().startsWith("done in"), window.status().getText());
        assertEquals(List.of(2), window.progress().table().getItems().stream().map(ShotProgress::shot).toList());
        try (var gathers = io.seiswork.core.segy.SegyReader.open(dir.resolve("runs/some-shots/shots.sgy"))) {
            assertEquals(80, gathers.traceCount());
            assertEquals(2, gathers.header(0).getInt32(io.seiswork.core.segy.TraceHeader.FIELD_RECORD));
        }
        robot.interact(() -> window.shotsField().setText(""));
    }

    /** Engine "gpu" where there is none: the run fails in one line naming why, and the window stays usable. */
    @Test
    void aGpuRunWithoutAGpuFailsInOneLine(FxRobot robot) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(io.seiswork.kernels.engine.cuda.CudaProbe.available(),
                "this machine has a usable GPU, so engine gpu would run");
        Path spec = spec("no-gpu", 1, 0.3);
        openAndWait(robot, spec);
        robot.interact(() -> window.engineChoice().setValue(io.seiswork.core.spec.EngineChoice.GPU));
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.running());
        WaitForAsyncUtils.waitForFxEvents();
        String status = window.status().getText();
        assertTrue(status.startsWith("failed: ") && status.contains("GPU") && !status.contains("\n"), status);
        assertEquals(ShotProgress.State.NOT_RUN, window.progress().table().getItems().get(0).stateProperty().get());
        assertFalse(window.runButton().isDisabled());
    }

    /** The Examples menu lists the repository's specs and opens the one picked. */
    @Test
    void theExamplesMenuOpensARepositorySpec(FxRobot robot) throws Exception {
        robot.interact(() -> window.setExamplesDir(Path.of("..", "examples")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.examplesMenu().getItems().stream()
                .anyMatch(i -> "salt3d-model.json".equals(i.getText())));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> names = window.examplesMenu().getItems().stream().map(i -> i.getText()).toList();
        assertTrue(names.containsAll(List.of("layered-2d-model.json", "layered-2d-rtm.json", "salt3d-rtm.json")),
                names.toString());
        // Each item says what the spec is and, for the survey and Marmousi, what to know first.
        var menu = window.examplesMenu();
        assertEquals(List.of(), cautions(menu, "layered-2d-rtm.json"));
        assertTrue(summary(menu, "layered-2d-rtm.json").matches("2D rtm, 401 x 201 cells, 9 shots, [0-9.]+ MiB a shot"),
                summary(menu, "layered-2d-rtm.json"));
        List<String> survey = cautions(menu, "survey-rtm.json");
        // Its 42.1 GiB against the free space of the folder it would run in: a second caution where that is less.
        long free = ExampleNote.usableAt(dir.resolve("runs").resolve("survey-rtm"));
        boolean fits = free == 0 || free >= (long) (42.1 * (1L << 30));
        assertEquals(fits ? 1 : 2, survey.size(), survey.toString());
        if (!fits) {
            assertTrue(survey.get(1).startsWith("\u26a0 not enough free space here ("), survey.get(1));
        }
        assertTrue(survey.get(0).startsWith("\u26a0 large: whole grid out of core: 2,209,000,000 nodes"), survey.get(0));
        assertTrue(survey.get(0).contains("about 45 GB (42.1 GiB) of disk"), survey.get(0));
        List<String> marmousi = cautions(menu, "marmousi-rtm.json");
        assertTrue(marmousi.get(0).startsWith("\u26a0 needs vp_marmousi_bi from outside the repository: Devito's Marmousi"),
                marmousi.toString());
        robot.interact(menu::show);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.image.WritableImage[] shot = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> shot[0] = menu.getItems().get(0).getParentPopup().getScene().snapshot(null));
        io.seiswork.render.snapshot.PngWriter.write(shot[0], Path.of("target", "desktop-examples-menu.png"));
        robot.interact(menu::hide);
        var item = window.examplesMenu().getItems().stream().filter(i -> "layered-2d-model.json".equals(i.getText()))
                .findFirst().orElseThrow();
        robot.interact(item::fire);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Opened"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("layered-2d-model", facts(robot).get("Job"));
        robot.interact(() -> window.setExamplesDir(dir.resolve("none")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.examplesMenu().getItems().size() == 1
                && window.examplesMenu().getItems().get(0).isDisable());
    }

    /** The Examples item {@code name}'s lines: its summary. */
    private static String summary(javafx.scene.control.MenuButton menu, String name) {
        return lines(menu, name, "example-summary").get(0);
    }

    /** The Examples item {@code name}'s cautions, as shown. */
    private static List<String> cautions(javafx.scene.control.MenuButton menu, String name) {
        return lines(menu, name, "example-caution");
    }

    private static List<String> lines(javafx.scene.control.MenuButton menu, String name, String styleClass) {
        var item = (javafx.scene.control.CustomMenuItem) menu.getItems().stream().filter(i -> name.equals(i.getText()))
                .findFirst().orElseThrow();
        return ((javafx.scene.layout.VBox) item.getContent()).getChildren().stream()
                .filter(n -> n.getStyleClass().contains(styleClass))
                .map(n -> n instanceof Label l ? l.getText() : ((javafx.scene.text.Text) n).getText()).toList();
    }

    /** Nothing of a run happens on the JavaFX thread: the listener is called from the runner's. */
    @Test
    void runEventsArriveOffTheFxThread() {
        RunEvents e = new RunEvents();
        e.runStarted(2, "cpu");
        e.shotStarted(1);
        e.shotProgress(1, 5, 10);
        e.shotProgress(1, 6, 10);
        List<RunEvents.Shot> changed = e.drainChanged();
        assertEquals(1, changed.size(), "one entry per changed shot, however many events");
        assertEquals(0.6, changed.get(0).fraction(), 1e-12);
        assertTrue(e.drainChanged().isEmpty());
        e.shotFinished(1, 0.5);
        assertEquals(ShotProgress.State.DONE, e.drainChanged().get(0).state);
        // Wavefield sections: ten a second at most, the newest kept.
        assertTrue(e.wantsWavefield());
        io.seiswork.core.volume.Slice s = new io.seiswork.core.volume.Slice(
                io.seiswork.core.volume.SliceOrientation.INLINE, 0, 0, new io.seiswork.core.grid.Sampling(2, 10, 0),
                new io.seiswork.core.grid.Sampling(2, 10, 0), new float[4]);
        e.wavefield(1, 100, s);
        assertFalse(e.wantsWavefield(), "not again within 100 ms");
        e.wavefield(1, 120, s);
        assertEquals(120, e.takeWavefield().step());
        assertEquals(null, e.takeWavefield());
    }

    /** The window as a picture in target/ (docs/desktop.md shows them). */
    private void snapshot(FxRobot robot, String name) throws java.io.IOException {
        javafx.scene.image.WritableImage[] shot = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> shot[0] = window.getScene().snapshot(null));
        io.seiswork.render.snapshot.PngWriter.write(shot[0], Path.of("target", name));
    }

    /** Opens a spec file, or the demo for null, and waits until it is open. */
    private void openAndWait(FxRobot robot, Path spec) throws Exception {
        robot.interact(() -> {
            if (spec == null) {
                window.openDemo();
            } else {
                window.openFile(spec);
            }
        });
        ProjectWindows.waitUntilOpened(window);
    }

    private Map<String, String> facts(FxRobot robot) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        var children = window.summary().getChildren();
        for (int i = 0; i + 1 < children.size(); i += 2) {
            // (the pane keeps numbers and units together with non-breaking spaces)
            out.put(((Label) children.get(i)).getText(), ((Label) children.get(i + 1)).getText().replace('\u00a0', ' '));
        }
        return out;
    }

    /** A 2D model job of {@code shots} shots on a 160 x 80 grid, {@code lengthS} seconds long. */
    private static Path spec(String name, int shots, double lengthS) throws Exception {
        return DesktopSpecs.model2d(dir, name, shots, lengthS);
    }
}
