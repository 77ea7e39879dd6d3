package io.seiswork.app.desktop;

import java.util.function.IntConsumer;
import javafx.application.Platform;
import org.fxmisc.richtext.util.UndoUtils;

/**
 * Puts a spec's text into the code area a chunk of whole lines at a time, each chunk a runnable
 * of its own on the JavaFX thread, so that the window's pulses (layout, painting, keys, the
 * close button) run between them: one {@code replaceText} of a 16 MB spec held the thread for
 * seconds (1.3–4.9 s on the 2-core VM, docs/desktop.md). Only a text of at most
 * {@value #SCREEN_LINES_MOST} lines and one chunk ({@value #CHUNK_CHARS} characters) is put in at
 * once, before {@link #start} returns: a spec of one chunk but more lines goes in as a larger one
 * does, its first screen a few lines a runnable (below).
 *
 * <p>A chunk is sized by time, not only by characters: each insertion is timed, and the next
 * chunk holds as many characters as the measured cost per character says fit in
 * {@value #BUDGET_NANOS} ns (a third of a 60 Hz frame, the rest of it left to the pulse that
 * follows), between {@value #MIN_CHUNK_CHARS} and {@value #CHUNK_CHARS} characters. An insertion
 * costs about the same at any length of the text (RichTextFX keeps it in a tree of paragraphs),
 * but its cost per character varies several times over with the machine's load: 16,384
 * characters took 6–10 ms on average on the 2-core VM at a load of 10, and 10 to 30 ms at times.
 *
 * <p>The first screen goes in a few lines a runnable, each runnable laying the area out itself
 * ({@link #fillScreen}): a line on screen is a cell of its own, some 3 to 6 ms each on the 2-core
 * VM under load, and a first chunk that filled the screen had the next layout make all 35 of a
 * window's lines at once, 90 to 210 ms of the JavaFX thread's CPU time ({@code SpecLoadTiming},
 * its samples of the thread's stack: flowless's {@code Navigator.fillViewportFrom} making cells,
 * their CSS). Lines below the screen make no cell, and go in by characters as above.
 *
 * <p>The gutter is as wide as the whole text's line numbers from the first chunk on ({@link
 * SpecCodeArea#reserveLines}), not widened at each further digit.
 *
 * <p>While it loads, the area is read-only and keeps no undo history (an undo manager merges
 * successive insertions, copying the text so far at every chunk); afterwards it has a fresh undo
 * manager, so that undo never takes the text back to empty. {@link #cancel} stops it between
 * chunks (another spec opened, the window closed), leaving what was put in so far.
 */
final class ChunkedLoad {

    /** The most characters put into the area by one runnable of the load. */
    static final int CHUNK_CHARS = 16 * 1024;

    /** The fewest characters a runnable puts in (bar the last): a slow spell does not make it a line a runnable. */
    static final int MIN_CHUNK_CHARS = 1024;

    /** What one runnable's insertion aims to take on the JavaFX thread, nanoseconds. */
    static final long BUDGET_NANOS = 5_000_000L;

    /** The first chunk's characters (at most) once the screen is full: nothing measured yet. */
    private static final int FIRST_CHUNK_CHARS = 4 * 1024;

    /** The most lines a runnable puts in while the text so far is all on screen (each a cell made). */
    static final int SCREEN_LINES_MOST = 4;

    /** The lines of the first runnable: nothing measured yet. */
    private static final int FIRST_SCREEN_LINES = 2;

    /** How much the latest insertion counts in the cost per character (the rest: those before it). */
    private static final double LATEST_WEIGHT = 0.5;

    private final SpecCodeArea area;
    private final String text;
    private final int chunkChars;
    private final IntConsumer progress;
    private final Runnable done;
    /** Characters of {@link #text} in the area so far. */
    private int loaded;
    /** The most characters the next runnable puts in, from the cost measured so far. */
    private int nextChars;
    /** Whether the text so far is all on screen: the next runnable puts in lines, not characters. */
    private boolean filling;
    /** The most lines the next runnable puts in while {@link #filling}. */
    private int nextLines = FIRST_SCREEN_LINES;
    /** Nanoseconds a line put in on screen has cost, laid out (a weighted mean), or 0 before the first. */
    private double nanosPerLine;
    /** Nanoseconds an inserted character has cost (a weighted mean of the insertions so far), or 0 before the first. */
    private double nanosPerChar;
    private boolean cancelled;
    private boolean finished;

    /**
     * @param chunkChars the most characters a runnable puts in (a longer line is cut, never a surrogate pair)
     * @param progress told the percentage loaded after each chunk but the last (JavaFX thread)
     * @param done called once, on the JavaFX thread, after the last chunk; not when cancelled
     */
    ChunkedLoad(SpecCodeArea area, String text, int chunkChars, IntConsumer progress, Runnable done) {
        if (chunkChars < 2) {
            throw new IllegalArgumentException("chunkChars must be at least 2, got " + chunkChars);
        }
        this.area = area;
        this.text = text;
        this.chunkChars = chunkChars;
        this.progress = progress;
        this.done = done;
        this.nextChars = Math.min(chunkChars, FIRST_CHUNK_CHARS);
    }

    /** Empties the area and puts in the first chunk; the rest follow in later runnables. JavaFX thread. */
    void start() {
        area.setUndoManager(UndoUtils.noOpUndoManager());
        area.setEditable(false);
        int lines = lines(text);
        area.reserveLines(lines);
        // The previous spec's text (up to 16 MB) goes out before the clock starts: timed with the
        // first chunk, its deletion made characters look costly and the next chunks the fewest.
        area.clear();
        // Only a text of at most a runnable's lines goes in at once. A longer one, even within one
        // chunk's characters (most specs), would have the next layout make its screen's ~35 cells
        // together (90-210 ms); it goes in a few lines a runnable like a large one.
        if (lines <= SCREEN_LINES_MOST && text.length() <= chunkChars) {
            area.appendText(text);
            area.moveTo(0);
            area.showParagraphAtTop(0);
            loaded = text.length();
            next();
            return;
        }
        long t0 = System.nanoTime();
        int end = linesEnd(0, FIRST_SCREEN_LINES);
        area.appendText(text.substring(0, end));
        area.moveTo(0);
        area.showParagraphAtTop(0);
        filling = area.showsEveryLine();
        measuredLines(lineBreaks(0, end), System.nanoTime() - t0);
        loaded = end;
        next();
    }

    /** Stops before the next chunk, leaving the area read-only: only a load that follows it is shown. */
    void cancel() {
        cancelled = true;
    }

    /** Whether the whole text is in the area. */
    boolean finished() {
        return finished;
    }

    /** The whole text being loaded (what the area will hold). */
    String text() {
        return text;
    }

    private void next() {
        if (cancelled) {
            return;
        }
        if (loaded == text.length()) {
            finished = true;
            area.reserveLines(0);
            area.setUndoManager(UndoUtils.defaultUndoManager(area));
            area.setEditable(true);
            done.run();
            return;
        }
        progress.accept((int) (100L * loaded / text.length()));
        Platform.runLater(() -> {
            if (!cancelled) {
                if (filling) {
                    fillScreen();
                } else {
                    int end = chunkEnd(loaded, nextChars);
                    long t0 = System.nanoTime();
                    area.appendText(text.substring(loaded, end));
                    measured(end - loaded, System.nanoTime() - t0);
                    loaded = end;
                }
                next();
            }
        });
    }

    /**
     * Puts in the next few lines while the text so far is all on screen, and lays the area out
     * at once, so that the cells of the lines new to the screen are made here, a few at a time,
     * and not by the next layout all together: each line in view is a cell of its own (a text
     * flow, the gutter's label, their CSS), 2.8 to 5.8 ms each on the 2-core VM under load, and
     * the first screen of a spec (35 lines) took 90 to 210 ms of one pulse. Timed with its
     * layout, a runnable holds as many lines as fit in {@value #BUDGET_NANOS} ns at the cost
     * measured so far, between 1 and {@value #SCREEN_LINES_MOST}. Once the text runs past the
     * bottom of the screen, the chunks are sized by characters: lines off screen make no cell.
     */
    private void fillScreen() {
        int end = linesEnd(loaded, nextLines);
        long t0 = System.nanoTime();
        area.appendText(text.substring(loaded, end));
        filling = area.showsEveryLine();
        measuredLines(lineBreaks(loaded, end), System.nanoTime() - t0);
        loaded = end;
    }

    /** The line breaks from {@code start} to {@code end}, or one for a part of a line. */
    private int lineBreaks(int start, int end) {
        int n = 0;
        for (int i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
            n++;
        }
        return Math.max(n, 1);
    }

    /** Takes an insertion of {@code lines} lines on screen, laid out, that took {@code nanos} into the cost per line. */
    private void measuredLines(int lines, long nanos) {
        double latest = (double) Math.max(nanos, 1) / lines;
        nanosPerLine = nanosPerLine == 0 ? latest : LATEST_WEIGHT * latest + (1 - LATEST_WEIGHT) * nanosPerLine;
        nextLines = (int) Math.max(1, Math.min(SCREEN_LINES_MOST, BUDGET_NANOS / nanosPerLine));
    }

    /**
     * Where the chunk of at most {@code lines} whole lines from {@code start} ends, within
     * {@link #chunkChars} characters: a longer line is cut as {@link #chunkEnd} cuts it.
     */
    private int linesEnd(int start, int lines) {
        int limit = (int) Math.min(text.length(), (long) start + chunkChars);
        int end = start;
        for (int i = 0; i < lines; i++) {
            int newline = text.indexOf('\n', end);
            if (newline < 0 || newline >= limit) {
                break;
            }
            end = newline + 1;
        }
        return end > start ? end : chunkEnd(start, chunkChars);
    }

    /** The lines of {@code text}: its line breaks, and one (a few milliseconds for 16 MB: a vectorised search). */
    static int lines(String text) {
        int n = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * Takes an insertion of {@code chars} characters that took {@code nanos} into the cost per
     * character, and sizes the next chunk by it.
     */
    private void measured(int chars, long nanos) {
        double latest = (double) Math.max(nanos, 1) / Math.max(chars, 1);
        nanosPerChar = nanosPerChar == 0 ? latest : LATEST_WEIGHT * latest + (1 - LATEST_WEIGHT) * nanosPerChar;
        nextChars = chunkChars(nanosPerChar, chunkChars);
    }

    /**
     * The characters of a chunk that fits in {@link #BUDGET_NANOS} at {@code nanosPerChar},
     * between {@link #MIN_CHUNK_CHARS} (or {@code most}, if fewer) and {@code most}.
     */
    static int chunkChars(double nanosPerChar, int most) {
        double fits = BUDGET_NANOS / Math.max(nanosPerChar, 1e-3);
        return (int) Math.max(Math.min(MIN_CHUNK_CHARS, most), Math.min(most, fits));
    }

    /**
     * Where the chunk from {@code start} of at most {@code chars} characters ends: after its last
     * whole line, or cut at the limit for a longer line.
     */
    private int chunkEnd(int start, int chars) {
        int limit = (int) Math.min(text.length(), (long) start + chars);
        if (limit == text.length()) {
            return limit;
        }
        int newline = text.lastIndexOf('\n', limit - 1);
        if (newline >= start) {
            return newline + 1;
        }
        return Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    }
}
