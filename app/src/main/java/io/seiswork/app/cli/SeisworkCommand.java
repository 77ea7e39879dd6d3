package io.seiswork.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the {@code seiswork} command line. */
@Command(
        name = "seiswork",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Seismic imaging workstation: model and migrate shots, inspect SEG-Y files.",
            "Without a command: the desktop workstation on the built-in demo (seiswork desktop)."},
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class, SegyCommand.class, ConvertCommand.class,
                BenchCommand.class,
                BenchVolumeCommand.class,
                ViewCommand.class, DesktopCommand.class,
                SubmitCommand.class, JobsCommand.class, StatusCommand.class, FetchCommand.class, CancelCommand.class,
                ResumeCommand.class, DeleteCommand.class, WorkerCommand.class})
public final class SeisworkCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No command: the desktop workstation on the demo project (docs/desktop.md). */
    @Override
    public void run() {
        new DesktopCommand().call();
    }
}
