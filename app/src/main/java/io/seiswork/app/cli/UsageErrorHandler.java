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
        String message = ex.getCause() instanceof OptionValues.Refused r ? r.getMessage()
                : unknownCommand(ex) != null ? unknownCommand(ex) : ex.getMessage();
        if (JsonErrorOutput.asked(cl, args)) {
            JsonErrorOutput.print(cl, command + ": " + message, "see '" + command + " --help' for the options");
        }
        err.println(command + ": " + message);
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("See '" + command + " --help' for the options.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * "unknown command 'frobnicate'; the commands are: run, view, ..." when a word that is no
     * option follows a command that takes only subcommands (picocli says "Unmatched argument at
     * index 0"); null otherwise.
     */
    static String unknownCommand(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return null;
        }
        CommandLine cl = ex.getCommandLine();
        String word = u.getUnmatched().get(0);
        if (cl.getSubcommands().isEmpty() || !cl.getCommandSpec().positionalParameters().isEmpty()
                || word.startsWith("-")) {
            return null;
        }
        String commands = cl.getSubcommands().values().stream().distinct()
                .filter(c -> !c.getCommandSpec().usageMessage().hidden())
                .map(CommandLine::getCommandName).distinct().collect(java.util.stream.Collectors.joining(", "));
        return "unknown command '" + word + "'; the commands are: " + commands;
    }
}
