package io.seiswork.core.spec;

/** Which receivers record a given shot. */
public sealed interface Spread {

    /** Every receiver records every shot (ocean-bottom or land fixed spread). */
    record Fixed() implements Spread { }

    /**
     * Each shot records the receivers whose horizontal offset from the source lies in
     * [minOffsetM, maxOffsetM] (towed streamer or rolling land spread).
     */
    record Moving(double minOffsetM, double maxOffsetM) implements Spread { }
}
