package io.seiswork.app.desktop;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;

/**
 * Menu items whose text comes from data (file names, job ids, messages): shown exactly as
 * written. JavaFX reads an underscore in a menu item's text as a mnemonic marker and drops it
 * ("my_survey_v2.json" read "mysurvey_v2.json", "SEISWORK_BUCKET" read "SEISWORKBUCKET"), so
 * every such item is made here, with mnemonic parsing off.
 */
final class MenuItems {

    private MenuItems() {
    }

    /** An item showing {@code text} as written. */
    static MenuItem item(String text) {
        MenuItem item = new MenuItem(text);
        item.setMnemonicParsing(false);
        return item;
    }

    /** A disabled item that only says {@code text} (nothing to pick: a message, an empty list). */
    static MenuItem line(String text) {
        MenuItem item = item(text);
        item.setDisable(true);
        return item;
    }

    /** A sub-menu titled {@code text} as written. */
    static Menu menu(String text) {
        Menu menu = new Menu(text);
        menu.setMnemonicParsing(false);
        return menu;
    }
}
