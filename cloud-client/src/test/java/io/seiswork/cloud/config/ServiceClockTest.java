package io.seiswork.cloud.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.seiswork.cloud.dispatch.ShotNotes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** The offset a {@link ServiceClock} takes from {@code Date} headers: median, dead band, bad headers. */
class ServiceClockTest {

    private static final Instant LOCAL = Instant.parse("2026-11-30T23:00:00.250Z");

    /** The header a server whose clock reads {@code LOCAL + offset} sends (truncated to the second). */
    private static String date(Duration offset) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(LOCAL.plus(offset).atOffset(ZoneOffset.UTC));
    }

    private static ServiceClock clock() {
        return new ServiceClock(Clock.fixed(LOCAL, ZoneOffset.UTC));
    }

    @Test
    void aClockThreeMinutesFastIsCorrectedToWithinASecondAndSaidSo() {
        ServiceClock c = clock();
        c.sample(date(Duration.ofSeconds(-185)), LOCAL.toEpochMilli());
        // The server's second 22:56:55, at its middle, against 23:00:00.250: 185.25 s - 0.5 s behind.
        assertEquals(Duration.ofMillis(-184_750), c.offset());
        assertEquals(LOCAL.minusMillis(184_750), c.now());
        assertEquals("this machine's clock is 3 min 5 s ahead of the job table's (from its replies); shots' silences"
                + " are measured on the job table's clock", ShotNotes.skewNote(c.offset()));
    }

    @Test
    void aSlowClockIsSaidToBeBehind() {
        ServiceClock c = clock();
        c.sample(date(Duration.ofMinutes(10)), LOCAL.toEpochMilli());
        assertEquals("this machine's clock is 10 min 0 s behind the job table's (from its replies); shots' silences"
                + " are measured on the job table's clock", ShotNotes.skewNote(c.offset()));
    }

    @Test
    void smallOffsetsAreNoneAndModerateOnesAreCorrectedUntold() {
        ServiceClock c = clock();
        c.sample(date(Duration.ofSeconds(1)), LOCAL.toEpochMilli());
        assertEquals(Duration.ZERO, c.offset(), "within the header's resolution and 2 s: this machine's clock is kept");
        assertEquals(LOCAL, c.now());
        ServiceClock d = clock();
        d.sample(date(Duration.ofSeconds(30)), LOCAL.toEpochMilli());
        assertEquals(Duration.ofMillis(30_250), d.offset());
        assertNull(ShotNotes.skewNote(d.offset()), "30 s is corrected, not worth a word");
    }

    /**
     * A machine about 2 s off: once its estimate passed 2 s the correction stays while the
     * estimate wanders between 1 and 2 s (was: zero again at 1.9 s, ages jumping by 2 s from
     * read to read), and goes when it falls under 1 s.
     */
    @Test
    void anOffsetAppliedStaysUntilItsEstimateFallsUnderASecond() {
        ServiceClock c = clock();
        c.sample(date(Duration.ofSeconds(1)), LOCAL.toEpochMilli());  // estimated 1.25 s: within 2 s
        assertEquals(Duration.ZERO, c.offset());
        for (int i = 0; i < ServiceClock.SAMPLES; i++) {
            c.sample(date(Duration.ofSeconds(2)), LOCAL.toEpochMilli());  // 2.25 s: applied
        }
        assertEquals(Duration.ofMillis(2_250), c.offset());
        for (int i = 0; i < ServiceClock.SAMPLES; i++) {
            c.sample(date(Duration.ofSeconds(1)), LOCAL.toEpochMilli());  // 1.25 s: kept
        }
        assertEquals(Duration.ofMillis(1_250), c.offset(), "kept while over 1 s");
        for (int i = 0; i < ServiceClock.SAMPLES; i++) {
            c.sample(date(Duration.ZERO), LOCAL.toEpochMilli());  // 0.25 s: let go
        }
        assertEquals(Duration.ZERO, c.offset());
        for (int i = 0; i < ServiceClock.SAMPLES; i++) {
            c.sample(date(Duration.ofSeconds(1)), LOCAL.toEpochMilli());
        }
        assertEquals(Duration.ZERO, c.offset(), "not applied again below 2 s");
    }

    @Test
    void oneOddResponseDoesNotMoveTheMedian() {
        ServiceClock c = clock();
        for (int i = 0; i < 4; i++) {
            c.sample(date(Duration.ofSeconds(-180)), LOCAL.toEpochMilli());
        }
        c.sample(date(Duration.ofHours(-5)), LOCAL.toEpochMilli());  // a proxy's stale header
        assertEquals(Duration.ofMillis(-179_750), c.offset());
        for (int i = 0; i < ServiceClock.SAMPLES; i++) {
            c.sample(date(Duration.ZERO), LOCAL.toEpochMilli());
        }
        assertEquals(Duration.ZERO, c.offset(), "the clock set right: the last samples alone count");
    }

    @Test
    void absentOrUnparseableHeadersGiveNoSample() {
        ServiceClock c = clock();
        assertEquals(Duration.ZERO, c.offset(), "no response yet");
        c.sample("yesterday", LOCAL.toEpochMilli());
        c.sample("", LOCAL.toEpochMilli());
        assertEquals(Duration.ZERO, c.offset());
        assertNull(ShotNotes.skewNote(c.offset()));
    }
}
