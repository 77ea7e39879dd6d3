package io.seiswork.core.spec;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.ShotWindow;
import io.seiswork.core.geometry.SurveyGeometry;
import io.seiswork.core.grid.Grid;
import java.util.List;

/**
 * Whether each shot's grid fits one array ({@link Grid#MAX_POINTS} nodes): a modelling shot is
 * computed on the whole grid, a migration shot on its window (the columns within the migration
 * aperture, metres, of its source and receivers), so a grid larger than one array is a survey's,
 * which only a migration with an aperture can run on.
 */
final class GridSizeChecks {

    private GridSizeChecks() {
    }

    /**
     * What {@link #check} found: whether the grid's size allows the other checks (false with an
     * error recorded), and the grid the largest migration shot is computed on: with a migration
     * aperture and synthetic data, the largest of the shots' windows ({@link ShotWindow}); else
     * the whole grid (for recorded data the shots are the file's, unknown here, so the whole grid
     * bounds them; null when that grid does not fit one array, and the shots are checked as the
     * file is read). Null for modelling, whose shots are computed on the whole grid.
     */
    record Result(boolean passed, Grid shotGrid) {
        private static final Result FAILED = new Result(false, null);
    }

    /**
     * Records an error when the grid, or with synthetic data the largest shot's window, is larger
     * than one array; the largest shot's window is worked out once, here, for the memory checks
     * that follow.
     *
     * @param geometry the spec's survey ({@link JobSpec#surveyGeometry}), whose shots' windows are checked
     * @param geometryChecked whether the sources and receivers lie inside the grid (their windows are then checked)
     */
    static Result check(JobSpec spec, SurveyGeometry geometry, boolean geometryChecked, Problems problems) {
        Grid g = spec.grid();
        boolean fits = g.fitsInArray();
        if (!fits && spec.task() != Task.RTM) {
            problems.error("grid", gridTooLarge(g) + ", and a modelling shot is computed on the whole grid; coarsen the"
                    + " grid or split the survey");
            return Result.FAILED;
        }
        Double aperture = spec.imaging().apertureM();
        if (!fits && aperture == null) {
            problems.error("imaging.aperture", gridTooLarge(g) + ": give the migration aperture in metres, so that each"
                    + " shot is computed on the columns within it of its source and receivers");
            return Result.FAILED;
        }
        if (spec.task() != Task.RTM) {
            return new Result(true, null);
        }
        List<Shot> shots = geometryChecked ? geometry.shots() : List.of();
        if (aperture == null || spec.recordedData() || shots.isEmpty()) {
            return new Result(true, fits ? g : null);
        }
        Grid largest = ShotWindow.largest(g, shots, aperture).grid();
        String problem = apertureProblem(g, largest, aperture);
        if (problem != null) {
            problems.error("imaging.aperture", problem);
            return Result.FAILED;
        }
        return new Result(true, largest);
    }

    /**
     * Why shots cannot be computed on {@code largest}, the grid of the largest of them (the whole
     * grid {@code g} without an {@code aperture}), for the field imaging.aperture; null when it
     * fits one array.
     */
    static String apertureProblem(Grid g, Grid largest, Double aperture) {
        if (largest.fitsInArray()) {
            return null;
        }
        return aperture == null ? gridTooLarge(g) + ": give the migration aperture in metres" : windowTooLarge(largest);
    }

    /** "the grid has N nodes, more than one shot can be computed on (MAX)", for grid {@code g} larger than one array. */
    private static String gridTooLarge(Grid g) {
        return "the grid has " + g.nodes() + " nodes, more than one shot can be computed on (" + Grid.MAX_POINTS + ")";
    }

    /** Why a shot's window {@code largest}, larger than one array, cannot be computed on: asks for a smaller aperture. */
    private static String windowTooLarge(Grid largest) {
        return "the largest shot's window has " + largest.nodes() + " nodes (" + largest.nx() + " x " + largest.ny()
                + " x " + largest.nz() + "), more than one shot can be computed on (" + Grid.MAX_POINTS
                + "): give a smaller aperture";
    }
}
