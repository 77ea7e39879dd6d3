package io.seiswork.render.gather;

import static io.seiswork.render.FxTestSupport.brightestRow;
import static io.seiswork.render.FxTestSupport.rowBrightness;
import static io.seiswork.render.FxTestSupport.snapshot;
import static io.seiswork.render.FxTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.render.color.ColorMap;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class GatherViewTest {

    private GatherView view;

    @Start
    void start(Stage stage) {
        view = new GatherView(GatherFixtures.gather());
        stage.setScene(new Scene(view, 640, 480));
        stage.show();
    }

    private Image ready() {
        waitUntil(() -> view.readyProperty().get());
        return snapshot(view);
    }

    private int eventRow() {
        return (int) Math.floor(view.yOf(GatherFixtures.EVENT_S));
    }

    /**
     * A gather of amplitudes around 1e-5 (a model's pressure): the colour bar's labels in
     * scientific notation are drawn whole, the right margin widened for them.
     */
    @Test
    void colourBarLabelsInScientificNotationAreWhole(FxRobot robot) {
        Gather g = GatherFixtures.gather();
        float[] small = new float[g.traces().count() * g.time().count()];
        for (int t = 0; t < g.traces().count(); t++) {
            for (int i = 0; i < g.time().count(); i++) {
                small[t * g.time().count() + i] = -5.343e-5f * g.value(t, i);
            }
        }
        robot.interact(() -> view.gatherProperty().set(new Gather(small, g.time(), g.traces(), g.tracesLabel())));
        Image img = ready();
        try {
            io.seiswork.render.FxTestSupport.assertTheRightEdgeIsBlank(img);
        } finally {
            robot.interact(() -> view.gatherProperty().set(GatherFixtures.gather()));
        }
    }

    /**
     * A gather with ±Inf samples (a modelling run that blew up) is drawn, clipped on its finite
     * samples; before, the clip came out infinite and the view stayed blank without a word.
     */
    @Test
    void infiniteSamplesAreDrawnClippedOnTheFiniteOnes(FxRobot robot) {
        Gather g = GatherFixtures.gather();
        float[] s = g.samples().clone();
        int nt = g.time().count();
        s[3 * nt + 10] = Float.POSITIVE_INFINITY;
        s[7 * nt + 20] = Float.NEGATIVE_INFINITY;
        robot.interact(() -> view.gatherProperty().set(new Gather(s, g.time(), g.traces(), g.tracesLabel())));
        try {
            ready();
            assertTrue(Double.isFinite(view.clip()) && view.clip() > 0, "clip " + view.clip());
            assertEquals("", view.errorProperty().get());
        } finally {
            robot.interact(() -> view.gatherProperty().set(GatherFixtures.gather()));
        }
    }

    /**
     * A gather without one finite sample (NaN and ±Inf) says "no finite samples" across its plot
     * and draws no colour bar, in either style, instead of a made-up ±0.5 scale.
     */
    @Test
    void aGatherWithoutAFiniteSampleSaysSo(FxRobot robot) {
        Gather g = GatherFixtures.gather();
        float[] s = new float[g.samples().length];
        for (int i = 0; i < s.length; i++) {
            s[i] = i % 3 == 0 ? Float.NaN : i % 3 == 1 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        }
        robot.interact(() -> view.gatherProperty().set(new Gather(s, g.time(), g.traces(), g.tracesLabel())));
        try {
            for (GatherStyle style : GatherStyle.values()) {
                robot.interact(() -> view.gatherStyleProperty().set(style));
                Image img = ready();
                assertTrue(Double.isNaN(view.clip()), style + ": no clip, got " + view.clip());
                int x0 = (int) Math.ceil(view.xOf(-587.5)) + 2;
                int x1 = (int) Math.floor(view.xOf(587.5)) - 2;
                int yc = (int) view.yOf(0.5);
                assertTrue(darkRed(img, x0, x1, yc - 10, yc + 10) > 20, style + ": the note is drawn");
                int least = io.seiswork.render.FxTestSupport.darkest(img, x1 + 30, (int) img.getWidth() - 4,
                        (int) view.yOf(0.1), (int) view.yOf(0.9));
                assertTrue(least > 240, style + ": no colour bar right of the plot, darkest " + least);
            }
        } finally {
            robot.interact(() -> {
                view.gatherStyleProperty().set(GatherStyle.VARIABLE_DENSITY);
                view.gatherProperty().set(GatherFixtures.gather());
            });
        }
    }

    /** Pixels of dark red (the note's text) in the box. */
    private static int darkRed(Image img, int x0, int x1, int y0, int y1) {
        javafx.scene.image.PixelReader r = img.getPixelReader();
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int argb = r.getArgb(x, y);
                if (((argb >> 16) & 0xff) > 90 && ((argb >> 8) & 0xff) < 70 && (argb & 0xff) < 70) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void variableDensityShowsTheFlatEventAtItsTime(FxRobot robot) {
        Image img = ready();
        int found = brightestRow(img, (int) view.yOf(0.45), (int) view.yOf(0.9), (int) view.xOf(-580), (int) view.xOf(580));
        double sampleRows = view.yOf(GatherFixtures.EVENT_S + 0.004) - view.yOf(GatherFixtures.EVENT_S);
        assertEquals(view.yOf(GatherFixtures.EVENT_S), found, sampleRows + 1, "brightest row is the event at 0.6 s");
    }

    /**
     * A change of style or colour map reuses the gained gather (gaining and sorting a large gather
     * again for a colour change is waste); a change of gain or of gather makes a new one, and a
     * change of clip percentile keeps the gained gather but moves the clip.
     */
    @Test
    void onlyAChangeOfGainOrGatherGainsTheGatherAgain(FxRobot robot) {
        ready();
        robot.interact(() -> view.amplitudeGainProperty().set(GatherGain.T_SQUARED));
        ready();
        Gather gained = view.lastGainedGather();
        double clip = view.clip();
        robot.interact(() -> view.gatherStyleProperty().set(GatherStyle.WIGGLE));
        ready();
        robot.interact(() -> view.colorMapProperty().set(ColorMap.SEISMIC));
        robot.interact(() -> view.gatherStyleProperty().set(GatherStyle.VARIABLE_DENSITY));
        ready();
        assertSame(gained, view.lastGainedGather(), "style and colour map changes reuse it");
        assertEquals(clip, view.clip(), 0);
        robot.interact(() -> view.clipPercentProperty().set(90));
        ready();
        assertSame(gained, view.lastGainedGather(), "a new percentile of the same gained gather");
        assertTrue(view.clip() < clip, "the 90th percentile is below the 99th: " + view.clip() + " vs " + clip);
        robot.interact(() -> view.amplitudeGainProperty().set(GatherGain.NONE));
        ready();
        assertNotSame(gained, view.lastGainedGather(), "another gain, another gathering");
    }

    /** The pointer reads out the trace, the time and the sample there: the event's peak at 0.6 s, nothing off the gather. */
    @Test
    void thePointerReadsOutTraceTimeAndAmplitude(FxRobot robot) {
        ready();
        String[] said = new String[2];
        robot.interact(() -> {
            said[0] = view.describeAt(view.xOf(12.5), view.yOf(GatherFixtures.EVENT_S));
            said[1] = view.describeAt(1, 1);
        });
        Gather g = GatherFixtures.gather();
        float peak = g.value(24, 150);  // offset 12.5 m is trace 24 of 48; 0.6 s is sample 150
        assertTrue(peak > 0.99 && peak < 1.01, "the flat event's peak: " + peak);
        assertEquals("offset (m) 12.5, t 0.6 s: " + io.seiswork.render.plot.Ticks.value(peak), said[0]);
        assertEquals("", said[1]);
    }

    /** 2000 traces × 2000 samples of 1 ms, 10 m apart, a flat event at 0.6 s: 4 M samples. */
    private static Gather large() {
        int n = 2000;
        float[] s = new float[n * n];
        for (int i = 0; i < n; i++) {
            double a = Math.PI * 25 * (i * 0.001 - GatherFixtures.EVENT_S);
            float v = (float) ((1 - 2 * a * a) * Math.exp(-a * a));
            for (int k = 0; k < n; k++) {
                s[k * n + i] = v;
            }
        }
        return new Gather(s, new io.seiswork.core.grid.Sampling(n, 0.001, 0),
                new io.seiswork.core.grid.Sampling(n, 10, 0), "receiver");
    }

    /** The plot's width and height in pixels (Monocle's output scale is 1), read on the JavaFX thread. */
    private double[] plotPixels(FxRobot robot, Gather g) {
        double[] wh = new double[2];
        robot.interact(() -> {
            wh[0] = view.xOf(g.traces().last() + g.traces().delta() / 2) - view.xOf(g.traces().first() - g.traces().delta() / 2);
            wh[1] = view.yOf(g.time().last() + g.time().delta() / 2) - view.yOf(g.time().first() - g.time().delta() / 2);
        });
        return wh;
    }

    /**
     * A gather of 2000 × 2000 samples (4 M vertices, a 4 M-pixel raster drawn whole) reaches the
     * JavaFX thread reduced to the plot's pixels: as wiggles at most a trace every 2 px and 2
     * vertices a pixel row, the event still drawn; as variable density an image of at most twice
     * the plot's pixels, already filled with the event's colour; a larger window draws more traces.
     */
    @Test
    void aLargeGatherReachesTheJavaFxThreadReducedToThePlotsPixels(FxRobot robot) {
        Gather g = large();
        robot.interact(() -> {
            view.gatherProperty().set(g);
            view.gatherStyleProperty().set(GatherStyle.WIGGLE);
        });
        try {
            Image img = ready();
            double[] plot = plotPixels(robot, g);
            WiggleTraces w = view.shownWiggles();
            int traces = w.traces().size();
            assertTrue(traces <= plot[0] / 2 + 1 && traces >= plot[0] / 2 - 2, traces + " traces across " + plot[0] + " px");
            assertTrue(w.vertices() <= traces * 2 * (Math.ceil(plot[1]) + 1), w.vertices() + " vertices, plot " + plot[1] + " px high");
            int x0 = (int) view.xOf(2000);
            int x1 = (int) view.xOf(18000);
            double onEvent = rowBrightness(img, (int) Math.floor(view.yOf(GatherFixtures.EVENT_S)), x0, x1);
            double quiet = rowBrightness(img, (int) view.yOf(1.5), x0, x1);
            // A line every 2 px greys the quiet rows; the event's filled peaks are far darker.
            assertTrue(onEvent < 60 && quiet > onEvent + 80, "event " + onEvent + ", quiet " + quiet);

            robot.interact(() -> view.getScene().getWindow().setWidth(1000));
            waitUntil(() -> view.readyProperty().get() && view.shownWiggles() != null
                    && view.shownWiggles().traces().size() > traces + 100);
            double[] wider = plotPixels(robot, g);
            assertTrue(view.shownWiggles().traces().size() <= wider[0] / 2 + 1, "recomputed for " + wider[0] + " px");

            robot.interact(() -> view.gatherStyleProperty().set(GatherStyle.VARIABLE_DENSITY));
            ready();
            Image raster = view.shownImage();
            assertTrue(raster.getWidth() <= 2 * Math.ceil(wider[0]) && raster.getHeight() <= 2 * Math.ceil(wider[1]),
                    raster.getWidth() + " x " + raster.getHeight() + " for a plot of " + wider[0] + " x " + wider[1]);
            int row = (int) (raster.getHeight() * GatherFixtures.EVENT_S / 2.0);
            int peak = raster.getPixelReader().getArgb((int) raster.getWidth() / 2, row);
            assertEquals(0xffffffff, peak, "handed over filled: the event's peak at the clip is white in grey");
        } finally {
            robot.interact(() -> {
                view.getScene().getWindow().setWidth(640);
                view.gatherStyleProperty().set(GatherStyle.VARIABLE_DENSITY);
                view.gatherProperty().set(GatherFixtures.gather());
            });
        }
    }

    @Test
    void wiggleModeFillsThePositiveLobeOfTheEvent(FxRobot robot) {
        ready();
        robot.interact(() -> view.gatherStyleProperty().set(GatherStyle.WIGGLE));
        Image img = ready();
        int x0 = (int) view.xOf(-400);
        int x1 = (int) view.xOf(400);
        double onEvent = rowBrightness(img, eventRow(), x0, x1);
        double quiet = rowBrightness(img, (int) view.yOf(0.9), x0, x1);
        assertTrue(quiet > 200, "between events only thin trace lines: mostly white, got " + quiet);
        assertTrue(onEvent < 120, "the event's filled peaks darken its row, got " + onEvent);
    }

    @Test
    void colourMapChangeRecoloursTheDensityDisplay(FxRobot robot) {
        ready();
        robot.interact(() -> view.colorMapProperty().set(ColorMap.SEISMIC));
        Image img = ready();
        int argb = img.getPixelReader().getArgb((int) view.xOf(0), eventRow());
        assertTrue(((argb >> 16) & 0xff) > 100 && ((argb >> 8) & 0xff) < 60, "peak is red, got " + Integer.toHexString(argb));
    }

    @Test
    void showingTheNextShotMovesTheEvent(FxRobot robot) {
        ready();
        Gather next = GatherFixtures.gather(0.3);
        robot.interact(() -> view.gatherProperty().set(next));
        Image img = ready();
        int found = brightestRow(img, (int) view.yOf(0.1), (int) view.yOf(0.9), (int) view.xOf(-580), (int) view.xOf(580));
        double sampleRows = view.yOf(0.304) - view.yOf(0.3);
        assertEquals(view.yOf(0.3), found, sampleRows + 1, "the new shot's event at 0.3 s");
    }

    /**
     * Traces recorded from a later time than the others have no samples before their start
     * (NaN): drawn blank (the plot's white, not the colour of 0), read out as "no sample", left
     * out of the clip; the wiggles of the samples they have are still drawn.
     */
    @Test
    void whereATraceHasNoSamplesTheGatherIsBlank(FxRobot robot) {
        Gather full = GatherFixtures.gather();
        int nt = full.time().count();
        float[] s = full.samples().clone();
        for (int t = 24; t < 48; t++) {
            java.util.Arrays.fill(s, t * nt, t * nt + 100, Float.NaN);  // the right half starts at 0.4 s
        }
        Gather late = new Gather(s, full.time(), full.traces(), full.tracesLabel());
        robot.interact(() -> view.gatherProperty().set(late));
        Image img = ready();
        assertTrue(view.clip() > 0 && Double.isFinite(view.clip()), "clip " + view.clip());
        int y = (int) view.yOf(0.2);
        int blank = img.getPixelReader().getArgb((int) view.xOf(300), y);
        int zero = img.getPixelReader().getArgb((int) view.xOf(-300), y);
        assertEquals(0xffffffff, blank, "no samples: white, got " + Integer.toHexString(blank));
        assertTrue((zero & 0xff) < 200, "amplitude 0 in grey, got " + Integer.toHexString(zero));
        String[] said = new String[2];
        robot.interact(() -> {
            said[0] = view.describeAt(view.xOf(12.5), view.yOf(0.2));
            said[1] = view.describeAt(view.xOf(12.5), view.yOf(GatherFixtures.EVENT_S));
        });
        assertEquals("offset (m) 12.5, t 0.2 s: no sample", said[0]);
        assertEquals("offset (m) 12.5, t 0.6 s: " + io.seiswork.render.plot.Ticks.value(full.value(24, 150)), said[1]);
        robot.interact(() -> view.gatherStyleProperty().set(GatherStyle.WIGGLE));
        Image wiggles = ready();
        int x0 = (int) view.xOf(100);
        int x1 = (int) view.xOf(500);
        assertTrue(rowBrightness(wiggles, (int) view.yOf(0.2), x0, x1) > 254, "no wiggle lines before the start");
        assertTrue(rowBrightness(wiggles, eventRow(), x0, x1) < 120, "the event's peaks after it");
    }

    /**
     * Nothing may be drawn for 3 s: long enough for any request made, or still computing, to land
     * (a 4 M-sample gather is gained and reduced in well under that), checked every 50 ms.
     */
    private void assertNothingDrawnFor3s(String why) throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            Thread.sleep(50);
            assertTrue(view.shownImage() == null && view.shownWiggles() == null && !view.readyProperty().get(), why);
        }
    }

    /**
     * After {@link GatherView#showError} (the next shot could not be read) neither a request still
     * computing nor a resize or a change of clip or style brings the last shot's picture back, nor
     * clears the error; the pointer reads nothing out. The next gather set draws again.
     */
    @Test
    void anErrorStandsThroughAResizeAndSettingChangesUntilTheNextGather(FxRobot robot) throws Exception {
        ready();
        Gather big = large();
        robot.interact(() -> {
            view.gatherProperty().set(big);  // a request of 4 M samples computing...
            view.showError("Cannot read shot 3: cut short");  // ...when the next read fails
        });
        try {
            assertNothingDrawnFor3s("the request in flight when the read failed is dropped");
            robot.interact(() -> view.getScene().getWindow().setWidth(900));
            robot.interact(() -> view.clipPercentProperty().set(95));
            assertNothingDrawnFor3s("a resize and a clip change draw nothing");
            robot.interact(() -> view.gatherStyleProperty().set(GatherStyle.WIGGLE));
            assertNothingDrawnFor3s("a style change draws nothing");
            String[] said = new String[2];
            robot.interact(() -> {
                said[0] = view.errorProperty().get();
                said[1] = view.describeAt(view.xOf(5000), view.yOf(GatherFixtures.EVENT_S));
            });
            assertEquals("Cannot read shot 3: cut short", said[0]);
            assertEquals("", said[1], "no readout of the last shot under the error");

            robot.interact(() -> view.gatherProperty().set(GatherFixtures.gather()));
            ready();
            robot.interact(() -> said[0] = view.errorProperty().get());
            assertEquals("", said[0], "the next gather clears the error");
            assertTrue(view.shownWiggles() != null, "and is drawn");
        } finally {
            robot.interact(() -> {
                view.getScene().getWindow().setWidth(640);
                view.gatherStyleProperty().set(GatherStyle.VARIABLE_DENSITY);
                view.clipPercentProperty().set(99);
                view.gatherProperty().set(GatherFixtures.gather());
            });
        }
    }
}
