package io.seiswork.app.desktop;

import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.SpecProblem;
import io.seiswork.core.spec.Task;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.core.text.SignificantDigits;
import io.seiswork.core.time.TimeStepping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/**
 * The facts of an opened job a geophysicist checks before pressing Run: task, grid, model range,
 * shots and receivers, wavelet, the time stepping the spec resolved to (dt against the CFL
 * limit), memory per shot, the spec's warnings, and how long the run will take on the chosen
 * engine ({@link #showRunTime}, measured after the rest is shown).
 */
final class ProjectSummary extends GridPane {

    private final Label runTime = new Label();
    /** Whether {@link #runTime} says a measurement is under way. */
    private boolean runTimePending;

    ProjectSummary() {
        setHgap(10);
        setVgap(4);
        setPadding(new Insets(8));
        setId("projectSummary");
        setMinWidth(180);  // a laptop screen's facts column; the values wrap
    }

    /** Shows {@code p}'s facts (worked out when it was opened, off the JavaFX thread). */
    void show(Project p) {
        getChildren().clear();
        int row = 0;
        for (Map.Entry<String, String> e : p.facts()) {
            Label key = new Label(e.getKey());
            key.setStyle("-fx-font-weight: bold");
            key.setMinWidth(Region.USE_PREF_SIZE);  // the value wraps, the key never shortens to "..."
            Label value = new Label(keepUnits(e.getValue()));
            value.setWrapText(true);
            value.setId("summary-" + e.getKey().toLowerCase(Locale.ROOT).replace(' ', '-'));
            addRow(row++, key, value);
        }
        Label key = new Label("Run time");
        key.setStyle("-fx-font-weight: bold");
        key.setMinWidth(Region.USE_PREF_SIZE);
        runTime.setWrapText(true);
        runTime.setId("summary-run-time");
        showRunTime("");
        addRow(row, key, runTime);
    }

    /** What the Run time fact says, final: why there is no estimate, in one short line. */
    void showRunTime(String text) {
        showRunTime(text, null);
    }

    /**
     * What the Run time fact says, final: {@code line} (the figure and its range, kept to a line
     * in the narrow pane), and {@code details} (what it is made of; null: none) in its tooltip.
     */
    void showRunTime(String line, String details) {
        show(line, details);
        runTimePending = false;
    }

    /**
     * What the Run time fact says while the engine is being measured (first, or again while the
     * JIT catches up): a run started now leaves it unmeasured ({@link #runTimePending}).
     */
    void showRunTimeMeasuring(String text) {
        showRunTimeMeasuring(text, null);
    }

    /** {@link #showRunTimeMeasuring(String)} with {@code details} in the fact's tooltip (null: none). */
    void showRunTimeMeasuring(String line, String details) {
        show(line, details);
        runTimePending = true;
    }

    private void show(String line, String details) {
        runTime.setText(line);
        if (details == null) {
            runTime.setTooltip(null);
        } else {
            javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(details);
            tip.setWrapText(true);
            tip.setMaxWidth(520);
            tip.setShowDuration(javafx.util.Duration.minutes(1));
            runTime.setTooltip(tip);
        }
    }

    /** What the Run time fact's tooltip says: the estimate's details, or "" when it has none. */
    String runTimeDetails() {
        javafx.scene.control.Tooltip tip = runTime.getTooltip();
        return tip == null ? "" : tip.getText();
    }

    /** Whether the Run time fact still waits for its measurement (a state, never read from its text). */
    boolean runTimePending() {
        return runTimePending;
    }

    /**
     * Shows that {@code name} is being opened in place of the facts of the project before it,
     * which are not this spec's, until its own are worked out ({@link #show} or {@link #showProblems}).
     */
    void showOpening(String name) {
        getChildren().clear();
        runTimePending = false;
        Label opening = new Label("Opening " + shortName(name) + "...");
        opening.setId("summary-opening");
        opening.setWrapText(true);
        opening.setTooltip(new javafx.scene.control.Tooltip(name));
        add(opening, 0, 0, 2, 1);
    }

    /**
     * Shows why a spec could not be opened: one line per problem, under a heading naming the spec
     * by its file name (the whole path in its tooltip), wrapped rather than cut.
     */
    void showProblems(String source, List<String> problems) {
        getChildren().clear();
        runTimePending = false;
        Label head = new Label(shortName(source) + " cannot run:");
        head.setId("summary-refused");
        head.setStyle("-fx-font-weight: bold");
        head.setWrapText(true);
        head.setTooltip(new javafx.scene.control.Tooltip(source));
        add(head, 0, 0, 2, 1);
        int row = 1;
        for (String p : problems) {
            Label l = new Label(p);
            l.setWrapText(true);
            l.getStyleClass().add("spec-problem");
            add(l, 0, row++, 2, 1);
        }
    }

    /** The file name of a spec named by its path ("/tmp/specs/x.json" is "x.json"); other names as they are. */
    static String shortName(String source) {
        if (source.indexOf('/') < 0 && source.indexOf(java.io.File.separatorChar) < 0) {
            return source;
        }
        try {
            java.nio.file.Path name = java.nio.file.Path.of(source).getFileName();
            return name == null ? source : name.toString();
        } catch (java.nio.file.InvalidPathException e) {
            return source;
        }
    }

    /**
     * The label/value pairs shown, in order. Scans the model for its velocity range, so it runs
     * where the project is opened, off the JavaFX thread.
     */
    static List<Map.Entry<String, String>> facts(String source, ResolvedJob job) {
        return factsOf(source, job);
    }

    /**
     * As {@link #facts(String, ResolvedJob)}, for a job this machine cannot run ({@code localLimit})
     * and that was checked for cloud workers of {@code workerGiB}: a "Runs on" fact says so first,
     * since Run on this machine will refuse it.
     */
    static List<Map.Entry<String, String>> facts(String source, ResolvedJob job, String localLimit, double workerGiB) {
        List<Map.Entry<String, String>> out = new ArrayList<>(factsOf(source, job));
        out.add(0, Map.entry("Runs on", "the cloud only (checked for workers of " + num(workerGiB)
                + " GiB): this machine cannot, " + localLimit));
        return out;
    }

    private static List<Map.Entry<String, String>> factsOf(String source, ResolvedJob job) {
        JobSpec spec = job.spec();
        Grid g = spec.grid();
        TimeStepping t = job.time();
        List<Map.Entry<String, String>> out = new ArrayList<>();
        out.add(Map.entry("Job", spec.name()));
        out.add(Map.entry("Spec", source));
        out.add(Map.entry("Task", spec.task().json()));
        out.add(Map.entry("Grid", g.is2d()
                ? String.format(Locale.ROOT, "%d x %d cells of %s x %s m (2D)", g.nx(), g.nz(), num(g.dx()), num(g.dz()))
                : String.format(Locale.ROOT, "%d x %d x %d cells of %s x %s x %s m", g.nx(), g.ny(), g.nz(),
                        num(g.dx()), num(g.dy()), num(g.dz()))));
        out.add(Map.entry("Velocity", String.format(Locale.ROOT, "%.0f - %.0f m/s", job.velocity().min(),
                job.velocity().max())));
        if (job.migrationVelocity() != null && job.migrationVelocity() != job.velocity()) {
            out.add(Map.entry("Migration", String.format(Locale.ROOT, "velocity %s (%s)", job.migrationVelocityRange(),
                    spec.migrationVelocity() instanceof io.seiswork.core.spec.VelocitySpec.Smoothed sm
                            ? "the model smoothed over " + num(sm.lengthM()) + " m" : "its own model")));
        }
        out.add(Map.entry("Shots", job.dataFile() != null ? "from " + job.dataFile() : shots(job.geometry())));
        out.add(Map.entry("Wavelet", String.format(Locale.ROOT, "%s, %s Hz", spec.wavelet().type(),
                num(spec.wavelet().peakHz()))));
        out.add(Map.entry("Time", String.format(Locale.ROOT, "dt %s ms (CFL limit %s ms), %d steps, %s s",
                num(t.dtS() * 1e3), num(job.cflLimitS() * 1e3), t.steps(), num(t.durationS()))));
        out.add(Map.entry("Physics", String.format(Locale.ROOT, "space order %d, %d-cell absorbing layer%s",
                spec.physics().spaceOrder(), spec.physics().boundaryWidth(),
                spec.physics().freeSurface() ? ", free surface" : "")));
        Double aperture = spec.imaging().apertureM();
        if (spec.task() == Task.RTM && aperture != null && job.dataFile() == null) {
            out.add(Map.entry("Aperture", ShotWindow.summary(g, job.geometry().shots(), aperture)
                    .replaceFirst("^aperture ", "")));
        }
        out.add(Map.entry("Memory", MemoryEstimate.human(job.memoryBytes()) + " per shot"
                + (spec.task() == Task.RTM && job.storage() == WholeGridStorage.OUT_OF_CORE
                        ? "; " + job.storage().describe(g) : "")));
        out.add(Map.entry("Engine", spec.engine().json() + " in the spec (the tool bar's choice runs)"));
        for (SpecProblem w : job.warnings()) {
            out.add(Map.entry("Warning", w.toString()));
        }
        return out;
    }

    /** Shots counted at most for the receivers of a moving spread (evenly picked, the first and last always). */
    static final long MAX_RECEIVER_TESTS = 200_000_000L;

    /**
     * "9 shots, 101 receivers each", or for a moving spread whose shots record different numbers
     * "9 shots, 101–161 receivers each" (a very large survey's range from evenly picked shots).
     */
    static String shots(io.seiswork.core.geometry.SurveyGeometry geometry) {
        int n = geometry.shotCount();
        if (n == 0) {
            return "no shots";
        }
        int least = Integer.MAX_VALUE;
        int most = 0;
        long perShot = Math.max(1, geometry.receivers().size());
        int stride = geometry.spreadMoves() ? (int) Math.max(1, (long) n * perShot / MAX_RECEIVER_TESTS) : n;
        for (int i = 0; ; i += stride) {
            int at = Math.min(i, n - 1);
            int r = geometry.receiverCount(at);
            least = Math.min(least, r);
            most = Math.max(most, r);
            if (at == n - 1) {
                break;
            }
        }
        String shots = n + (n == 1 ? " shot, " : " shots, ");
        return least == most ? shots + least + " receivers" + (n == 1 ? "" : " each")
                : shots + least + "–" + most + " receivers each";
    }

    /** A space between a number and its unit, which the narrow pane must not wrap at. */
    private static final java.util.regex.Pattern NUMBER_UNIT = java.util.regex.Pattern.compile(
            "(\\d) (?=(?:m/s|ms|m|s|Hz|B|KiB|MiB|GiB|TiB|%)(?![\\w/]))");

    /**
     * {@code fact} with a non-breaking space between each number and its unit ("25\u00a0m",
     * "2\u00a0ms", "46.6\u00a0MiB"): a wrapped fact never leaves a unit alone on a line.
     */
    static String keepUnits(String fact) {
        return NUMBER_UNIT.matcher(fact).replaceAll("$1\u00a0");
    }

    /** Four significant digits without trailing zeros: 10, 1.333, 0.004. */
    static String num(double v) {
        return SignificantDigits.plain(v, 4);
    }
}
