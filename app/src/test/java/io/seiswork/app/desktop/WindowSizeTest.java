package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** The workstation's first size on a laptop screen, a desktop's and one smaller than its least size. */
class WindowSizeTest {

    @Test
    void aLaptopScreenShowsTheWholeWindow() {
        // 1024 x 700 visual bounds: the 1280 x 820 design shrinks to the screen less the frame, not below 1024 x 680.
        WindowSize s = WindowSize.fitting(1280, 820, new Rectangle2D(0, 0, 1024, 700), 1024, 680);
        assertEquals(new WindowSize(1024, 680), s);
        WindowSize laptop = WindowSize.fitting(1280, 820, new Rectangle2D(0, 0, 1366, 740), 1024, 680);
        assertEquals(new WindowSize(1280, 740 - WindowSize.FRAME_HEIGHT), laptop);
    }

    @Test
    void aLargeScreenGetsTheDesignedSize() {
        assertEquals(new WindowSize(1280, 820), WindowSize.fitting(1280, 820, new Rectangle2D(0, 0, 1920, 1160), 1024, 680));
    }

    @Test
    void theLeastSizeHoldsOnATinyScreen() {
        assertEquals(new WindowSize(1024, 680), WindowSize.fitting(1280, 820, new Rectangle2D(0, 0, 800, 600), 1024, 680));
    }
}
