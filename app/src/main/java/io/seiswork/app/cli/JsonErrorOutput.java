package io.seiswork.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The failure of a command run with {@code --json}, as JSON on standard output: one object
 * {@code {"failure": {"message": "<the message>"}}} (and {@code "hint"} beside the message when the
 * failure has one), so that a script reading the output (jq) gets an object to test instead of no
 * input. The top-level key is {@code failure}, not {@code error}, because success output has
 * {@code error} keys of its own ({@code status --json} of a FAILED job exits 0 with a top-level
 * {@code error}; {@code bench --json} nests them) and no success output has a {@code failure} key.
 * The one line on standard error and the exit status stay as without {@code --json}. Written by
 * the two handlers every command's failures pass through ({@link UserErrorHandler},
 * {@link UsageErrorHandler}), not by each command.
 */
final class JsonErrorOutput {

    private static final ObjectMapper JSON = JsonControlEscapes.on(new ObjectMapper());

    private JsonErrorOutput() {
    }

    /** Whether {@code cl}'s command has a {@code --json} option and it was given, as parsed. */
    static boolean asked(CommandLine cl) {
        CommandLine.ParseResult parsed = cl.getParseResult();
        return hasJsonOption(cl) && parsed != null && parsed.hasMatchedOption("--json");
    }

    /**
     * Whether {@code cl}'s command has a {@code --json} option and {@code args} hold it: for a
     * command line that failed to parse, whose parse result is not there to ask.
     */
    static boolean asked(CommandLine cl, String[] args) {
        return hasJsonOption(cl) && args != null && Arrays.asList(args).contains("--json");
    }

    private static boolean hasJsonOption(CommandLine cl) {
        return cl != null && cl.getCommandSpec().findOption("--json") != null;
    }

    /**
     * Prints {@code {"failure": {"message": message}}} (with {@code "hint"} beside it when not null)
     * as one line on {@code cl}'s output.
     */
    static void print(CommandLine cl, String message, String hint) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode failure = o.putObject("failure").put("message", message);
        if (hint != null) {
            failure.put("hint", hint);
        }
        PrintWriter out = cl.getOut();
        try {
            out.println(JSON.writeValueAsString(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON object of two strings cannot fail to serialise", e);
        }
        out.flush();
    }
}
