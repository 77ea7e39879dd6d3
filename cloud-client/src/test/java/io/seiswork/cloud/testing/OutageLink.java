package io.seiswork.cloud.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A link to an emulator that a test can take down: a TCP relay on 127.0.0.1 which, while
 * {@linkplain #down() down}, resets every connection it carries and every new one at once (an
 * endpoint out of reach, as a network outage or a restarting load balancer looks to a client:
 * "Connection reset", "Broken pipe"), and carries bytes both ways at full speed while up. Real
 * sockets, so the client under test meets the outage through its whole HTTP stack and retries.
 */
public final class OutageLink implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "outage-link");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean down;

    /** @param target the emulator's endpoint ({@code http://127.0.0.1:PORT}) */
    public OutageLink(URI target) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = target.getPort();
        pumps.submit(this::accept);
    }

    /** The endpoint the client under test is pointed at instead of the emulator's. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Resets every connection carried now, and each new one until {@link #up()}. */
    public void down() {
        down = true;
        for (Socket s : open) {
            reset(s);
        }
    }

    /** Carries connections again. */
    public void up() {
        down = false;
    }

    /** Connections reset on arrival while down. */
    public int refused() {
        return refused.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        pumps.shutdownNow();
    }

    private Void accept() throws IOException {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return null;
            }
            if (down) {
                refused.incrementAndGet();
                reset(client);
                continue;
            }
            Socket emulator = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            open.add(client);
            open.add(emulator);
            pumps.submit(() -> pump(client, emulator));
            pumps.submit(() -> pump(emulator, client));
        }
        return null;
    }

    /** Carries {@code from}'s bytes to {@code to} until either closes or the link goes down. */
    private Void pump(Socket from, Socket to) {
        byte[] buf = new byte[64 << 10];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf)) >= 0 && !down; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // reset by down(), or closed by the other side
        } finally {
            reset(from);
            reset(to);
            open.remove(from);
            open.remove(to);
        }
        return null;
    }

    /** Closes {@code s} with a reset (linger 0), as a dropped connection is seen. */
    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
