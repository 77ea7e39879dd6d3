package io.seiswork.core.progress;

/** Which wavefield a live section shows: a modelling shot's, or one of a migration's four. */
public enum WavefieldPhase {
    /** A modelling shot's pressure. */
    PRESSURE(""),
    /** A migration's synthetic data being modelled on the true model. */
    DATA("modelling the data"),
    /**
     * A migration's direct wave being modelled (in a medium of the velocity at the source), to be
     * subtracted from its synthetic data: a run as long as the data's, so it is shown too.
     */
    DIRECT("modelling the direct wave"),
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
