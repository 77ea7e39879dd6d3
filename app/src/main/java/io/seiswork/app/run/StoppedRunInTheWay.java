package io.seiswork.app.run;

/**
 * Refusal of a run started afresh ({@link LocalRunner#run}) where a run stopped after finishing
 * shots: with shots of an hour each, a forgotten {@code --resume} would throw hours away. The
 * message is one line naming the folder, the shots done and the two ways on ({@code --resume},
 * {@code --restart}); the folder is left as it was.
 */
public final class StoppedRunInTheWay extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    StoppedRunInTheWay(String message) {
        super(message);
    }
}
