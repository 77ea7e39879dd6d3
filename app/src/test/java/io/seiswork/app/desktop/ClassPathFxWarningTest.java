package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The class-path warning goes; any other JavaFX warning stays. */
class ClassPathFxWarningTest {

    @Test
    void onlyTheClassPathWarningIsDropped() {
        assertFalse(ClassPathFxWarning.FILTER.isLoggable(new LogRecord(Level.WARNING,
                "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @45283ce2'")));
        assertTrue(ClassPathFxWarning.FILTER.isLoggable(new LogRecord(Level.WARNING,
                "Could not resolve 'x' while resolving lookups for '-fx-text-fill'")));
        assertTrue(ClassPathFxWarning.FILTER.isLoggable(new LogRecord(Level.SEVERE, null)));
    }
}
