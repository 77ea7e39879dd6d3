package io.seiswork.app.desktop;

import javafx.geometry.Rectangle2D;

/**
 * A window's first size, pixels: the size it is designed for, shrunk to the screen's visual
 * bounds (less its frame: the title bar and borders the window manager adds) so that a laptop
 * screen shows the whole window, tool bar and status line included, but never below the
 * window's least size. A window of 1280 x 820 opened on a 1024 x 700 screen used to reach past
 * all four edges, its tool bar and status line off screen.
 *
 * @param width the scene's width, pixels
 * @param height the scene's height, pixels
 */
record WindowSize(double width, double height) {

    /** Room left around the scene for the window manager's frame, pixels: its borders' width. */
    static final double FRAME_WIDTH = 16;
    /** Room left for the frame's title bar and bottom border, pixels. */
    static final double FRAME_HEIGHT = 48;

    /**
     * @param width the width the window is designed for, pixels
     * @param height the height it is designed for, pixels
     * @param screen the screen's visual bounds (less its panels), pixels
     * @param minWidth the window's least width, pixels, kept even on a smaller screen
     * @param minHeight its least height, pixels
     */
    static WindowSize fitting(double width, double height, Rectangle2D screen, double minWidth, double minHeight) {
        return new WindowSize(Math.max(minWidth, Math.min(width, screen.getWidth() - FRAME_WIDTH)),
                Math.max(minHeight, Math.min(height, screen.getHeight() - FRAME_HEIGHT)));
    }

    /** The same on the primary screen; call on the JavaFX thread. */
    static WindowSize onPrimaryScreen(double width, double height, double minWidth, double minHeight) {
        return fitting(width, height, javafx.stage.Screen.getPrimary().getVisualBounds(), minWidth, minHeight);
    }
}
