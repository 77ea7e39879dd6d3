package io.seiswork.render.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A title drawn on the canvas (volume sections, gathers) shares the top margin with the colour
 * bar's label: it is cut with "…" to the room left of the label (text is measured in the
 * frame's font, which needs the JavaFX toolkit).
 */
@ExtendWith(ApplicationExtension.class)
class PlotFrameTitleTest {

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Pane(), 100, 100));
    }

    @Test
    void aTitleIsCutToTheRoomItHas() {
        String title = "Crossline x = 1500 m (index 150)  (preview, level 1)";
        double whole = PlotFrame.textWidth(title);
        assertEquals(title, PlotFrame.fit(title, whole + 1), "a title with room is whole");
        String cut = PlotFrame.fit(title, whole / 2);
        assertTrue(cut.endsWith("\u2026") && title.startsWith(cut.substring(0, cut.length() - 1)), cut);
        assertTrue(PlotFrame.textWidth(cut) <= whole / 2, cut);
        assertEquals("", PlotFrame.fit(title, 0), "no room, no title");
    }

    /**
     * The right margin is what the colour bar's labels need, measured: 86 px for short ones, more
     * for "-5.343e-05", so that the widest label ends inside the canvas.
     */
    @Test
    void theRightMarginHoldsTheColourBarsWidestLabel() {
        PlotFrame f = new PlotFrame();
        f.setSize(640, 480);
        f.setWindow(0, 1000, 0, 500);
        f.setAspect(0, null);
        f.setColorBarClip(new io.seiswork.render.color.Clip(-1, 1));
        assertEquals(PlotFrame.RIGHT, f.rightMargin(), 1e-9, "short labels: the usual margin");
        var small = new io.seiswork.render.color.Clip(-5.343e-5, 5.343e-5);
        f.setColorBarClip(small);
        double labelsStart = f.colorBarX() + 16 + 4;
        for (String label : PlotFrame.colorBarLabels(small)) {
            assertTrue(labelsStart + PlotFrame.textWidth(label) <= 640 - 4, label + " ends inside the canvas");
        }
        assertEquals(640 - PlotFrame.LEFT - f.rightMargin(), f.plot().getWidth(), 1e-9, "the plot gives way");
        f.setColorBarClip(null);
        assertEquals(PlotFrame.RIGHT, f.rightMargin(), 1e-9);
    }
}
