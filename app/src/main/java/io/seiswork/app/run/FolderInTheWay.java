package io.seiswork.app.run;

/**
 * Refusal of a run started afresh ({@link LocalRunner#run}) into a folder holding a folder by a
 * run output's name that no Seiswork run leaves ({@link io.seiswork.core.files.RunOutputs#foreignFolders}:
 * the user's {@code run.json/} of notes, a training run's {@code checkpoint/} of weights): starting
 * over removes a previous run's checkpoint folder with everything in it, so it would delete such a
 * folder. The message is one line naming the folder and saying to move it; nothing in the output
 * folder has changed.
 */
public final class FolderInTheWay extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    FolderInTheWay(String message) {
        super(message);
    }
}
