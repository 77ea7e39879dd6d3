package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * What {@link StopOnSignal} says and returns without a signal; the signals themselves, sent to a
 * child JVM, are {@code RunInterruptTest}'s and {@code TransferSignalTest}'s.
 */
class StopOnSignalTest {

    @Test
    void aStoppedTransferSaysWhatIsKeptAndTheCommandThatGoesOn() {
        StringWriter said = new StringWriter();
        try (StopOnSignal stop = StopOnSignal.arm(new PrintWriter(said), "seiswork fetch J --cloud local --out d")) {
            assertFalse(stop.token().isCancelled(), "only a signal cancels the transfer");
            assertEquals(StopOnSignal.STOPPED, stop.stopped("1 of 2 parts of shots.sgy on disk"));
        }
        assertEquals("stopped: 1 of 2 parts of shots.sgy on disk; run `seiswork fetch J --cloud local --out d` again"
                + " to go on" + System.lineSeparator(), said.toString());
    }

    @Test
    void aRunHasNoCommandToGoOnWith() {
        StringWriter said = new StringWriter();
        StopOnSignal stop = StopOnSignal.armForRun(new PrintWriter(said));
        try {
            assertThrows(IllegalStateException.class, () -> stop.stopped("shots 1-3"));
        } finally {
            stop.close();
        }
        stop.close();  // closed again (an error's path and the run's end): nothing more, no hook to remove
        assertEquals("", said.toString(), "nothing said without a signal");
    }
}
