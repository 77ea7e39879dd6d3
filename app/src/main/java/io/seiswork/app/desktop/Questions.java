package io.seiswork.app.desktop;

import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The project window's yes-or-no questions: modal dialogs owned by the window, asked on the
 * JavaFX thread. Where something would be lost (a finished run's files, text that is not JSON)
 * Cancel is the default button, so that Enter keeps it.
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

    /** Asks {@code question} with OK and Cancel; true when the user pressed OK. */
    boolean ok(String question) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        ask.setHeaderText(null);
        ask.initOwner(owner.get());
        return ask.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }
}
