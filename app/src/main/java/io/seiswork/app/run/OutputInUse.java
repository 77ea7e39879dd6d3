package io.seiswork.app.run;

/**
 * Refusal of a run whose output folder another run holds ({@link OutputLock}): nothing in the
 * folder was read or changed, so the command says this and nothing else (no "starting over", no
 * hint to resume the other run's checkpoint).
 */
public final class OutputInUse extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    OutputInUse(String message) {
        super(message);
    }
}
