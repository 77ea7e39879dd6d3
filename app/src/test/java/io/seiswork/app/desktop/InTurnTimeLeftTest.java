package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.desktop.InTurnTimeLeft.Seen;
import io.seiswork.app.desktop.ShotProgress.State;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The desktop's time left of a run on this machine does not depend on the order in which a
 * frame's shots come (a map's order): a shot's end and the next one's progress in one frame give
 * the same figure either way round.
 */
class InTurnTimeLeftTest {

    private static final long S = 1_000_000_000L;

    /** Shot 1 started at 0 s, at a tenth after 1 s: the first frame of a 3-shot run. */
    private static InTurnTimeLeft started() {
        InTurnTimeLeft t = new InTurnTimeLeft();
        t.frame(List.of(new Seen(1, State.QUEUED, State.RUNNING, 0.1, 1, S, 0),
                new Seen(2, State.QUEUED, State.QUEUED, 0, 0, 0, 0),
                new Seen(3, State.QUEUED, State.QUEUED, 0, 0, 0, 0)), () -> 3);
        return t;
    }

    @Test
    void aFramesShotsGiveTheSameTimeLeftInEitherOrder() {
        // Shot 1 ended after 10 s, shot 2 is half done 5 s after its start, in the same frame.
        Seen ended = new Seen(1, State.RUNNING, State.DONE, 1, 10, S, 11 * S);
        Seen running = new Seen(2, State.QUEUED, State.RUNNING, 0.5, 5, 11 * S, 0);
        InTurnTimeLeft endFirst = started();
        endFirst.frame(List.of(ended, running), () -> 3);
        InTurnTimeLeft runningFirst = started();
        runningFirst.frame(List.of(running, ended), () -> 3);
        // Shot 2 has half its work left at a pace between shot 1's 10 s and its own 10 s: 5 s, then shot 3's 10 s.
        assertEquals(15, endFirst.seconds(), 1e-9);
        assertEquals(endFirst.seconds(), runningFirst.seconds(), 1e-9);
    }

    @Test
    void shotsThatEndInOneFrameCountInTheOrderTheyEnded() {
        // A frame late enough for shots 1 and 2 to have ended in it (first 10 s, then 4 s), shot 3 running.
        List<Seen> frame = new ArrayList<>(List.of(
                new Seen(2, State.QUEUED, State.DONE, 1, 4, 11 * S, 15 * S),
                new Seen(3, State.QUEUED, State.RUNNING, 0.5, 2, 15 * S, 0),
                new Seen(1, State.RUNNING, State.DONE, 1, 10, S, 11 * S)));
        double[] figures = new double[2];
        for (int order = 0; order < 2; order++) {
            InTurnTimeLeft t = started();
            t.frame(frame, () -> 3);
            figures[order] = t.seconds();
            java.util.Collections.reverse(frame);
        }
        // Shot 3 against the pace of the shots after the first (shot 2's 4 s): (1 - 0.5)(2 + 0.5 × 4).
        assertEquals(2, figures[0], 1e-9);
        assertEquals(figures[0], figures[1], 1e-9);
    }

    @Test
    void noFigureBeforeTheFirstShotStarts() {
        InTurnTimeLeft t = new InTurnTimeLeft();
        t.frame(List.of(new Seen(1, State.QUEUED, State.QUEUED, 0, 0, 0, 0)), () -> {
            throw new AssertionError("the run's shots are counted when its first shot starts");
        });
        assertFalse(t.started());
        assertTrue(Double.isNaN(t.seconds()));
        assertTrue(started().started());
    }
}
