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
     * Records an error when the grid, or with synthetic data the largest shot's window, is larger
     * than one array.
     *
     * @param geometry the spec's survey ({@link JobSpec#surveyGeometry}), whose shots' windows are checked
     * @param geometryChecked whether the sources and receivers lie inside the grid (their windows are then checked)
     * @return whether the grid's size allows the other checks (false with an error recorded)
     */
    static boolean check(JobSpec spec, SurveyGeometry geometry, boolean geometryChecked, Problems problems) {
        Grid g = spec.grid();
        if (g.fitsInArray()) {
            return true;
        }
        String size = gridTooLarge(g);
        if (spec.task() != Task.RTM) {
            problems.error("grid", size + ", and a modelling shot is computed on the whole grid; coarsen the grid or"
                    + " split the survey");
            return false;
        }
        Double aperture = spec.imaging().apertureM();
        if (aperture == null) {
            problems.error("imaging.aperture", size + ": give the migration aperture in metres, so that each shot is"
                    + " computed on the columns within it of its source and receivers");
            return false;
        }
        if (!spec.recordedData() && geometryChecked) {
            List<Shot> shots = geometry.shots();
            if (!shots.isEmpty()) {
                Grid largest = ShotWindow.largest(g, shots, aperture).grid();
                if (!largest.fitsInArray()) {
                    problems.error("imaging.aperture", windowTooLarge(largest));
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The grid the largest migration shot is computed on: with a migration aperture and synthetic
     * data, the largest of the shots' windows ({@link ShotWindow}); else the whole grid (for
     * recorded data the shots are the file's, unknown here, so the whole grid bounds them; null
     * when that grid does not fit one array, and the shots are checked as the file is read).
     */
    static Grid shotGrid(JobSpec spec, List<Shot> shots) {
        Double aperture = spec.imaging().apertureM();
        if (aperture == null || spec.recordedData() || shots.isEmpty()) {
            return spec.grid().fitsInArray() ? spec.grid() : null;
        }
        return ShotWindow.largest(spec.grid(), shots, aperture).grid();
    }

    /** "the grid has N nodes, more than one shot can be computed on (MAX)", for grid {@code g} larger than one array. */
    static String gridTooLarge(Grid g) {
        return "the grid has " + g.nodes() + " nodes, more than one shot can be computed on (" + Grid.MAX_POINTS + ")";
    }

    /** Why a shot's window {@code largest}, larger than one array, cannot be computed on: asks for a smaller aperture. */
    static String windowTooLarge(Grid largest) {
        return "the largest shot's window has " + largest.nodes() + " nodes (" + largest.nx() + " x " + largest.ny()
                + " x " + largest.nz() + "), more than one shot can be computed on (" + Grid.MAX_POINTS
                + "): give a smaller aperture";
    }
}
