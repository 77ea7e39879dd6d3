package io.seiswork.render.plot;

import javafx.beans.property.ObjectProperty;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.Region;

/**
 * The vertical exaggeration as a right-click menu on a view that has no tool bar of its own (the
 * live wavefield, the image so far): one radio item per {@link VerticalExaggeration#CHOICES},
 * kept in step with the property both ways.
 */
public final class ExaggerationMenu {

    private ExaggerationMenu() {
    }

    /** Adds the menu to {@code view}, choosing into {@code exaggeration}. */
    public static ContextMenu attach(Region view, ObjectProperty<VerticalExaggeration> exaggeration) {
        ContextMenu menu = new ContextMenu();
        ToggleGroup group = new ToggleGroup();
        for (VerticalExaggeration v : VerticalExaggeration.CHOICES) {
            RadioMenuItem item = new RadioMenuItem("Vertical exaggeration " + v);
            item.setToggleGroup(group);
            item.setUserData(v);
            item.setSelected(v.equals(exaggeration.get()));
            item.setOnAction(e -> exaggeration.set(v));
            menu.getItems().add(item);
        }
        exaggeration.addListener((o, a, b) -> group.getToggles()
                .forEach(t -> t.setSelected(t.getUserData().equals(b))));
        view.setOnContextMenuRequested(e -> menu.show(view, e.getScreenX(), e.getScreenY()));
        return menu;
    }
}
