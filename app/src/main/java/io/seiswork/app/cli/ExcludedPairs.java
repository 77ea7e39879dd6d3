package io.seiswork.app.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Options of a command that mean nothing together, pair by pair, each with the sentence that
 * says why: the first pair given together is a usage error in the project's form
 * ({@code seiswork run: MESSAGE}, the help hint, exit 2, {@link UsageErrorHandler}). Not picocli's
 * exclusive argument groups: their refusal is "Error: --check, --estimate are mutually exclusive
 * (specify only one)", which drops the why (that {@code --estimate} checks the spec too).
 *
 * @param pairs checked in order, so a command line with three of the options gets the first
 *     pair's sentence
 */
record ExcludedPairs(List<Pair> pairs) {

    /**
     * Two options, by one of their names as the command declares them, and the refusal's text.
     *
     * @param first an option's name, e.g. "--resume"
     * @param second the other's
     * @param message the whole refusal after "seiswork CMD: "
     */
    record Pair(String first, String second, String message) {
    }

    ExcludedPairs {
        pairs = List.copyOf(pairs);
    }

    /**
     * Refuses the first pair both of whose options {@code spec}'s command line was given.
     *
     * @throws CommandLine.ParameterException the usage error, with the pair's message
     */
    void check(CommandSpec spec) {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        for (Pair p : pairs) {
            if (given.hasMatchedOption(p.first()) && given.hasMatchedOption(p.second())) {
                throw new CommandLine.ParameterException(spec.commandLine(), p.message());
            }
        }
    }
}
