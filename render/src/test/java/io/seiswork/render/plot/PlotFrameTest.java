package io.seiswork.render.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.render.color.Clip;
import java.util.List;
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
}
