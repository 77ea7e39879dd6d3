package io.seiswork.cloud.testing;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
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
public final class SlowLink extends TcpRelay {

    static final int TRICKLE_BYTES = 64 << 10;
    static final long TRICKLE_MS = 100;

    private final long fastBytes;
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();

    /**
     * @param target the emulator's endpoint ({@code http://127.0.0.1:PORT})
     * @param fastBytes bytes of each connection, each way, carried at full speed
     */
    public SlowLink(URI target, long fastBytes) throws IOException {
        super(target, "slow-link");
        this.fastBytes = fastBytes;
        start();
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
    protected void accepted(Socket client) throws IOException {
        relay(client);
    }

    /** Up to the fast bytes' end at full speed, then a trickle's worth a read. */
    @Override
    protected int nextRead(long carried) {
        return carried >= fastBytes ? TRICKLE_BYTES : (int) Math.min(BUFFER_BYTES, fastBytes - carried);
    }

    /** Counts the bytes, and waits a trickle's time after each read past the fast bytes. */
    @Override
    protected void afterCarry(boolean toTarget, long before, int n) throws InterruptedException {
        (toTarget ? up : down).addAndGet(n);
        if (before >= fastBytes) {
            TimeUnit.MILLISECONDS.sleep(TRICKLE_MS);
        }
    }
}
