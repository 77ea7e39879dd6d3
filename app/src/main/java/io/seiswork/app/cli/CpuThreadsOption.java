package io.seiswork.app.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --threads N}: how many threads the CPU engine runs on, for {@code seiswork bench} and
 * {@code seiswork run} alike. Without it, one per available processor. Fewer leave cores to other
 * programs; on a machine whose cores other programs already keep busy, one thread is often as
 * fast as two (docs/benchmarks.md, "Threads on a busy machine").
 */
final class CpuThreadsOption {

    /**
     * Most threads per available processor: more only take turns on the same cores (and each
     * holds a stack), so a larger count is a typing mistake, not a setting.
     */
    static final int MAX_PER_PROCESSOR = 16;

    @Option(names = "--threads", paramLabel = "N", description = "CPU engine threads (default: one per available "
            + "processor; at most " + MAX_PER_PROCESSOR + " per processor). The GPU engine ignores it.")
    Integer threads;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The most {@code --threads} takes on this machine. */
    static int max() {
        return MAX_PER_PROCESSOR * Runtime.getRuntime().availableProcessors();
    }

    /**
     * The threads given, or null for the engine's default (one per available processor).
     *
     * @throws picocli.CommandLine.ParameterException naming {@code --threads} and its limits
     */
    Integer orDefaultNull() {
        if (threads != null) {
            OptionValues.require(threads >= 1 && threads <= max(), command, "--threads", "1 to " + max() + " ("
                    + MAX_PER_PROCESSOR + " per available processor)", threads);
        }
        return threads;
    }

    /** The threads given, or one per available processor. */
    int resolve() {
        Integer t = orDefaultNull();
        return t != null ? t : Runtime.getRuntime().availableProcessors();
    }
}
