package io.seiswork.app.desktop;

import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The project window's yes-or-no questions: modal dialogs owned by the window, asked on the
 * JavaFX thread. Every one puts something at stake (a finished run's files, unsaved edits, a cloud
 * job's stored results, text that is not JSON), so Cancel is the default button and has the focus:
 * Enter and Escape keep what is at stake, and the other button names what it does ("Replace",
 * "Delete"), never a bare OK.
 */
final class Questions {

    private final Supplier<Window> owner;

    /** @param owner the window the dialogs belong to, asked for when a question is asked */
    Questions(Supplier<Window> owner) {
        this.owner = owner;
    }

    /**
     * Asks {@code question}, {@code yes} against Cancel, Cancel the default button (Enter keeps
     * what is at stake); true when the user pressed {@code yes}.
     *
     * @param id the dialog pane's id (tests look it up)
     */
    boolean confirmed(String title, String question, String yes, String id) {
        ButtonType doIt = new ButtonType(yes, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question, doIt, ButtonType.CANCEL);
        ask.setTitle(title);
        ask.setHeaderText(null);
        ((Button) ask.getDialogPane().lookupButton(doIt)).setDefaultButton(false);
        ((Button) ask.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ask.getDialogPane().setId(id);
        ask.initOwner(owner.get());
        return ask.showAndWait().filter(b -> b == doIt).isPresent();
    }
}
