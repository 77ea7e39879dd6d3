package io.seiswork.core.spec;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.SmoothedVelocityField;
import java.util.List;

/**
 * The checks of a migration's shots once a data file's trace headers give them, which the
 * resolver cannot make before (it does not read the file); {@link JobResolver#shotsProblem}, their
 * public face, says which.
 */
final class RecordedShotChecks {

    private RecordedShotChecks() {
    }

    /** See {@link JobResolver#shotsProblem}: the problem in one line, starting with the spec field to change; null when none. */
    static String problem(ResolvedJob job, List<Shot> shots, int traceSamples, long budgetBytes) {
        JobSpec spec = job.spec();
        Grid g = spec.grid();
        if (shots.isEmpty()) {
            return null;
        }
        Double aperture = spec.imaging().apertureM();
        Grid largest = ShotWindow.largest(g, shots, aperture).grid();
        String tooLarge = GridSizeChecks.apertureProblem(g, largest, aperture);
        if (tooLarge != null) {
            return "imaging.aperture: " + tooLarge;
        }
        String surface = FreeSurfaceChecks.onDataShots(spec, shots);
        if (surface != null) {
            return surface;
        }
        int receivers = shots.stream().mapToInt(s -> s.receivers().size()).max().orElse(0);
        long need = MemoryChecks.migrationBytes(spec, largest, new ShotTraces(receivers, traceSamples), job.time())
                + job.storage().heapBytes(g);
        if (need > budgetBytes) {
            return "grid: one shot of the data file needs " + MemoryEstimate.gib(need) + " but the memory budget is "
                    + MemoryEstimate.gib(budgetBytes) + " (" + JobResolver.BudgetAdvice.HEAP.raiseIt() + ", or give a"
                    + " smaller imaging.aperture)";
        }
        if (job.migrationVelocity() instanceof SmoothedVelocityField) {
            MemoryChecks.WindowSmoothing p = MemoryChecks.windowSmoothingProblem(spec, largest, job.storage(),
                    budgetBytes, JobResolver.BudgetAdvice.HEAP);
            if (p != null) {
                return "migrationVelocity.smooth: " + p.message();
            }
        }
        return null;
    }
}
