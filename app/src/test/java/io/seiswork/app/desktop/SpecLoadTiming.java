package io.seiswork.app.desktop;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
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
 * It also times the scene's layout pulses (from before to after layout: CSS and layout of the
 * code area and its gutter), and counts the JVM's garbage collections meanwhile ({@link
 * GcPauses}): under the tests' parallel collector one young collection of the paragraphs built so
 * far stopped every thread for 0.2–0.7 s during a 16 MB load. Each block's wall time is set
 * beside the JavaFX thread's own CPU time in it: on a loaded machine the thread also waits for a
 * core (and a pulse may wait for the render thread). It prints the figures and asserts nothing
 * about them.
 */
@ExtendWith(ApplicationExtension.class)
class SpecLoadTiming {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
        // -Dtiming.sizes=16,16 to time other sizes (MB, or KiB as 12k); -Dtiming.stacks=30 to print the JavaFX
        // thread's sampled stacks in each block that took it that many ms of CPU time or more.
        String[] sizes = System.getProperty("timing.sizes", "1,16,1,16").split(",");
        long stacksOverNanos = Long.getLong("timing.stacks", 0) * 1_000_000L;
        // The gutter's factory counts the numbers it makes: wrapped once, for every size.
        int[] made = new int[1];
        robot.interact(() -> {
            java.util.function.IntFunction<? extends javafx.scene.Node> graphics =
                    editor.text().getParagraphGraphicFactory();
            editor.text().setParagraphGraphicFactory(i -> {
                made[0]++;
                return graphics.apply(i);
            });
        });
        for (String size : sizes) {
            // "16" is 16 MB, "12k" 12 KiB (a spec of one chunk, ChunkedLoad.CHUNK_CHARS or less).
            boolean kib = size.endsWith("k");
            int amount = Integer.parseInt(kib ? size.substring(0, size.length() - 1) : size);
            String mb = amount + (kib ? " KiB" : " MB");
            String json = spec(amount * 1024 * (kib ? 1 : 1024));
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
            System.out.printf(Locale.ROOT, "one replaceText of %s (%,d chars): %.1f ms in load, %.1f ms css+layout%n",
                    mb, json.length(), ns[0] / 1e6, ns[1] / 1e6);
            robot.interact(() -> editor.load("{}", "empty.json"));
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !editor.loadingProperty().get());

            AtomicBoolean ticking = new AtomicBoolean(true);
            List<Long> gaps = new ArrayList<>();
            List<Long> cpuGaps = new ArrayList<>();  // the JavaFX thread's own CPU time in each gap
            List<Long> gapEnds = new ArrayList<>();
            // The gutter's numbers made in each gap: one for each cell made (a line new to the screen), or moved to another line.
            List<Integer> cellsMade = new ArrayList<>();
            long[] last = new long[2];
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                long now = System.nanoTime();
                long cpu = THREADS.getCurrentThreadCpuTime();
                gaps.add(now - last[0]);
                gapEnds.add(now);
                cellsMade.add(made[0]);
                made[0] = 0;
                cpuGaps.add(cpu - last[1]);
                last[0] = now;
                last[1] = cpu;
                if (ticking.get()) {
                    Platform.runLater(tick[0]);
                }
            };
            // The scene's layout pulses (CSS and layout, from before to after): what RichTextFX does with the text.
            List<Long> pulses = new ArrayList<>();
            long[] pulseStart = new long[1];
            Runnable pre = () -> pulseStart[0] = System.nanoTime();
            Runnable post = () -> pulses.add(System.nanoTime() - pulseStart[0]);
            GcPauses gc = new GcPauses();
            long[] total = new long[2];
            long[] fxThread = new long[1];
            robot.interact(() -> fxThread[0] = Thread.currentThread().threadId());
            FxStackSamples stacks = stacksOverNanos > 0 ? new FxStackSamples(fxThread[0]) : null;
            robot.interact(() -> {
                editor.getScene().addPreLayoutPulseListener(pre);
                editor.getScene().addPostLayoutPulseListener(post);
                made[0] = 0;  // not those of the load timed above
                last[0] = System.nanoTime();
                last[1] = THREADS.getCurrentThreadCpuTime();
                Platform.runLater(tick[0]);
                total[0] = System.nanoTime();
                editor.load(json, "timing.json");
                total[1] = System.nanoTime() - total[0];  // the first chunk
            });
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !editor.loadingProperty().get());
            long took = System.nanoTime() - total[0];
            gc.close();
            ticking.set(false);
            WaitForAsyncUtils.waitForFxEvents();
            System.out.printf(Locale.ROOT, "%d line numbers made in the load (a cell made or moved each), at most %d in one block%n",
                    cellsMade.stream().mapToInt(Integer::intValue).sum(),
                    cellsMade.stream().mapToInt(Integer::intValue).max().orElse(0));
            if (stacks != null) {
                stacks.close();
                for (int i = 0; i < cpuGaps.size(); i++) {
                    if (cpuGaps.get(i) >= stacksOverNanos) {
                        long end = gapEnds.get(i);
                        long start = end - gaps.get(i);
                        System.out.printf(Locale.ROOT, "block %d of %d: %.1f ms CPU, %.1f ms wall, at %.0f ms, %d line"
                                + " numbers made%n%s%s", i, cpuGaps.size(), cpuGaps.get(i) / 1e6, gaps.get(i) / 1e6,
                                (start - total[0]) / 1e6, cellsMade.get(i),
                                stacks.between(start, end, 100), stacks.middleStack(start, end));
                    }
                }
            }
            robot.interact(() -> {
                editor.getScene().removePreLayoutPulseListener(pre);
                editor.getScene().removePostLayoutPulseListener(post);
            });
            // A gap of a millisecond or more held some work (a chunk, a pulse); the shorter ones were ticks back to back.
            List<Long> blocks = gaps.stream().filter(g -> g >= 1_000_000L).toList();
            List<Long> cpuBlocks = cpuGaps.stream().filter(g -> g >= 1_000_000L).toList();
            System.out.printf(Locale.ROOT, "chunked %s: %d FX-thread blocks of 1 ms or more, 95th percentile %.1f ms,"
                    + " longest %.1f ms, %d over 17 ms, %d over 50 ms (first chunk %.1f ms); layout pulses 95th"
                    + " percentile %.1f ms, longest %.1f ms (%d pulses); the JavaFX thread's CPU time in a block:"
                    + " 95th percentile %.1f ms, longest %.1f ms, %d over 17 ms; %.0f ms from load to the last chunk;"
                    + " %s%n",
                    mb, blocks.size(), percentile95(blocks) / 1e6, max(blocks) / 1e6,
                    blocks.stream().filter(g -> g > 17_000_000L).count(),
                    blocks.stream().filter(g -> g > 50_000_000L).count(), total[1] / 1e6, percentile95(pulses) / 1e6,
                    max(pulses) / 1e6, pulses.size(), percentile95(cpuBlocks) / 1e6, max(cpuBlocks) / 1e6,
                    cpuBlocks.stream().filter(g -> g > 17_000_000L).count(), took / 1e6, gc);
            robot.interact(() -> editor.load("{}", "empty.json"));
        }
    }

    private static long max(List<Long> ns) {
        return ns.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** The 95th percentile (nearest rank) of {@code ns}, 0 for none. */
    private static long percentile95(List<Long> ns) {
        if (ns.isEmpty()) {
            return 0;
        }
        long[] sorted = ns.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
    }

    /** A spec of about {@code chars} characters: receivers listed, ten points a line. */
    private static String spec(int chars) {
        return LargeSpecs.ofSize("timing", chars);
    }
}
