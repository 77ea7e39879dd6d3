package io.seiswork.app.cli;

import java.util.Locale;

/** The one-line refusal, instead of a JavaFX stack trace, of a desktop command where no screen is. */
final class DisplayCheck {

    private DisplayCheck() {
    }

    /**
     * @param command how the user started it, for example "seiswork view"
     * @throws IllegalStateException on Linux without DISPLAY or WAYLAND_DISPLAY
     */
    static void require(String command) {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if (linux && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new IllegalStateException(command + " needs a display, and neither DISPLAY nor WAYLAND_DISPLAY is set"
                    + " (on a server: xvfb-run ./" + command + " ..., or use the command line: seiswork --help)");
        }
    }
}
