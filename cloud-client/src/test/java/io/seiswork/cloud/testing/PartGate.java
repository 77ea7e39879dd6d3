package io.seiswork.cloud.testing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Holds the parts of transfers mid-way, so that a test cancels one while it knows parts are in
 * flight, however fast the machine: an S3 client made with it ({@link LocalCloud#s3SeenBy})
 * sends every multipart upload's part but the first, and brings every ranged GET's part but the
 * one from byte 0, {@code passBytes} bytes in, then waits until the test {@link #open}s the gate.
 * The first part goes through whole, so the transfer has something to keep. Once open, the gate
 * holds nothing more.
 *
 * <p>A held part waits in a read of its body, as one behind a slow link does, and goes on reading
 * from where it was when the gate opens: what the transfer then does with it (stop it at the next
 * block, or send it whole) is what the test looks at.
 */
public final class PartGate implements ExecutionInterceptor {

    /** How long a held part waits for the gate before failing its request: a test that forgot to open it. */
    private static final long HOLD_AT_MOST_S = 120;

    private final long passBytes;
    private final CountDownLatch open = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();
    private final Set<String> holding = ConcurrentHashMap.newKeySet();
    private final AtomicInteger uploadedParts = new AtomicInteger();
    private final AtomicInteger gets = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong mostOfAHeldPart = new java.util.concurrent.atomic.AtomicLong();

    /** @param passBytes bytes of a held part's body that go through before it waits */
    public PartGate(long passBytes) {
        this.passBytes = passBytes;
    }

    /**
     * Waits until {@code parts} parts are held (each in flight, {@code passBytes} in).
     *
     * @throws IllegalStateException when fewer are after {@code seconds}
     */
    public void awaitHeld(int parts, long seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (held) {
            while (held.get() < parts) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(held.get() + " of the " + parts + " parts awaited are held after "
                            + seconds + " s");
                }
                TimeUnit.NANOSECONDS.timedWait(held, left);
            }
        }
    }

    /**
     * The user's Cancel with parts in flight: waits until {@code parts} parts are held, runs
     * {@code cancel}, then lets the held parts go on, to meet the cancel at their next block.
     *
     * @return when {@code cancel} began ({@link System#nanoTime}), to time the stop from
     * @throws IllegalStateException when fewer parts are held after {@code seconds}
     */
    public long cancelWhileHeld(int parts, long seconds, Runnable cancel) throws InterruptedException {
        awaitHeld(parts, seconds);
        long cancelled = System.nanoTime();
        try {
            cancel.run();
        } finally {
            open();
        }
        return cancelled;
    }

    /** Parts held so far. */
    public int held() {
        return held.get();
    }

    /** Lets the held parts go on, and holds no more. */
    public void open() {
        open.countDown();
    }

    /** Parts of multipart uploads that S3 took (their request answered), held or not. */
    public int uploadedParts() {
        return uploadedParts.get();
    }

    /** GETs of objects answered, their bodies read to the end or not. */
    public int gets() {
        return gets.get();
    }

    /**
     * The most bytes the body of a held part gave, before and after its hold: under the part's
     * size when the transfer stopped it part-way.
     */
    public long mostOfAHeldPart() {
        return mostOfAHeldPart.get();
    }

    @Override
    public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        Optional<RequestBody> body = context.requestBody();
        if (!(context.request() instanceof UploadPartRequest part) || part.partNumber() == 1 || body.isEmpty()
                || isOpen()) {
            return body;
        }
        RequestBody sent = body.get();
        String name = "upload " + part.uploadId() + " part " + part.partNumber();
        return Optional.of(RequestBody.fromContentProvider(() -> new Held(sent.contentStreamProvider().newStream(),
                name), sent.optionalContentLength().orElseThrow(), sent.contentType()));
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (!(context.request() instanceof GetObjectRequest get) || get.range() == null
                || get.range().startsWith("bytes=0-") || body.isEmpty() || isOpen()) {
            return body;
        }
        return Optional.of(new Held(body.get(), "GET " + get.key() + " " + get.range()));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
        if (r instanceof UploadPartRequest) {
            uploadedParts.incrementAndGet();
        } else if (r instanceof GetObjectRequest) {
            gets.incrementAndGet();
        }
    }

    private boolean isOpen() {
        return open.getCount() == 0;
    }

    /** A part's body that waits at {@code passBytes} for the gate, once per part (not once per read of it). */
    private final class Held extends FilterInputStream {
        private final String name;
        private long passed;

        Held(InputStream in, String name) {
            super(in);
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (passed >= passBytes) {
                hold();
            } else {
                len = (int) Math.min(len, passBytes - passed);
            }
            int n = in.read(b, off, len);
            if (n > 0) {
                passed += n;
                if (holding.contains(name)) {
                    mostOfAHeldPart.accumulateAndGet(passed, Math::max);
                }
            }
            return n;
        }

        private void hold() throws IOException {
            if (isOpen() || !holding.add(name)) {
                return;
            }
            synchronized (held) {
                held.incrementAndGet();
                held.notifyAll();
            }
            try {
                if (!open.await(HOLD_AT_MOST_S, TimeUnit.SECONDS)) {
                    throw new IOException(name + ": the gate was never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(name + ": interrupted while held");
            }
        }
    }
}
