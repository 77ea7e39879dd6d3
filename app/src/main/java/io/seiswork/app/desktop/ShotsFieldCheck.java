package io.seiswork.app.desktop;

import io.seiswork.app.run.ShotSelection;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.geometry.SurveyGeometry;
import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with the tool bar's Shots list for a job, as Run would say it, checked as it is
 * typed: not a list ("2-x"), or a shot the job lacks ("2-9" of 3 shots). Recorded data name their
 * shots as they are read, so only the list's form is checked for them.
 */
final class ShotsFieldCheck {

    private ShotsFieldCheck() {
    }

    /**
     * The problem with {@code text}, or null when Run would take it.
     *
     * @param geometry the job's survey, or null when its shots come from recorded data
     */
    static String problem(String text, SurveyGeometry geometry) {
        ShotSelection selection;
        try {
            selection = ShotSelection.parseOrAll(text, "Shots");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (selection.all() || geometry == null) {
            return null;
        }
        try {
            selection.of(numbered(geometry), "Shots");
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * The survey's shots by number and source alone, no receivers: what a check or a list of shot
     * numbers needs, without picking every shot's receivers (a moving spread's visits every
     * receiver for every shot: too long for the JavaFX thread on a large survey).
     */
    static List<Shot> numbered(SurveyGeometry geometry) {
        List<Shot> numbered = new ArrayList<>(geometry.shotCount());
        for (int i = 0; i < geometry.shotCount(); i++) {
            numbered.add(new Shot(i + 1, geometry.sources().get(i), List.of()));
        }
        return numbered;
    }
}
