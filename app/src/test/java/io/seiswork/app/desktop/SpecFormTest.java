package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.core.geometry.Position;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.SpecException;
import io.seiswork.core.spec.SpecProblem;
import io.seiswork.core.spec.Spread;
import io.seiswork.core.spec.VelocitySpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The spec form on its own, beside its JSON: the velocity model and the survey's layouts edited
 * in their forms, a form switched for another (the same points, the user's file), optional values
 * added and removed, and what each edit leaves in the text checked by the spec reader itself.
 */
@ExtendWith(ApplicationExtension.class)
class SpecFormTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SPEC = """
            {
              "name": "formed",
              "task": "model",
              "grid": { "nx": 160, "ny": 1, "nz": 80, "dx": 10, "dz": 10 },
              "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 400, "vp": 2200 } ] },
              "wavelet": { "type": "ricker", "peakHz": 12 },
              "time": { "lengthS": 0.5, "sampleS": 0.004 },
              "sources": { "line": { "x0": 300, "dx": 200, "n": 3, "y": 0, "z": 20 } },
              "receivers": { "line": { "x0": 0.5, "dx": 19.5, "n": 80, "y": 0, "z": 20 }, "spread": "fixed" },
              "engine": "cpu"
            }
            """;

    private SpecCodeArea text;
    /** What the file chooser answers next (null: the user cancelled). */
    private final Deque<String> answers = new ArrayDeque<>();
    private SpecForm form;
    private String syncedText;
    private long syncedVersion;

    @Start
    void start(Stage stage) {
        text = new SpecCodeArea();
        form = new SpecForm(text, (title, segy, current) -> answers.isEmpty() ? null : answers.pop());
        stage.setScene(new Scene(new SplitPane(new ScrollPane(form), new org.fxmisc.flowless.VirtualizedScrollPane<>(text)), 1000, 800));
        stage.show();
    }

    @Test
    void theVelocityModelIsEditedInItsOwnForms(FxRobot robot) throws Exception {
        load(robot, SPEC);
        assertEquals("layers", form.formOf("/velocity").getValue());
        NumberTable layers = form.table("/velocity/layers");
        assertEquals(List.of("0,1500", "400,2200"), rows(layers));
        snapshot(robot, "desktop-form-layers.png");

        robot.interact(() -> layers.set(1, 1, "2500"));
        assertTrue(text.getText().contains("\"velocity\": { \"layers\": [ { \"top\": 0, \"vp\": 1500 }, { \"top\": 400, \"vp\": 2500 } ] },"),
                text.getText());
        boolean[] taken = {true};
        robot.interact(() -> taken[0] = layers.set(1, 0, "deep"));
        assertFalse(taken[0]);
        assertTrue(text.getText().contains("\"top\": 400, \"vp\": 2500"), "a value that is not a number is refused");
        robot.interact(layers::addRow);
        assertEquals(List.of(0.0, 400.0, 800.0), tops());
        assertEquals(3500.0, layers().get(2).vMps(), "one more step of the last two rows' spacing");
        robot.interact(() -> layers.removeRow(1));
        assertEquals(List.of(0.0, 800.0), tops());
        robot.interact(() -> text.undo());
        assertEquals(3, layers().size(), "one undo takes one form edit back");

        choose(robot, "/velocity", "constant");
        assertTrue(text.getText().contains("\"velocity\": { \"constant\": 1500 },"), text.getText());
        sync(robot);
        assertEquals("1500", ((TextField) form.control("/velocity/constant")).getText());
        assertTrue(shown(form.control("/velocity/constant")));
        assertFalse(shown(layers), "only the form the velocity takes shows its fields");
        assertEquals(1500.0, ((VelocitySpec.Constant) read().velocity()).vMps());

        choose(robot, "/velocity", "layers");
        assertEquals(List.of(0.0, 400.0), tops(),
                "a constant becomes the top layer over a faster one from half the depth");
        assertEquals(List.of(1500.0, 2000.0), layers().stream().map(VelocitySpec.Layer::vMps).toList());

        choose(robot, "/velocity", "built-in model");
        assertEquals("layered", ((VelocitySpec.Builtin) read().velocity()).name());
        @SuppressWarnings("unchecked")
        ChoiceBox<String> builtin = (ChoiceBox<String>) form.control("/velocity/builtin");
        robot.interact(() -> builtin.setValue("salt3d"));
        assertEquals("salt3d", ((VelocitySpec.Builtin) read().velocity()).name());

        // A file form asks for the file; the user's change of mind leaves the JSON and the box as they were.
        String before = text.getText();
        choose(robot, "/velocity", "SEG-Y file");
        assertEquals(before, text.getText());
        assertEquals("built-in model", form.formOf("/velocity").getValue());
        assertEquals("Not changed: no file was chosen.",
                robot.lookup("#form-velocity-note").queryAs(javafx.scene.control.Label.class).getText());
        answers.push("models/vp.sgy");
        choose(robot, "/velocity", "SEG-Y file");
        assertTrue(text.getText().contains("\"velocity\": { \"segy\": \"models/vp.sgy\" },"), text.getText());
        answers.push("vp.bin");
        choose(robot, "/velocity", "raw float32 file");
        assertTrue(text.getText().contains(
                "\"velocity\": { \"raw\": { \"path\": \"vp.bin\", \"order\": \"zxy\", \"endian\": \"little\", \"scale\": 1 } },"),
                text.getText());
        sync(robot);
        @SuppressWarnings("unchecked")
        ChoiceBox<String> order = (ChoiceBox<String>) form.control("/velocity/raw/order");
        robot.interact(() -> order.setValue("xyz"));
        assertEquals("xyz", ((VelocitySpec.Raw) read().velocity()).order());
        TextField scale = (TextField) form.control("/velocity/raw/scale");
        enter(robot, scale, "1000");
        assertEquals(1000.0, ((VelocitySpec.Raw) read().velocity()).scale());
        answers.push("other/vp2.bin");
        robot.interact(() -> ((javafx.scene.control.Button) form.lookup("#choose-velocity-raw-path")).fire());
        assertEquals("other/vp2.bin", ((VelocitySpec.Raw) read().velocity()).path());
    }

    /**
     * An edit made from what the form showed never puts old values back over what the user has
     * typed in the JSON since: the table refuses, shows the JSON's rows and says so; a choice of
     * form is made from the text as it is now.
     */
    @Test
    void theFormNeverWritesOverNewerText(FxRobot robot) throws Exception {
        load(robot, SPEC);
        NumberTable layers = form.table("/velocity/layers");
        robot.interact(() -> text.setText(text.getText().replace("\"vp\": 2200", "\"vp\": 2600")));  // not yet checked
        String typed = text.getText();
        robot.interact(layers::addRow);
        assertEquals(typed, text.getText(), "the row is not added over the typed value");
        assertEquals(List.of("0,1500", "400,2600"), rows(layers));
        assertTrue(layers.note().startsWith("Not changed: the JSON changed since the table was shown"), layers.note());
        robot.interact(layers::addRow);
        assertEquals(List.of(0.0, 400.0, 800.0), tops());
        assertEquals(3700.0, layers().get(2).vMps(), "made from the typed 2600: 2600 + 1100");
        assertEquals("", layers.note());

        robot.interact(() -> text.setText(text.getText().replace("\"x0\": 300", "\"x0\": 350")));  // not yet checked
        robot.interact(() -> form.formOf("/sources").setValue("areal grid"));
        assertEquals(List.of(350.0, 550.0, 750.0), read().sources().positions().stream().map(p -> p.x()).toList());
    }

    /**
     * A table compares its rows with the JSON number for number (0.0001 reads back as 1.0E-4 and
     * is the same); a paste where the JSON no longer holds the table is refused; a long list is
     * written a point a line at the indent of its member, in a pretty-printed spec.
     */
    @Test
    void tablesKeepTheirJsonTidyAndCurrent(FxRobot robot) throws Exception {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            points.append(i == 0 ? "" : ", ").append("[").append(i * 50).append(", 0, 20]");
        }
        load(robot, SPEC.replace("\"receivers\": { \"line\": { \"x0\": 0.5, \"dx\": 19.5, \"n\": 80, \"y\": 0, \"z\": 20 }, \"spread\": \"fixed\" },",
                "\"receivers\": {\n    \"list\": [ " + points + " ]\n  },"));
        NumberTable list = form.table("/receivers/list");
        assertEquals(25, list.rows().size());
        robot.interact(() -> list.set(0, 2, "0.0001"));
        robot.interact(list::addRow);  // before any check: the JSON's 1.0E-4 is the row's 0.0001
        assertEquals("", list.note());
        assertEquals(26, read().receivers().positions().size());
        assertTrue(text.getText().contains("  \"receivers\": {\n    \"list\": [\n      [0, 0, 0.0001],\n      [50, 0, 20],\n"),
                text.getText());
        assertTrue(text.getText().contains("      [1250, 0, 20]\n    ]\n  },"), text.getText());

        robot.interact(() -> text.setText(SPEC));  // the receivers a line again, typed, not yet checked
        String switched = text.getText();
        robot.interact(() -> list.paste("1 0 20\n2 0 20"));  // refused as the edit is worked out
        assertEquals(0, list.rows().size(), "the JSON's rows: none, it holds no list");
        assertTrue(list.isDisabled(), "greyed out, as the check of that JSON shows it");
        assertTrue(list.note().startsWith("Not pasted: the JSON no longer holds this table"), list.note());
        assertEquals(switched, text.getText());
    }

    /** A 7 x 5 x 9 cube of 1800 m/s at 10 m, written as SEG-Y: {@code dir/vp.sgy}. */
    private static java.nio.file.Path velocityCube(java.nio.file.Path dir) throws Exception {
        float[] v = new float[7 * 5 * 9];
        java.util.Arrays.fill(v, 1800f);
        java.nio.file.Path file = dir.resolve("vp.sgy");
        io.seiswork.core.segy.DepthVolumeWriter.write(file, new io.seiswork.core.grid.Grid(7, 5, 9, 10, 10, 10), v,
                "velocity");
        return file;
    }

    /** The form on {@link #SPEC} with its velocity set to the SEG-Y {@code file}: its "Grid from the file" button. */
    private javafx.scene.control.Button chooseSegyVelocity(FxRobot robot, java.nio.file.Path file) throws Exception {
        load(robot, SPEC);
        answers.push(file.toString());
        choose(robot, "/velocity", "SEG-Y file");
        return (javafx.scene.control.Button) form.lookup("#gridFrom-velocity-segy");
    }

    /**
     * A SEG-Y velocity cube sets the grid's node counts: crosslines along x, inlines along y,
     * samples along z, read off the JavaFX thread; the spacing stays.
     */
    @Test
    void theGridIsTakenFromASegyVelocityFile(FxRobot robot, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = velocityCube(dir);
        javafx.scene.control.Button fromFile = chooseSegyVelocity(robot, file);
        robot.interact(fromFile::fire);
        org.testfx.util.WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                () -> text.getText().contains("\"nx\": 7, \"ny\": 5, \"nz\": 9, \"dx\": 10, \"dz\": 10"));
        javafx.scene.control.Label said = (javafx.scene.control.Label) ((javafx.scene.layout.VBox) fromFile.getParent())
                .getChildren().get(1);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertEquals("grid set from the file: 7 x 5 x 9 (a sorted cube: crosslines along x, inlines along y)",
                said.getText());

        io.seiswork.core.segy.SegyInfo line = null;
        try (var r = io.seiswork.core.segy.SegyReader.open(file)) {
            line = r.info();
        }
        assertEquals(List.of(7, 5, 9), java.util.Arrays.stream(SpecForm.gridOf(line, 1)).boxed().toList(),
                "a cube is placed by its numbers whatever the grid's ny");
        // Not a cube (no trace geometry): traces in file order, x fastest, for the grid's ny when it divides them.
        io.seiswork.core.segy.SegyInfo loose = new io.seiswork.core.segy.SegyInfo(file, 35, 9, line.sampleIntervalUs(),
                line.format(), line.byteOrder(), line.revision(), "", List.of(), line.textEncoding(), 0,
                line.firstTraceOffset(), line.traceBytes(), null, false, false, 0);
        assertEquals(List.of(7, 5, 9), java.util.Arrays.stream(SpecForm.gridOf(loose, 5)).boxed().toList());
        assertEquals(List.of(35, 1, 9), java.util.Arrays.stream(SpecForm.gridOf(loose, 4)).boxed().toList(),
                "4 does not divide 35: a 2D line");
    }

    /**
     * "Grid from the file" clicked, and another spec opened before the file's read lands: the
     * counts read for the first spec are not written into the other, and the button says why.
     */
    @Test
    void aGridReadLandingAfterAnotherSpecOpensLeavesThatSpecAlone(FxRobot robot,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = velocityCube(dir);
        javafx.scene.control.Button fromFile = chooseSegyVelocity(robot, file);
        String other = SPEC.replace("\"name\": \"formed\"", "\"name\": \"other\"");
        robot.interact(() -> {
            fromFile.fire();
            // The read's result is posted to this thread, held here until the other spec is in.
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("seiswork-segy-grid")) {
                    try {
                        t.join(20_000);
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            }
            form.forgetTyping();  // another spec opened, as SpecEditor.load does
            text.replaceText(other);
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Label said = (javafx.scene.control.Label) ((javafx.scene.layout.VBox) fromFile.getParent())
                .getChildren().get(1);
        assertEquals(other, text.getText(), "the other spec's grid as it was");
        assertEquals("Not set: another spec was opened while the file was read.", said.getText());
        assertFalse(fromFile.isDisabled());
    }

    /** Numbers the form cannot write or convert are refused, not passed on as broken JSON. */
    @Test
    void numbersOutOfRangeAreRefused(FxRobot robot) throws Exception {
        assertEquals("1500", FormField.literal(FormField.Kind.NUMBER, "1.5e3"));
        assertEquals("0.000012", FormField.literal(FormField.Kind.NUMBER, "1.2e-5"));
        assertEquals(null, FormField.literal(FormField.Kind.NUMBER, "1e400"), "infinite as a double");
        assertEquals(null, FormField.literal(FormField.Kind.NUMBER, "1e-1200"), "over a thousand digits written out");
        assertEquals(null, FormField.literal(FormField.Kind.NUMBER, "1e-999999999"));
        load(robot, SPEC.replace("\"vp\": 2200", "\"vp\": 1e400"));
        NumberTable layers = form.table("/velocity/layers");
        assertTrue(layers.isDisabled(), "a value a double reads as infinite: edited in the JSON");
        String before = text.getText();
        choose(robot, "/velocity", "constant");
        assertTrue(text.getText().contains("\"velocity\": { \"constant\": 1500 }"), "from the first layer, which is finite");
        robot.interact(() -> text.setText(before.replace("\"vp\": 1500", "\"vp\": 1e400")));
        choose(robot, "/velocity", "constant");
        assertTrue(text.getText().contains("\"velocity\": { \"constant\": 2000 }"), text.getText());
    }

    @Test
    void aLayoutBecomesAnotherLayoutOfTheSamePoints(FxRobot robot) throws Exception {
        load(robot, SPEC);
        JobSpec first = read();
        assertEquals("line", form.formOf("/receivers").getValue());

        choose(robot, "/receivers", "areal grid");
        assertEquals("grid", read().receivers().kind());
        assertEquals(first.receivers().positions(), read().receivers().positions());
        assertTrue(text.getText().contains("\"spread\": \"fixed\""), "the spread is kept");

        choose(robot, "/receivers", "list of points");
        assertEquals("list", read().receivers().kind());
        assertEquals(first.receivers().positions(), read().receivers().positions());
        assertTrue(text.getText().contains("\"list\": [\n      [0.5, 0, 20],\n      [20, 0, 20],\n      [39.5, 0, 20],\n"),
                "decimal steps (0.5 + 19.5 i), a point a line: " + text.getText());
        sync(robot);
        NumberTable list = form.table("/receivers/list");
        assertEquals(80, list.rows().size());

        // Points pasted from a spreadsheet or a CSV file: a heading skipped, any separator.
        String withList = text.getText();
        boolean[] pasted = {true};
        robot.interact(() -> pasted[0] = list.paste("x (m),y,depth\n10 0 20\n\n30 0"));
        assertFalse(pasted[0]);
        assertEquals("Not pasted: line 4 is not 3 numbers: \"30 0\"", list.note());
        assertEquals(withList, text.getText(), "a refused paste changes nothing");
        robot.interact(() -> pasted[0] = list.paste("x (m),y,depth\n10, 0, 20\n\n30\t0\t20.5\n50;0;21\n"));
        assertTrue(pasted[0]);
        assertEquals("", list.note());
        assertEquals(List.of(new Position(10, 0, 20), new Position(30, 0, 20.5), new Position(50, 0, 21)),
                read().receivers().positions());
        robot.interact(() -> text.undo());
        assertEquals(withList, text.getText(), "one undo takes the paste back");
        sync(robot);

        choose(robot, "/receivers", "line");
        assertEquals(first.receivers(), read().receivers());

        // Sources: the line's count edited, then as a grid its own fields.
        TextField n = (TextField) form.control("/sources/line/n");
        enter(robot, n, "5");
        assertEquals(5, read().sources().positions().size());
        choose(robot, "/sources", "areal grid");
        TextField ny = (TextField) form.control("/sources/grid/ny");
        assertEquals("1", ny.getText());
        assertTrue(shown(ny));
        assertFalse(shown(form.control("/sources/line/n")));

        // A fixed spread becomes a moving one of a quarter of the model's width.
        choose(robot, "/receivers/spread", "moving");
        Spread.Moving moving = (Spread.Moving) read().spread();
        assertEquals(0.0, moving.minOffsetM());
        assertEquals(400.0, moving.maxOffsetM(), "1590 m wide: a quarter, to 100 m");
        TextField max = (TextField) form.control("/receivers/spread/moving/maxOffset");
        enter(robot, max, "900");
        assertEquals(900.0, ((Spread.Moving) read().spread()).maxOffsetM());
        choose(robot, "/receivers/spread", "fixed");
        assertTrue(read().spread() instanceof Spread.Fixed);
    }

    @Test
    void optionalValuesShowTheirDefaultsAndAreAddedWhenTyped(FxRobot robot) throws Exception {
        load(robot, SPEC);
        TextField name = (TextField) form.control("/name");
        assertEquals("formed", name.getText());
        enter(robot, name, "line 7 \"north\"");
        assertEquals("line 7 \"north\"", read().name(), "quoted as JSON");
        assertFalse(form.showsMigration(), "task model: no migration part");
        TextField dy = (TextField) form.control("/grid/dy");
        assertFalse(dy.isDisabled());
        assertEquals("", dy.getText());
        assertEquals("dx", dy.getPromptText());

        @SuppressWarnings("unchecked")
        ChoiceBox<String> task = (ChoiceBox<String>) form.control("/task");
        robot.interact(() -> task.setValue("rtm"));
        sync(robot);
        assertTrue(form.showsMigration());
        assertEquals("the model smoothed", form.formOf("/migrationVelocity").getValue(), "the default, not in the spec");
        assertEquals("synthetic", form.formOf("/data").getValue());
        TextField aperture = (TextField) form.control("/imaging/aperture");
        assertEquals("the whole model", aperture.getPromptText());
        CheckBox laplacian = (CheckBox) form.control("/imaging/laplacianFilter");
        assertTrue(laplacian.isSelected(), "the default shown");

        enter(robot, aperture, "500");
        assertTrue(text.getText().contains("  \"engine\": \"cpu\",\n  \"imaging\": { \"aperture\": 500 }\n}"), text.getText());
        assertEquals(500.0, read().imaging().apertureM());
        enter(robot, aperture, " ");
        assertFalse(text.getText().contains("aperture"), "emptied: back to the default");
        assertEquals(null, read().imaging().apertureM());

        TextField smooth = (TextField) form.control("/migrationVelocity/smooth");
        enter(robot, smooth, "250");
        assertEquals(250.0, ((VelocitySpec.Smoothed) read().migrationVelocity()).lengthM());
        answers.push("gathers.sgy");
        choose(robot, "/data", "recorded (SEG-Y)");
        assertEquals("gathers.sgy", read().data());
        choose(robot, "/migrationVelocity", "constant");
        assertEquals(2000.0, ((VelocitySpec.Constant) read().migrationVelocity()).vMps(), "no constant or layers in the model's velocity: 2000 m/s");
    }

    @Test
    void filesAreNamedRelativeToTheSpecsFolderWhenUnderIt() {
        java.nio.file.Path folder = java.nio.file.Path.of("/data/survey").toAbsolutePath();
        assertEquals("models/vp.sgy", DialogFileChooser.specName(folder, folder.resolve("models/vp.sgy")));
        assertEquals("/data/other/vp.sgy", DialogFileChooser.specName(folder, java.nio.file.Path.of("/data/other/vp.sgy")));
    }

    /** Types {@code value} into {@code field} and presses Enter. */
    private static void enter(FxRobot robot, TextField field, String value) {
        robot.interact(() -> {
            field.setText(value);
            field.getOnAction().handle(null);
        });
    }

    private void load(FxRobot robot, String json) {
        robot.interact(() -> text.setText(json));
        sync(robot);
    }

    /** What the editor does 300 ms after an edit: the form shows the text's values and problems. */
    private void sync(FxRobot robot) {
        robot.interact(() -> {
            List<SpecProblem> problems;
            try {
                JobSpecReader.read(text.getText(), "spec", "spec");
                problems = List.of();
            } catch (SpecException e) {
                problems = e.problems();
            }
            if (!text.getText().equals(syncedText)) {
                syncedText = text.getText();
                syncedVersion++;  // as the editor counts edits: the same text, the same version
            }
            try {
                form.refresh(JSON.readTree(text.getText()), syncedVersion, problems);
            } catch (java.io.IOException e) {
                form.refresh(null, syncedVersion, problems);
            }
        });
    }

    private void choose(FxRobot robot, String pointer, String option) {
        sync(robot);
        robot.interact(() -> form.formOf(pointer).setValue(option));
        sync(robot);
    }

    /** The spec the text holds now, which must read without problems. */
    private JobSpec read() {
        return JobSpecReader.read(text.getText(), "spec", "spec");
    }

    private List<VelocitySpec.Layer> layers() {
        return ((VelocitySpec.Layers) read().velocity()).layers();
    }

    private List<Double> tops() {
        return layers().stream().map(VelocitySpec.Layer::topM).toList();
    }

    private void snapshot(FxRobot robot, String name) throws java.io.IOException {
        javafx.scene.image.WritableImage[] shot = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> shot[0] = form.getScene().snapshot(null));
        io.seiswork.render.snapshot.PngWriter.write(shot[0], java.nio.file.Path.of("target", name));
    }

    /** Whether the node and every parent is visible. */
    private static boolean shown(javafx.scene.Node n) {
        for (javafx.scene.Node at = n; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> rows(NumberTable t) {
        return t.rows().stream().map(r -> String.join(",", r)).toList();
    }
}
