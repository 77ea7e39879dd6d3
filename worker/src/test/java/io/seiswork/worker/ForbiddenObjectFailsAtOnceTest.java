package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.s3.ObjectForbiddenException;
import org.junit.jupiter.api.Test;

/** A 403 from S3 fails the shot at once: every attempt has the same permissions and gets the same answer. */
class ForbiddenObjectFailsAtOnceTest {

    @Test
    void aForbiddenObjectIsNotRetriedButOtherFailuresAre() {
        assertTrue(ShotWorker.repeatsOnEveryAttempt(new ObjectForbiddenException("b", "inputs/sha256/00", null)));
        assertFalse(ShotWorker.repeatsOnEveryAttempt(new IllegalStateException("s3://b/k: connection reset")));
    }
}
