package io.seiswork.app.desktop;

import java.util.Locale;
import java.util.concurrent.Executors;
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
 * it; run it with {@code -Dtest=SpecLoadTiming}): how long {@link SpecEditor#load} holds the
 * JavaFX thread for a spec of 1 MB and one of 16 MB (the most a spec may be), headless, and the
 * first layout pulse after it. It prints the figures and asserts nothing about them.
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
                editor.load(json, "timing.json");
                ns[0] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                editor.applyCss();
                editor.layout();
                ns[1] = System.nanoTime() - t0;
            });
            System.out.printf(Locale.ROOT, "load of %d MB (%,d chars): %.1f ms in load, %.1f ms css+layout%n",
                    mb, json.length(), ns[0] / 1e6, ns[1] / 1e6);
            robot.interact(() -> editor.load("{}", "empty.json"));
        }
    }

    /** A spec of about {@code chars} characters: receivers listed, ten points a line. */
    private static String spec(int chars) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; points.length() < chars - 600; i++) {
            points.append(i % 10 == 0 ? "\n      " : " ").append('[').append(i * 10).append(", 0, 20],");
        }
        points.setLength(points.length() - 1);
        return """
                {
                  "name": "timing",
                  "task": "model",
                  "grid": { "nx": 1000, "ny": 1, "nz": 100, "dx": 10, "dz": 10 },
                  "velocity": { "constant": 2000 },
                  "wavelet": { "type": "ricker", "peakHz": 10 },
                  "time": { "lengthS": 0.5, "sampleS": 0.004 },
                  "sources": { "line": { "x0": 500, "dx": 100, "n": 2, "y": 0, "z": 20 } },
                  "receivers": { "list": [%s
                    ] },
                  "engine": "cpu"
                }
                """.formatted(points);
    }
}
