package io.seiswork.core.progress;

/** Which wavefield a live section shows: a modelling shot's, or one of a migration's three. */
public enum WavefieldPhase {
    /** A modelling shot's pressure. */
    PRESSURE(""),
    /** A migration's synthetic data being modelled on the true model. */
    DATA("modelling the data"),
    /** A migration's source wavefield, forward in time. */
    SOURCE("source wavefield (forward)"),
    /** A migration's receiver wavefield, backward in time. */
    RECEIVER("receiver wavefield (backward)");

    private final String label;

    WavefieldPhase(String label) {
        this.label = label;
    }

    /** What a title says of it ("source wavefield (forward)"); empty for a modelling shot's. */
    public String label() {
        return label;
    }
}
