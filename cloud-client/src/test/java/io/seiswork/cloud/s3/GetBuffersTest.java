package io.seiswork.cloud.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A thread's GET buffers serve its next copies once given back; another thread gets its own, and
 * buffers taken and never given back (a failed copy's) are never handed out again.
 */
class GetBuffersTest {

    @Test
    void aThreadKeepsItsBuffersAndGrowsThemOnlyWhenTooFewOrTooSmall() throws Exception {
        ByteBuffer[] first = GetBuffers.take(4, 1000);
        first[0].put((byte) 7).limit(10);
        GetBuffers.giveBack(first);
        ByteBuffer[] again = GetBuffers.take(2, 500);
        assertSame(first, again, "fewer and smaller: the same buffers");
        assertEquals(0, again[0].position(), "cleared");
        assertEquals(again[0].capacity(), again[0].limit(), "cleared");
        GetBuffers.giveBack(again);
        ByteBuffer[] larger = GetBuffers.take(2, 2000);
        assertNotSame(first, larger);
        assertEquals(4, larger.length, "never fewer than before");
        assertEquals(2000, larger[3].capacity());
        GetBuffers.giveBack(larger);
        ByteBuffer[] same = GetBuffers.take(4, 1000);
        assertSame(larger, same, "never smaller than before");
        GetBuffers.giveBack(same);
        ByteBuffer[] other = CompletableFuture.supplyAsync(() -> GetBuffers.take(4, 1000)).get();
        assertNotSame(larger, other, "another thread's copies never share this one's buffers");
    }

    @Test
    void buffersTakenAndNotGivenBackAreNeverHandedOutAgain() {
        ByteBuffer[] lent = GetBuffers.take(2, 1000);
        GetBuffers.giveBack(lent);
        ByteBuffer[] failed = GetBuffers.take(2, 1000);
        assertSame(lent, failed);
        // A copy that failed does not give them back: a GET of it may still write into them.
        ByteBuffer[] next = GetBuffers.take(2, 1000);
        assertNotSame(failed, next, "the next copy gets buffers no abandoned GET holds");
        ByteBuffer[] whileLent = GetBuffers.take(2, 1000);
        assertNotSame(next, whileLent, "none held while lent");
    }
}
