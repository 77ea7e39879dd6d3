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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A slow link to an emulator, for a program that a test runs in another process (where no
 * interceptor reaches): a TCP relay on 127.0.0.1 that carries the first {@code fastBytes} of
 * each connection each way at full speed, then the rest at a trickle ({@value #TRICKLE_BYTES}
 * bytes every {@value #TRICKLE_MS} ms). A part of an upload or download larger than
 * {@code fastBytes} is thus still in flight, bytes still moving, when the test acts on it, however
 * fast the machine (64 MiB take minutes at the trickle); one smaller goes through whole. A link
 * of {@link Long#MAX_VALUE} fast bytes is a fast one that counts the bytes it carries.
 *
 * <p>A process that ends leaves what it had written in its sockets' buffers: the link still
 * carries it, counted as bytes of that link.
 */
public final class SlowLink implements AutoCloseable {

    static final int TRICKLE_BYTES = 64 << 10;
    static final long TRICKLE_MS = 100;

    private final ServerSocket server;
    private final int targetPort;
    private final long fastBytes;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "slow-link");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();

    /**
     * @param target the emulator's endpoint ({@code http://127.0.0.1:PORT})
     * @param fastBytes bytes of each connection, each way, carried at full speed
     */
    public SlowLink(URI target, long fastBytes) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = target.getPort();
        this.fastBytes = fastBytes;
        pumps.submit(this::accept);
    }

    /** The port the program under test is pointed at instead of the emulator's. */
    public int port() {
        return server.getLocalPort();
    }

    /** Bytes carried to the emulator so far (requests, uploads). */
    public long bytesUp() {
        return up.get();
    }

    /** Bytes carried from the emulator so far (responses, downloads). */
    public long bytesDown() {
        return down.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
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
            Socket emulator = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(client);
            sockets.add(emulator);
            pumps.submit(() -> pump(client, emulator, up));
            pumps.submit(() -> pump(emulator, client, down));
        }
        return null;
    }

    /** Carries {@code from}'s bytes to {@code to} until either closes, then closes both. */
    private Void pump(Socket from, Socket to, AtomicLong counted) throws InterruptedException {
        byte[] buf = new byte[64 << 10];
        long carried = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            while (true) {
                boolean slow = carried >= fastBytes;
                int n = in.read(buf, 0, slow ? TRICKLE_BYTES : (int) Math.min(buf.length, fastBytes - carried));
                if (n < 0) {
                    return null;
                }
                out.write(buf, 0, n);
                out.flush();
                carried += n;
                counted.addAndGet(n);
                if (slow) {
                    TimeUnit.MILLISECONDS.sleep(TRICKLE_MS);
                }
            }
        } catch (IOException closed) {
            return null;
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // the other pump ends on it as well
        }
    }
}
