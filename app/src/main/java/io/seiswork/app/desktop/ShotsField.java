package io.seiswork.app.desktop;

import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/**
 * The tool bar's Shots field: which shots Run runs on this machine. Checked as it is typed
 * ({@link ShotsFieldCheck}), red with the problem as its tooltip and on the status line, as the
 * form marks its fields.
 */
final class ShotsField extends TextField {

    private static final String SHOTS_TIP = "Run only these shots on this machine, by number: 1 or 1,4-6 (empty: every "
            + "shot). They keep their numbers and places; a migration stacks only them";

    private final Supplier<Project> project;
    private final Label status;
    /** A Shots problem the status line shows, to be taken back once the list is fine. */
    private String shotsProblemShown;

    /**
     * @param project the project in hand (null for none), whose shots the list names
     * @param status the window's status line
     */
    ShotsField(Supplier<Project> project, Label status) {
        this.project = project;
        this.status = status;
        setId("shotsField");
        setPromptText("all");
        setPrefColumnCount(6);
        setTooltip(new Tooltip(SHOTS_TIP));
        textProperty().addListener((o, a, b) -> check());  // red at once, as the form's fields
    }

    /**
     * Marks the Shots field red with the problem as its tooltip (and in the status line) when Run
     * would refuse its list for the project, as the form marks its fields; null when it is fine.
     */
    String check() {
        Project p = project.get();
        String problem = p == null ? null
                : ShotsFieldCheck.problem(getText(), p.job().dataFile() != null ? null : p.job().geometry());
        setStyle(problem == null ? "" : FormField.PROBLEM_STYLE);
        setTooltip(new Tooltip(problem == null ? SHOTS_TIP : problem));
        if (problem != null) {
            showProblem(problem);
        } else if (p != null) {
            fine();
        }
        return problem;
    }

    /** Says what is wrong with the Shots list in the status line, until the list is fine. */
    void showProblem(String problem) {
        status.setText(problem);
        shotsProblemShown = problem;
    }

    /** The Shots list is fine: a problem of it the status line still shows gives way to what Run will run. */
    private void fine() {
        if (shotsProblemShown != null && status.getText().equals(shotsProblemShown)) {
            String list = getText().strip();
            status.setText(list.isEmpty() ? "Shots: Run runs every shot." : "Shots: Run runs only " + list + ".");
        }
        shotsProblemShown = null;
    }
}
