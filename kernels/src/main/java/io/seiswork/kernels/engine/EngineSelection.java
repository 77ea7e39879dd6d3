package io.seiswork.kernels.engine;

import io.seiswork.core.spec.EngineChoice;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;

/**
 * The engine a run uses and why, as reported in {@code run.json}, on the terminal and (later) in
 * the desktop app and the worker's metrics.
 *
 * @param engine the engine (close it after the run)
 * @param reason one line saying why this engine was chosen
 */
public record EngineSelection(WaveEngine engine, String reason) {

    /**
     * Chooses the engine for {@code choice}. This build has no GPU engine yet, so "auto" runs on
     * the CPU and says so, and an explicit "gpu" is refused with that explanation rather than
     * silently downgraded.
     *
     * @throws IllegalArgumentException for "gpu"
     */
    public static EngineSelection select(EngineChoice choice) {
        return switch (choice) {
            case CPU -> new EngineSelection(new CpuWaveEngine(), "engine \"cpu\" requested");
            case AUTO -> new EngineSelection(new CpuWaveEngine(),
                    "engine \"auto\": this build has no GPU kernels, using the CPU");
            case GPU -> throw new IllegalArgumentException(
                    "engine: \"gpu\" requested but this build has no GPU kernels; use \"cpu\" or \"auto\"");
        };
    }
}
