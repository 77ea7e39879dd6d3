package io.seiswork.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the {@code seiswork} command line. */
@Command(
        name = "seiswork",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Seismic imaging workstation: model and migrate shots, inspect SEG-Y files.",
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class, SegyCommand.class, ConvertCommand.class,
                BenchCommand.class,
                BenchVolumeCommand.class,
                ViewCommand.class})
public final class SeisworkCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
