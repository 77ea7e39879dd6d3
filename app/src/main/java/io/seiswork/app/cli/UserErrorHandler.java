package io.seiswork.app.cli;

import picocli.CommandLine;

/**
 * Turns an exception from a command into one line on standard error naming what went wrong,
 * instead of a stack trace (and, for a {@link FailureWithHint}, its hint on the next line). Exit code 1 for failures of the work, 2 is left to picocli for usage
 * errors.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
        cl.getErr().println("seiswork: " + message);
        if (ex instanceof FailureWithHint f) {
            cl.getErr().println("seiswork: " + f.hint());
        }
        if (System.getenv("SEISWORK_DEBUG") != null) {
            ex.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return 1;
    }
}
