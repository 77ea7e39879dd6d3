package io.seiswork.cloud.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A thread's GET buffers serve its next copies; another thread gets its own. */
class GetBuffersTest {

    @Test
    void aThreadKeepsItsBuffersAndGrowsThemOnlyWhenTooFewOrTooSmall() throws Exception {
        ByteBuffer[] first = GetBuffers.forThisThread(4, 1000);
        first[0].put((byte) 7).limit(10);
        ByteBuffer[] again = GetBuffers.forThisThread(2, 500);
        assertSame(first, again, "fewer and smaller: the same buffers");
        assertEquals(0, again[0].position(), "cleared");
        assertEquals(again[0].capacity(), again[0].limit(), "cleared");
        ByteBuffer[] larger = GetBuffers.forThisThread(2, 2000);
        assertNotSame(first, larger);
        assertEquals(4, larger.length, "never fewer than before");
        assertEquals(2000, larger[3].capacity());
        assertSame(larger, GetBuffers.forThisThread(4, 1000), "never smaller than before");
        ByteBuffer[] other = CompletableFuture.supplyAsync(() -> GetBuffers.forThisThread(4, 1000)).get();
        assertNotSame(larger, other, "another thread's copies never share this one's buffers");
    }
}
