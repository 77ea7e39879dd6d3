package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.seiswork.cloud.dispatch.ShotNotes;
import io.seiswork.cloud.job.ShotRecord;
import io.seiswork.cloud.job.ShotState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What a cloud shot's row says beside its state ({@link CloudRun#rowNote}): the silence of a
 * running shot's worker once three reports are missed, else an earlier attempt's error, a failed
 * shot's reason, and nothing for a shot whose state says it all.
 */
class CloudRowNoteTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static ShotRecord shot(ShotState state, Instant beat, String error, int errorAttempt) {
        return new ShotRecord(3, state, 2, "worker-a", 0, Double.NaN, error, 0.4, beat, 2, null, errorAttempt);
    }

    @Test
    void aRunningShotsSilenceComesFirstAndOnlyPastThreeMissedReports() {
        Instant justSilent = NOW.minus(ShotNotes.SILENT_AFTER);
        assertEquals("no word from its worker for 1 min 30 s", CloudRun.rowNote(shot(ShotState.RUNNING, justSilent,
                "worker lost", 1), NOW, false));
        Instant spoke = NOW.minus(ShotNotes.SILENT_AFTER).plus(Duration.ofSeconds(1));
        assertEquals("attempt 1 failed: worker lost", CloudRun.rowNote(shot(ShotState.RUNNING, spoke, "worker lost", 1),
                NOW, false), "not silent yet: the earlier attempt's error");
        assertNull(CloudRun.rowNote(shot(ShotState.RUNNING, spoke, null, 0), NOW, false));
    }

    /** A job that ended waits for no worker: a shot its items still call RUNNING keeps only its earlier error. */
    @Test
    void anEndedJobsRunningShotHasNoSilence() {
        Instant longAgo = NOW.minus(Duration.ofMinutes(5));
        assertNull(CloudRun.rowNote(shot(ShotState.RUNNING, longAgo, null, 0), NOW, true));
        assertEquals("attempt 1 failed: worker lost", CloudRun.rowNote(shot(ShotState.RUNNING, longAgo, "worker lost", 1),
                NOW, true));
        assertEquals("out of memory", CloudRun.rowNote(shot(ShotState.FAILED, null, "out of memory", 3), NOW, true));
    }

    @Test
    void aFailedShotSaysWhyAndADoneOneNothing() {
        assertEquals("out of memory", CloudRun.rowNote(shot(ShotState.FAILED, null, "out of memory", 3), NOW, false));
        assertNull(CloudRun.rowNote(shot(ShotState.DONE, NOW.minus(Duration.ofHours(1)), null, 0), NOW, false));
        assertNull(CloudRun.rowNote(shot(ShotState.QUEUED, null, null, 0), NOW, false));
    }
}
