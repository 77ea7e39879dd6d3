package io.seiswork.app.cli;

import io.seiswork.app.text.TerminalText;
import io.seiswork.core.files.IoProblems;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Turns an exception from a command into one line on standard error naming what went wrong,
 * instead of a stack trace (and, for a {@link FailureWithHint}, its hint on the next line); with
 * {@code --json}, also as JSON on standard output ({@link JsonErrorOutput}). Each line starts
 * "seiswork: ", but a {@link NamedFailure}'s, which names its command. Exit code 1 for
 * failures of the work, 2 is left to picocli for usage errors.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (JsonErrorOutput.asked(cl)) {
            JsonErrorOutput.print(cl, message(ex), ex instanceof FailureWithHint f ? f.hint() : null);
        }
        return report(ex, cl.getErr());
    }

    /**
     * Prints {@code ex} as this handler does (its line, a {@link FailureWithHint}'s hint, the
     * trace under {@code SEISWORK_DEBUG}) and flushes; for a command that must have said its
     * outcome before it lets the JVM exit ({@code run} under Ctrl-C, whose shutdown hook holds
     * the exit only until the run has stopped).
     *
     * @return the exit code, 1
     */
    static int report(Exception ex, PrintWriter err) {
        // A message may quote a file's bytes (a text header, a layout stanza): no control reaches the terminal.
        // A NamedFailure's message starts with the command's name already ("seiswork bench: ...").
        err.println((ex instanceof NamedFailure ? "" : "seiswork: ") + TerminalText.lines(message(ex)));
        if (ex instanceof FailureWithHint f) {
            err.println("seiswork: " + TerminalText.lines(f.hint()));
        }
        if (System.getenv("SEISWORK_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /**
     * The exception's message; for a file-system failure that reached here unworded (its message
     * is only the path), the path and what happened in words ({@link IoProblems}). Wrappers that
     * add no words of their own are looked through: a {@link FailureWithHint} (its message is its
     * cause's), an {@link UncheckedIOException} around an {@link IOException} (its message is the
     * cause's class and message), and any exception without a message that has a cause.
     */
    static String message(Throwable ex) {
        Throwable cause = ex.getCause();
        if (cause != null && (ex instanceof FailureWithHint || ex.getMessage() == null
                || ex instanceof UncheckedIOException && ex.getMessage().equals(cause.toString()))) {
            return message(cause);
        }
        if (ex instanceof FileSystemException fse && fse.getFile() != null) {
            return fse.getFile() + ": " + IoProblems.describe(fse, Path.of(fse.getFile()));
        }
        if (ex.getMessage() != null) {
            return ex.getMessage();
        }
        return ex instanceof IOException io ? IoProblems.describe(io, Path.of("")) : ex.getClass().getSimpleName();
    }
}
