package io.seiswork.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One invocation of the real {@code seiswork} command line ({@link Main#newCommandLine()}) with
 * its standard output and error captured, for the command tests.
 *
 * @param exit the exit code
 * @param out what the command printed on standard output
 * @param err what it printed on standard error (progress, warnings, one-line errors)
 */
record CliRun(int exit, String out, String err) {

    /** Runs {@code seiswork args...}. */
    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
