package io.seiswork.core.spec;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.SurveyGeometry;
import io.seiswork.core.grid.Grid;
import java.util.List;

/**
 * Whether a moving spread leaves every shot of the survey a spec lays out ({@link JobSpec#surveyGeometry})
 * with a receiver. Positions and offsets in metres.
 */
final class SpreadChecks {

    private SpreadChecks() {
    }

    /**
     * A moving spread records, per shot, the receivers within its offsets of the source: when no
     * shot has one the run would write empty gathers (and a migration an all-zero image) and exit
     * 0, so it is refused, saying where sources and receivers lie; when only some shots have none,
     * one warning counts them.
     */
    static void checkHasReceivers(JobSpec spec, SurveyGeometry geometry, Problems problems) {
        if (!(spec.spread() instanceof Spread.Moving m)) {
            return;
        }
        int[] without = geometry.shotsWithoutReceivers();
        if (without.length == 0) {
            return;
        }
        List<Position> sources = geometry.sources();
        String offsets = "offsets " + Problems.num(m.minOffsetM()) + ".." + Problems.num(m.maxOffsetM()) + " m";
        if (without.length < sources.size()) {
            problems.warning("receivers.spread.moving", without.length + " of " + sources.size() + " shots have no"
                    + " receiver within their " + offsets + " (first: shot " + (without[0] + 1) + "), and write empty"
                    + " gathers");
            return;
        }
        // Every shot is empty: where sources and receivers lie, from one pass over each (not every
        // pair: the check runs on each as-you-type check of the desktop too).
        Grid g = spec.grid();
        String have = "the sources lie at " + extent(sources, g.is2d()) + " and the receivers at "
                + extent(geometry.receivers(), g.is2d()) + " (the model spans x 0.." + Problems.num(g.xAxis().last())
                + (g.is2d() ? "" : ", y 0.." + Problems.num(g.yAxis().last())) + " m)";
        problems.error("receivers.spread.moving", "no shot has a receiver within its " + offsets + ": " + have
                + "; every gather would be empty. Lower minOffset, raise maxOffset, or move the receivers");
    }

    /** Where {@code points} lie: "x A..B m" (and ", y C..D m" in 3D), to 3 significant digits. */
    private static String extent(List<Position> points, boolean twoD) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Position p : points) {
            x0 = Math.min(x0, p.x());
            x1 = Math.max(x1, p.x());
            y0 = Math.min(y0, p.y());
            y1 = Math.max(y1, p.y());
        }
        return "x " + Problems.num(Figures.round3(x0)) + ".." + Problems.num(Figures.round3(x1)) + " m"
                + (twoD ? "" : ", y " + Problems.num(Figures.round3(y0)) + ".." + Problems.num(Figures.round3(y1)) + " m");
    }
}
