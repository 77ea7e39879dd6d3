package io.seiswork.cloud.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A follower reads a large job less often: every read queries each shot item (3.2 MB at 20,000
 * shots), so 1 ms a shot sets the wait where that is longer than the follower's own.
 */
class JobViewPollTest {

    @Test
    void aSmallJobIsReadAtTheFollowersPace() {
        assertEquals(Duration.ofSeconds(2), JobView.pollInterval(1, Duration.ofSeconds(2)));
        assertEquals(Duration.ofSeconds(2), JobView.pollInterval(2_000, Duration.ofSeconds(2)));
        assertEquals(Duration.ofSeconds(1), JobView.pollInterval(0, Duration.ofSeconds(1)));
    }

    @Test
    void aLargeJobIsReadOnceAMillisecondAShot() {
        assertEquals(Duration.ofMillis(2_001), JobView.pollInterval(2_001, Duration.ofSeconds(2)));
        assertEquals(Duration.ofSeconds(20), JobView.pollInterval(20_000, Duration.ofSeconds(2)));
        assertEquals(Duration.ofSeconds(20), JobView.pollInterval(20_000, Duration.ofSeconds(1)));
    }
}
