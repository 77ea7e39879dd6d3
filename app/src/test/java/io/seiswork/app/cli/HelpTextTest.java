package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help}, subcommands at every depth, renders without a picocli warning: a
 * bare {@code %} in a description ("2 % of the shots") is a format specifier to picocli, which then
 * prints "[picocli WARN] Could not format ..." on standard error and shows the text raw.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutAPicocliWarning() {
        PrintStream systemErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> rendered = new ArrayList<>();
        StringBuilder commandErr = new StringBuilder();
        try {
            // picocli's tracer writes its warnings to System.err, not to the command line's err writer
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (String path : commandPaths(Main.newCommandLine(), new ArrayList<>())) {
                List<String> args = new ArrayList<>(path.isEmpty() ? List.of() : List.of(path.split(" ")));
                args.add("--help");
                CliRun r = CliRun.run(args.toArray(String[]::new));
                assertEquals(0, r.exit(), "seiswork " + path + " --help: " + r.err());
                assertTrue(r.out().contains("Usage:"), "seiswork " + path + " --help printed no usage: " + r.out());
                commandErr.append(r.err());
                rendered.add(path);
            }
        } finally {
            System.setErr(systemErr);
        }
        String warnings = captured.toString(StandardCharsets.UTF_8) + commandErr;
        assertTrue(rendered.size() >= 20, "rendered only " + rendered);
        assertTrue(rendered.contains("segy convert"), "subcommands of subcommands are rendered too: " + rendered);
        assertTrue(!warnings.contains("picocli") && !warnings.contains("Could not format"),
                "--help of " + rendered + " printed:\n" + warnings);
    }

    /** "" for the root, then "run", "segy", "segy info", ...: every command but picocli's own help command. */
    private static List<String> commandPaths(CommandLine cl, List<String> into) {
        String path = cl.getCommandSpec().qualifiedName(" ").replaceFirst("^seiswork ?", "");
        into.add(path);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand) && !into.contains(
                    sub.getCommandSpec().qualifiedName(" ").replaceFirst("^seiswork ?", ""))) {
                commandPaths(sub, into);
            }
        }
        return into;
    }
}
