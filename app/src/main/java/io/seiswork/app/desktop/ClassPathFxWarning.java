package io.seiswork.app.desktop;

import java.util.logging.Filter;
import java.util.logging.Logger;

/**
 * Drops the one warning JavaFX logs at every start when its classes come from the class path
 * ("Unsupported JavaFX configuration: classes were loaded from 'unnamed module @…'"), which is how
 * the launcher and the packaged application run it: the user can do nothing about it, and it
 * would sit above Seiswork's own messages at every {@code seiswork desktop} and {@code view}.
 * Only that message of the {@code javafx} logger is filtered; every other JavaFX warning (CSS,
 * rendering, its child loggers) still shows.
 */
final class ClassPathFxWarning {

    /** JavaFX logs the warning through this java.util.logging logger. */
    static final String LOGGER = "javafx";

    /** The start of the warning's text. */
    static final String PREFIX = "Unsupported JavaFX configuration";

    /** Held so that the configured logger is not collected and replaced by a fresh one. */
    private static final Logger FX = Logger.getLogger(LOGGER);

    /** Keeps every record but the class-path warning. */
    static final Filter FILTER = r -> r.getMessage() == null || !r.getMessage().startsWith(PREFIX);

    private ClassPathFxWarning() {
    }

    /** Installs the filter; call before the JavaFX platform starts. */
    static void silence() {
        FX.setFilter(FILTER);
    }
}
