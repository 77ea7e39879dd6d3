package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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
 * A spec of some 4 MB opened in the editor goes into the code area a chunk of at most
 * {@link ChunkedLoad#CHUNK_CHARS} characters per JavaFX runnable (counted, not timed: each
 * change's size, and that the runnable after each change sees no second one), with Save and Apply
 * disabled and the form saying how far it is; the text ends equal to the file byte for byte, no
 * check runs until the last chunk is in, undo then keeps the text, and another spec opened midway
 * stops the first.
 */
@ExtendWith(ApplicationExtension.class)
class ChunkedLoadTest {

    /** Submissions to the checks' thread (the check as typed, the form's work). */
    private final AtomicInteger submitted = new AtomicInteger();
    private final ExecutorService threads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-check");
        t.setDaemon(true);
        return t;
    });
    private SpecEditor editor;

    @Start
    void start(Stage stage) {
        editor = new SpecEditor(task -> {
            submitted.incrementAndGet();
            threads.execute(task);
        }, s -> { }, s -> { }, s -> { }, (title, segy, current) -> null);
        stage.setScene(new Scene(editor, 1000, 700));
        stage.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(editor::dispose);
        threads.shutdownNow();
    }

    @Test
    void aLargeSpecLoadsInChunksOfWholeLinesAndEndsEqualToItsFile(FxRobot robot, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.json");
        Files.writeString(file, spec(4 * 1024 * 1024), StandardCharsets.UTF_8);
        String json = Files.readString(file);
        List<Integer> sizes = new ArrayList<>();
        List<Boolean> alone = new ArrayList<>();
        AtomicInteger changes = new AtomicInteger();
        robot.interact(() -> editor.text().plainTextChanges().subscribe(c -> {
            if (c.getInserted().isEmpty()) {
                return;  // (the last spec's text removed)
            }
            sizes.add(c.getInserted().length());
            int n = changes.incrementAndGet();
            // Runs after the runnable that made change n: it sees change n + 1 only if the same runnable made it too.
            Platform.runLater(() -> alone.add(changes.get() == n));
        }));
        robot.interact(() -> editor.load("{\"name\": \"small\"}", "small.json"));
        waitLoaded();
        // The small spec's check landed (the form shown): nothing of it is still to come.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> editor.formPane().getContent() == editor.form());
        WaitForAsyncUtils.waitForFxEvents();
        sizes.clear();
        alone.clear();
        changes.set(0);
        int before = submitted.get();
        // Submissions counted as the last chunk goes in, on the JavaFX thread: the check the load
        // ends with starts a pause later, and a look from this thread may come after it.
        AtomicInteger duringLoad = new AtomicInteger(-1);
        boolean[] disabledMidway = new boolean[3];
        String[] note = new String[1];
        List<String> notes = new ArrayList<>();
        robot.interact(() -> {
            editor.load(json, "big.json");
            disabledMidway[0] = editor.lookup("#saveSpec").isDisabled();
            disabledMidway[1] = editor.lookup("#applySpec").isDisabled();
            disabledMidway[2] = editor.loadingProperty().get();
            editor.loadingProperty().addListener((o, was, now) -> {
                if (!now) {
                    duringLoad.compareAndSet(-1, submitted.get() - before);
                }
            });
            // Every text the form's note takes while the chunks go in (a fast machine may end the
            // load before a look from this thread would see it).
            if (editor.formPane().getContent() instanceof Label shown) {
                notes.add(shown.getText());
                shown.textProperty().addListener((o, was, now) -> notes.add(now));
            }
        });
        waitLoaded();
        robot.interact(() -> note[0] = notes.stream().filter(t -> t.contains("Loading the spec\u2026 ")).findFirst()
                .orElse("no loading note among " + notes));
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(disabledMidway[0] && disabledMidway[1] && disabledMidway[2], "Save and Apply wait for the load");
        assertTrue(note[0].matches("(?s)Opening big\\.json\\.\\.\\.\nLoading the spec\u2026 \\d+ %"), note[0]);
        int most = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(most <= ChunkedLoad.CHUNK_CHARS, "largest chunk " + most);
        assertTrue(sizes.size() >= json.length() / ChunkedLoad.CHUNK_CHARS,
                sizes.size() + " chunks for " + json.length() + " characters");
        assertEquals(sizes.size(), alone.size());
        assertFalse(alone.contains(false), "a runnable put in two chunks: " + alone);
        assertEquals(0, duringLoad.get(), "no check (nor form work) while the text goes in");
        String[] got = new String[1];
        robot.interact(() -> got[0] = editor.text().getText());
        assertArrayEquals(Files.readAllBytes(file), got[0].getBytes(StandardCharsets.UTF_8));
        robot.interact(() -> assertFalse(editor.editedProperty().get(), "a spec just opened is not an edit"));

        // The one check, after the pause: the form shown in place of "Opening...".
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> editor.formPane().getContent() == editor.form());
        robot.interact(() -> {
            assertFalse(editor.text().isUndoAvailable(), "the load is no edit to undo");
            editor.text().undo();
            got[0] = editor.text().getText();
        });
        assertEquals(json.length(), got[0].length(), "undo after the load leaves the text");
        robot.interact(() -> assertFalse(editor.lookup("#saveSpec").isDisabled(), "Save once loaded"));
    }

    @Test
    void anotherSpecOpenedMidwayStopsTheFirst(FxRobot robot) throws Exception {
        String big = spec(4 * 1024 * 1024);
        String small = "{\n  \"name\": \"second\"\n}\n";
        AtomicInteger after = new AtomicInteger();
        boolean[] midway = new boolean[1];
        robot.interact(() -> {
            editor.load(big, "big.json");
            midway[0] = editor.loadingProperty().get() && editor.text().getLength() < big.length();
            editor.load(small, "second.json");
            editor.text().plainTextChanges().subscribe(c -> after.incrementAndGet());
        });
        waitLoaded();
        // As many runnables as the big spec had chunks: none of them puts text in.
        for (int i = 0; i < big.length() / ChunkedLoad.CHUNK_CHARS + 5; i++) {
            WaitForAsyncUtils.waitForFxEvents(1);
        }
        String[] got = new String[1];
        robot.interact(() -> got[0] = editor.text().getText());
        assertTrue(midway[0], "the big spec was still loading when the second was opened");
        assertEquals(small, got[0]);
        assertEquals(0, after.get(), "no chunk of the first spec after the second was opened");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> editor.formPane().getContent() == editor.form());
    }

    /**
     * 12,000 lines put in 512 characters (about 50 lines) a runnable: the gutter's numbers are as
     * wide from the first chunk to the last (padded to the last line's five digits), not widened at
     * 100, 1,000 and 10,000 lines, each of which redrew every line on screen. The previous text
     * goes out in a change of its own, before the first chunk's insertion is timed (timed with it,
     * its deletion made every character look costly and the next chunks the fewest).
     */
    @Test
    void theGutterKeepsItsWidthWhileALoadOfSmallChunksRuns(FxRobot robot) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 12_000; i++) {
            b.append("  \"p").append(i).append("\": ").append(i % 97).append(",\n");
        }
        String text = b.toString();
        SpecCodeArea[] made = new SpecCodeArea[1];
        robot.interact(() -> {
            made[0] = new SpecCodeArea();
            made[0].replaceText("old spec\n".repeat(20_000));
            Stage stage = new Stage();
            stage.setScene(new Scene(made[0], 400, 300));
            stage.show();
        });
        SpecCodeArea area = made[0];
        WaitForAsyncUtils.waitForFxEvents();
        List<String> lineOne = new ArrayList<>();
        List<Integer> removed = new ArrayList<>();
        List<Integer> inserted = new ArrayList<>();
        boolean[] done = new boolean[1];
        robot.interact(() -> {
            area.plainTextChanges().subscribe(c -> {
                removed.add(c.getRemoved().length());
                inserted.add(c.getInserted().length());
            });
            ChunkedLoad load = new ChunkedLoad(area, text, 512, percent -> {
                for (Node n : area.lookupAll(".lineno")) {
                    if (n instanceof Label l && l.getText().strip().equals("1")) {
                        lineOne.add(l.getText());
                    }
                }
            }, () -> done[0] = true);
            load.start();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> done[0]);
        String[] got = new String[1];
        robot.interact(() -> {
            got[0] = area.getText();
            area.getScene().getWindow().hide();
        });
        assertEquals(text, got[0]);
        assertTrue(inserted.size() > 200, "chunks of about 50 lines: " + inserted.size());
        assertEquals(List.of("old spec\n".length() * 20_000, 0), List.of(removed.getFirst(), inserted.getFirst()),
                "the old text goes out alone");
        assertTrue(lineOne.size() > 100, "line 1's number seen while loading: " + lineOne.size());
        assertEquals(List.of("    1"), lineOne.stream().distinct().toList(), "line 1's number padded to 5 digits throughout");
    }

    /**
     * The lines of a large spec's first screen are made a few a runnable, not all in the layout
     * after the first chunk: each line on screen is a cell of its own (a text flow and the gutter's
     * label, with their CSS), 2.8 to 5.8 ms each on the 2-core VM under load, and the 35 lines of
     * this window's first screen took one pulse 90 to 210 ms. Counted, not timed: the gutter's
     * numbers made between two runnables of a ticker (one for each cell made, or moved to another
     * line), which the whole screen at once makes 35 of.
     */
    @Test
    void theFirstScreenOfALargeSpecIsMadeAFewLinesARunnable(FxRobot robot) throws Exception {
        String json = spec(1024 * 1024);
        List<Integer> madeInGap = new ArrayList<>();
        int[] made = new int[1];
        boolean[] ticking = {true};
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            madeInGap.add(made[0]);
            made[0] = 0;
            if (ticking[0]) {
                Platform.runLater(tick[0]);
            }
        };
        robot.interact(() -> {
            IntFunction<? extends Node> numbers = editor.text().getParagraphGraphicFactory();
            editor.text().setParagraphGraphicFactory(i -> {
                made[0]++;
                return numbers.apply(i);
            });
            Platform.runLater(tick[0]);
            editor.load(json, "big.json");
        });
        waitLoaded();
        int[] onScreen = new int[1];
        robot.interact(() -> {
            ticking[0] = false;
            onScreen[0] = editor.text().getVisibleParagraphs().size();
        });
        WaitForAsyncUtils.waitForFxEvents();
        int bound = 2 * (ChunkedLoad.SCREEN_LINES_MOST + 1);
        assertTrue(onScreen[0] > bound, "the screen holds more lines than a runnable may make: " + onScreen[0]);
        int total = madeInGap.stream().mapToInt(Integer::intValue).sum();
        assertTrue(total >= onScreen[0], "every line on screen made: " + total + " numbers for " + onScreen[0] + " lines");
        int most = madeInGap.stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(most <= bound, "at most " + bound + " line numbers made between two runnables, not " + most
                + ": " + madeInGap.stream().filter(n -> n > 0).toList());
    }

    @Test
    void aChunkHoldsWhatItsMeasuredCostFitsInTheBudgetWithinItsBounds() {
        // 5 ms at 1 µs a character: 5,000 characters; at 0.1 µs, 50,000, so the most, 16,384.
        assertEquals(ChunkedLoad.BUDGET_NANOS / 1000, ChunkedLoad.chunkChars(1000, ChunkedLoad.CHUNK_CHARS));
        assertEquals(ChunkedLoad.CHUNK_CHARS, ChunkedLoad.chunkChars(100, ChunkedLoad.CHUNK_CHARS));
        // A slow spell (a collection, a busy machine: 50 µs a character) still puts in the fewest, not one line.
        assertEquals(ChunkedLoad.MIN_CHUNK_CHARS, ChunkedLoad.chunkChars(50_000, ChunkedLoad.CHUNK_CHARS));
        // A load of small chunks keeps to them.
        assertEquals(64, ChunkedLoad.chunkChars(50_000, 64));
        // The gutter's width is reserved for every line: a last line without a break counts too.
        assertEquals(1, ChunkedLoad.lines(""));
        assertEquals(3, ChunkedLoad.lines("{\n}\n"));
        assertEquals(2, ChunkedLoad.lines("{\n}"));
    }

    private void waitLoaded() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !editor.loadingProperty().get());
    }

    /** A spec of about {@code chars} characters: receivers listed, ten points a line, its name not all ASCII. */
    private static String spec(int chars) {
        return LargeSpecs.ofSize("chunked \u00e9 \ud83c\udf0a", chars);
    }
}
