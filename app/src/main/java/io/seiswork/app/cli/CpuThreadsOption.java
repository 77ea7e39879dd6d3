package io.seiswork.app.cli;

import picocli.CommandLine.Option;

/**
 * {@code --threads N}: how many threads the CPU engine runs on, for {@code seiswork bench} and
 * {@code seiswork run} alike. Without it, one per available processor. Fewer leave cores to other
 * programs; on a machine whose cores other programs already keep busy, one thread is often as
 * fast as two (docs/benchmarks.md, "Threads on a busy machine").
 */
final class CpuThreadsOption {

    @Option(names = "--threads", paramLabel = "N", description = "CPU engine threads (default: one per available "
            + "processor). The GPU engine ignores it.")
    Integer threads;

    /** The threads given, or null for the engine's default (one per available processor). */
    Integer orDefaultNull() {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        return threads;
    }

    /** The threads given, or one per available processor. */
    int resolve() {
        Integer t = orDefaultNull();
        return t != null ? t : Runtime.getRuntime().availableProcessors();
    }
}
