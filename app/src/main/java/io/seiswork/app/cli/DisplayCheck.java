package io.seiswork.app.cli;

import java.nio.file.Path;
import java.util.Locale;

/** The one-line refusal, instead of a JavaFX stack trace, of a desktop command where no screen is. */
final class DisplayCheck {

    private DisplayCheck() {
    }

    /**
     * @param command how the user started it, for example "seiswork view"
     * @throws IllegalStateException on Linux without DISPLAY or WAYLAND_DISPLAY, or with a DISPLAY no X
     *     server answers at
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
     * The refusal on Linux, or null when a display is there: neither variable set, or DISPLAY set
     * to a display no X server answers at (JavaFX draws through X11, WAYLAND_DISPLAY alone is
     * left to it), named with its value.
     *
     * @param display DISPLAY, or null
     * @param wayland WAYLAND_DISPLAY, or null
     * @param socketDir where local X servers' sockets are ({@link XDisplay#SOCKET_DIR})
     */
    static String problem(String command, String display, String wayland, Path socketDir) {
        String instead = " (on a server: xvfb-run ./" + command + " ..., or use the command line: seiswork --help)";
        if (display == null) {
            return wayland == null ? command + " needs a display, and neither DISPLAY nor WAYLAND_DISPLAY is set"
                    + instead : null;
        }
        String why = XDisplay.problem(display, socketDir);
        return why == null ? null : command + " cannot open the display DISPLAY=" + display + ": " + why + instead;
    }
}
