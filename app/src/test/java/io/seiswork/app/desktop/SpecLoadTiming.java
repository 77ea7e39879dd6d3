package io.seiswork.app.desktop;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A timing harness, not a test (its name ends in neither Test nor Tests, so a build does not run
 * it; run it with {@code -Dtest=SpecLoadTiming}): how long putting a spec of 1 MB and one of
 * 16 MB (the most a spec may be) into the editor holds the JavaFX thread, headless. "One
 * replaceText" is the way before {@link ChunkedLoad} ({@link SpecCodeArea#load}, then the first
 * CSS and layout); "chunked" is {@link SpecEditor#load}, timed by a runnable that posts itself
 * again each time it runs: the longest gap between two of its runs is the longest the thread
 * was held by what ran between them (a chunk, a pulse), the total from load to the last chunk.
 * It prints the figures and asserts nothing about them.
 */
@ExtendWith(ApplicationExtension.class)
class SpecLoadTiming {

    private SpecEditor editor;

    @Start
    void start(Stage stage) {
        editor = new SpecEditor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "timing-check");
            t.setDaemon(true);
            return t;
        }), s -> { }, s -> { }, s -> { }, (title, segy, current) -> null);
        stage.setScene(new Scene(editor, 1000, 700));
        stage.show();
    }

    @Test
    void loadTimes(FxRobot robot) throws Exception {
        robot.interact(editor::dispose);  // no checks: the load alone is timed
        for (int mb : new int[] {1, 16, 1, 16}) {
            String json = spec(mb * 1024 * 1024);
            long[] ns = new long[2];
            robot.interact(() -> {
                long t0 = System.nanoTime();
                editor.text().load(json);
                ns[0] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                editor.applyCss();
                editor.layout();
                ns[1] = System.nanoTime() - t0;
            });
            System.out.printf(Locale.ROOT, "one replaceText of %d MB (%,d chars): %.1f ms in load, %.1f ms css+layout%n",
                    mb, json.length(), ns[0] / 1e6, ns[1] / 1e6);
            robot.interact(() -> editor.load("{}", "empty.json"));
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !editor.loadingProperty().get());

            AtomicBoolean ticking = new AtomicBoolean(true);
            long[] gap = new long[3];  // longest gap, last tick, ticks
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                long now = System.nanoTime();
                gap[0] = Math.max(gap[0], now - gap[1]);
                if (now - gap[1] > 50_000_000L) {
                    System.out.printf(Locale.ROOT, "  block %.1f ms at tick %d, %,d chars in%n", (now - gap[1]) / 1e6,
                            gap[2], editor.text().getLength());
                }
                gap[1] = now;
                gap[2]++;
                if (ticking.get()) {
                    Platform.runLater(tick[0]);
                }
            };
            long[] total = new long[2];
            robot.interact(() -> {
                gap[1] = System.nanoTime();
                Platform.runLater(tick[0]);
                total[0] = System.nanoTime();
                editor.load(json, "timing.json");
                total[1] = System.nanoTime() - total[0];  // the first chunk
            });
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !editor.loadingProperty().get());
            long took = System.nanoTime() - total[0];
            ticking.set(false);
            WaitForAsyncUtils.waitForFxEvents();
            System.out.printf(Locale.ROOT, "chunked %d MB: longest FX-thread block %.1f ms (first chunk %.1f ms),"
                    + " %d ticks, %.0f ms from load to the last chunk%n",
                    mb, gap[0] / 1e6, total[1] / 1e6, gap[2], took / 1e6);
            robot.interact(() -> editor.load("{}", "empty.json"));
        }
    }

    /** A spec of about {@code chars} characters: receivers listed, ten points a line. */
    private static String spec(int chars) {
        return LargeSpecs.ofSize("timing", chars);
    }
}
