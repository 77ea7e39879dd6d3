package io.seiswork.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code seiswork segy ...}: inspect, convert and scan SEG-Y / SU files. */
@Command(
        name = "segy",
        mixinStandardHelpOptions = true,
        description = "Inspect, convert and scan SEG-Y (rev 0, 1, 2) and Seismic Unix files.",
        subcommands = {SegyInfoCommand.class, SegyConvertCommand.class, SegyScanCommand.class})
final class SegyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No subcommand given: a usage error (exit code 2) naming the three, as for any bad option. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is missing: info, convert or scan");
    }
}
