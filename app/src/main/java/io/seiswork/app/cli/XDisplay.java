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
 * An X11 display name ({@code DISPLAY}: {@code [proto/][host]:display[.screen]}) and whether an X
 * server answers there, asked before JavaFX is started: JavaFX only says "Unable to open DISPLAY",
 * after a warning of its own, without naming the display.
 *
 * <p>Only what is sure is refused. A display on another host is TCP port 6000 + display, which
 * Java can ask. A local display ({@code :0}, {@code unix:0}, {@code unix/:0}) is, for Xlib on
 * Linux, first the abstract socket {@code @/tmp/.X11-unix/X<display>}, then the socket file of
 * that name, then (without a protocol) TCP on localhost; Java cannot connect to an abstract socket,
 * so a missing or silent socket file is only a note, for the message if JavaFX then fails (a
 * container run with {@code --net=host} and no socket folder, or a process with a private
 * {@code /tmp}, reaches the server through the abstract socket). A name this class does not
 * parse (DECnet's {@code host::0}, a socket path) is left to JavaFX.
 */
final class XDisplay {

    /** Folder of the X servers' local sockets. */
    static final Path SOCKET_DIR = Path.of("/tmp/.X11-unix");

    /** Longest wait for a remote X server to accept a connection, milliseconds. */
    static final int CONNECT_TIMEOUT_MS = 2000;

    /** The check's finding: a refusal, or a note (null when the server answered) for JavaFX's failure. */
    record Verdict(boolean refused, String why) {

        static final Verdict ANSWERS = new Verdict(false, null);

        static Verdict unsure(String note) {
            return new Verdict(false, note);
        }

        static Verdict refused(String why) {
            return new Verdict(true, why);
        }
    }

    /** "[proto/]host:display[.screen]"; the host may be empty, an IPv6 address, or one in brackets. */
    private static final Pattern NAME = Pattern.compile("(?:([A-Za-z][A-Za-z0-9]*)/)?(.*):(\\d+)(\\.\\d+)?");

    private XDisplay() {
    }

    /**
     * What an X connection to {@code display} would find, as far as Java can tell.
     *
     * @param display the value of DISPLAY
     * @param socketDir where local displays' socket files are ({@link #SOCKET_DIR})
     */
    static Verdict check(String display, Path socketDir) {
        Matcher m = NAME.matcher(display.strip());
        if (!m.matches() || m.group(2).endsWith(":") || m.group(2).contains("/")) {
            return Verdict.unsure(null);  // not a form this class knows: JavaFX's to judge
        }
        String proto = m.group(1);
        String host = m.group(2);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int number;
        try {
            number = Integer.parseInt(m.group(3));
        } catch (NumberFormatException e) {
            return Verdict.refused("display number " + m.group(3) + " is out of range");
        }
        boolean local = "unix".equals(proto) || "local".equals(proto) || host.isEmpty() || host.equals("unix");
        if (local) {
            return local(socketDir.resolve("X" + number));
        }
        if (number > 65535 - 6000) {
            return Verdict.refused("display number " + number + " is out of range");
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, 6000 + number), CONNECT_TIMEOUT_MS);
            return Verdict.ANSWERS;
        } catch (IOException e) {
            return Verdict.refused("no X server answers at " + host + " port " + (6000 + number) + " ("
                    + e.getMessage() + ")");
        }
    }

    /** A local display: its socket file answers, or a note saying it does not (the abstract socket may). */
    private static Verdict local(Path socket) {
        String abstractToo = " (nor, it seems, the abstract socket @" + socket + ", which Java cannot ask)";
        if (!Files.exists(socket)) {
            return Verdict.unsure("no X server listens on " + socket + abstractToo);
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return Verdict.ANSWERS;
        } catch (IOException | UnsupportedOperationException e) {
            return Verdict.unsure("no X server answers on " + socket + " (" + e.getMessage() + ")" + abstractToo);
        }
    }
}
