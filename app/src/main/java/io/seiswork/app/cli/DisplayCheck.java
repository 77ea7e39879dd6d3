package io.seiswork.app.cli;

import java.nio.file.Path;
import java.util.Locale;

/** The one-line refusal, instead of a JavaFX stack trace, of a desktop command where no screen is. */
final class DisplayCheck {

    private DisplayCheck() {
    }

    /**
     * Refuses a desktop command, before any work, where no display is sure to be there
     * ({@link #problem}).
     *
     * @param command how the user started it, for example "seiswork view"
     * @throws IllegalStateException on Linux without DISPLAY or WAYLAND_DISPLAY, or with a DISPLAY
     *     no X server answers at
     */
    static void require(String command) {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if (linux) {
            String problem = problem(command, System.getenv("DISPLAY"), System.getenv("WAYLAND_DISPLAY"),
                    XDisplay.SOCKET_DIR);
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
        }
    }

    /**
     * Runs {@code show}, which starts JavaFX, naming the display in one line if JavaFX cannot open
     * it ({@link #failed}): the displays {@link #require} lets through unsure.
     *
     * @throws IllegalStateException when JavaFX cannot open the display
     */
    static void show(String command, Runnable show) {
        try {
            show.run();
        } catch (RuntimeException e) {
            IllegalStateException named = failed(command, System.getenv("DISPLAY"), XDisplay.SOCKET_DIR, e);
            throw named != null ? named : e;
        }
    }

    /**
     * The refusal on Linux, or null when a display may be there: neither variable set, or DISPLAY
     * set to a display no X server is sure to answer at (JavaFX draws through X11, WAYLAND_DISPLAY
     * alone is left to it), named with its value. A local display whose socket file is missing is
     * not refused ({@link XDisplay}).
     *
     * @param display DISPLAY, or null
     * @param wayland WAYLAND_DISPLAY, or null
     * @param socketDir where local X servers' sockets are ({@link XDisplay#SOCKET_DIR})
     */
    static String problem(String command, String display, String wayland, Path socketDir) {
        if (display == null) {
            return wayland == null ? command + " needs a display, and neither DISPLAY nor WAYLAND_DISPLAY is set"
                    + instead(command) : null;
        }
        XDisplay.Verdict v = XDisplay.check(display, socketDir);
        return v.refused() ? cannotOpen(command, display, v.why()) : null;
    }

    /**
     * JavaFX's failure to open the display ({@code UnsupportedOperationException: Unable to open
     * DISPLAY}, perhaps wrapped) as one line naming DISPLAY and what the check noted about it; null
     * for any other failure, or without DISPLAY (nothing to name).
     */
    static IllegalStateException failed(String command, String display, Path socketDir, RuntimeException e) {
        String cause = display == null ? null : displayCause(e);
        if (cause == null) {
            return null;
        }
        String note = XDisplay.check(display, socketDir).why();
        String javafx = "JavaFX: " + firstLine(cause);
        return new IllegalStateException(cannotOpen(command, display, note == null ? javafx : javafx + "; " + note), e);
    }

    /** The message in {@code e}'s causes that is about the display, or null. */
    private static String displayCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toUpperCase(Locale.ROOT).contains("DISPLAY")) {
                return t.getMessage();
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("").strip();
    }

    private static String cannotOpen(String command, String display, String why) {
        return command + " cannot open the display DISPLAY=" + display + ": " + why + instead(command);
    }

    private static String instead(String command) {
        return " (on a server: xvfb-run ./" + command + " ..., or use the command line: seiswork --help)";
    }
}
