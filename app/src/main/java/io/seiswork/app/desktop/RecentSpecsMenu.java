package io.seiswork.app.desktop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;

/**
 * The tool bar's Recent menu: the specs opened or saved lately that still exist
 * ({@link RecentSpecs}), newest first. The list is read and written on a background thread (it
 * looks at files and writes the preferences), never on the JavaFX thread.
 */
final class RecentSpecsMenu extends MenuButton {

    private final RecentSpecs recent;
    private final ExecutorService background;
    private final Consumer<Path> open;

    /**
     * @param background where the list is read and written (a quick thread, not one reading models)
     * @param open called on the JavaFX thread with the spec the user picked
     */
    RecentSpecsMenu(RecentSpecs recent, ExecutorService background, Consumer<Path> open) {
        super("Recent");
        this.recent = recent;
        this.background = background;
        this.open = open;
        setId("recentSpecs");
        setTooltip(new Tooltip("The job specs opened or saved lately"));
        setOnShowing(e -> refresh());
        refresh();
    }

    /** Reads the list again and shows it. */
    void refresh() {
        if (background.isShutdown()) {
            return;
        }
        background.submit(() -> {
            List<Path> found = recent.list();
            Platform.runLater(() -> show(found));
        });
    }

    /** Puts {@code spec} first in the list (a spec opened or saved), then shows the list. */
    void remember(Path spec) {
        if (background.isShutdown()) {
            return;
        }
        background.submit(() -> {
            recent.add(spec);
            List<Path> found = recent.list();
            Platform.runLater(() -> show(found));
        });
    }

    private void show(List<Path> specs) {
        List<MenuItem> items = new ArrayList<>();
        for (Path f : specs) {
            Path folder = f.getParent();
            MenuItem item = MenuItems.item(f.getFileName() + (folder == null ? "" : "   (" + folder + ")"));
            item.setOnAction(e -> open.accept(f));
            items.add(item);
        }
        if (items.isEmpty()) {
            items.add(MenuItems.line("no specs opened yet"));
        }
        getItems().setAll(items);
    }
}
