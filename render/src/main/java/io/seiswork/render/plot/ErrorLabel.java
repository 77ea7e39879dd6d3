package io.seiswork.render.plot;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;

/**
 * A plot view's error, whole and wrapped over the top of its plot, dark red on a light box: a
 * file's path and the reason do not fit a title, which is cut short of the colour bar's label.
 * Hidden while the error is "".
 */
public final class ErrorLabel extends Label {

    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /**
     * @param id the node id tests look it up by
     * @param requestLayout asked for when the label shows or hides (the owning view lays it out)
     */
    public ErrorLabel(String id, Runnable requestLayout) {
        setId(id);
        styleAsError(this);
        setVisible(false);
        textProperty().bind(error.map(e -> e.isEmpty() ? "" : "error: " + e));
        error.addListener((o, a, b) -> {
            setVisible(!b.isEmpty());
            requestLayout.run();
        });
    }

    /**
     * Gives {@code label} the look of a view's error: wrapped, dark red on a light box (also the
     * 3D view's message, which is an error or the note of a volume without a finite sample).
     */
    public static void styleAsError(Label label) {
        label.getStyleClass().add("section-error");
        label.setWrapText(true);
        label.setStyle("-fx-text-fill: #8b0000; -fx-background-color: rgba(255, 255, 255, 0.85); -fx-padding: 4 6 4 6");
    }

    /** The error shown, or "". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Shows {@code e}'s message (its class when it has none). */
    public void show(Throwable e) {
        error.set(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    /** Shows {@code message} (its own words: "Cannot read shot 3: ..."). */
    public void show(String message) {
        error.set(message);
    }

    /** Hides the error. */
    public void clear() {
        error.set("");
    }

    /**
     * Lays the label over the top of {@code plot}, wrapped to its width within a view
     * {@code viewWidth} pixels wide and as tall as the whole message needs; nothing while hidden.
     */
    public void placeOver(Rectangle2D plot, double viewWidth) {
        if (isVisible()) {
            double w = Math.max(80, Math.min(plot.getWidth(), viewWidth - plot.getMinX()) - 8);
            resizeRelocate(plot.getMinX() + 4, plot.getMinY() + 4, w, Math.ceil(prefHeight(w)));
        }
    }
}
