package io.seiswork.app.desktop;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** What a tab of the project window shows while it has nothing else: one wrapped line of text. */
final class Placeholder {

    private Placeholder() {
    }

    static Node of(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setPadding(new Insets(20));
        return l;
    }
}
