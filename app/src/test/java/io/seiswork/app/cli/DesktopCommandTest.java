package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code seiswork} alone and {@code seiswork desktop}: the refusals that come before any window
 * (the window itself is driven by ProjectWindowTest).
 */
class DesktopCommandTest {

    @Test
    void aMissingSpecIsOneLine() {
        CliRun r = CliRun.run("desktop", "no-such-spec.json");
        assertEquals(1, r.exit());
        assertEquals("seiswork: spec file no-such-spec.json does not exist", r.err().strip());
    }

    /** Without a screen, one line that says what to do instead, not a JavaFX stack trace. */
    @Test
    void withoutADisplayTheBareCommandSaysSo() {
        assumeTrue(System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null,
                "a display is set here, so the bare command would open the window");
        CliRun r = CliRun.run();
        assertEquals(1, r.exit());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.startsWith("seiswork: seiswork desktop needs a display"), line);
        assertTrue(line.contains("seiswork --help"), line);
    }

    @Test
    void helpListsTheDesktop() {
        CliRun r = CliRun.run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("desktop"), r.out());
        assertTrue(r.out().contains("Without a command: the desktop workstation on the built-in demo"), r.out());
    }
}
