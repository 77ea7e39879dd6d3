package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/**
 * The workstation's first size and place on a laptop screen, a desktop's and one smaller than
 * its least size: the whole window where it and its frame fit, else its top (title bar and tool
 * bar) at the screen's top-left, only its bottom cut.
 */
class WindowSizeTest {

    /**
     * 1366 x 740 visual bounds: the 1280 x 820 design shrinks to the screen less the frame and is
     * centred, the whole window on screen.
     */
    @Test
    void aLaptopScreenWithRoomForTheLeastSizeShowsTheWholeWindow() {
        Rectangle2D screen = new Rectangle2D(0, 0, 1366, 740);
        WindowSize laptop = WindowSize.fitting(1280, 820, screen, 1024, 680);
        assertEquals(new WindowSize(1280, 740 - WindowSize.FRAME_HEIGHT), laptop);
        Point2D at = laptop.origin(screen);
        assertEquals(new Point2D((1366 - 1280 - WindowSize.FRAME_WIDTH) / 2, 0), at);
        assertTrue(at.getX() + laptop.width() + WindowSize.FRAME_WIDTH <= screen.getMaxX());
        assertTrue(at.getY() + laptop.height() + WindowSize.FRAME_HEIGHT <= screen.getMaxY());
    }

    /**
     * 1024 x 700 visual bounds: the least size, 1024 x 680, and its 48 px frame are 28 px taller
     * than the screen, so the window is put at the top-left corner: its title bar and tool bar
     * show, its status line is below the edge (no size the window can take shows it whole).
     */
    @Test
    void aScreenBelowTheLeastSizeShowsTheToolBarAtItsTopLeft() {
        Rectangle2D screen = new Rectangle2D(0, 24, 1024, 700);
        WindowSize s = WindowSize.fitting(1280, 820, screen, 1024, 680);
        assertEquals(new WindowSize(1024, 680), s);
        assertEquals(new Point2D(0, 24), s.origin(screen), "the top-left of the visual bounds (below a 24 px panel)");
        assertTrue(24 + s.height() + WindowSize.FRAME_HEIGHT > screen.getMaxY(), "the bottom is cut");
    }

    /** A laptop's screen right of a larger external primary: the window is placed on the laptop's, not at 0. */
    @Test
    void aSecondScreenPlacesTheWindowOnIt() {
        Rectangle2D laptop = new Rectangle2D(2560, 0, 1366, 740);
        WindowSize s = WindowSize.fitting(1100, 800, laptop, 640, 480);
        assertEquals(new WindowSize(1100, 740 - WindowSize.FRAME_HEIGHT), s);
        Point2D at = s.origin(laptop);
        assertTrue(at.getX() >= laptop.getMinX() && at.getX() + s.width() + WindowSize.FRAME_WIDTH <= laptop.getMaxX(), at.toString());
        assertEquals(0, at.getY());
    }

    @Test
    void aLargeScreenGetsTheDesignedSize() {
        Rectangle2D screen = new Rectangle2D(0, 0, 1920, 1160);
        WindowSize s = WindowSize.fitting(1280, 820, screen, 1024, 680);
        assertEquals(new WindowSize(1280, 820), s);
        assertEquals(new Point2D((1920 - 1280 - 16) / 2.0, (1160 - 820 - 48) / 2.0), s.origin(screen), "centred");
    }

    @Test
    void theLeastSizeHoldsOnATinyScreen() {
        Rectangle2D screen = new Rectangle2D(0, 0, 800, 600);
        WindowSize s = WindowSize.fitting(1280, 820, screen, 1024, 680);
        assertEquals(new WindowSize(1024, 680), s);
        assertEquals(new Point2D(0, 0), s.origin(screen), "the top-left, its tool bar on screen");
    }
}
