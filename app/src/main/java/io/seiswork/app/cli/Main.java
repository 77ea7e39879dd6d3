package io.seiswork.app.cli;

import picocli.CommandLine;

/** Entry point of the {@code seiswork} launcher. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogLevels.fromEnvironment(System.getenv(LogLevels.ENV), System.err);
        System.exit(newCommandLine().execute(args));
    }

    /**
     * The configured command line: user errors (bad files, bad specs) are printed as one message
     * without a stack trace ({@code SEISWORK_DEBUG=1} shows the trace for developers), usage
     * errors as one message and a pointer to {@code --help}.
     */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new SeisworkCommand());
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        return cl;
    }
}
