package io.seiswork.app.run;

import io.seiswork.core.spec.EngineChoice;
import io.seiswork.kernels.engine.WaveEngine;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;

/**
 * The engine a run uses and why, as reported in {@code run.json} and on the terminal.
 *
 * @param engine the engine (close it after the run)
 * @param reason one line saying why this engine was chosen
 */
public record SelectedEngine(WaveEngine engine, String reason) {

    /**
     * Chooses the engine for {@code choice}. This build has no GPU engine yet, so "auto" runs on
     * the CPU and says so, and an explicit "gpu" is refused with that explanation rather than
     * silently downgraded.
     *
     * @throws IllegalArgumentException for "gpu"
     */
    public static SelectedEngine choose(EngineChoice choice) {
        return switch (choice) {
            case CPU -> new SelectedEngine(new CpuWaveEngine(), "engine \"cpu\" requested");
            case AUTO -> new SelectedEngine(new CpuWaveEngine(), "engine \"auto\": this build has no GPU kernels, using the CPU");
            case GPU -> throw new IllegalArgumentException(
                    "engine: \"gpu\" requested but this build has no GPU kernels; use \"cpu\" or \"auto\"");
        };
    }
}
