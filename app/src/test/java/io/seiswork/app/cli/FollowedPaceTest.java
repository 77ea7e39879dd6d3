package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.dispatch.JobView;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.job.ShotRecord;
import io.seiswork.cloud.job.ShotState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines {@code --wait} prints between count changes: running shots' progress and the time left. */
class FollowedPaceTest {

    private static final JobId ID = new JobId("pace-1");

    @Test
    void theTimeLeftIsTheOpenWorkAtThePaceSinceTheFollowStarted() {
        FollowedPace pace = new FollowedPace();
        // 10 shots: 2 done, shots 3 and 4 running at 0 and 50 %, 6 queued.
        String first = pace.update(view(JobStatus.RUNNING, 2, 0.0, 0.5), 100, Instant.now());
        assertEquals("; shot 3 at 0 %, shot 4 at 50 %", first, "no pace before the work has moved");
        // 600 s later: 3 done, shots 4 and 5 running at 50 %.
        String later = pace.update(view(JobStatus.RUNNING, 3, 0.5, 0.5), 700, Instant.now());
        // Work then: 2 + 0 + 0.5 = 2.5; now: 3 + 0.5 + 0.5 = 4: 1.5 shots in 600 s, 400 s a shot.
        // Open now: 2 × 0.5 running + 5 queued = 6 shots: 2400 s.
        assertTrue(later.startsWith("; shot 4 at 50 %, shot 5 at 50 %"), later);
        assertTrue(later.endsWith("; about 40 min 00 s left at the pace since followed"), later);
    }

    @Test
    void aFleetOfManyShotsNamesAFewAndCountsTheRest() {
        List<ShotRecord> shots = new ArrayList<>();
        for (int s = 1; s <= 8; s++) {
            shots.add(shot(s, ShotState.RUNNING, 0.25));
        }
        String line = new FollowedPace().update(new JobView(job(JobStatus.RUNNING, 8, 0), shots), 0, Instant.now());
        assertTrue(line.contains("shot 5 at 25 % and 3 more"), line);
        assertFalse(line.contains("shot 6"), line);
    }

    @Test
    void anEndedJobHasNoTimeLeft() {
        FollowedPace pace = new FollowedPace();
        List<ShotRecord> before = List.of(shot(1, ShotState.RUNNING, 0.0), shot(2, ShotState.QUEUED, 0));
        pace.update(new JobView(job(JobStatus.RUNNING, 2, 0), before), 0, Instant.now());
        List<ShotRecord> after = List.of(shot(1, ShotState.RUNNING, 0.5), shot(2, ShotState.QUEUED, 0));
        assertTrue(pace.update(new JobView(job(JobStatus.RUNNING, 2, 0), after), 10, Instant.now()).endsWith("about 30 s left at the"
                + " pace since followed"), "0.5 + 1 shots at 20 s a shot");
        assertFalse(pace.update(new JobView(job(JobStatus.CANCELLED, 2, 0), after), 20, Instant.now()).contains("left"),
                "an ended job has no time left");
    }

    /** A 10-shot job: {@code done} shots done, the next two running at {@code f1} and {@code f2}, the rest queued. */
    private static JobView view(JobStatus status, int done, double f1, double f2) {
        List<ShotRecord> shots = new ArrayList<>();
        for (int s = 1; s <= 10; s++) {
            ShotState state = s <= done ? ShotState.DONE : s <= done + 2 ? ShotState.RUNNING : ShotState.QUEUED;
            shots.add(shot(s, state, s == done + 1 ? f1 : s == done + 2 ? f2 : 0));
        }
        return new JobView(job(status, 10, done), shots);
    }

    private static ShotRecord shot(int s, ShotState state, double progress) {
        return new ShotRecord(s, state, 1, state == ShotState.QUEUED ? null : "w", 0, 0, null, progress, Instant.now(),
                1, null, 0);
    }

    /**
     * A worker killed mid-shot leaves its shot RUNNING at its last progress: once its worker has
     * missed three reports (90 s), the line says how long it has been silent, at the time given.
     */
    @Test
    void aShotWhoseWorkerWentSilentSaysForHowLong() {
        Instant beat = Instant.parse("2026-01-01T00:00:00Z");
        ShotRecord s = new ShotRecord(3, ShotState.RUNNING, 1, "vm-2372", 0, 0, null, 0.54, beat, 1, "m", 0);
        JobView v = new JobView(job(JobStatus.RUNNING, 3, 0), List.of(s));
        assertEquals("; shot 3 at 54 %", new FollowedPace().update(v, 0, beat.plusSeconds(89)),
                "two missed reports are not yet silence");
        assertEquals("; shot 3 at 54 % (no word from its worker for 2 min 10 s)",
                new FollowedPace().update(v, 0, beat.plusSeconds(130)));
    }

    private static JobRecord job(JobStatus status, int total, int done) {
        return new JobRecord(ID, "pace", "model", status, ObjectKeys.spec(ID), total, done, 0, Instant.now(),
                Instant.now(), null, List.of(), 0, 0, List.of(), 0, false, null, null, 0);
    }
}
