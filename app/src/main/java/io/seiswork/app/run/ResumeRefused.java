package io.seiswork.app.run;

/**
 * Why a run cannot go on from the outputs in its folder ({@link LocalRunner#resume}): no run to
 * resume there, a finished one, or one whose results the run asked for would not continue bit for
 * bit (another spec, other shots, another engine). The message is one line for the user, and the
 * folder is left as it was.
 */
public final class ResumeRefused extends RuntimeException {

    public ResumeRefused(String message) {
        super(message);
    }
}
