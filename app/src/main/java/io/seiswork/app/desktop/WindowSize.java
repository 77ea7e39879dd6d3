package io.seiswork.app.desktop;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A window's first size, pixels: the size it is designed for, shrunk to its screen's visual
 * bounds (less its frame: the title bar and borders the window manager adds), but never below the
 * window's least size. A window of 1280 x 820 opened on a 1024 x 700 screen used to reach past
 * all four edges, its tool bar and status line off screen.
 *
 * <p>What shows: on a screen with room for the window and its frame, the whole window (it is
 * centred there). On a smaller one, the window is placed at the top-left corner of the visual
 * bounds ({@link #origin}), so that its title bar and tool bar always show and only its bottom
 * may be cut: the workstation's least size, 1024 x 680 plus a 48 px frame, is 28 px taller than
 * a 1024 x 700 screen, whose status line is then below the edge.
 *
 * <p>The screen is the owner window's where there is one ({@link #screenOf}): a viewer opened
 * from a window on a laptop's screen, beside a larger external primary screen, is sized and
 * placed for the laptop's.
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

    /**
     * Where the window's frame goes on {@code screen} (its visual bounds), pixels: centred where
     * the window and its frame fit, else at the top-left corner on the axis where they do not, so
     * that the title bar and the tool bar under it are on screen.
     */
    Point2D origin(Rectangle2D screen) {
        double x = screen.getMinX() + Math.max(0, (screen.getWidth() - width - FRAME_WIDTH) / 2);
        double y = screen.getMinY() + Math.max(0, (screen.getHeight() - height - FRAME_HEIGHT) / 2);
        return new Point2D(x, y);
    }

    /**
     * The visual bounds of the screen {@code owner} is on (the first screen its bounds meet), or
     * the primary screen's where there is no owner or it is on none. JavaFX thread.
     */
    static Rectangle2D screenOf(Window owner) {
        if (owner != null && owner.isShowing() && owner.getWidth() > 0 && owner.getHeight() > 0) {
            List<Screen> screens = Screen.getScreensForRectangle(owner.getX(), owner.getY(), owner.getWidth(),
                    owner.getHeight());
            if (!screens.isEmpty()) {
                return screens.getFirst().getVisualBounds();
            }
        }
        return Screen.getPrimary().getVisualBounds();
    }

    /** The size on the screen of {@code owner} (null: the primary screen); call on the JavaFX thread. */
    static WindowSize onScreenOf(Window owner, double width, double height, double minWidth, double minHeight) {
        return fitting(width, height, screenOf(owner), minWidth, minHeight);
    }

    /** Puts {@code stage} on the screen of {@code owner} (null: the primary screen) at {@link #origin}. JavaFX thread. */
    void place(Stage stage, Window owner) {
        Point2D at = origin(screenOf(owner));
        stage.setX(at.getX());
        stage.setY(at.getY());
    }
}
