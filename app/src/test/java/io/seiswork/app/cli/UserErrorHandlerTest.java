package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one-line error of a failed command, and the hint a {@link FailureWithHint} adds after it. */
class UserErrorHandlerTest {

    private static String handled(Exception e) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.newCommandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(1, new UserErrorHandler().handleExecutionException(e, cl, null));
        return err.toString().replace("\r\n", "\n");
    }

    @Test
    void anErrorIsOneLine() {
        assertEquals("seiswork: out has 2.0 MiB free, but ...\n", handled(new IllegalStateException(
                "out has 2.0 MiB free, but ...")));
    }

    /** A run that failed with shots kept: the error first, then what to do about it. */
    @Test
    void theHintComesOnTheLineAfterTheError() {
        var e = new FailureWithHint(new IllegalStateException("No space left on device"),
                "the 2 finished shots are kept in out: run again with --resume to go on from them");
        assertEquals("seiswork: No space left on device\n"
                + "seiswork: the 2 finished shots are kept in out: run again with --resume to go on from them\n",
                handled(e));
    }

    /** A hint around a failure without words of its own: the cause's words, not "FailureWithHint". */
    @Test
    void aHintAroundAWordlessFailureGivesTheCausesWords() {
        var e = new FailureWithHint(new IllegalStateException(null, new AccessDeniedException("out")), "hint");
        assertEquals("seiswork: out: permission denied\nseiswork: hint\n", handled(e));
        var io = new FailureWithHint(new UncheckedIOException(new DirectoryNotEmptyException("out/shots")), "hint");
        assertEquals("seiswork: out/shots: folder not empty\nseiswork: hint\n", handled(io));
    }

    /** A file-system failure that gives no reason: the path once, then what its class means. */
    @Test
    void aFileSystemFailureWithoutAReasonIsNotThePathTwice() {
        assertEquals("seiswork: runs/demo: already exists\n", handled(new FileAlreadyExistsException("runs/demo")));
        assertEquals("seiswork: Data/out: folder not empty\n", handled(new DirectoryNotEmptyException("Data/out")));
    }
}
