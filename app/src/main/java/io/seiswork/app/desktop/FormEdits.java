package io.seiswork.app.desktop;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.util.Duration;
import org.fxmisc.richtext.CodeArea;

/**
 * The form's edits of the spec text, in the order the user made them. An edit is worked out from
 * the whole text (parsed, its value found: {@link JsonValueEdit}) off the JavaFX thread, on the
 * form's {@code checks} executor, from an immutable snapshot of the document taken on the JavaFX
 * thread (no copy of the text there); only the resulting replacement is made on the JavaFX thread.
 * If the text changed while the edit was worked out (a key typed in the JSON), it is worked out
 * again from the new text: a stale edit is never applied. One edit is in flight at a time, so two
 * quick edits both land, in order, the second worked out from the text the first left.
 *
 * <p>A text of at most {@link #AT_ONCE_MAX_CHARS} characters with no edit in flight is edited at
 * once, on the JavaFX thread: its parse is a few milliseconds at most (as the editor's syntax
 * check at every key), and the edit is in the text as the key that made it lands.
 */
final class FormEdits {

    /** The longest text a form edit is worked out for on the JavaFX thread, characters (as {@link SpecEditor#SYNTAX_AT_ONCE_MAX_CHARS}). */
    static final int AT_ONCE_MAX_CHARS = SpecEditor.SYNTAX_AT_ONCE_MAX_CHARS;

    /** How long an edit may be in flight before its control shows it is pending: about a frame, milliseconds. */
    static final int PENDING_SHOWN_AFTER_MS = 17;

    /** The opacity of a control whose edit is in flight for longer than {@link #PENDING_SHOWN_AFTER_MS}. */
    static final double PENDING_OPACITY = 0.6;

    /**
     * What an edit does: the replacement of the text ({@code change}, null for none) and what the
     * form then shows, on the JavaFX thread ({@code then}, may be null; run after the change is
     * made, or when there is none).
     */
    record Outcome(JsonValueEdit.Edit change, Runnable then) {

        static Outcome none(Runnable then) {
            return new Outcome(null, then);
        }
    }

    private final CodeArea area;
    private final SpecText text;
    private final Executor checks;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private Pending running;
    /** Counts the changes of the text: an edit worked out from an older text is worked out again. */
    private long version;
    /** How many edits were worked out on the JavaFX thread (from a whole text read there), for tests. */
    private long atOnce;
    /** Counts {@link #forget}: work begun for a spec before another was loaded is dropped. */
    private long loads;

    FormEdits(CodeArea area, SpecText text, Executor checks) {
        this.area = area;
        this.text = text;
        this.checks = checks;
        area.plainTextChanges().subscribe(c -> version++);
    }

    /**
     * The text as it is now, to be read later off the JavaFX thread (an immutable snapshot of
     * the document: taking it copies nothing).
     */
    java.util.function.Supplier<String> textLater() {
        var snapshot = area.getContent().snapshot();
        return snapshot::getText;
    }

    /**
     * Makes an edit: {@code work} gets the whole text and says what to change (it runs off the
     * JavaFX thread and must touch no control); {@code shown}, when not null, is dimmed while the
     * edit is in flight for longer than a frame.
     */
    void submit(Function<String, Outcome> work, Node shown) {
        submit(work, shown, null);
    }

    /**
     * As {@link #submit(Function, Node)}, and {@code landed} (when not null) runs on the JavaFX
     * thread once the edit has landed, made or not (after its {@code then}), whatever its work did.
     */
    void submit(Function<String, Outcome> work, Node shown, Runnable landed) {
        Pending p = new Pending(work, shown, landed);
        if (running == null && queue.isEmpty() && area.getLength() <= AT_ONCE_MAX_CHARS) {
            atOnce++;
            land(p, p.workOut(text::text));
            return;
        }
        queue.add(p);
        if (shown != null) {
            p.dim.setOnFinished(e -> {
                if (!p.done) {
                    shown.setOpacity(PENDING_OPACITY);
                }
            });
            p.dim.play();
        }
        if (running == null) {
            next();
        }
    }

    /** Whether an edit is still being worked out. */
    boolean busy() {
        return running != null || !queue.isEmpty();
    }

    /**
     * Whether an edit of {@code shown} (the control given to {@link #submit}) is waiting or in
     * flight: a check that lands meanwhile holds the text from before it.
     */
    boolean pending(Node shown) {
        return running != null && running.shown == shown || queue.stream().anyMatch(p -> p.shown == shown);
    }

    /**
     * How many times the text was made another spec's ({@link #forget}): work begun off the
     * JavaFX thread for one spec compares it before it edits, and drops its edit if it changed.
     */
    long loads() {
        return loads;
    }

    /**
     * Makes every edit still in flight now, on the JavaFX thread, in order: what reads the spec
     * next (Apply, Save, Run, closing) must see them. Their results from the executor are dropped.
     */
    void settle() {
        while (busy()) {
            Pending p = running != null ? running : queue.poll();
            running = null;
            atOnce++;
            land(p, p.workOut(text::text));
        }
    }

    /** Drops every edit still in flight, unmade: the text is another spec's now. */
    void forget() {
        loads++;
        for (Pending p : queue) {
            p.done = true;
            p.dim.stop();
            if (p.shown != null) {
                p.shown.setOpacity(1);
            }
        }
        queue.clear();
        if (running != null) {
            running.done = true;
            running.dim.stop();
            if (running.shown != null) {
                running.shown.setOpacity(1);
            }
            running = null;
        }
    }

    /** How many times the text has changed (any change: an edit's, a key typed in the JSON). */
    long version() {
        return version;
    }

    /** How many edits were worked out on the JavaFX thread, from the whole text read there (for tests). */
    long workedOutAtOnce() {
        return atOnce;
    }

    private void next() {
        running = queue.poll();
        if (running == null) {
            return;
        }
        Pending p = running;
        long asked = version;
        // An immutable document: its text is read off this thread; taking it is no copy.
        var snapshot = area.getContent().snapshot();
        execute(checks, () -> {
            Outcome o = p.workOut(snapshot::getText);  // never throws: its completion is always posted
            Platform.runLater(() -> {
                if (p.done || running != p) {
                    return;  // made meanwhile by settle()
                }
                if (asked != version) {
                    running = null;
                    queue.addFirst(p);  // the text changed meanwhile: worked out again from the new one
                    next();
                    return;
                }
                running = null;
                try {
                    land(p, o);
                } finally {
                    next();  // an edit's follow-up that throws must not stop the edits after it
                }
            });
        });
    }

    private void land(Pending p, Outcome o) {
        p.done = true;
        p.dim.stop();
        if (p.shown != null && queue.stream().noneMatch(q -> q.shown == p.shown)) {
            p.shown.setOpacity(1);
        }
        if (o.change() != null) {
            text.replace(o.change());
        }
        try {
            if (o.then() != null) {
                o.then().run();
            }
        } finally {
            if (p.landed != null) {
                p.landed.run();
            }
        }
    }

    /** Runs {@code r} on {@code checks}, unless they have been shut down (the window is closing: nothing to show it in). */
    static void execute(Executor checks, Runnable r) {
        try {
            checks.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the window is closing
        }
    }

    /** One edit, waiting or in flight. */
    private static final class Pending {
        final Function<String, Outcome> work;
        final Node shown;
        final Runnable landed;
        final PauseTransition dim = new PauseTransition(Duration.millis(PENDING_SHOWN_AFTER_MS));
        boolean done;

        Pending(Function<String, Outcome> work, Node shown, Runnable landed) {
            this.work = work;
            this.shown = shown;
            this.landed = landed;
        }

        /** What the edit does to the text {@code json} gives; a failure is an outcome too (reported as it lands). */
        Outcome workOut(java.util.function.Supplier<String> json) {
            try {
                return work.apply(json.get());
            } catch (Throwable e) {
                // A bug in the edit's own work, or an Error (a StackOverflowError from deeply nested
                // JSON, an OutOfMemoryError): nothing written, said where it can be seen, and the
                // edit still lands (unwritten), so the edits after it are made and settle() works.
                return Outcome.none(() -> Thread.currentThread().getUncaughtExceptionHandler()
                        .uncaughtException(Thread.currentThread(), e));
            }
        }
    }
}
