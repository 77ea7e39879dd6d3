package io.seiswork.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code seiswork bench-volume}: hidden benchmark helpers behind {@code scripts/bench-volume-slices.sh}
 * (generate a synthetic volume as .swv and SEG-Y, time slice extraction from both).
 */
@Command(name = "bench-volume", hidden = true, mixinStandardHelpOptions = true,
        description = "Volume-store benchmarks: generate synthetic volumes, time slice extraction.",
        subcommands = {BenchVolumeGenerateCommand.class, BenchVolumeSlicesCommand.class})
final class BenchVolumeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
