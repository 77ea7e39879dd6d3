package io.seiswork.app.desktop;

import com.fasterxml.jackson.databind.JsonNode;
import io.seiswork.core.segy.SegyInfo;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.SpecProblem;
import io.seiswork.core.velocity.BuiltinModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The whole job spec as a form beside its JSON: the name and task, the grid, the velocity model (layers in
 * a table, a constant, a built-in model, a SEG-Y or raw file chosen in a dialog), the wavelet and
 * record, the sources and receivers (a line, an areal grid or a list of points in a table, and
 * the spread), the physics, a migration's own velocity, data and imaging, and the engine.
 *
 * <p>The JSON stays the one truth: every control shows the value at its JSON pointer, and an edit
 * replaces exactly that value's characters in the text (layout, key order and the rest untouched,
 * one undo step), after which the spec is checked as if typed. Choosing another form of a value
 * (layers instead of a constant, a grid of sources instead of a line) writes that form, made from
 * what the spec had (the same points, the same top velocity), and shows its fields. Optional
 * values the spec leaves out show their defaults, greyed, and are added when typed. A value that
 * is not a number is refused in the field, in red, and the JSON is left as it was.
 */
final class SpecForm extends VBox {

    /** Width of the labels' column, so that the sections' fields line up. */
    private static final double LABEL_WIDTH = 140;

    private static final List<String> AXIS_ORDERS = List.of("zxy", "zyx", "xzy", "xyz", "yxz", "yzx");

    private final FormContext form;
    private final List<FormField> fields = new ArrayList<>();
    private final List<FormChoice> choices = new ArrayList<>();
    private final List<NumberTable> tables = new ArrayList<>();
    private final VBox migration;

    /**
     * @param json the editor whose text the form reads and edits
     * @param files how the user picks a model or data file
     */
    SpecForm(org.fxmisc.richtext.CodeArea json, ModelFileChooser files) {
        this(json, files, java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "seiswork-form-check");
            t.setDaemon(true);
            return t;
        }));
    }

    /**
     * @param area the editor whose text the form reads and edits
     * @param files how the user picks a model or data file
     * @param checks where a value being typed is checked against the rest of the spec (a thread, not the JavaFX one)
     */
    SpecForm(org.fxmisc.richtext.CodeArea area, ModelFileChooser files, java.util.concurrent.Executor checks) {
        this.form = new FormContext(new SpecText(area), area, files, checks);
        setSpacing(2);
        setPadding(new Insets(8));
        setId("specForm");
        section("Job", grid(
                field(FormField.text("name", "/name", "the spec file's name", form)),
                field(FormField.choice("task", "/task", null, List.of("model", "rtm"), form))));
        section("Grid", grid(
                whole("nx (cells)", "/grid/nx", null),
                whole("ny (cells, 1 in 2D)", "/grid/ny", "1"),
                whole("nz (cells)", "/grid/nz", null),
                number("dx (m)", "/grid/dx", null),
                number("dy (m)", "/grid/dy", "dx"),
                number("dz (m)", "/grid/dz", null)));
        section("Velocity model", velocity("/velocity", false));
        section("Wavelet and record", grid(
                number("peak frequency (Hz)", "/wavelet/peakHz", null),
                number("peak time (s)", "/wavelet/delayS", "1 / peak frequency"),
                number("record length (s)", "/time/lengthS", null),
                number("sample interval (s)", "/time/sampleS", "0.004"),
                number("time step (s)", "/time/dtS", "from the CFL limit")));
        section("Sources", layout("/sources"));
        List<Node> receivers = new ArrayList<>(layout("/receivers"));
        FormChoice spread = choice("/receivers/spread", List.of(
                new FormChoice.Option("fixed", v -> v.isMissingNode() || "fixed".equals(v.asText()),
                        (t, json) -> SpecText.quote("fixed"), "", List.of()),
                new FormChoice.Option("moving", v -> v.has("moving"), (t, json) -> FormValues.movingSpread(t.path("grid")), "",
                        List.of(grid(number("least offset (m)", "/receivers/spread/moving/minOffset", "0"),
                                number("greatest offset (m)", "/receivers/spread/moving/maxOffset", null))))));
        receivers.add(grid(row("spread", spread.box())));
        receivers.addAll(spread.bodies());
        section("Receivers", receivers);
        section("Physics", grid(
                whole("space order (2, 4, 8)", "/physics/spaceOrder", "8"),
                whole("absorbing layer (cells)", "/physics/boundary/width", "20"),
                field(FormField.flag("free surface", "/physics/freeSurface", false, form))));
        List<Node> rtm = new ArrayList<>(velocity("/migrationVelocity", true));
        FormChoice data = choice("/data", List.of(
                new FormChoice.Option(JobSpec.SYNTHETIC, v -> v.isMissingNode() || JobSpec.SYNTHETIC.equals(v.asText()),
                        (t, json) -> SpecText.quote(JobSpec.SYNTHETIC), "", List.of()),
                new FormChoice.Option("recorded (SEG-Y)", v -> v.isTextual() && !JobSpec.SYNTHETIC.equals(v.asText()),
                        (t, json) -> chosen("Recorded shot gathers (SEG-Y)", true, null, SpecText::quote), "no file was chosen",
                        List.of(grid(field(FormField.file("shot gathers", "/data", form)))), true)));
        rtm.add(grid(row("data", data.box())));
        rtm.addAll(data.bodies());
        rtm.add(grid(
                field(FormField.choice("imaging condition", "/imaging/condition", "source-normalized",
                        List.of("source-normalized", "cross-correlation"), form)),
                field(FormField.flag("Laplacian filter", "/imaging/laplacianFilter", true, form)),
                number("aperture (m)", "/imaging/aperture", "the whole model"),
                field(FormField.choice("source wavefield", "/imaging/wavefield", "auto",
                        List.of("auto", "memory", "boundary", "disk"), form))));
        migration = section("Migration (task rtm)", rtm);
        section("Run", grid(field(FormField.choice("engine", "/engine", "auto", List.of("auto", "cpu", "gpu"), form))));
    }

    /**
     * Shows the values of {@code tree} (the parsed text; null when it does not parse), a field
     * whose value has a problem in red with the message as its tooltip. A field being edited
     * keeps what the user typed. The migration's part shows only for task rtm. {@code version}
     * is the editor's count of edits of the text {@code tree} was parsed from (the same count: the
     * same text, so a note saying why an edit was refused stays).
     */
    void refresh(JsonNode tree, long version, List<SpecProblem> problems) {
        form.refreshing = true;
        try {
            choices.forEach(c -> c.refresh(tree, version));
            fields.forEach(f -> f.refresh(tree, problems));
            tables.forEach(t -> t.refresh(tree, version));
            boolean rtm = tree != null && "rtm".equals(tree.path("task").asText());
            migration.setVisible(rtm);
            migration.setManaged(rtm);
        } finally {
            form.refreshing = false;
        }
    }

    /**
     * Writes the value being typed in the focused field, or table cell, into the JSON, as Enter
     * would ({@link FormField#commitTyped}).
     *
     * @return null when nothing typed is left unwritten, else which field holds a refused value and why
     */
    String commitTyped() {
        fields.forEach(FormField::commitTyped);
        tables.forEach(NumberTable::commitTyped);
        form.edits.settle();  // what reads the spec next sees every edit made
        return refusedValue();
    }

    /**
     * Which field holds a value typed and refused (not a number, a required value emptied), and
     * why: "spacing (m): a number, please"; null when none does. Any field, not only the focused
     * one: a value refused and left (Tab) is still not in the JSON, so Run, Apply and Save stop.
     */
    String refusedValue() {
        for (FormField f : fields) {
            String refused = f.refusal();
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    /** What the field being typed in says of its value as typed, or null: a refusal, or the spec's problem with it. */
    String typingNote() {
        for (FormField f : fields) {
            String note = f.typingNote();
            if (note != null) {
                return note;
            }
        }
        return null;
    }

    /** Calls {@code r} when a field starts or stops holding a refused value, or a typed value's problem changes. */
    void setOnTypingChanged(Runnable r) {
        form.typingChanged = r;
    }

    /** The form is read-only for the text's length from now on (set at each key), or editable again. */
    void setReadOnly(boolean readOnly) {
        form.readOnly = readOnly;
    }

    /** Drops values typed and not entered: the text is another spec's now. */
    void forgetTyping() {
        fields.forEach(FormField::forget);
        form.edits.forget();  // an edit of the last spec is not made in this one
    }

    /** The control of one value (for tests). */
    Control control(String pointer) {
        return fields.stream().filter(f -> f.pointer().equals(pointer)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no field " + pointer)).control();
    }

    /**
     * The field of the value at {@code pointer} when the form shows one (its section and form
     * chosen, so not hidden), or null.
     */
    Control shownControl(String pointer) {
        for (FormField f : fields) {
            if (f.pointer().equals(pointer) && !f.control().isDisabled() && shown(f.control())) {
                return f.control();
            }
        }
        return null;
    }

    private boolean shown(Node node) {
        for (Node n = node; n != null && n != this; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    /** How many times the form has read the whole text on the JavaFX thread ({@link SpecText#reads}; for tests). */
    long textReads() {
        return form.text.reads();
    }

    /** Whether a form edit is still being worked out off the JavaFX thread ({@link FormEdits}; for tests). */
    boolean editsBusy() {
        return form.edits.busy();
    }

    /** The box choosing the form of the value at {@code pointer} (for tests). */
    @SuppressWarnings("unchecked")
    ChoiceBox<String> formOf(String pointer) {
        return (ChoiceBox<String>) lookup("#form" + pointer.replace('/', '-') + "-form");
    }

    /** The table of the array at {@code pointer} (for tests). */
    NumberTable table(String pointer) {
        return tables.stream().filter(t -> t.getId().equals("form" + pointer.replace('/', '-'))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + pointer));
    }

    /** Whether the migration's part is shown (task rtm). */
    boolean showsMigration() {
        return migration.isVisible();
    }

    /** The forms of a velocity: the model's own, or a migration's (which may also be the model smoothed). */
    private List<Node> velocity(String at, boolean forMigration) {
        List<FormChoice.Option> options = new ArrayList<>();
        if (forMigration) {
            options.add(new FormChoice.Option("the model smoothed", v -> v.isMissingNode() || v.has("smooth"),
                    (t, json) -> FormValues.object("smooth", "150"), "",
                    List.of(grid(number("smoothing length (m)", at + "/smooth", "150")))));
        }
        options.add(new FormChoice.Option("layers", v -> v.has("layers"),
                (t, json) -> FormValues.layers(t.at(at), t.path("grid")), "",
                List.of(table(at + "/layers", new String[] {"100", "0"},
                        new NumberTable.Column("top (m)", "top"), new NumberTable.Column("vp (m/s)", "vp")))));
        options.add(new FormChoice.Option("constant", v -> v.has("constant"), (t, json) -> FormValues.constant(t.at(at)), "",
                List.of(grid(number("vp (m/s)", at + "/constant", null)))));
        options.add(new FormChoice.Option("built-in model", v -> v.has("builtin"),
                (t, json) -> FormValues.object("builtin", SpecText.quote(BuiltinModels.NAMES.getFirst())), "",
                List.of(grid(field(FormField.choice("model", at + "/builtin", null, BuiltinModels.NAMES, form))))));
        options.add(new FormChoice.Option("SEG-Y file", v -> v.has("segy"),
                (t, json) -> chosen("SEG-Y velocity model", true, t.at(at + "/segy").asText(null),
                        p -> FormValues.object("segy", SpecText.quote(p))), "no file was chosen",
                List.of(grid(field(FormField.file("file", at + "/segy", form)),
                        row("", gridFromSegy(at + "/segy")))), true));
        options.add(new FormChoice.Option("raw float32 file", v -> v.has("raw"),
                (t, json) -> chosen("Raw float32 velocity model", false, t.at(at + "/raw/path").asText(null),
                        p -> FormValues.object("raw", FormValues.object("path", SpecText.quote(p),
                                "order", SpecText.quote("zxy"), "endian", SpecText.quote("little"), "scale", "1"))),
                "no file was chosen",
                List.of(grid(
                        field(FormField.file("file", at + "/raw/path", form)),
                        field(FormField.choice("axes, fastest first", at + "/raw/order", "zxy", AXIS_ORDERS, form)),
                        field(FormField.choice("byte order", at + "/raw/endian", "little", List.of("little", "big"), form)),
                        number("scale to m/s", at + "/raw/scale", "1"))), true));
        FormChoice c = choice(at, options);
        List<Node> nodes = new ArrayList<>();
        nodes.add(grid(row(forMigration ? "migration velocity" : "given as", c.box())));
        nodes.addAll(c.bodies());
        return nodes;
    }

    /**
     * A button that sets the grid's node counts from the SEG-Y velocity file at {@code pointer}:
     * nz its samples per trace; nx and ny its crosslines and inlines when it is a sorted cube
     * (placed by those numbers), else its traces in file order (x fastest: nx = traces / ny for
     * the grid's ny when that divides them, else a 2D line). The file is read off the JavaFX
     * thread; the spacing is left as it is (a velocity file's trace headers seldom carry it). A
     * read that lands after another spec was opened sets nothing: its counts are the last spec's.
     */
    private Node gridFromSegy(String pointer) {
        Button b = new Button("Grid from the file");
        b.setId("gridFrom" + pointer.replace('/', '-'));
        Label said = new Label();
        said.setWrapText(true);
        b.setOnAction(e -> {
            java.util.function.Supplier<String> later = form.edits.textLater();  // read and parsed off this thread
            long loads = form.edits.loads();  // another spec opened before the read lands: its grid is left alone
            b.setDisable(true);
            said.setText("reading the file...");
            Thread.ofPlatform().name("seiswork-segy-grid").daemon().start(() -> {
                JsonNode tree = FormContext.parse(later.get());
                String name = tree == null ? "" : tree.at(pointer).asText("");
                if (name.isBlank()) {
                    Platform.runLater(() -> {
                        said.setText(form.edits.loads() != loads ? ANOTHER_SPEC_OPENED : "No file named yet.");
                        b.setDisable(false);
                    });
                    return;
                }
                Path file = form.files.resolve(name);
                int specNy = Math.max(1, tree.at("/grid/ny").asInt(1));
                String result;
                int[] counts = null;
                try (SegyReader r = SegyReader.open(file)) {
                    SegyInfo info = r.info();
                    counts = gridOf(info, specNy);
                    result = String.format(Locale.ROOT, "grid set from the file: %d x %d x %d (%s)", counts[0], counts[1],
                            counts[2], info.isCube() ? "a sorted cube: crosslines along x, inlines along y"
                                    : "traces in file order, x fastest");
                } catch (RuntimeException ex) {  // not there, not SEG-Y (SegyException), unreadable
                    result = "Cannot read " + file + ": " + ex.getMessage();
                }
                int[] n = counts;
                String text = result;
                Platform.runLater(() -> {
                    if (form.edits.loads() != loads) {
                        said.setText(ANOTHER_SPEC_OPENED);
                        b.setDisable(false);
                        return;
                    }
                    if (n != null) {
                        String[] keys = {"/grid/nx", "/grid/ny", "/grid/nz"};
                        for (int i = 0; i < keys.length; i++) {
                            String key = keys[i];
                            String count = Integer.toString(n[i]);
                            form.edits.submit(json -> FormContext.put(json, key, count, null), null);
                        }
                    }
                    said.setText(text);
                    b.setDisable(false);
                });
            });
        });
        return new VBox(2, b, said);
    }

    /** What "Grid from the file" says when another spec was opened while it read the file (nothing set). */
    static final String ANOTHER_SPEC_OPENED = "Not set: another spec was opened while the file was read.";

    /** nx, ny, nz of a grid that a SEG-Y velocity file of {@code info} fits, for a grid of {@code ny} now. */
    static int[] gridOf(SegyInfo info, int ny) {
        int nz = info.samplesPerTrace();
        if (info.isCube()) {
            return new int[] {info.geometry().crosslineCount(), info.geometry().inlineCount(), nz};
        }
        long traces = info.traces();
        if (ny > 1 && traces % ny == 0) {
            return new int[] {Math.toIntExact(traces / ny), ny, nz};
        }
        return new int[] {Math.toIntExact(traces), 1, nz};
    }

    /** The forms of a layout of points, the rest of its object (a receiver spread) kept. */
    private List<Node> layout(String at) {
        FormChoice c = choice(at, List.of(
                new FormChoice.Option("line", v -> v.has("line"),
                        (t, json) -> withLayout(t.at(at), "line", FormValues.line(t.at(at), t.path("grid"))), "",
                        List.of(grid(
                                number("first x (m)", at + "/line/x0", null),
                                number("spacing (m)", at + "/line/dx", null),
                                whole("count", at + "/line/n", null),
                                number("y (m)", at + "/line/y", "0"),
                                number("depth (m)", at + "/line/z", null)))),
                new FormChoice.Option("areal grid", v -> v.has("grid"),
                        (t, json) -> withLayout(t.at(at), "grid", FormValues.grid(t.at(at), t.path("grid"))), "",
                        List.of(grid(
                                number("first x (m)", at + "/grid/x0", null),
                                number("x spacing (m)", at + "/grid/dx", null),
                                whole("count along x", at + "/grid/nx", null),
                                number("first y (m)", at + "/grid/y0", null),
                                number("y spacing (m)", at + "/grid/dy", null),
                                whole("count along y", at + "/grid/ny", null),
                                number("depth (m)", at + "/grid/z", null)))),
                new FormChoice.Option("list of points", v -> v.has("list"),
                        (t, json) -> withLayout(t.at(at), "list", FormValues.list(t.at(at), SpecText.indentAt(json, at))),
                        "more than " + String.format(java.util.Locale.ROOT, "%,d", FormValues.MAX_LISTED_POINTS)
                                + " points to list: edit the JSON",
                        List.of(table(at + "/list", new String[] {"100", "0", "0"},
                                new NumberTable.Column("x (m)", null), new NumberTable.Column("y (m)", null),
                                new NumberTable.Column("depth (m)", null))))));
        List<Node> nodes = new ArrayList<>();
        nodes.add(grid(row("layout", c.box())));
        nodes.addAll(c.bodies());
        return nodes;
    }

    /**
     * The layout object with its points given as {@code key}: {@code literal}, its other members
     * (a receiver spread) as they were; null when the points cannot be written so.
     */
    private static String withLayout(JsonNode layout, String key, String literal) {
        if (literal == null) {
            return null;
        }
        List<String> members = new ArrayList<>(List.of(key, literal));
        for (Map.Entry<String, JsonNode> m : layout.properties()) {
            if (!List.of("line", "grid", "list").contains(m.getKey())) {
                members.add(m.getKey());
                members.add(m.getValue().toString());
            }
        }
        return FormValues.object(members.toArray(String[]::new));
    }

    /** A file the user picks, written by {@code literal}; null when they change their mind. */
    private String chosen(String title, boolean segy, String current, Function<String, String> literal) {
        String file = form.files.choose(title, segy, current);
        return file == null ? null : literal.apply(file);
    }

    private VBox section(String title, Node content) {
        return section(title, List.of(content));
    }

    private VBox section(String title, List<Node> content) {
        Label head = new Label(title);
        head.setStyle("-fx-font-weight: bold");
        head.setPadding(new Insets(getChildren().isEmpty() ? 0 : 6, 0, 2, 0));
        VBox box = new VBox(4);
        box.getChildren().add(head);
        box.getChildren().addAll(content);
        getChildren().add(box);
        return box;
    }

    /** Rows of a label and its field, the labels' column as wide in every section. */
    private static GridPane grid(Node[]... rows) {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints(LABEL_WIDTH);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(labels, values);
        for (int r = 0; r < rows.length; r++) {
            g.addRow(r, rows[r]);
        }
        return g;
    }

    private static Node[] row(String label, Node node) {
        Label l = new Label(label);
        return new Node[] {l, node};
    }

    private Node[] field(FormField f) {
        fields.add(f);
        return new Node[] {f.label(), f.node()};
    }

    private Node[] number(String label, String pointer, String absent) {
        return field(FormField.number(label, pointer, absent, form));
    }

    private Node[] whole(String label, String pointer, String absent) {
        return field(FormField.whole(label, pointer, absent, form));
    }

    private FormChoice choice(String pointer, List<FormChoice.Option> options) {
        FormChoice c = new FormChoice(pointer, options, form);
        choices.add(c);
        return c;
    }

    private NumberTable table(String pointer, String[] stepWhenAlone, NumberTable.Column... columns) {
        NumberTable t = new NumberTable(pointer, List.of(columns), stepWhenAlone, form);
        tables.add(t);
        return t;
    }
}
