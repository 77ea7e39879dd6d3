package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every freeing step runs whatever the others do; the first failure is the one returned. */
class ReleaseTest {

    @Test
    void everyStepRunsAndTheFirstFailureIsReturned() {
        List<String> ran = new ArrayList<>();
        IllegalStateException first = new IllegalStateException("CUDA_ERROR_LAUNCH_FAILED");
        RuntimeException e = Release.all(() -> ran.add("a"), () -> {
            ran.add("b");
            throw first;
        }, () -> {
            ran.add("c");
            throw new IOException("scratch file");
        }, () -> ran.add("d"));
        assertEquals(List.of("a", "b", "c", "d"), ran);
        assertSame(first, e);
    }

    @Test
    void checkedFailuresAreWrappedAndQuietIgnoresThem() {
        RuntimeException e = Release.all(() -> {
            throw new IOException("scratch file");
        });
        assertEquals("scratch file", e.getMessage());
        assertEquals(IOException.class, e.getCause().getClass());
        assertNull(Release.all(() -> { }));
        Release.quietly(() -> {
            throw new IllegalStateException("ignored");
        });
    }
}
