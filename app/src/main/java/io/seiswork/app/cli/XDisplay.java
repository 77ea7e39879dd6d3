package io.seiswork.app.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An X11 display name ({@code DISPLAY}: {@code [host]:display[.screen]}) and whether an X server
 * answers there, asked before JavaFX is started: JavaFX only says "Unable to open DISPLAY", after
 * a warning of its own, without naming the display. A local display ({@code :0},
 * {@code unix:0}) is the socket {@code /tmp/.X11-unix/X<display>}; any other host is TCP port
 * 6000 + display.
 */
final class XDisplay {

    /** Folder of the X servers' local sockets. */
    static final Path SOCKET_DIR = Path.of("/tmp/.X11-unix");

    /** Longest wait for a remote X server to accept a connection, milliseconds. */
    static final int CONNECT_TIMEOUT_MS = 2000;

    private static final Pattern NAME = Pattern.compile("([^:]*):(\\d+)(\\.\\d+)?");

    private XDisplay() {
    }

    /**
     * Why no X server answers at {@code display}, in words ("no X server listens on
     * /tmp/.X11-unix/X99"), or null when one does.
     *
     * @param display the value of DISPLAY
     * @param socketDir where local displays' sockets are ({@link #SOCKET_DIR})
     */
    static String problem(String display, Path socketDir) {
        Matcher m = NAME.matcher(display.strip());
        if (!m.matches()) {
            return "it is not a display name of the form [host]:display[.screen]";
        }
        String host = m.group(1);
        int number;
        try {
            number = Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            return "display number " + m.group(2) + " is out of range";
        }
        if (host.isEmpty() || host.equals("unix")) {
            Path socket = socketDir.resolve("X" + number);
            if (!Files.exists(socket)) {
                return "no X server listens on " + socket;
            }
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socket));
                return null;
            } catch (IOException | UnsupportedOperationException e) {
                return "no X server answers on " + socket + " (" + e.getMessage() + ")";
            }
        }
        if (number > 65535 - 6000) {
            return "display number " + number + " is out of range";
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, 6000 + number), CONNECT_TIMEOUT_MS);
            return null;
        } catch (IOException e) {
            return "no X server answers at " + host + " port " + (6000 + number) + " (" + e.getMessage() + ")";
        }
    }
}
