package io.seiswork.cloud.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The TCP relay under {@link OutageLink}, {@link SlowLink}, {@link TaggingRelay} and
 * {@link DateShiftRelay}: a server socket on 127.0.0.1 (a free port) standing in for an
 * emulator's endpoint, a thread that accepts its connections, and pumps that carry a
 * connection's bytes to the emulator and back. A subclass
 * says what a new connection gets ({@link #accepted}) and may bend the pumps through the hooks
 * below; {@link #close()} closes the server, every socket the pumps carry, and the threads.
 *
 * <p>A subclass calls {@link #start()} last in its constructor, so that no connection is taken
 * before its own fields are set.
 */
public abstract class TcpRelay implements AutoCloseable {

    /** Bytes a pump reads at once at the most. */
    static final int BUFFER_BYTES = 64 << 10;

    private final ServerSocket server;
    private final int targetPort;
    private final ExecutorService threads;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    /**
     * @param target the emulator's endpoint ({@code http://127.0.0.1:PORT})
     * @param threadName the name of the relay's threads, as a thread dump shows them
     */
    protected TcpRelay(URI target, String threadName) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = target.getPort();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts accepting connections; the last call of a subclass's constructor. */
    protected final void start() {
        threads.submit(this::accept);
    }

    /** The endpoint the client under test is pointed at instead of the emulator's. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The port the program under test is pointed at instead of the emulator's. */
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        threads.shutdownNow();
    }

    /**
     * Takes a connection just accepted, on the accepting thread (so it must not wait on the
     * client): {@link #relay} it, or serve it on a thread of its own ({@link #submit}). An
     * exception ends the accepting, as a relay that cannot reach the emulator any more.
     */
    protected abstract void accepted(Socket client) throws IOException;

    /** Runs {@code task} on one of the relay's threads (interrupted by {@link #close()}). */
    protected final void submit(Callable<?> task) {
        threads.submit(task);
    }

    /** A new connection to the emulator. */
    protected final Socket connectTarget() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), targetPort);
    }

    /**
     * For a relay that reads each request itself, one request per connection: a new connection
     * to the emulator carrying {@code head} (the request's line and headers, read from the
     * client's {@code in}) with {@code Connection: close}, and the request's body pumped after it
     * on a thread of the relay's. The caller reads the answer from the returned socket and closes it.
     */
    protected final Socket forwardRequest(String head, InputStream in) throws IOException {
        Socket emulator = connectTarget();
        OutputStream toEmulator = emulator.getOutputStream();
        String forwarded = head.replaceAll("(?im)^connection:[^\r]*\r\n", "");
        toEmulator.write((forwarded.substring(0, forwarded.length() - 2) + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        toEmulator.flush();
        submit(() -> {
            try {
                in.transferTo(toEmulator);
            } catch (IOException closed) {
                // the emulator answered and closed
            }
            return null;
        });
        return emulator;
    }

    /** An HTTP message's first line and headers, through the blank line; null at the end of the stream. */
    protected static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    /** Sockets the pumps carry now (both ends of each relayed connection). */
    protected final List<Socket> openSockets() {
        return open;
    }

    /** Connects {@code client} to the emulator and pumps bytes both ways until either side closes. */
    protected final void relay(Socket client) throws IOException {
        Socket emulator = connectTarget();
        open.add(client);
        open.add(emulator);
        threads.submit(() -> pump(client, emulator, true));
        threads.submit(() -> pump(emulator, client, false));
    }

    /** Bytes the next read of a pump may take, {@code carried} bytes into its direction; full speed by default. */
    protected int nextRead(long carried) {
        return BUFFER_BYTES;
    }

    /** Whether bytes just read are still to be carried; a false ends the connection. Always by default. */
    protected boolean carrying() {
        return true;
    }

    /**
     * Called after {@code n} bytes were carried, {@code before} bytes into this direction
     * ({@code toTarget}: client to emulator); nothing by default.
     */
    protected void afterCarry(boolean toTarget, long before, int n) throws InterruptedException {
    }

    /** Closes a socket of a connection that has ended; a plain close by default. */
    protected void end(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // the other pump ends on it as well
        }
    }

    private Void accept() throws IOException {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return null;
            }
            accepted(client);
        }
        return null;
    }

    /** Carries {@code from}'s bytes to {@code to} until either closes or the subclass stops it, then ends both. */
    private Void pump(Socket from, Socket to, boolean toTarget) {
        byte[] buf = new byte[BUFFER_BYTES];
        long done = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf, 0, nextRead(done))) >= 0 && carrying(); ) {
                out.write(buf, 0, n);
                out.flush();
                afterCarry(toTarget, done, n);
                done += n;
            }
        } catch (IOException | InterruptedException closed) {
            // closed by the other side or the subclass, or the relay closed
        } finally {
            end(from);
            end(to);
            open.remove(from);
            open.remove(to);
        }
        return null;
    }
}
