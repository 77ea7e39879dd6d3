package io.seiswork.cloud.testing;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A link to an emulator that a test can take down: a TCP relay on 127.0.0.1 which, while
 * {@linkplain #down() down}, resets every connection it carries and every new one at once (an
 * endpoint out of reach, as a network outage or a restarting load balancer looks to a client:
 * "Connection reset", "Broken pipe"), and carries bytes both ways at full speed while up. Real
 * sockets, so the client under test meets the outage through its whole HTTP stack and retries.
 *
 * <p>It can also {@linkplain #blackHole() black-hole}: connections are taken and bytes read, but
 * nothing reaches the emulator and nothing comes back, neither reset nor answer, as a network that
 * drops packets silently looks to a client (it waits for its timeouts).
 */
public final class OutageLink extends TcpRelay {

    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicLong toTarget = new AtomicLong();
    private volatile boolean down;
    private volatile boolean silent;

    /** @param target the emulator's endpoint ({@code http://127.0.0.1:PORT}) */
    public OutageLink(URI target) throws IOException {
        super(target, "outage-link");
        start();
    }

    /** Resets every connection carried now, and each new one until {@link #up()}. */
    public void down() {
        down = true;
        for (Socket s : openSockets()) {
            reset(s);
        }
    }

    /**
     * Holds every byte read from now on, of connections carried now and new ones, until
     * {@link #up()}: no answer, no reset.
     */
    public void blackHole() {
        silent = true;
    }

    /** Carries connections again (after {@link #down()} or {@link #blackHole()}). */
    public void up() {
        down = false;
        silent = false;
    }

    /** Connections reset on arrival while down. */
    public int refused() {
        return refused.get();
    }

    /**
     * Bytes carried to the emulator so far (requests and their bodies, headers included), of
     * every connection: what a test reads before and after an outage to see what was sent again.
     */
    public long bytesToTarget() {
        return toTarget.get();
    }

    @Override
    protected void afterCarry(boolean toTarget, long before, int n) {
        if (toTarget) {
            this.toTarget.addAndGet(n);
        }
    }

    @Override
    protected void accepted(Socket client) throws IOException {
        if (down) {
            refused.incrementAndGet();
            reset(client);
            return;
        }
        relay(client);
    }

    /**
     * Bytes read after the link went down are dropped, and the connection reset; bytes read while
     * black-holed wait (the pump with them) until the link is up or the relay closed, then are
     * dropped too, the connection reset: lost, as a black hole's packets are, never delivered late.
     */
    @Override
    protected boolean carrying() {
        if (!silent) {
            return !down;
        }
        try {
            while (silent && !down) {
                Thread.sleep(20);
            }
        } catch (InterruptedException closed) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** A connection ends with a reset, the link's end as a client sees a dropped one. */
    @Override
    protected void end(Socket s) {
        reset(s);
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
