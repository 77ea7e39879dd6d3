package io.seiswork.app.desktop;

import java.util.function.IntConsumer;
import javafx.application.Platform;
import org.fxmisc.richtext.util.UndoUtils;

/**
 * Puts a spec's text into the code area a chunk of whole lines at a time, each chunk a runnable
 * of its own on the JavaFX thread, so that the window's pulses (layout, painting, keys, the
 * close button) run between them: one {@code replaceText} of a 16 MB spec held the thread for
 * seconds (1.3–4.9 s on the 2-core VM, docs/desktop.md). A text of one chunk
 * ({@value #CHUNK_CHARS} characters) or less is put in at once, before {@link #start} returns.
 *
 * <p>While it loads, the area is read-only and keeps no undo history (an undo manager merges
 * successive insertions, copying the text so far at every chunk); afterwards it has a fresh undo
 * manager, so that undo never takes the text back to empty. {@link #cancel} stops it between
 * chunks (another spec opened, the window closed), leaving what was put in so far.
 */
final class ChunkedLoad {

    /** The most characters put into the area by one runnable of the load. */
    static final int CHUNK_CHARS = 16 * 1024;

    private final SpecCodeArea area;
    private final String text;
    private final int chunkChars;
    private final IntConsumer progress;
    private final Runnable done;
    /** Characters of {@link #text} in the area so far. */
    private int loaded;
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
    }

    /** Empties the area and puts in the first chunk; the rest follow in later runnables. JavaFX thread. */
    void start() {
        area.setUndoManager(UndoUtils.noOpUndoManager());
        area.setEditable(false);
        int end = chunkEnd(0);
        area.replaceText(text.substring(0, end));
        area.moveTo(0);
        area.showParagraphAtTop(0);
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
            area.setUndoManager(UndoUtils.defaultUndoManager(area));
            area.setEditable(true);
            done.run();
            return;
        }
        progress.accept((int) (100L * loaded / text.length()));
        Platform.runLater(() -> {
            if (!cancelled) {
                int end = chunkEnd(loaded);
                area.appendText(text.substring(loaded, end));
                loaded = end;
                next();
            }
        });
    }

    /** Where the chunk from {@code start} ends: after its last whole line, or cut at the limit for a longer line. */
    int chunkEnd(int start) {
        int limit = (int) Math.min(text.length(), (long) start + chunkChars);
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
