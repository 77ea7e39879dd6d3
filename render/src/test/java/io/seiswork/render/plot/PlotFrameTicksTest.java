package io.seiswork.render.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A plot frame's axis labels never overlap: a plot under 180 px wide has room for 2 ticks, and
 * the finer steps that give it two at least can give it four or five whose labels collide (labels
 * are measured in the frame's font, which needs the JavaFX toolkit).
 */
@ExtendWith(ApplicationExtension.class)
class PlotFrameTicksTest {

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Pane(), 100, 100));
    }

    /**
     * 1 to 9999 m across a 100 px plot: the nice step for 2 ticks (5,000 m) gives "5000" alone,
     * the next finer (2,000 m) four labels 20 px apart, each about 24 px wide; the two ends are kept.
     */
    @Test
    void aNarrowPlotKeepsOnlyTheLabelsThatFit() {
        PlotFrame f = new PlotFrame();
        f.setSize(100 + PlotFrame.LEFT + f.rightMargin(), 400);
        f.setWindow(1, 9999, 0, 1000);
        f.setAspect(0, null);
        assertTrue(f.plot().getWidth() < 180, "a narrow plot: " + f.plot());
        assertEquals(4, Ticks.atLeastTwo(1, 9999, 2).size(), "four before thinning");
        List<Double> ticks = f.acrossTicks();
        assertEquals(List.of(2000.0, 8000.0), ticks, "the two ends");
        assertApart(f, ticks);
    }

    /** A wide plot keeps every tick; a narrow deep one thins its down labels the same way. */
    @Test
    void roomyAxesKeepEveryTick() {
        PlotFrame f = new PlotFrame();
        f.setSize(800 + PlotFrame.LEFT + f.rightMargin(), 600);
        f.setWindow(-5, 4005, 0, 2000);
        f.setAspect(0, null);
        assertEquals(Ticks.atLeastTwo(-5, 4005, (int) (f.plot().getWidth() / 90)), f.acrossTicks());
        assertApart(f, f.acrossTicks());
        f.setSize(800, PlotFrame.TOP + PlotFrame.BOTTOM + 40);
        List<Double> down = f.downTicks();
        assertTrue(!down.isEmpty(), "a down scale");
        for (int i = 1; i < down.size(); i++) {
            assertTrue(Math.abs(f.y(down.get(i)) - f.y(down.get(i - 1))) >= PlotFrame.textHeight(), down.toString());
        }
    }

    private static void assertApart(PlotFrame f, List<Double> ticks) {
        assertTrue(ticks.size() >= 2, ticks.toString());
        for (int i = 1; i < ticks.size(); i++) {
            double a = ticks.get(i - 1);
            double b = ticks.get(i);
            double half = (PlotFrame.textWidth(Ticks.label(a)) + PlotFrame.textWidth(Ticks.label(b))) / 2;
            assertTrue(f.x(b) - f.x(a) >= half, ticks + ": " + Ticks.label(a) + " and " + Ticks.label(b) + " overlap");
        }
    }
}
