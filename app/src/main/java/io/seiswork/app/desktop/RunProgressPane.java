package io.seiswork.app.desktop;

import io.seiswork.core.progress.RemainingTime;
import io.seiswork.core.progress.Throughput;
import io.seiswork.render.section.SliceView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.ProgressBarTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The live view of a local run: one row per shot (state, progress, Gpts/s, wall time), an overall
 * bar with the time left, and the run's messages (engine choice, memory plan). Updated once per
 * frame from {@link RunEvents}; nothing here waits on the run.
 */
final class RunProgressPane extends BorderPane {

    /** Messages kept in the list (older ones scroll away). */
    private static final int MAX_MESSAGES = 500;

    /** The per-shot throughput column's heading: the figure is per wall second, not per propagation second. */
    static final String GPTS_HEADING = "Gpts/s (wall)";

    /** What that column counts, in its heading's tooltip: the same as the run's summary in the status line. */
    static final String GPTS_MEANING = "Billions of grid points computed per wall second of the shot, absorbing layers"
            + " included (a migration: its migration's points, not its data's modelling). The status line's figure at"
            + " the run's end is the same count: all the shots' points over the run's wall time.";

    /**
     * The column's heading while following a cloud job: its rows give each worker's own figure,
     * per second of the shot's propagation, which is not the wall-second count of a run here, so
     * the heading claims no "(wall)"; its tooltip says whose figure it is. (No wider than the
     * other: at 1024 px the shot table has a few pixels to spare.)
     */
    static final String WORKER_GPTS_HEADING = "Gpts/s";

    /** What the column counts for a cloud job, in its heading's tooltip. */
    static final String WORKER_GPTS_MEANING = "The worker's Gpts/s: billions of grid points per second of the shot's"
            + " propagation, as its cloud worker measured it: not per wall second of the shot (the Time column), so"
            + " not the figure a run on this machine shows.";

    /** The throughput column's heading: which figure its rows give depends on where the shots run. */
    private final Label gptsHead = new Label(GPTS_HEADING);

    private final TableView<ShotProgress> table = new TableView<>();
    /** The rows beside the wavefield. */
    private final SplitPane centre = new SplitPane();
    /** The rows' share of the width for a run on this machine, and for a cloud job (no wavefield). */
    static final double TABLE_SHARE_HERE = 0.56;
    static final double TABLE_SHARE_CLOUD = 0.8;
    /**
     * The room for the Progress column in a run on this machine, pixels: the table stops at the
     * other columns' least widths plus this (and a scroll bar), so that on a wide screen the
     * wavefield gets the width, not five stretched columns (at 1600 x 1000 the table took 687 px,
     * the wavefield 540; at 1920, 930 px for 9 rows). Progress keeps its preferred 180 px of it:
     * with the Note column hidden the flex-last-column policy gives what is over to Time (s).
     */
    static final double PROGRESS_MOST_HERE = 200;
    /** Room for the table's vertical scroll bar and its border, pixels. */
    private static final double SCROLL_BAR = 20;
    /**
     * The rows' share of the width as last chosen: {@link #TABLE_SHARE_HERE} or
     * {@link #TABLE_SHARE_CLOUD} when the run's kind changes, else where the user let go of the
     * divider. Placed again whenever the width changes (the table's least and most widths bound
     * it): the split pane alone took a shrinking window's pixels as it saw fit, the wavefield
     * left 134 px at 1024 after 1366, or the table 90 px at 1024 after 1920.
     */
    private double chosenShare = TABLE_SHARE_HERE;
    /** Whether the mouse went down on the divider, so that its release is the user's choice of share. */
    private boolean draggingDivider;
    /** The divider's position when the mouse went down on it: a release there saves no share. */
    private double pressedShare;
    /** The rows' columns but the note's, whose widths bound the table's in a run here. */
    private final List<TableColumn<ShotProgress, ?>> hereColumns;
    /** The per-shot throughput column, fitted to the heading it shows ({@link #gptsHead}). */
    private final TableColumn<ShotProgress, String> gpts;
    /** A cloud shot's note ({@link ShotProgress#noteProperty}); shown while a cloud job is followed. */
    private final TableColumn<ShotProgress, String> note = new TableColumn<>("Note");
    private final Map<Integer, ShotProgress> rows = new HashMap<>();
    private final Map<Integer, RunEvents.Shot> live = new HashMap<>();
    private final ProgressBar overall = new ProgressBar(0);
    private final Label summary = new Label("No run yet.");
    private final ListView<String> messages = new ListView<>();
    private final SliceView wavefield = new SliceView();
    /** The newest snapshot not yet handed to {@link #wavefield} (it is still colouring the last one), or null. */
    private RunEvents.Wavefield waitingWavefield;
    private double dtS;
    private Consumer<RunEvents.Image> onImage = im -> { };
    private final AnimationTimer pull = new AnimationTimer() {
        @Override
        public void handle(long now) {
            refresh();
        }
    };
    private RunEvents events;
    private long startNanos;
    /** How the run ended ("done", "cancelled", "failed"), null while it runs. */
    private String endedAs;
    private long endNanos;
    /**
     * Whether the shots of the run followed run one after another (a run on this machine): the
     * time left is then {@link RemainingTime}'s ({@link InTurnTimeLeft}), as on the command line,
     * which keeps the first shot's JIT warm-up out of it; a cloud fleet runs shots side by side,
     * and the run's fraction done is projected instead. True before any run: the pane as laid out.
     */
    private boolean inTurn = true;
    /** The time left of a run whose shots run in turn. */
    private InTurnTimeLeft timeLeft = new InTurnTimeLeft();

    RunProgressPane() {
        TableColumn<ShotProgress, Number> shot = new TableColumn<>("Shot");
        shot.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().shot()));
        TableColumn<ShotProgress, String> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> c.getValue().stateProperty().map(ShotProgress.State::label));
        TableColumn<ShotProgress, Double> progress = new TableColumn<>("Progress");
        progress.setCellValueFactory(c -> c.getValue().fractionProperty().asObject());
        progress.setCellFactory(ProgressBarTableCell.forTableColumn());
        // The same figure as the summary's: computed points (absorbing layers included) per wall second.
        gpts = new TableColumn<>();
        gptsHead.setTooltip(new Tooltip(GPTS_MEANING));
        gpts.setGraphic(gptsHead);
        gpts.setCellValueFactory(c -> c.getValue().gptsPerSecondProperty()
                .map(v -> Double.isNaN(v.doubleValue()) ? "" : Throughput.gpts(v.doubleValue())));
        TableColumn<ShotProgress, String> time = new TableColumn<>("Time (s)");
        time.setCellValueFactory(c -> Bindings.createStringBinding(
                () -> c.getValue().stateProperty().get() == ShotProgress.State.QUEUED
                        || c.getValue().stateProperty().get() == ShotProgress.State.NOT_RUN
                        || c.getValue().stateProperty().get() == ShotProgress.State.KEPT ? ""
                        : String.format(Locale.ROOT, "%.1f", c.getValue().secondsProperty().get()),
                c.getValue().stateProperty(), c.getValue().secondsProperty()));
        // Each column at least as wide as its heading and its longest value: "cancelled" never "cancell...".
        fit(shot, "Shot", "9999");
        fit(state, "State", java.util.Arrays.stream(ShotProgress.State.values()).map(ShotProgress.State::label)
                .toArray(String[]::new));
        fit(gpts, GPTS_HEADING, "99.999");
        fit(time, "Time (s)", "9999.9");
        fit(progress, "Progress");
        progress.setPrefWidth(180);
        // A cloud shot's note, whole in its tooltip: the column is as wide as the table leaves.
        note.setCellValueFactory(c -> c.getValue().noteProperty());
        note.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                boolean none = empty || text == null || text.isEmpty();
                setText(none ? null : text);
                setTooltip(none ? null : new Tooltip(text));
            }
        });
        fit(note, "Note");
        note.setVisible(false);
        table.getColumns().setAll(List.of(shot, state, progress, gpts, time, note));
        hereColumns = List.of(shot, state, gpts, time);
        table.setMaxWidth(tableMostHere());
        table.setMinWidth(tableLeast());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Press Run to model or migrate the shots on this machine."));
        table.setId("shotTable");
        overall.setId("overallProgress");
        overall.setMaxWidth(Double.MAX_VALUE);
        summary.setId("runSummary");
        messages.setId("runMessages");
        messages.setPrefHeight(110);

        HBox top = new HBox(10, overall, summary);
        HBox.setHgrow(overall, Priority.ALWAYS);
        top.setPadding(new Insets(6));
        setTop(top);
        wavefield.setId("wavefieldView");
        wavefield.unitProperty().set("pressure");
        wavefield.titleProperty().set("Wavefield: shown while a shot runs");
        centre.getItems().setAll(table, wavefield);
        // The table a little over half: at 1024 x 700 its columns fit whole ("Time (s)" was cut at 0.5).
        centre.setDividerPositions(TABLE_SHARE_HERE);
        centre.widthProperty().addListener((o, was, now) -> centre.setDividerPositions(chosenShare));
        centre.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            draggingDivider = e.getTarget() instanceof javafx.scene.Node n && onDivider(n);
            pressedShare = centre.getDividerPositions()[0];
        });
        centre.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
            // A click that moved nothing is no choice: at 1920 px the divider sits clamped (about
            // 0.28), and saved, that share left the table its least width at 1024.
            double share = centre.getDividerPositions()[0];
            if (draggingDivider && share != pressedShare) {
                chosenShare = share;
            }
            draggingDivider = false;
        });
        setCenter(centre);
        VBox bottom = new VBox(2, new Label("Messages"), messages);
        bottom.setPadding(new Insets(6));
        setBottom(bottom);
    }

    /**
     * Starts following a run: the rows of the shots known beforehand appear queued (the others
     * when they start), and the pane refreshes every frame until {@link #stop}.
     *
     * @param knownShots shot numbers in run order, or empty when they come from the data
     * @param dtS the run's time step in seconds (the wavefield's time is its level times this)
     */
    void follow(RunEvents run, List<Integer> knownShots, double dtS) {
        follow(run, knownShots, dtS, "Wavefield: shown while a shot runs");
    }

    /**
     * As {@link #follow(RunEvents, List, double)}, with what the empty wavefield view says before
     * (or instead of) a live section: a cloud run's shots run on other machines and send none.
     */
    void follow(RunEvents run, List<Integer> knownShots, double dtS, String wavefieldTitle) {
        follow(run, knownShots, dtS, wavefieldTitle, false);
    }

    /**
     * As {@link #follow(RunEvents, List, double, String)}; {@code inTurn} when the shots run one
     * after another on this machine, so the time left is {@link RemainingTime}'s.
     */
    void follow(RunEvents run, List<Integer> knownShots, double dtS, String wavefieldTitle, boolean inTurn) {
        if (inTurn != this.inTurn) {
            // A cloud job sends no wavefield: its rows (and their notes) take most of the width; a
            // run here gets the wavefield back. Only on a change, so a divider the user moved stays.
            chosenShare = inTurn ? TABLE_SHARE_HERE : TABLE_SHARE_CLOUD;
            centre.setDividerPositions(chosenShare);
        }
        this.inTurn = inTurn;
        timeLeft = new InTurnTimeLeft();
        // Shots in turn run on this machine; otherwise a cloud job's, whose rows give the workers' figures.
        note.setVisible(!inTurn);  // only a cloud job's shots have notes
        gptsHead.setText(inTurn ? GPTS_HEADING : WORKER_GPTS_HEADING);
        // As wide as the heading shown: at 1024 px the cloud heading's shorter width is the Note's room.
        fit(gpts, gptsHead.getText(), "99.999");
        // A cloud job's notes take what width there is; a run here leaves the rest to its wavefield.
        table.setMaxWidth(inTurn ? tableMostHere() : Double.MAX_VALUE);
        table.setMinWidth(tableLeast());
        gptsHead.getTooltip().setText(inTurn ? GPTS_MEANING : WORKER_GPTS_MEANING);
        wavefield.titleProperty().set(wavefieldTitle);
        wavefield.sliceProperty().set(null);
        waitingWavefield = null;
        events = run;
        endedAs = null;
        this.dtS = dtS;
        startNanos = System.nanoTime();
        rows.clear();
        live.clear();
        messages.getItems().clear();
        // One change of the table's list, not one a shot (a survey of 10,000 shots re-laid the
        // table 10,000 times); a shot number given twice has one row, as row() makes them.
        List<ShotProgress> known = new ArrayList<>(knownShots.size());
        for (int n : knownShots) {
            rows.computeIfAbsent(n, k -> {
                ShotProgress p = new ShotProgress(k);
                known.add(p);
                return p;
            });
        }
        table.getItems().setAll(known);
        pull.start();
    }

    /** What to do with each new image-so-far of a migration (on the JavaFX thread). */
    void setOnImage(Consumer<RunEvents.Image> handler) {
        onImage = handler;
    }

    /** Takes the last events in and stops refreshing. */
    void stop() {
        refresh();
        pull.stop();
        if (waitingWavefield != null) {
            // No more frames to wait in: the last snapshot goes up (its title with its picture).
            wavefield.show(waitingWavefield.section(), title(waitingWavefield, dtS));
            waitingWavefield = null;
        }
    }

    /**
     * Takes the last events in and stops refreshing, the summary saying how the run ended and
     * its shots done ("cancelled: 2 of 6 shots done, 16 s"), with no time left. A run on this
     * machine that stopped early leaves its shots still queued "not run", as a cloud job's are
     * (Resume runs them); a cloud job's rows are its job's to say, since the fleet may still be
     * running it after the window stopped following.
     */
    void stop(DesktopRun.Status how) {
        endedAs = how.name().toLowerCase(Locale.ROOT);
        endNanos = System.nanoTime();
        stop();
        if (inTurn && how != DesktopRun.Status.DONE) {
            for (ShotProgress p : rows.values()) {
                if (p.stateProperty().get() == ShotProgress.State.QUEUED) {
                    p.update(ShotProgress.State.NOT_RUN, p.fractionProperty().get(), p.gptsPerSecondProperty().get(),
                            p.secondsProperty().get());
                }
            }
        }
    }

    /**
     * "Wavefield of shot 2 at t = 1.080 s, section through the source", in a migration with which
     * wavefield it is: "Shot 2, source wavefield (forward) at t = 1.080 s, section through the source".
     */
    static String title(RunEvents.Wavefield w, double dtS) {
        String which = w.phase() == null ? "" : w.phase().label();
        return which.isEmpty()
                ? String.format(Locale.ROOT, "Wavefield of shot %d at t = %.3f s, section through the source", w.shot(),
                        w.step() * dtS)
                : String.format(Locale.ROOT, "Shot %d, %s at t = %.3f s, section through the source", w.shot(), which,
                        w.step() * dtS);
    }

    /** The widest the table is in a run on this machine: its fixed columns, the Progress column's room, a scroll bar. */
    private double tableMostHere() {
        return hereColumns.stream().mapToDouble(TableColumn::getMinWidth).sum() + PROGRESS_MOST_HERE + SCROLL_BAR;
    }

    /**
     * The narrowest the table is: its shown columns' least widths (the Note's too while a cloud
     * job is followed) and a scroll bar. A window made narrower takes the width from the
     * wavefield: the split pane took as many pixels from each side, so that a window maximised
     * to 1920 px (table about 530, wavefield 1,390) and restored to 1024 left the table about
     * 90 px, its columns behind a scroll bar.
     */
    private double tableLeast() {
        return table.getColumns().stream().filter(TableColumn::isVisible).mapToDouble(TableColumn::getMinWidth).sum()
                + SCROLL_BAR;
    }

    /** Whether {@code n} is the split's divider or within it (its grabber). */
    private static boolean onDivider(javafx.scene.Node n) {
        for (javafx.scene.Node at = n; at != null; at = at.getParent()) {
            if (at.getStyleClass().contains("split-pane-divider")) {
                return true;
            }
        }
        return false;
    }

    /** Sets {@code column}'s least width to fit its heading and the widest of {@code values}. */
    private static void fit(TableColumn<?, ?> column, String heading, String... values) {
        double widest = textWidth(heading) + 24;  // heading padding and the sort arrow's room
        for (String v : values) {
            widest = Math.max(widest, textWidth(v) + 16);  // cell padding
        }
        column.setMinWidth(Math.ceil(widest));
        column.setPrefWidth(Math.ceil(widest));
    }

    private static double textWidth(String s) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        t.setFont(javafx.scene.text.Font.getDefault());
        return t.getLayoutBounds().getWidth();
    }

    /** Adds a line to the messages (for the window's own notes: engine, output, errors). */
    void message(String line) {
        messages.getItems().add(line);
        trimMessages();
    }

    SliceView wavefield() {
        return wavefield;
    }

    TableView<ShotProgress> table() {
        return table;
    }

    ProgressBar overall() {
        return overall;
    }

    Label summary() {
        return summary;
    }

    ListView<String> messages() {
        return messages;
    }

    /** The throughput column's heading (for tests). */
    Label gptsHeading() {
        return gptsHead;
    }

    /** The rows' share of the width beside the wavefield (for tests). */
    double tableShare() {
        return centre.getDividerPositions()[0];
    }

    /** The time left of the run followed in turn (for tests). */
    InTurnTimeLeft timeLeft() {
        return timeLeft;
    }

    private void refresh() {
        RunEvents e = events;
        if (e == null) {
            return;
        }
        long now = System.nanoTime();
        for (RunEvents.Shot s : e.drainChanged()) {
            live.put(s.number, s);
        }
        // Changed shots once, running ones every frame (their clocks move between progress events).
        List<InTurnTimeLeft.Seen> seen = new ArrayList<>();
        for (var it = live.values().iterator(); it.hasNext(); ) {
            RunEvents.Shot s = it.next();
            ShotProgress row = row(s.number);
            InTurnTimeLeft.Seen read = InTurnTimeLeft.Seen.of(s, row.stateProperty().get(), now);
            seen.add(read);
            double gpts = read.state() == ShotProgress.State.DONE ? s.gptsPerWallSecond(read.seconds()) : Double.NaN;
            row.update(read.state(), read.fraction(), gpts, read.seconds());
            row.note(s.note);
            if (read.state() != ShotProgress.State.RUNNING) {
                it.remove();
            }
        }
        if (inTurn) {
            timeLeft.frame(seen, () -> Math.max(e.expectedShots() + e.keptShots(), rows.size()) - doneBefore(seen));
        }
        // The title goes up with its picture; a snapshot still being coloured is let finish (the
        // newest one waits) so that a busy renderer cannot keep the picture on an old one.
        RunEvents.Wavefield w = e.takeWavefield();
        if (w != null) {
            waitingWavefield = w;
        }
        if (waitingWavefield != null && wavefield.isShowingLatest()) {
            wavefield.show(waitingWavefield.section(), title(waitingWavefield, dtS));
            waitingWavefield = null;
        }
        RunEvents.Image im = e.takeImage();
        if (im != null) {
            onImage.accept(im);
        }
        List<String> lines = e.drainMessages();
        if (!lines.isEmpty()) {
            messages.getItems().addAll(lines);
            trimMessages();
        }
        // A resumed run's kept shots count as done, not as this run's progress (nor in its time left).
        int kept = e.keptShots();
        int total = Math.max(e.expectedShots() + kept, rows.size());
        double done = 0;
        int finished = 0;
        for (ShotProgress p : rows.values()) {
            ShotProgress.State st = p.stateProperty().get();
            done += st == ShotProgress.State.KEPT ? 0 : p.fractionProperty().get();
            finished += st == ShotProgress.State.DONE || st == ShotProgress.State.KEPT ? 1 : 0;
        }
        double fraction = total > kept ? done / (total - kept) : 0;
        overall.setProgress(fraction);
        double elapsed = ((endedAs != null ? endNanos : now) - startNanos) / 1e9;
        String left;
        if (endedAs != null || fraction >= 1) {
            left = "";
        } else if (inTurn) {
            left = !timeLeft.started() ? "" : Double.isNaN(timeLeft.seconds()) ? ", estimating the time left"
                    : ", about " + RemainingTime.format(timeLeft.seconds()) + " left";
        } else {
            left = fraction > 0.02 ? ", about " + RemainingTime.format(elapsed * (1 - fraction) / fraction) + " left" : "";
        }
        String on = e.engine().isEmpty() ? "" : " on " + e.engine();
        String how = endedAs == null || endedAs.equals("done") ? "" : endedAs + ": ";
        summary.setText(String.format(Locale.ROOT, "%s%d of %d shots done%s, %.0f s%s", how, finished, total, on,
                elapsed, left));
    }

    /**
     * Rows done before this frame: those done now or kept from the run a resumed one goes on
     * from, less the shots of {@code seen} that ended in it.
     */
    private int doneBefore(List<InTurnTimeLeft.Seen> seen) {
        int done = 0;
        for (ShotProgress p : rows.values()) {
            ShotProgress.State st = p.stateProperty().get();
            done += st == ShotProgress.State.DONE || st == ShotProgress.State.KEPT ? 1 : 0;
        }
        for (InTurnTimeLeft.Seen s : seen) {
            done -= s.endedNow() ? 1 : 0;
        }
        return done;
    }

    private ShotProgress row(int number) {
        return rows.computeIfAbsent(number, n -> {
            ShotProgress p = new ShotProgress(n);
            table.getItems().add(p);
            return p;
        });
    }

    private void trimMessages() {
        int extra = messages.getItems().size() - MAX_MESSAGES;
        if (extra > 0) {
            messages.getItems().remove(0, extra);
        }
    }
}
