package io.seiswork.app.desktop;

import io.seiswork.render.color.ColorMap;
import io.seiswork.render.gather.GatherGain;
import io.seiswork.render.gather.GatherStyle;
import io.seiswork.render.gather.GatherView;
import io.seiswork.render.plot.Ticks;
import io.seiswork.render.task.LatestOnly;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The shot gathers of a modelling run: a gather view with its display controls (shot, trace axis,
 * clip percentile, gain, variable density or wiggle, colour map, Save picture) above it and the
 * pointer readout on a line of its own below, with, for a shot whose traces start at different
 * times, what was done with their delays ({@link ShotGatherFile.Read#note}). Another shot or trace
 * axis is read on the I/O thread, the latest selection only ({@link LatestOnly}); clip, gain and
 * colouring are computed by the view off the JavaFX thread.
 */
final class GatherPane extends BorderPane {

    /** The clip percentiles offered; 99 % is the default. */
    static final List<Double> CLIP_PERCENTS = List.of(90.0, 95.0, 99.0, 99.9);

    private final GatherView view;
    private final ComboBox<Integer> shot = new ComboBox<>();
    private final ComboBox<ShotGatherFile.TraceAxis> axis = new ComboBox<>();
    private final ComboBox<Double> clip = new ComboBox<>();
    private final ComboBox<GatherGain> gain = new ComboBox<>();
    private final ComboBox<GatherStyle> style = new ComboBox<>();
    private final ComboBox<ColorMap> colorMap = new ComboBox<>();
    private final Label saved = new Label();
    private final Label delays = new Label();

    /**
     * @param file the gathers (read on {@code io} only)
     * @param first the first shot's gather, across receiver numbers, as read
     * @param io the thread that reads the file
     * @param problem where a shot that cannot be read is said
     */
    GatherPane(ShotGatherFile file, ShotGatherFile.Read first, ExecutorService io, Consumer<String> problem) {
        view = new GatherView(first.gather());
        delays.setText(first.note());
        view.setId("gatherView");
        shot.setId("shotChooser");
        shot.getItems().setAll(file.shots());
        shot.setValue(file.shots().get(0));
        axis.setId("traceAxis");
        axis.getItems().setAll(ShotGatherFile.TraceAxis.values());
        axis.setValue(ShotGatherFile.TraceAxis.RECEIVER);
        axis.setTooltip(new Tooltip("Across the traces: receiver number, or offset or receiver x in metres from the "
                + "trace headers (receiver number where those are not evenly spaced, as over an areal 3D spread:"
                + " the line under the gather says so)"));
        // The latest selection only: arrowing through 20 shots reads the last, not 20 in turn, and
        // what else the I/O thread has to do (Open, Save) waits behind one read at most.
        LatestOnly<ShotGatherFile.Read> reads = new LatestOnly<>(io, Platform::runLater);
        Runnable read = () -> {
            Integer s = shot.getValue();
            ShotGatherFile.TraceAxis a = axis.getValue();
            if (s == null) {
                return;
            }
            reads.submit(List.of(() -> file.read(s, a)), g -> {
                view.gatherProperty().set(g.gather());
                delays.setText(g.note());
            }, e -> {
                // Over the plot, as a section's read error is, and on the window's status line.
                String why = "Cannot read shot " + s + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
                view.showError(why);
                delays.setText("");  // it told of the last shot, not of this one
                problem.accept(why);
            });
        };
        shot.valueProperty().addListener((o, a, b) -> read.run());
        axis.valueProperty().addListener((o, a, b) -> read.run());

        clip.setId("gatherClip");
        clip.getItems().setAll(CLIP_PERCENTS);
        clip.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Double p) {
                return p == null ? "" : Ticks.value(p) + " %";
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s.replace("%", "").strip());
            }
        });
        clip.setValue(99.0);
        clip.setTooltip(new Tooltip("Clip at this percentile of |amplitude|: the strongest samples (the direct "
                + "wave) saturate, the reflections get the colours"));
        view.clipPercentProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> clip.getValue() == null ? 99 : clip.getValue(), clip.valueProperty()));
        gain.setId("gatherGain");
        gain.getItems().setAll(GatherGain.values());
        gain.valueProperty().bindBidirectional(view.amplitudeGainProperty());
        style.setId("gatherStyle");
        style.getItems().setAll(GatherStyle.values());
        style.valueProperty().bindBidirectional(view.gatherStyleProperty());
        colorMap.setId("gatherColorMap");
        colorMap.getItems().setAll(ColorMap.values());
        colorMap.valueProperty().bindBidirectional(view.colorMapProperty());
        colorMap.disableProperty().bind(style.valueProperty().isEqualTo(GatherStyle.WIGGLE));
        Button save = new Button("Save picture...");
        save.setId("saveGatherPicture");
        save.setTooltip(new Tooltip("Write the gather on screen (with its axes and colour bar) to a PNG file"));
        // Into the run's folder, beside its shots.sgy.
        Path folder = file.file().toAbsolutePath().getParent();
        save.setOnAction(e -> PictureSaver.choose(view, pictureName(), folder, saved));

        // Wrapped onto a second row when the pane is narrow, each label with its control: never
        // under a scroll bar of their own, never squeezed.
        javafx.scene.layout.FlowPane controls = new javafx.scene.layout.FlowPane(12, 4,
                labelled("Shot", shot), labelled("Across", axis), labelled("Clip", clip), labelled("Gain", gain),
                style, colorMap, save);
        for (Node n : List.of(style, colorMap, save)) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        }
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(6));
        Label readout = new Label();
        readout.setId("gatherReadout");
        readout.textProperty().bind(view.pointerReadoutProperty());
        readout.setMinWidth(0);
        readout.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(readout, Priority.ALWAYS);
        saved.setId("gatherPictureSaved");
        saved.setMinWidth(0);
        delays.setId("gatherDelays");
        delays.setMinWidth(0);
        delays.setStyle("-fx-text-fill: #8b1a1a");
        delays.textProperty().addListener((o, a, b) -> delays.setTooltip(b.isEmpty() ? null : new Tooltip(b)));
        if (!delays.getText().isEmpty()) {
            delays.setTooltip(new Tooltip(delays.getText()));
        }
        HBox status = new HBox(12, readout, delays, saved);
        status.setAlignment(Pos.CENTER_LEFT);
        status.setPadding(new Insets(2, 8, 2, 8));
        status.setMinHeight(22);
        status.setPrefHeight(22);
        setTop(controls);
        setCenter(view);
        setBottom(status);
    }

    /** A label and its control, kept together on one row, both at their preferred widths. */
    private static HBox labelled(String text, Region control) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        control.setMinWidth(Region.USE_PREF_SIZE);
        HBox pair = new HBox(6, label, control);
        pair.setAlignment(Pos.CENTER_LEFT);
        pair.setMinWidth(Region.USE_PREF_SIZE);
        return pair;
    }

    /** The file name Save picture suggests: "shot-3.png" for the shot shown. */
    String pictureName() {
        return "shot-" + shot.getValue();
    }

    /** What the status line says of the shot's delays: "" when its traces share one (see {@link ShotGatherFile}). */
    String delaysNote() {
        return delays.getText();
    }

    /** The gather view. */
    GatherView view() {
        return view;
    }

    /** Writes the gather on screen to {@code file} as PNG ({@link PictureSaver}). Call on the JavaFX thread. */
    CompletableFuture<Path> savePicture(Path file) {
        return PictureSaver.save(view, file, saved);
    }

    /** The controls, for tests: shot, trace axis, clip %, gain, style, colour map. */
    List<Node> controls() {
        return List.of(shot, axis, clip, gain, style, colorMap);
    }
}
