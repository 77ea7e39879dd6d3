package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A spec that cannot be opened is said on the status line, never left at "Opening...": a file of
 * gigabytes is refused by its size before it is read (it used to fill the heap, and the
 * OutOfMemoryError vanished into the opening's Future), and an Error met while opening is said
 * like any other failure.
 */
class OpeningFailureTest extends WindowTestBase {

    @Test
    void aSpecFileOfGigabytesIsRefusedByItsSize(FxRobot robot) throws Exception {
        Path big = dir.resolve("big.json");
        try (var f = new RandomAccessFile(big.toFile(), "rw")) {  // sparse: nothing of its size is written
            f.write("{\"name\":\"big\",".getBytes(StandardCharsets.UTF_8));
            f.setLength(2_200_000_000L);
        }
        robot.interact(() -> window.openFile(big));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Cannot open"));
        assertEquals("Cannot open " + big + ": spec file " + big + " is 2.0 GiB; a job spec is a JSON text of at"
                + " most 16.0 MiB (about 600 000 listed positions; models and data are files of their own)", window.status().getText());
    }

    /**
     * An Error thrown while the spec's text is read (an OutOfMemoryError, which a model too large
     * for the heap may raise) reaches the status line in the heap's words. The window's opening
     * ({@link SpecOpening#open}) is given a text that throws it: no heap is filled here.
     */
    @Test
    void anErrorWhileOpeningIsSaidOnTheStatusLine(FxRobot robot) throws Exception {
        Supplier<String> outOfHeap = () -> {
            throw new OutOfMemoryError("Java heap space");
        };
        robot.interact(() -> window.opening().open("huge.json", dir.resolve("huge.json"), outOfHeap, false));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status().getText().startsWith("Cannot open"));
        String status = window.status().getText();
        assertTrue(status.startsWith("Cannot open huge.json: ran out of Java heap while opening the spec (reading its"
                + " velocity models)"), status);
        assertTrue(status.contains("SEISWORK_JAVA_OPTS=-Xmx"), status);
    }
}
