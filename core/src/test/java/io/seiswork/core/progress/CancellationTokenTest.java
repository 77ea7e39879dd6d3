package io.seiswork.core.progress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A child token follows its parent's cancel; its own cancel never reaches the parent. */
class CancellationTokenTest {

    @Test
    void aChildIsCancelledByItsParentNeverTheOtherWayRound() {
        CancellationToken job = new CancellationToken();
        CancellationToken shot = job.child();
        shot.cancel();
        assertTrue(shot.isCancelled());
        assertFalse(job.isCancelled(), "the worker stopping does not end the job's upload");
        job.throwIfCancelled("uploading");

        CancellationToken other = job.child();
        assertFalse(other.isCancelled());
        job.cancel();
        assertTrue(other.isCancelled(), "the job's end stops its children");
        CancelledException e = assertThrows(CancelledException.class, () -> other.throwIfCancelled("shot 3, step 120"));
        assertTrue(e.getMessage().contains("shot 3, step 120"), e.getMessage());
    }
}
