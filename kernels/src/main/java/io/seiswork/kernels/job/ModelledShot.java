package io.seiswork.kernels.job;

import io.seiswork.core.geometry.Shot;
import io.seiswork.kernels.engine.RunStats;

/**
 * One shot of task model, as {@link ShotComputer#model} computes it: what a caller writes to
 * {@code shots.sgy} ({@link GatherFiles}) and reports.
 *
 * @param shot the shot modelled
 * @param traces {@code traces[receiver][sample]}, one pressure trace per receiver of the shot in
 *     its order, on {@link ShotComputer#timeS()} (units of the physics convention)
 * @param stats steps, points per step and wall seconds of the time loop, for Gpts/s
 */
public record ModelledShot(Shot shot, float[][] traces, RunStats stats) {
}
