package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A worker's waits: a deployment's by default, others only within SQS's visibility. */
class WorkerTimingsTest {

    @Test
    void aDeployedWorkerHoldsUnderSqsTwelveHoursAndRechecksALiveStackAfterTwoAndAHalfMinutes() {
        assertEquals(Duration.ofHours(11).plusMinutes(50), WorkerTimings.DEFAULT.holdCap());
        assertEquals(Duration.ofSeconds(150), WorkerTimings.DEFAULT.liveStackRecheck());
        WorkerTimings shortened = WorkerTimings.DEFAULT.withHoldCap(Duration.ofSeconds(4))
                .withLiveStackRecheck(Duration.ofSeconds(3));
        assertEquals(new WorkerTimings(Duration.ofSeconds(4), Duration.ofSeconds(3)), shortened);
    }

    @Test
    void waitsOutsideSqsVisibilityAreRefusedNamingThem() {
        var e = assertThrows(IllegalArgumentException.class, () -> WorkerTimings.DEFAULT.withHoldCap(Duration.ofHours(13)));
        assertEquals("hold cap must be 1 s to 12 h (SQS's visibility), got PT13H", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WorkerTimings.DEFAULT.withLiveStackRecheck(Duration.ofMillis(500)));
        assertEquals("live stack recheck must be 1 s to 12 h (SQS's visibility), got PT0.5S", e.getMessage());
    }

    @Test
    void aLiveStackRecheckOfAFractionOfASecondIsRefusedNotCutDown() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> WorkerTimings.DEFAULT.withLiveStackRecheck(Duration.ofMillis(2500)));
        assertEquals("live stack recheck must be whole seconds (SQS's visibility), got PT2.5S", e.getMessage());
        assertEquals(Duration.ofSeconds(2), WorkerTimings.DEFAULT.withLiveStackRecheck(Duration.ofSeconds(2))
                .liveStackRecheck());
    }
}
