package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An edit whose work ends in an Error (a StackOverflowError from deeply nested JSON, an
 * OutOfMemoryError) is reported as a failed edit is, and wedges nothing: the edits after it land,
 * and {@link FormEdits#settle} (Apply, Save, Run) still works.
 */
@ExtendWith(ApplicationExtension.class)
class FormEditsTest {

    /** A JSON too long to be edited at once on the JavaFX thread: its edits go to the checks' thread. */
    private static final String LONG = "{ \"name\": \"a\", \"pad\": \"" + "x".repeat(FormEdits.AT_ONCE_MAX_CHARS) + "\" }";

    private final ExecutorService checks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-check");
        t.setDaemon(true);
        return t;
    });
    private final List<Throwable> reported = Collections.synchronizedList(new ArrayList<>());
    private Thread.UncaughtExceptionHandler was;

    @AfterEach
    void stop(FxRobot robot) {
        checks.shutdownNow();
        if (was != null) {
            robot.interact(() -> Thread.currentThread().setUncaughtExceptionHandler(was));
        }
    }

    @Test
    void anErrorWorkingOutAnEditOffTheFxThreadLetsTheNextEditLand(FxRobot robot) throws Exception {
        CodeArea area = WaitForAsyncUtils.asyncFx(() -> new CodeArea()).get();
        FormEdits edits = WaitForAsyncUtils.asyncFx(() -> new FormEdits(area, new SpecText(area), checks)).get();
        robot.interact(() -> {
            catchReports();
            area.replaceText(LONG);
            edits.submit(json -> {
                throw new StackOverflowError("deep JSON");
            }, null);
            edits.submit(json -> FormContext.put(json, "/name", "\"b\"", null), null);
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !fx(edits::busy));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(area::getText).startsWith("{ \"name\": \"b\", "), "the second edit landed");
        assertEquals(1, reported.size(), "the failure reported once: " + reported);
        assertTrue(reported.getFirst() instanceof StackOverflowError, reported.toString());

        robot.interact(() -> edits.submit(json -> FormContext.put(json, "/name", "\"c\"", null), null));
        robot.interact(edits::settle);  // as Apply does
        assertFalse(fx(edits::busy));
        assertTrue(fx(area::getText).startsWith("{ \"name\": \"c\", "));
    }

    @Test
    void anErrorWorkingOutAnEditOnSettleLetsTheNextEditLand(FxRobot robot) throws Exception {
        List<Runnable> held = Collections.synchronizedList(new ArrayList<>());
        CodeArea area = WaitForAsyncUtils.asyncFx(() -> new CodeArea()).get();
        FormEdits edits = WaitForAsyncUtils.asyncFx(() -> new FormEdits(area, new SpecText(area), held::add)).get();
        Throwable[] thrown = {null};
        robot.interact(() -> {
            catchReports();
            area.replaceText(LONG);
            edits.submit(json -> {
                throw new OutOfMemoryError("test");
            }, null);
            edits.submit(json -> FormContext.put(json, "/name", "\"b\"", null), null);
            try {
                edits.settle();  // both made here, the first worked out by none of the held tasks
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        assertEquals(null, thrown[0], "settle throws nothing on the JavaFX thread");
        assertFalse(fx(edits::busy));
        assertTrue(fx(area::getText).startsWith("{ \"name\": \"b\", "), "the second edit made");
        assertEquals(1, reported.size(), reported.toString());
        assertTrue(reported.getFirst() instanceof OutOfMemoryError, reported.toString());
    }

    /** Catches what the JavaFX thread reports as uncaught (on that thread), put back after the test. */
    private void catchReports() {
        was = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }
}
