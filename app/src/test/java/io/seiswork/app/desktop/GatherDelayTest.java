package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.SegyWriteOptions;
import io.seiswork.core.segy.SegyWriter;
import io.seiswork.core.segy.TraceHeader;
import io.seiswork.render.gather.Gather;
import io.seiswork.render.snapshot.PngWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongToDoubleFunction;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The gather view's time axis is the traces' recorded time (SEG-Y delay, byte 109 with scalar
 * 215): 12 traces of 100 samples every 4 ms with one event at {@link #EVENT_S} from the shot. Shot 1
 * is recorded from 100 ms, shot 2 from 0, 40, 80 … ms by trace (each trace's samples moved so that
 * the event stays at its absolute time).
 */
@ExtendWith(ApplicationExtension.class)
class GatherDelayTest {

    /** The event's time from the shot, seconds. */
    static final double EVENT_S = 0.3;
    static final int TRACES = 12;
    static final int NT = 100;
    static final double DT_MS = 4;

    @TempDir
    static Path dir;

    private GatherPaneFixture gathers;

    @Start
    void start(Stage stage) throws Exception {
        // Shot 1: every trace from 100 ms. Shot 2: trace k from 40·(k mod 3) ms.
        gathers = new GatherPaneFixture(delayed(dir, "delays-" + System.nanoTime(),
                t -> t < TRACES ? 100 : 40 * ((t - TRACES) % 3)), stage);
    }

    @AfterEach
    void close() {
        gathers.close();
    }

    /** A record from 100 ms: the axis starts at 0.1 s and the event is picked at its 0.3 s, not at 0.2 s. */
    @Test
    void aGatherRecordedFrom100MsStartsAtPoint1Second(FxRobot robot) throws Exception {
        var view = gathers.pane.view();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.readyProperty().get());
        Gather g = view.gatherProperty().get();
        assertEquals(0.1, g.time().first(), 1e-12, "the first sample at the delay");
        assertEquals(0.1 + (NT - 1) * 0.004, g.time().last(), 1e-9);
        assertEquals(NT, g.time().count());
        assertEquals("", gathers.pane.delaysNote(), "one delay: nothing to say");
        String[] said = new String[2];
        robot.interact(() -> {
            said[0] = view.describeAt(view.xOf(5), view.yOf(EVENT_S));
            said[1] = view.describeAt(view.xOf(5), view.yOf(0.1));
        });
        assertEquals("receiver 5, t 0.3 s: 1", said[0], "the event picked at its true time");
        assertEquals("receiver 5, t 0.1 s: 0", said[1], "the first sample at 0.1 s");
        robot.interact(() -> assertTrue(view.yOf(0.1) < view.yOf(EVENT_S), "time downward"));
        assertEquals(List.of(), gathers.problems);
    }

    /**
     * Traces from 0, 40 and 80 ms: one axis from 0 to the latest end (80 ms + 396 ms), the event
     * at 0.3 s in every trace, blank before each trace's start and after its end, and the status
     * line says that the delays differ.
     */
    @Test
    void tracesOfDifferentDelaysAreEachAtTheirOwnTimes(FxRobot robot) throws Exception {
        var view = gathers.pane.view();
        robot.interact(() -> ((javafx.scene.control.ComboBox<Integer>) gathers.pane.controls().get(0)).setValue(2));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.gatherProperty().get().time().count() != NT);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.readyProperty().get());
        Gather g = view.gatherProperty().get();
        assertEquals(0, g.time().first(), 1e-12);
        assertEquals(NT + 20, g.time().count(), "80 ms = 20 samples past one trace's length");
        int event = (int) Math.round(EVENT_S / 0.004);
        for (int k = 0; k < TRACES; k++) {
            int start = 10 * (k % 3);
            assertEquals(1f, g.value(k, event), "trace " + k + ": the event at 0.3 s");
            for (int i = 0; i < g.time().count(); i++) {
                boolean has = i >= start && i < start + NT;
                assertEquals(has, !Float.isNaN(g.value(k, i)), "trace " + k + " sample " + i);
                if (has && i != event) {
                    assertEquals(0f, g.value(k, i), "trace " + k + " sample " + i);
                }
            }
        }
        String note = gathers.pane.delaysNote();
        assertEquals("traces start at different times, 0 .. 80 ms: each is drawn at its own, blank where it has no "
                + "samples", note);
        String[] said = new String[2];
        robot.interact(() -> {
            said[0] = view.describeAt(view.xOf(3), view.yOf(EVENT_S));   // trace 3 (k = 2) from 80 ms
            said[1] = view.describeAt(view.xOf(3), view.yOf(0.04));
        });
        assertEquals("receiver 3, t 0.3 s: 1", said[0]);
        assertEquals("receiver 3, t 0.04 s: no sample", said[1]);
        javafx.scene.image.WritableImage[] shot = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> shot[0] = gathers.pane.getScene().snapshot(null));
        PngWriter.write(shot[0], Path.of("target", "desktop-gather-delays.png"));
        // Back to shot 1: its note goes.
        robot.interact(() -> ((javafx.scene.control.ComboBox<Integer>) gathers.pane.controls().get(0)).setValue(1));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.gatherProperty().get().time().count() == NT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", gathers.pane.delaysNote());
        assertEquals(List.of(), gathers.problems);
    }

    /** Delays off the sample grid go to the nearest sample, and the note says so; delays far apart are not followed. */
    @Test
    void roundingAndDelaysTooFarApartAreSaid() {
        ShotGatherFile.Placement p = ShotGatherFile.place(new double[] {-10.0, -4.0, 2.0}, NT, DT_MS);
        assertEquals(-0.01, p.time().first(), 1e-12);
        assertEquals(List.of(0, 2, 3), java.util.Arrays.stream(p.shifts()).boxed().toList(), "6 ms is 1.5 samples: 2");
        assertEquals(NT + 3, p.time().count());
        assertTrue(p.note().startsWith("traces start at different times, -10 .. 2 ms: each is drawn at its own (to the "
                + "nearest sample)"), p.note());
        ShotGatherFile.Placement far = ShotGatherFile.place(new double[] {20.0, 30000.0}, NT, DT_MS);
        assertNull(far.shifts());
        assertEquals(0.02, far.time().first(), 1e-12, "the first trace's axis");
        assertEquals("traces start at different times, 20 .. 30000 ms, too far apart to draw together: all drawn "
                + "from the first trace's 20 ms", far.note());
        ShotGatherFile.Placement one = ShotGatherFile.place(new double[] {-50.0, -50.0}, NT, DT_MS);
        assertEquals(-0.05, one.time().first(), 1e-12);
        assertNull(one.shifts());
        assertEquals("", one.note());
    }

    /**
     * Writes a SEG-Y file of two shots of {@link #TRACES} traces each, trace {@code t} (0-based in
     * the file) recorded from {@code delayMs(t)}: its samples hold the event at {@link #EVENT_S}
     * from the shot, so at sample (0.3 s − delay) / 4 ms.
     */
    static Path delayed(Path dir, String name, LongToDoubleFunction delayMs) {
        Path plain = dir.resolve(name + "-plain.sgy");
        Sampling time = new Sampling(NT, DT_MS * 1e-3, 0);
        GatherPaneFixture.writeShots(plain, time, 2, TRACES, s -> 50.0, (s, r, trace) -> { });
        Path out = dir.resolve(name + ".sgy");
        try (SegyReader r = SegyReader.open(plain)) {
            SegyWriteOptions options = SegyWriteOptions.of(NT, (int) (DT_MS * 1000))
                    .withBinaryHeaderTemplate(r.binaryHeader()).withRawTextHeaders(r.rawTextHeaders());
            float[] samples = new float[NT];
            try (SegyWriter w = SegyWriter.create(out, options)) {
                for (long t = 0; t < r.traceCount(); t++) {
                    TraceHeader h = r.readHeaderAndTrace(t, samples);
                    double d = delayMs.applyAsDouble(t);
                    float[] moved = new float[NT];
                    moved[(int) Math.round((EVENT_S * 1000 - d) / DT_MS)] = 1f;
                    h.setDelayMs(d);
                    w.write(h, moved);
                }
            }
        }
        return out;
    }
}
