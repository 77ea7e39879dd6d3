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

    /**
     * No socket file is no proof: Xlib tries the abstract socket @/tmp/.X11-unix/X99 first (a
     * container with --net=host and no socket folder, a private /tmp), which Java cannot ask. Such
     * a display goes to JavaFX; if JavaFX then fails, the line names it with what was found.
     */
    @Test
    void aLocalDisplayWithoutASocketFileIsLeftToJavaFxAndNamedIfItFails() {
        assertNull(DisplayCheck.problem("seiswork view", ":99", null, sockets));
        assertNull(DisplayCheck.problem("seiswork view", "unix:7.0", null, sockets));
        IllegalStateException e = DisplayCheck.failed("seiswork view", ":99", sockets,
                new UnsupportedOperationException("Unable to open DISPLAY"));
        assertEquals("seiswork view cannot open the display DISPLAY=:99: JavaFX: Unable to open DISPLAY; no X server"
                + " listens on " + sockets.resolve("X99") + " (nor, it seems, the abstract socket @"
                + sockets.resolve("X99") + ", which Java cannot ask)" + INSTEAD, e.getMessage());
        IllegalStateException wrapped = DisplayCheck.failed("seiswork view", ":99", sockets,
                new RuntimeException("Application launch exception", new UnsupportedOperationException(
                        "Unable to open DISPLAY")));
        assertTrue(wrapped.getMessage().startsWith("seiswork view cannot open the display DISPLAY=:99: JavaFX: Unable"
                + " to open DISPLAY; "), wrapped.getMessage());
        assertNull(DisplayCheck.failed("seiswork view", ":99", sockets, new IllegalStateException("snapshot failed")),
                "another failure is left as it is");
    }

    /** A protocol prefix is not part of the host; IPv6 hosts and names not known here are not refused. */
    @Test
    void protocolPrefixesIpv6AndUnknownFormsAreNotRefused() throws Exception {
        assertNull(DisplayCheck.problem("seiswork view", "unix/:99", null, sockets), "local, left to JavaFX");
        assertNull(DisplayCheck.problem("seiswork view", "local/:99.0", null, sockets));
        assertNull(DisplayCheck.problem("seiswork view", "nonsense", null, sockets));
        assertNull(DisplayCheck.problem("seiswork view", "decnethost::0", null, sockets));
        assertNull(DisplayCheck.problem("seiswork view", "/private/tmp/launchd-1/org.xquartz:0", null, sockets));
        int display;
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            display = server.getLocalPort() - 6000;
            assertTrue(display > 0, "an ephemeral port above 6000: " + server.getLocalPort());
            assertNull(DisplayCheck.problem("seiswork view", "tcp/127.0.0.1:" + display, null, sockets));
        }
        String p = DisplayCheck.problem("seiswork view", "tcp/127.0.0.1:" + display, null, sockets);
        assertTrue(p.contains(": no X server answers at 127.0.0.1 port " + (6000 + display) + " ("), "host without"
                + " tcp/: " + p);
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getByName("::1"))) {
            display = server.getLocalPort() - 6000;
            assertNull(DisplayCheck.problem("seiswork view", "::1:" + display, null, sockets), "IPv6 loopback");
            assertNull(DisplayCheck.problem("seiswork view", "[::1]:" + display + ".0", null, sockets));
        } catch (java.net.SocketException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
        }
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

    /** localhost:10.0 (ssh -X) is asked on TCP port 6010 and refused in one line when nothing answers. */
    @Test
    void anSshForwardedDisplayIsAskedOnItsPort() {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("localhost", 6010), 500);
            org.junit.jupiter.api.Assumptions.abort("something listens on localhost port 6010 here");
        } catch (java.io.IOException expected) {
            // nothing there: the case to test
        }
        String p = DisplayCheck.problem("seiswork view", "localhost:10.0", null, sockets);
        assertTrue(p != null && p.startsWith("seiswork view cannot open the display DISPLAY=localhost:10.0: no X server"
                + " answers at localhost port 6010 ("), p);
    }
}
