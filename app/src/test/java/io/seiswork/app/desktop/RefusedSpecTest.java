package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.spec.EngineChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Specs and runs the window refuses, in a laptop-sized window (1024 x 680): what it then shows is
 * the refused spec's, every count and note says the current truth, and nothing half-started is
 * left behind.
 */
class RefusedSpecTest extends WindowTestBase {

    /**
     * A runnable spec with a Shots list, then one whose SEG-Y model is missing, from a folder
     * with a long path: the title, output folder and Shots field are no longer the first's; the
     * heading names the file (its path in the tooltip) and wraps; the form's Choose... is whole.
     */
    @Test
    void aSpecThatCannotRunShowsItselfNotTheLastOne(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "runnable", 3));
        robot.interact(() -> window.shotsField().setText("2"));
        assertEquals("Seiswork: runnable", window.titleProperty().get());
        assertTrue(window.outputFolder().getText().endsWith("runnable"), window.outputFolder().getText());

        Path deep = Files.createDirectories(dir.resolve("a-folder-with-a-rather-long-name/and-another-one-below-it"));
        Path missing = Files.writeString(deep.resolve("missing-model.json"), Files.readString(
                DesktopSpecs.model2d(dir, "missing-model", 1)).replaceFirst(
                "\"velocity\": \\{.*\\},", "\"velocity\": { \"segy\": \"models/nope.sgy\" },"));
        robot.interact(() -> window.openFile(missing));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().contains("cannot run"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Seiswork: missing-model", window.titleProperty().get());
        assertEquals("Output: none, the spec cannot run", window.outputFolder().getText());
        assertEquals("", window.shotsField().getText(), "the last spec's shots are not this one's");
        assertTrue(window.runButton().isDisabled());

        Label head = (Label) window.summary().lookup("#summary-refused");
        assertEquals("missing-model.json cannot run:", head.getText());
        assertEquals(missing.toString(), head.getTooltip().getText());
        assertTrue(head.isWrapText());
        assertEquals(head.getText(), ((javafx.scene.text.Text) head.lookup(".text")).getText(), "drawn whole, not cut");
        var facts = window.lookup("#factsPane");
        assertTrue(head.localToScene(head.getLayoutBounds()).getMaxX()
                <= facts.localToScene(facts.getLayoutBounds()).getMaxX() + 1, "inside the facts' pane");

        robot.interact(() -> window.tabs().getSelectionModel().select(window.specTab()));
        // The form replaces its "Opening..." note at the text's first check, which may end after the refusal.
        // The form is shown, then filled from the check's values: wait for the field, not the form.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.editor().formPane().getContent() instanceof SpecForm
                && window.editor().lookup("#choose-velocity-segy") instanceof Button b && b.isVisible() && b.getWidth() > 0);
        Button choose = (Button) window.editor().lookup("#choose-velocity-segy");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(choose.getWidth() >= choose.prefWidth(-1) - 0.5, "Choose... whole: " + choose.getWidth()
                + " of " + choose.prefWidth(-1));
    }

    /**
     * The tool bar's engine follows a refused spec as it follows one that opens: the engine it
     * names, or {@code auto} when it names none; never the last spec's.
     */
    @Test
    void aRefusedSpecSetsTheEngineAsAnOpenedOneDoes(FxRobot robot) throws Exception {
        Path cpu = DesktopSpecs.model2d(dir, "on-cpu", 1);
        open(robot, cpu);
        assertEquals(EngineChoice.CPU, window.engineChoice().getValue());

        String refused = Files.readString(cpu).replace("\"dx\": 10,", "\"dx\": -5,");
        assertEquals(EngineChoice.GPU, openRefused(robot, "refused-gpu", refused.replace("\"engine\": \"cpu\"", "\"engine\": \"gpu\"")),
                "the engine the refused spec names");
        assertEquals(EngineChoice.AUTO, openRefused(robot, "refused-default", refused.replace(",\n  \"engine\": \"cpu\"", "")),
                "a spec naming none runs on auto");
        assertEquals(EngineChoice.AUTO, openRefused(robot, "refused-not-json", "{ \"engine\": \"cpu\" "),
                "text that is not JSON names no engine");

        open(robot, cpu);
        robot.interact(() -> window.editor().text().setText(refused.replace("\"engine\": \"cpu\"", "\"engine\": \"gpu\"")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.editor().lookup("#applySpec").isDisabled());
        robot.interact(() -> ((Button) window.editor().lookup("#applySpec")).fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().contains("cannot run"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(EngineChoice.GPU, window.engineChoice().getValue(), "a refused Apply too");
    }

    /** Writes {@code json} to {@code name}.json, opens it, waits for its refusal and gives the tool bar's engine then. */
    private EngineChoice openRefused(FxRobot robot, String name, String json) throws Exception {
        Path spec = Files.writeString(dir.resolve(name + ".json"), json);
        robot.interact(() -> window.openFile(spec));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().contains("cannot run"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Seiswork: " + (json.contains("\"name\"") ? "on-cpu" : name), window.titleProperty().get());
        return window.engineChoice().getValue();
    }

    /**
     * A spec whose check as typed finds a warning alone and whose opening also an error (points
     * per wavelength): the status and the editor both say "1 problem and 1 warning" and list the
     * same; a refused Apply replaces the note "Edited: ..." by the refusal's count.
     */
    @Test
    void countsAndNotesSayWhatTheRefusalFound(FxRobot robot) throws Exception {
        Path spec = DesktopSpecs.model2d(dir, "coarse", 1);
        String good = Files.readString(spec);
        Path bad = Files.writeString(dir.resolve("coarse-bad.json"), good.replace("\"peakHz\": 12", "\"peakHz\": 45")
                .replace("\"task\": \"model\",", "\"task\": \"model\", \"data\": \"old.sgy\","));
        robot.interact(() -> window.openFile(bad));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().contains("cannot run"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.editor().verdict().getText().equals("1 problem and 1 warning"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().endsWith("cannot run: 1 problem and 1 warning, listed on the left."),
                window.status().getText());
        List<String> listed = List.copyOf(window.editor().problems().getItems());
        assertEquals(2, listed.size(), listed.toString());
        assertTrue(listed.stream().anyMatch(t -> t.startsWith("grid: ") && t.contains("points per minimum wavelength")),
                listed.toString());
        assertTrue(listed.contains("warning: data: ignored for task model (read only by task rtm)"), listed.toString());

        open(robot, spec);
        robot.interact(() -> window.editor().text().setText(good.replace("\"peakHz\": 12", "\"peakHz\": 45")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.editor().verdict().getText().startsWith("Edited"));
        robot.interact(() -> ((Button) window.editor().lookup("#applySpec")).fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().contains("cannot run"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("1 problem", window.editor().verdict().getText(), "no longer 'Edited: Apply ...'");
        assertTrue(window.editor().problems().getItems().get(0).contains("points per minimum wavelength"));
        // A check as typed finishing late changes nothing: checked once the pause after the last
        // key is over, a marker has run behind any check on the checks' thread, and the JavaFX
        // queue has run what that check published (in order, not after a sleep).
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !WaitForAsyncUtils.asyncFx(
                () -> window.editor().checkPending()).get());
        window.checks().submit(() -> { }).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("1 problem", window.editor().verdict().getText());
    }

    /**
     * Run on AWS with no SEISWORK_BUCKET: one line in the window's words, nothing asked, no rows
     * queued in the Run tab, and Run enabled again; the line goes when this machine is chosen.
     */
    @Test
    void aCloudNotConfiguredRefusesRunWithoutRows(FxRobot robot) throws Exception {
        Assumptions.assumeTrue(System.getenv("SEISWORK_BUCKET") == null, "SEISWORK_BUCKET is set here");
        open(robot, DesktopSpecs.model2d(dir, "to-aws", 3));
        robot.interact(() -> {
            window.runOnChoice().setValue(RunTarget.AWS);
            window.runButton().fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.status().getText().startsWith("Cannot run on AWS: SEISWORK_BUCKET is not set"),
                window.status().getText());
        assertTrue(window.status().getText().endsWith("or choose 'local cloud' in on"), window.status().getText());
        assertFalse(robot.lookup(".dialog-pane").tryQuery().isPresent(), "nothing asked");
        assertEquals(0, window.progress().table().getItems().size(), "no rows queued");
        assertFalse(window.running());
        assertFalse(window.runButton().isDisabled(), "Run enabled again");

        // Back to this machine: the refusal no longer holds, and goes from the status line.
        robot.interact(() -> window.runOnChoice().setValue(RunTarget.THIS_MACHINE));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", window.status().getText(), "no stale 'Cannot run on AWS'");
        // Something else said since is not the refusal's to clear.
        robot.interact(() -> {
            window.runOnChoice().setValue(RunTarget.AWS);
            window.runButton().fire();
            window.status().setText("Saved somewhere.");
            window.runOnChoice().setValue(RunTarget.THIS_MACHINE);
        });
        assertEquals("Saved somewhere.", window.status().getText());
    }

    /**
     * Save of text that is not JSON asks first, Cancel the default: Cancel writes nothing; Save
     * anyway writes it and says the project is still the one applied.
     */
    @Test
    void textThatIsNotJsonIsSavedOnlyWhenTheUserSaysSo(FxRobot robot) throws Exception {
        Path spec = DesktopSpecs.model2d(dir, "broken", 1);
        String good = Files.readString(spec);
        open(robot, spec);
        String broken = good.replace("\"nz\": 80,", "\"nz\": 80 80,");
        robot.interact(() -> {
            window.editor().text().setText(broken);
            ((Button) window.editor().lookup("#saveSpec")).fire();
        });
        DialogPane ask = dialog(robot);
        assertTrue(ask.getContentText().matches("The spec is not valid JSON \\(line 4, column \\d+: .+\\)\\. Save it anyway\\?"),
                ask.getContentText());
        Button cancel = (Button) ask.lookupButton(ButtonType.CANCEL);
        assertTrue(cancel.isDefaultButton(), "Cancel is the default");
        robot.interact(cancel::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(good, Files.readString(spec), "nothing written");
        assertTrue(window.status().getText().startsWith("Not saved: the spec is not valid JSON (line 4, column "),
                window.status().getText());
        assertTrue(window.editor().unsaved());

        robot.interact(() -> ((Button) window.editor().lookup("#saveSpec")).fire());
        DialogPane again = dialog(robot);
        Button anyway = (Button) again.lookupButton(again.getButtonTypes().stream()
                .filter(b -> b.getText().equals("Save anyway")).findFirst().orElseThrow());
        robot.interact(anyway::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Saved"));
        assertEquals(broken, Files.readString(spec));
        assertTrue(window.status().getText().matches("Saved .*broken-spec\\.json, which is not valid JSON "
                + "\\(line 4, column \\d+: .+\\): the project is still the spec last applied\\."), window.status().getText());
        assertEquals("Seiswork: broken *", window.titleProperty().get(), "edits not applied: the title says so");
        assertFalse(window.editor().unsaved(), "what is in the editor is what the file holds");
    }
}
