package io.seiswork.app.desktop;

import io.seiswork.core.spec.SpecException;

/** The one line of a failure that the project window's status line, menus and tabs show. */
final class ProblemLine {

    private ProblemLine() {
    }

    static String of(RuntimeException e) {
        if (e instanceof SpecException spec && !spec.problems().isEmpty()) {
            return spec.problems().getFirst().toString();  // the reason, not the "N problems" heading
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("");
    }
}
