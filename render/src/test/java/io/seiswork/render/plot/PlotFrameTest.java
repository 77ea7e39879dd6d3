package io.seiswork.render.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.render.color.Clip;
import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** The plot frame's arithmetic: colour-bar labels and the plot rectangle at a chosen aspect. */
class PlotFrameTest {

    /** Small amplitudes (an image ~1e-7, a wavefield ~2e-5) keep their digits instead of reading "0" and "-0". */
    @Test
    void colourBarLabelsKeepSignificantDigitsAtAnyScale() {
        assertEquals(List.of("1.234e-07", "0", "-1.234e-07"), PlotFrame.colorBarLabels(new Clip(-1.234e-7, 1.234e-7)));
        assertEquals(List.of("2.1e-05", "0", "-2.1e-05"), PlotFrame.colorBarLabels(new Clip(-2.1e-5, 2.1e-5)));
        assertEquals(List.of("1", "0", "-1"), PlotFrame.colorBarLabels(new Clip(-1, 1)));
        assertEquals(List.of("1235", "0", "-1235"), PlotFrame.colorBarLabels(new Clip(-1234.5, 1234.5)));
        assertEquals(List.of("4500", "3000", "1500"), PlotFrame.colorBarLabels(new Clip(1500, 4500)));
    }

    /** A 4000 × 2000 m section in an 800 × 800 canvas: twice as wide as tall at VE 1, square at VE 2, centred. */
    @Test
    void aFixedAspectLetterboxesThePlot() {
        PlotFrame f = new PlotFrame();
        f.setSize(800, 800);
        f.setWindow(0, 4000, 0, 2000);
        f.setAspect(1, "VE");
        Rectangle2D p = f.plot();
        assertEquals(800 - PlotFrame.LEFT - PlotFrame.RIGHT, p.getWidth(), 1e-9, "the width is the limit");
        assertEquals(p.getWidth() / 2, p.getHeight(), 1, "2:1 on screen");
        assertEquals(PlotFrame.TOP + (800 - PlotFrame.TOP - PlotFrame.BOTTOM) / 2.0, p.getMinY() + p.getHeight() / 2, 1,
                "centred vertically");
        assertEquals(f.x(4000) - f.x(0), 2 * (f.y(2000) - f.y(0)), 1, "equal metres per pixel");
        assertEquals("VE 1:1", f.aspectLabel());

        f.setAspect(2, "VE");
        assertEquals(f.plot().getWidth(), f.plot().getHeight(), 1, "VE 2 makes it square");
        assertEquals("VE 2:1", f.aspectLabel());

        f.setAspect(0, "VE");
        assertEquals(800 - PlotFrame.TOP - PlotFrame.BOTTOM, f.plot().getHeight(), 1e-9, "fill takes the whole area");
        assertEquals("VE 2.26:1 (fill)", f.aspectLabel(), "fill says the exaggeration it happens to give");
        f.setAspect(0, null);
        assertEquals("", f.aspectLabel(), "no label for axes in different units");
    }

    /** A tall window (a deep narrow model) is limited by the height instead. */
    @Test
    void aTallSectionIsLimitedByTheHeight() {
        PlotFrame f = new PlotFrame();
        f.setSize(800, 800);
        f.setWindow(0, 500, 0, 3000);
        f.setAspect(1, "VE");
        Rectangle2D p = f.plot();
        assertEquals(800 - PlotFrame.TOP - PlotFrame.BOTTOM, p.getHeight(), 1e-9);
        assertEquals(p.getHeight() / 6, p.getWidth(), 1);
        assertEquals(1, f.shownExaggeration(), 1e-9);
    }

    /** On a map the vertical values grow upward: the window's first value at the bottom, and back. */
    @Test
    void aMapsVerticalAxisGrowsUpward() {
        PlotFrame f = new PlotFrame();
        f.setSize(800, 600);
        f.setWindow(0, 1000, 0, 500);
        f.setAspect(0, null);
        Rectangle2D p = f.plot();
        assertEquals(p.getMinY(), f.y(0), 1e-9, "a section: the first value at the top");
        f.setDownUpward(true);
        assertEquals(p.getMaxY(), f.y(0), 1e-9, "a map: the first value at the bottom");
        assertEquals(p.getMinY(), f.y(500), 1e-9);
        assertEquals(125, f.downAt(f.y(125)), 1e-9);
        assertEquals(400, f.downAt(p.getMinY() + p.getHeight() / 5), 1e-9);
        assertEquals(250, f.acrossAt(f.x(250)), 1e-9, "across unchanged");
    }
}
