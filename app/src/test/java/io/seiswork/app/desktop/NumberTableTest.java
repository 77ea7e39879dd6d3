package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A table's own edits, worked out one at a time off the JavaFX thread (a spec too long to edit at
 * once), and the checks that land between them: a check of the text one edit left does not put
 * back rows a later edit still in flight has changed, and an edit made then is not refused.
 */
@ExtendWith(ApplicationExtension.class)
class NumberTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Three receivers listed, and a name long enough that no edit is made at once on the JavaFX thread. */
    private static final String SPEC = "{\n  \"name\": \"" + "n".repeat(FormEdits.AT_ONCE_MAX_CHARS) + "\",\n"
            + "  \"receivers\": {\n    \"list\": [ [0, 0, 20], [10, 0, 20], [20, 0, 20] ]\n  }\n}\n";

    private final List<Runnable> held = Collections.synchronizedList(new ArrayList<>());
    private long version;

    /** The form's context over {@code area}, its checks held in {@link #held} to be run one at a time. */
    private FormContext context(CodeArea area) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> new FormContext(new SpecText(area), area,
                (title, segy, current) -> null, held::add)).get();
    }

    /** The receivers' table (x, y, depth) over {@code /receivers/list}; on the JavaFX thread. */
    private static NumberTable receivers(FormContext context) {
        return new NumberTable("/receivers/list", List.of(new NumberTable.Column("x (m)", null),
                new NumberTable.Column("y (m)", null), new NumberTable.Column("depth (m)", null)),
                new String[] {"100", "0", "0"}, context);
    }

    @Test
    void aCheckLandingBetweenATablesEditsKeepsTheirRows(FxRobot robot) throws Exception {
        CodeArea area = WaitForAsyncUtils.asyncFx(() -> new CodeArea()).get();
        FormContext context = context(area);
        NumberTable[] t = new NumberTable[1];
        robot.interact(() -> {
            area.replaceText(SPEC);
            t[0] = receivers(context);
            check(area, t[0]);
        });
        NumberTable table = t[0];
        assertEquals(List.of("0,0,20", "10,0,20", "20,0,20"), rows(table));

        robot.interact(() -> {
            assertTrue(table.set(0, 0, "7"));
            assertTrue(table.set(1, 0, "8"));
        });
        runOne(robot);  // the first edit worked out; it lands, the second is sent
        assertTrue(fx(area::getText).contains("[ [7, 0, 20], [10, 0, 20], [20, 0, 20] ]"), "the first edit only");
        assertTrue(fx(context.edits::busy), "the second edit in flight");
        robot.interact(() -> check(area, table));  // the check of the text the first edit left
        assertEquals(List.of("7,0,20", "8,0,20", "20,0,20"), rows(table), "the second edit stays on screen");

        robot.interact(() -> assertTrue(table.set(2, 0, "9")));
        while (fx(context.edits::busy)) {
            runOne(robot);
        }
        assertEquals("", fx(table::note), "the third edit not refused");
        assertTrue(fx(area::getText).contains("[ [7, 0, 20], [8, 0, 20], [9, 0, 20] ]"), "all three edits");
        robot.interact(() -> check(area, table));
        assertEquals(List.of("7,0,20", "8,0,20", "9,0,20"), rows(table));
        assertEquals("", fx(table::note));
    }

    /**
     * A paste refused when it is worked out (the JSON holds no list there any more) leaves the
     * table showing what the JSON holds, as a refused cell edit does, not the rows from before.
     */
    @Test
    void aRefusedPasteShowsTheJsonsRows(FxRobot robot) throws Exception {
        CodeArea area = WaitForAsyncUtils.asyncFx(() -> new CodeArea()).get();
        FormContext context = context(area);
        NumberTable[] t = new NumberTable[1];
        String line = SPEC.replace("\"list\": [ [0, 0, 20], [10, 0, 20], [20, 0, 20] ]",
                "\"line\": { \"x0\": 0, \"dx\": 10, \"n\": 3, \"y\": 0, \"z\": 20 }");
        robot.interact(() -> {
            area.replaceText(SPEC);
            t[0] = receivers(context);
            check(area, t[0]);
            area.replaceText(line);  // the receivers typed back into a line, not yet checked
            assertTrue(t[0].paste("1 0 20\n2 0 20"));
        });
        while (fx(context.edits::busy)) {
            runOne(robot);
        }
        NumberTable table = t[0];
        assertEquals(List.of(), rows(table), "no rows: the JSON holds no list");
        assertTrue(fx(table::isDisabled), "greyed out, as a check of that JSON shows it");
        assertTrue(fx(table::note).startsWith("Not pasted: the JSON no longer holds this table"), fx(table::note));
        assertEquals(line, fx(area::getText));
        assertFalse(fx(context.edits::busy));
    }

    /** What the editor does after an edit: the table shows the text's rows (on the JavaFX thread). */
    private void check(CodeArea area, NumberTable table) {
        try {
            table.refresh(JSON.readTree(area.getText()), ++version);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs the one task waiting for the checks' thread, and lets what it posts land. */
    private void runOne(FxRobot robot) {
        Runnable r;
        synchronized (held) {
            assertEquals(1, held.size(), "one edit in flight at a time");
            r = held.removeFirst();
        }
        r.run();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<String> rows(NumberTable t) throws Exception {
        return fx(t::rows).stream().map(r -> String.join(",", r)).toList();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }
}
