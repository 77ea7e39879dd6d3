package io.seiswork.cloud.s3;

import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;

/**
 * The buffers the GETs of {@link ArtifactStore#copyRanges} land in, kept per calling thread from
 * one copy to the next. A worker fetches every shot of a job through the same thread, each shot
 * some 0.1 to 1 GB in GETs of up to a part (64 MiB), four at a time: a fresh buffer per GET was
 * a quarter of a gigabyte of garbage per shot, the young generation swept for nothing. The
 * buffers are held softly, so that a worker whose shot needs the heap gets it back from them
 * before it runs out of memory.
 *
 * <p>A copy takes its thread's buffers out ({@link #take}) and hands them back only when it
 * succeeded ({@link #giveBack}). A copy that fails may leave a part's thread still writing into
 * one of them (a GET that does not heed its interrupt, past the wait for it): the thread's next
 * copy, say a fetch begun again after an HTTP 412, must not read its GETs' bytes through a buffer
 * that a GET of the abandoned copy still fills. Those buffers become garbage instead, once the
 * late threads let go of them.
 */
final class GetBuffers {

    private static final ThreadLocal<SoftReference<ByteBuffer[]>> HELD = new ThreadLocal<>();

    private GetBuffers() {
    }

    /**
     * At least {@code count} buffers of at least {@code bytes} bytes each, all of one size,
     * cleared: the calling thread's when it holds enough of that size, else new ones. The thread
     * holds none while the caller has them: they are the caller's alone until it gives them back
     * ({@link #giveBack}), which it does only once no other thread can write into them.
     */
    static ByteBuffer[] take(int count, int bytes) {
        SoftReference<ByteBuffer[]> ref = HELD.get();
        HELD.remove();
        ByteBuffer[] held = ref == null ? null : ref.get();
        if (held == null || held.length < count || held[0].capacity() < bytes) {
            // Never smaller than before: a thread whose copies alternate between sizes keeps one set.
            int n = held == null ? count : Math.max(count, held.length);
            int size = held == null ? bytes : Math.max(bytes, held[0].capacity());
            held = new ByteBuffer[n];
            for (int k = 0; k < n; k++) {
                held[k] = ByteBuffer.allocate(size);
            }
        }
        for (ByteBuffer b : held) {
            b.clear();
        }
        return held;
    }

    /**
     * The calling thread keeps {@code buffers} (from its {@link #take}) for its next copy. Only
     * after a copy whose part threads have all ended with it: a failed copy drops its buffers.
     */
    static void giveBack(ByteBuffer[] buffers) {
        HELD.set(new SoftReference<>(buffers));
    }
}
