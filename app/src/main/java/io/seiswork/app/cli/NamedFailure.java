package io.seiswork.app.cli;

import picocli.CommandLine;

/**
 * A failure of a command's work (exit 1) worded after the command's name, as its usage errors
 * are: {@code seiswork bench: --engine gpu: no CUDA driver ...} beside {@code seiswork bench:
 * --order must be 2, 4 or 8, got 6}, for a command most of whose refusals are usage errors, so
 * that every line it prints starts alike. {@link UserErrorHandler} prints the message as it is,
 * without its own "seiswork: ", and the JSON failure carries the same line.
 */
final class NamedFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param spec the command failing; its qualified name ("seiswork bench") starts the message
     * @param message what went wrong, without the command's name
     * @param cause the exception that said so, or null
     */
    NamedFailure(CommandLine.Model.CommandSpec spec, String message, Throwable cause) {
        super(spec.qualifiedName() + ": " + message, cause);
    }
}
