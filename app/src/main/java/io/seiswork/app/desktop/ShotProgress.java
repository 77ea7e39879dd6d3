package io.seiswork.app.desktop;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One row of the progress pane: a shot's state, the fraction of its time steps done, its
 * throughput once finished, its wall time, and a cloud shot's note when its state alone misleads
 * (its worker silent, an earlier attempt failed). Lives on the JavaFX thread; {@link RunEvents} is
 * what the runner thread writes.
 */
public final class ShotProgress {

    /** Where a shot is. */
    public enum State {
        QUEUED, RUNNING, DONE, CANCELLED, FAILED,
        /** Queued in a run or cloud job that ended cancelled or failed: it will not run (until a resume). */
        NOT_RUN,
        /** Done by the run a resume goes on from: kept, not run again. */
        KEPT;

        /** Lower-case label for the table ("not run", "done (kept)"). */
        public String label() {
            return this == KEPT ? "done (kept)" : name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    private final int shot;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.QUEUED);
    private final DoubleProperty fraction = new SimpleDoubleProperty(0);
    private final DoubleProperty gptsPerSecond = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty seconds = new SimpleDoubleProperty(0);
    private final StringProperty note = new SimpleStringProperty("");

    /** @param shot the shot number (1-based, or the FFID of recorded data) */
    public ShotProgress(int shot) {
        this.shot = shot;
    }

    public int shot() {
        return shot;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state;
    }

    /** Time steps done over the shot's time steps, 0 … 1. */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction;
    }

    /** Billions of grid-point updates per second, NaN until the shot is done. */
    public ReadOnlyDoubleProperty gptsPerSecondProperty() {
        return gptsPerSecond;
    }

    /** Wall time of the shot so far, seconds. */
    public ReadOnlyDoubleProperty secondsProperty() {
        return seconds;
    }

    /**
     * What a cloud shot's state alone does not say ({@code "no word from its worker for 2 min 10 s"},
     * {@code "attempt 1 failed: …"}); empty when nothing.
     */
    public ReadOnlyStringProperty noteProperty() {
        return note;
    }

    void update(State s, double f, double gpts, double wallS) {
        state.set(s);
        fraction.set(f);
        gptsPerSecond.set(gpts);
        seconds.set(wallS);
    }

    void note(String text) {
        note.set(text == null ? "" : text);
    }
}
