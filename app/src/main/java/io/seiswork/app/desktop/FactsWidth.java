package io.seiswork.app.desktop;

/**
 * How wide the facts pane on the left starts, in pixels, for a window {@code width} pixels wide:
 * a quarter of it, between {@value #LEAST} (the facts' keys and a short value on one line) and
 * {@value #MOST} (on a wide screen the tabs want the room). At 1024 pixels that leaves the tabs
 * about 780, enough for the Run tab's table beside its wavefield.
 */
final class FactsWidth {

    /** The narrowest start, pixels: "Velocity" and "1500 - 4500 m/s" side by side. */
    static final double LEAST = 220;

    /** The widest start, pixels. */
    static final double MOST = 360;

    /** Share of the window's width the facts start with. */
    static final double SHARE = 0.24;

    private FactsWidth() {
    }

    /** The facts pane's starting width for a window (the split) {@code width} pixels wide; at most half of it. */
    static double of(double width) {
        return Math.min(width / 2, Math.max(LEAST, Math.min(MOST, SHARE * width)));
    }
}
