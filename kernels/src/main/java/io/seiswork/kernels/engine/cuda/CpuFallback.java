package io.seiswork.kernels.engine.cuda;

import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.kernels.engine.ShotRecord;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.engine.cpu.KernelChoice;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the GPU engine of {@code engine: "auto"} runs a shot that does not fit the device memory:
 * a CPU engine, made on the first such shot and kept for the next, on the kernels of the job
 * ({@link KernelChoice#forJob}, given where the engine is selected). The job's choice, not one per
 * propagation: a fallen-back shot then runs on the kernels, and writes the bytes, that the job's
 * CPU engine would (the same as a run where "auto" took the CPU up front), whichever of the job's
 * shots fall back.
 *
 * <p>Not for concurrent use: the GPU engine calls it from its synchronised {@code model}.
 */
public final class CpuFallback implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CpuFallback.class);

    private final KernelChoice kernels;
    /** Threads of the CPU engine ({@code --threads}); 0: one per processor. */
    private volatile int threads;
    private CpuWaveEngine cpu;
    private volatile String lastReason;

    /** @param kernels the job's kernel choice, for every shot that falls back */
    public CpuFallback(KernelChoice kernels) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
    }

    /**
     * Runs fallen-back shots on {@code threads} threads ({@code seiswork run --threads}, given
     * where the engine is selected) rather than one per processor; a CPU engine made already of
     * another count is closed and made again on the next such shot.
     *
     * @param threads at least 1
     */
    public synchronized void useThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        if (cpu != null && cpu.threads() != threads) {
            cpu.close();
            cpu = null;
        }
    }

    /** The threads fallen-back shots run on: {@link #useThreads}'s, else one per available processor. */
    public int threads() {
        int t = threads;
        return t > 0 ? t : Runtime.getRuntime().availableProcessors();
    }

    /** The kernel choice every fallen-back shot takes (the job's). */
    public KernelChoice kernels() {
        return kernels;
    }

    /**
     * Models {@code request} on the CPU engine, recording why ({@link #lastReason()}).
     *
     * @param tooBig why the shot does not fit the GPU (its memory figures), one line
     */
    synchronized ShotRecord model(String tooBig, ShotRequest request, ProgressListener progress,
            CancellationToken cancel) {
        if (cpu == null) {
            cpu = new CpuWaveEngine(threads(), kernels);
        }
        lastReason = "engine \"auto\": " + tooBig + "; this shot runs on the CPU, " + cpu.name();
        LOG.warn(lastReason);
        return cpu.model(request, progress, cancel);
    }

    /** Marks the last shot as run on the GPU. */
    void ranOnGpu() {
        lastReason = null;
    }

    /** Why the last shot ran on the CPU, naming the CPU engine and its kernels; null when it ran on the GPU. */
    String lastReason() {
        return lastReason;
    }

    @Override
    public synchronized void close() {
        if (cpu != null) {
            cpu.close();
            cpu = null;
        }
    }
}
