package io.seiswork.kernels.engine;

import io.seiswork.core.spec.EngineChoice;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.engine.cpu.KernelChoice;
import io.seiswork.kernels.engine.cuda.CudaProbe;
import io.seiswork.kernels.engine.cuda.CudaRtmShot;
import io.seiswork.kernels.engine.cuda.CudaWaveEngine;

/**
 * The engine a run uses and why, as reported in {@code run.json}, on the terminal and (later) in
 * the desktop app and the worker's metrics.
 *
 * <p>Rule ({@code engine} of the job spec):
 * <ul>
 *   <li>{@code "cpu"}: the CPU engine.
 *   <li>{@code "gpu"}: the GPU engine when {@link CudaProbe#available()}; otherwise refused with
 *       the probe's one-line reason (never silently downgraded). A shot that does not fit the
 *       device memory is refused with the memory plan.
 *   <li>{@code "auto"}: the GPU engine when usable, otherwise the CPU engine with the probe's
 *       reason (for example "no NVIDIA driver (libcuda.so.1 not found)"). With the GPU, a shot
 *       whose memory plan does not fit the device runs on the CPU, on the job's kernels
 *       ({@link io.seiswork.kernels.engine.cuda.CpuFallback}), and the engine logs why;
 *       {@link #select} checks a representative shot up front so the
 *       reason can name it.
 * </ul>
 * The GPU is probed once per JVM (about 0.1 s without a driver, longer with one: it loads the
 * kernels); no exception from the probe escapes.
 *
 * @param engine the engine (close it after the run)
 * @param reason one line saying why this engine was chosen
 */
public record EngineSelection(WaveEngine engine, String reason) {

    /**
     * Chooses the engine for {@code choice} by the rule above, and for "auto" with a usable GPU
     * also checks that {@code typical} (a shot of the run; all shots of a run share the grid) fits
     * the device memory, choosing the CPU with the memory plan as reason if it does not.
     *
     * @param typical a representative shot, or null to skip the memory check here
     * @param kernels the CPU kernels of the job ({@link KernelChoice#forJob}, as
     *     {@code job.JobEngine} weighs them): those of a CPU engine chosen here and, under "auto",
     *     of the CPU engine a GPU engine runs a shot on when it does not fit the device, so that
     *     every path takes the job's one choice; tests and benchmarks without a job pass
     *     {@link KernelChoice#perPropagation()}
     * @throws IllegalArgumentException for "gpu" when no GPU is usable or the shot does not fit
     */
    public static EngineSelection select(EngineChoice choice, ShotRequest typical, KernelChoice kernels) {
        return switch (choice) {
            case CPU -> new EngineSelection(new CpuWaveEngine(kernels), "engine \"cpu\" requested");
            case AUTO -> auto(typical, kernels);
            case GPU -> gpu(typical);
        };
    }

    /**
     * The engine for reverse-time migration ({@code rtm.CudaShotMigrator} on the GPU,
     * {@code rtm.ShotMigrator} on the CPU), by the same rule, except that the device-memory check
     * of {@code typical} is the migration's ({@link CudaRtmShot#memoryCheck}: two propagations,
     * the data, the image and the boundary ring in as few as two level slots, the other levels
     * staged through pinned host memory or disk; a ring too big for the device is no reason to
     * take the CPU).
     *
     * @param typical a representative migration shot, or null to skip the memory check here
     * @param kernels the job's CPU kernels, as for {@link #select}: also those of a migration or a
     *     synthetic-data shot that falls back from the GPU to the CPU
     * @throws IllegalArgumentException for "gpu" when no GPU is usable or the shot does not fit
     */
    public static EngineSelection selectMigration(EngineChoice choice, ShotRequest typical, KernelChoice kernels) {
        return switch (choice) {
            case CPU -> select(choice, null, kernels);
            case AUTO -> {
                EngineSelection s = auto(null, kernels);
                if (typical != null && s.engine() instanceof CudaWaveEngine gpu) {
                    String tooBig = CudaRtmShot.memoryCheck(gpu, typical);
                    if (tooBig != null) {
                        gpu.close();
                        yield new EngineSelection(new CpuWaveEngine(kernels), "engine \"auto\": using the CPU, " + tooBig);
                    }
                }
                yield s;
            }
            case GPU -> {
                EngineSelection s = gpu(null);
                if (typical != null) {
                    CudaWaveEngine gpu = (CudaWaveEngine) s.engine();
                    String tooBig = CudaRtmShot.memoryCheck(gpu, typical);
                    if (tooBig != null) {
                        gpu.close();
                        throw new IllegalArgumentException("engine: \"gpu\" requested but " + tooBig
                                + "; use \"cpu\" or \"auto\"");
                    }
                }
                yield s;
            }
        };
    }

    /**
     * This selection with the CPU engine on {@code threads} threads ({@code seiswork run --threads}):
     * a CPU engine of another thread count is closed and replaced, its kernel choice and the reason
     * kept; a GPU engine that hands shots not fitting its memory to the CPU (engine "auto") runs
     * them on that many threads too (its {@code CpuFallback} and a migration's own CPU engine); null
     * threads leave the selection as it is.
     */
    public EngineSelection withCpuThreads(Integer threads) {
        if (threads != null && engine instanceof CudaWaveEngine gpu) {
            if (gpu.fallsBackToCpu()) {
                gpu.useCpuFallbackThreads(threads);
            }
            return this;
        }
        if (threads == null || !(engine instanceof CpuWaveEngine cpu) || cpu.threads() == threads) {
            return this;
        }
        cpu.close();
        return new EngineSelection(new CpuWaveEngine(threads, cpu.kernels()), reason + " (" + threads
                + (threads == 1 ? " thread" : " threads") + ", --threads)");
    }

    private static EngineSelection auto(ShotRequest typical, KernelChoice kernels) {
        if (!CudaProbe.available()) {
            return new EngineSelection(new CpuWaveEngine(kernels), "engine \"auto\": using the CPU, no usable GPU: "
                    + CudaProbe.reason());
        }
        CudaWaveEngine gpu;
        try {
            gpu = new CudaWaveEngine(kernels);
        } catch (RuntimeException | LinkageError e) {
            return new EngineSelection(new CpuWaveEngine(kernels), "engine \"auto\": using the CPU, the GPU failed to start: "
                    + oneLine(e));
        }
        if (typical != null) {
            String tooBig = gpu.memoryCheck(typical);
            if (tooBig != null) {
                gpu.close();
                return new EngineSelection(new CpuWaveEngine(kernels), "engine \"auto\": using the CPU, " + tooBig);
            }
        }
        return new EngineSelection(gpu, "engine \"auto\": using the GPU " + CudaProbe.reason());
    }

    private static EngineSelection gpu(ShotRequest typical) {
        if (!CudaProbe.available()) {
            throw new IllegalArgumentException("engine: \"gpu\" requested but no GPU is usable: " + CudaProbe.reason()
                    + "; use \"cpu\" or \"auto\"");
        }
        CudaWaveEngine gpu = new CudaWaveEngine();
        if (typical != null) {
            String tooBig = gpu.memoryCheck(typical);
            if (tooBig != null) {
                gpu.close();
                throw new IllegalArgumentException("engine: \"gpu\" requested but " + tooBig
                        + "; use \"cpu\" or \"auto\"");
            }
        }
        return new EngineSelection(gpu, "engine \"gpu\" requested: " + CudaProbe.reason());
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.strip().lines().findFirst().orElse("");
    }
}
