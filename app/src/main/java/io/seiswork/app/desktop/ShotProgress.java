package io.seiswork.app.desktop;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One row of the progress pane: a shot's state, the fraction of its time steps done, its
 * throughput once finished and its wall time. Lives on the JavaFX thread; {@link RunEvents} is
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

    void update(State s, double f, double gpts, double wallS) {
        state.set(s);
        fraction.set(f);
        gptsPerSecond.set(gpts);
        seconds.set(wallS);
    }
}
