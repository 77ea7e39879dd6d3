package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * While a spec opens (tens of seconds for a large model), the window never shows the last
 * project's facts or model beside the new spec's text, nor a form of blank fields: each says
 * "Opening name.json..." until the spec's own are worked out.
 */
class OpeningTest extends WindowTestBase {

    @Test
    void theLastProjectGivesWayToOpeningPlaceholders(FxRobot robot) throws Exception {
        open(robot, DesktopSpecs.model2d(dir, "first", 1));
        Path second = DesktopSpecs.model2d(dir, "second", 2);
        List<String> facts = new CopyOnWriteArrayList<>();
        List<String> models = new CopyOnWriteArrayList<>();
        List<String> forms = new CopyOnWriteArrayList<>();
        robot.interact(() -> {
            window.summary().getChildren().addListener((javafx.collections.ListChangeListener<Node>) c -> {
                if (!window.summary().getChildren().isEmpty()) {
                    facts.add(text(window.summary().getChildren().getFirst()));
                }
            });
            window.tabs().getTabs().get(1).contentProperty().addListener((o, a, b) -> models.add(text(b)));
            ScrollPane form = window.editor().formPane();
            form.contentProperty().addListener((o, a, b) -> forms.add(text(b)));
            window.openFile(second);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Opened"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Opening second-spec.json...", facts.getFirst(), facts.toString());
        assertEquals("Job", facts.getLast(), "then the second spec's facts");
        assertEquals("Opening second-spec.json...", models.getFirst(), models.toString());
        assertEquals("Opening second-spec.json...", forms.getFirst(), forms.toString());
        // The form is filled by the text's first check, which may end after the status says "Opened".
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "form".equals(forms.getLast()));
        assertTrue(robot.lookup("#summary-job").queryAs(Label.class).getText().equals("second"));
    }

    /** A label's text, "form" for the spec form, else the node's class. */
    private static String text(Node n) {
        return n instanceof Label l ? l.getText() : n instanceof SpecForm ? "form" : String.valueOf(n);
    }
}
