package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refusal of a desktop command before JavaFX starts: no display at all, or a DISPLAY no X
 * server answers at, named with its value (JavaFX itself only says "Unable to open DISPLAY").
 */
class DisplayCheckTest {

    @TempDir
    Path sockets;

    private static final String INSTEAD = " (on a server: xvfb-run ./seiswork view ..., or use the command line:"
            + " seiswork --help)";

    @Test
    void noDisplayVariableIsRefused() {
        assertEquals("seiswork view needs a display, and neither DISPLAY nor WAYLAND_DISPLAY is set" + INSTEAD,
                DisplayCheck.problem("seiswork view", null, null, sockets));
        assertNull(DisplayCheck.problem("seiswork view", null, "wayland-0", sockets), "Wayland alone: left to JavaFX");
    }

    @Test
    void aLocalDisplayWithoutAServerIsNamed() {
        assertEquals("seiswork view cannot open the display DISPLAY=:99: no X server listens on " + sockets.resolve("X99")
                + INSTEAD, DisplayCheck.problem("seiswork view", ":99", null, sockets));
        assertEquals("seiswork view cannot open the display DISPLAY=unix:7.0: no X server listens on "
                + sockets.resolve("X7") + INSTEAD, DisplayCheck.problem("seiswork view", "unix:7.0", null, sockets));
    }

    @Test
    void aLocalDisplayWithAServerPasses() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sockets.resolve("X5")));
            assertNull(DisplayCheck.problem("seiswork view", ":5.0", null, sockets));
        }
    }

    @Test
    void aRemoteDisplayIsAskedOnItsPort() throws Exception {
        int display;
        try (ServerSocket server = new ServerSocket(0)) {
            display = server.getLocalPort() - 6000;
            assertTrue(display > 0, "an ephemeral port above 6000: " + server.getLocalPort());
            assertNull(DisplayCheck.problem("seiswork view", "127.0.0.1:" + display, null, sockets));
        }
        String p = DisplayCheck.problem("seiswork view", "127.0.0.1:" + display, null, sockets);
        assertTrue(p.startsWith("seiswork view cannot open the display DISPLAY=127.0.0.1:" + display
                + ": no X server answers at 127.0.0.1 port " + (6000 + display) + " ("), p);
    }

    @Test
    void aValueThatIsNoDisplayNameIsSaidToBeOne() {
        assertEquals("seiswork view cannot open the display DISPLAY=nonsense: it is not a display name of the form"
                + " [host]:display[.screen]" + INSTEAD, DisplayCheck.problem("seiswork view", "nonsense", null, sockets));
    }
}
