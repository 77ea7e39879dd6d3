package io.seiswork.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * A command line the user mistyped (unknown option, bad value, missing argument): the problem in
 * one line naming the command, picocli's "did you mean" suggestions for a misspelt option or
 * subcommand, and where the options are described, instead of the whole usage text (which
 * buries the message). Exit code 2, as picocli's default for usage errors. A bad option value is
 * one of these ({@link OptionValues}). With {@code --json} among the arguments of a command that
 * has it, the line is also printed as JSON on standard output ({@link JsonErrorOutput}).
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String command = cl.getCommandSpec().qualifiedName();
        // A converter of OptionValues words its whole line; picocli would put "Invalid value for option ..." before it.
        String message = ex.getCause() instanceof OptionValues.Refused r ? r.getMessage() : ex.getMessage();
        if (JsonErrorOutput.asked(cl, args)) {
            JsonErrorOutput.print(cl, command + ": " + message, "see '" + command + " --help' for the options");
        }
        err.println(command + ": " + message);
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("See '" + command + " --help' for the options.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }
}
