package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.geometry.Side;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The spec's JSON area: its context menu enables what applies (Cut, Copy and Delete with a
 * selection, Paste with text on the clipboard) and shows each item's key; greyed while disabled.
 */
@ExtendWith(ApplicationExtension.class)
class SpecCodeAreaTest {

    private SpecCodeArea area;
    private StackPane parent;

    @Start
    void start(Stage stage) {
        area = new SpecCodeArea();
        parent = new StackPane(area);
        stage.setScene(new Scene(parent, 500, 300));
        stage.show();
    }

    @Test
    void theContextMenuEnablesWhatApplies(FxRobot robot) {
        robot.interact(() -> {
            area.load("{\"name\": \"demo\"}");
            Clipboard.getSystemClipboard().clear();
        });
        Map<String, MenuItem> items = items();
        assertEquals(List.of("Undo", "Redo", "Cut", "Copy", "Paste", "Delete", "Select all"),
                List.copyOf(items.keySet()));
        Map<String, Boolean> enabled = shown();
        assertEquals(Map.of("Undo", false, "Redo", false, "Cut", false, "Copy", false, "Paste", false,
                "Delete", false, "Select all", true), enabled, "nothing selected, nothing to paste or undo");

        robot.interact(() -> {
            area.selectRange(1, 7);  // "name"
            ClipboardContent c = new ClipboardContent();
            c.putString("x");
            Clipboard.getSystemClipboard().setContent(c);
        });
        assertEquals(Map.of("Undo", false, "Redo", false, "Cut", true, "Copy", true, "Paste", true,
                "Delete", true, "Select all", true), shown(), "a selection and text on the clipboard");

        robot.interact(() -> items.get("Delete").fire());
        assertEquals("{: \"demo\"}", area.getText(), "Delete takes the selection out");
        robot.interact(area::selectAll);
        Map<String, Boolean> after = shown();
        assertTrue(after.get("Undo"), "the deletion can be undone");
        assertFalse(after.get("Select all"), "everything is selected already");

        robot.interact(() -> area.setEditable(false));
        Map<String, Boolean> readOnly = shown();
        assertFalse(readOnly.get("Cut") || readOnly.get("Paste") || readOnly.get("Delete") || readOnly.get("Undo"),
                readOnly.toString());
        assertTrue(readOnly.get("Copy"));
        robot.interact(() -> area.setEditable(true));
    }

    /** Each item shows its key, with the shortcut modifier (Ctrl here, Cmd on macOS). */
    @Test
    void theContextMenuShowsTheKeys() {
        Map<String, KeyCombination> keys = items().values().stream()
                .collect(Collectors.toMap(MenuItem::getText, MenuItem::getAccelerator));
        KeyCombination.Modifier shortcut = KeyCombination.SHORTCUT_DOWN;
        assertEquals(new KeyCodeCombination(KeyCode.Z, shortcut), keys.get("Undo"));
        assertEquals(new KeyCodeCombination(KeyCode.Y, shortcut), keys.get("Redo"));
        assertEquals(new KeyCodeCombination(KeyCode.X, shortcut), keys.get("Cut"));
        assertEquals(new KeyCodeCombination(KeyCode.C, shortcut), keys.get("Copy"));
        assertEquals(new KeyCodeCombination(KeyCode.V, shortcut), keys.get("Paste"));
        assertEquals(new KeyCodeCombination(KeyCode.DELETE), keys.get("Delete"));
        assertEquals(new KeyCodeCombination(KeyCode.A, shortcut), keys.get("Select all"));
    }

    /** The keys the menu shows are the area's own: Ctrl+Z undoes one edit, once. */
    @Test
    void theShortcutUndoesOneEditOnce(FxRobot robot) {
        robot.interact(() -> {
            area.load("abc");
            area.insertText(3, "d");
            area.getUndoManager().preventMerge();
            area.insertText(4, "e");
            area.requestFocus();
        });
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("abcd", area.getText());
    }

    /** Disabled (a run under way), the JSON is greyed as the form's controls are; enabled again, it is not. */
    @Test
    void theJsonIsGreyedWhileDisabled(FxRobot robot) {
        robot.interact(() -> {
            parent.setDisable(true);
            parent.applyCss();
        });
        assertTrue(area.getPseudoClassStates().contains(PseudoClass.getPseudoClass("disabled")));
        assertEquals(0.4, area.getOpacity(), 1e-9);
        robot.interact(() -> {
            parent.setDisable(false);
            parent.applyCss();
        });
        assertEquals(1.0, area.getOpacity(), 1e-9);
    }

    /** The context menu's items by name, in order (no separators). */
    private Map<String, MenuItem> items() {
        return area.getContextMenu().getItems().stream().filter(i -> !(i instanceof SeparatorMenuItem))
                .collect(Collectors.toMap(MenuItem::getText, Function.identity(), (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }

    /** Which items are enabled when the context menu shows (shown and hidden again). */
    private Map<String, Boolean> shown() {
        WaitForAsyncUtils.asyncFx(() -> area.getContextMenu().show(area, Side.BOTTOM, 0, 0));
        WaitForAsyncUtils.waitForFxEvents();
        Map<String, Boolean> enabled = items().values().stream()
                .collect(Collectors.toMap(MenuItem::getText, i -> !i.isDisable()));
        WaitForAsyncUtils.asyncFx(() -> area.getContextMenu().hide());
        WaitForAsyncUtils.waitForFxEvents();
        return enabled;
    }
}
