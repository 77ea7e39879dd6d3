package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.testing.SmallSpec;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.testing.DoneJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Cancel while the desktop fetches a done cloud job's output (against the emulators over HTTP):
 * the job, picked from Cloud jobs, has one output of 20 MiB, 5 parts of the test's 5 MiB fetched
 * 2 at a time; once part 1 is on disk and parts 2 and 3 are held in flight ({@link HeldParts}),
 * Cancel stops the fetch, those two parts too, the window says what is on disk and how to go on,
 * and the record names part 1 only, so that the next fetch fetches the other four whole and ends
 * with the object's bytes. (Before, the parts in flight went on to their end, and the test raced
 * the fetch of a 1 GiB output.)
 */
class CloudFetchCancelTest extends CloudWindowTestBase {

    /** The output: 4 parts of the test's 5 MiB and one of 5 bytes. */
    private static final int OUTPUT_BYTES = (20 << 20) + 5;

    /** How soon after Cancel the fetch must have stopped, seconds: a block of each part in flight, the record forced. */
    private static final int PROMPTLY_S = 10;

    @Test
    void cancelWhileADoneJobsOutputIsFetchedStopsThePartsInFlightKeepsWhatCameAndSaysHowToGoOn(FxRobot robot)
            throws Exception {
        byte[] output = new byte[OUTPUT_BYTES];
        new Random(41).nextBytes(output);
        try (HeldParts parts = new HeldParts(CLOUD, window)) {
            Dispatcher plain = parts.plain;
            JobId id = DoneJobs.withShots(plain, "fetch-cancel", output);
            try {
                open(robot, Files.writeString(dir.resolve("open-project.json"), SmallSpec.named("open-project").json()));
                robot.interact(() -> window.runOnChoice().setValue(RunTarget.LOCAL_CLOUD));
                robot.clickOn("#cloudJobs");
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.cloudJobsMenu().getItems().stream()
                        .anyMatch(i -> i.getText().startsWith(id + " ")));
                var entry = (javafx.scene.control.Menu) window.cloudJobsMenu().getItems().stream()
                        .filter(i -> i.getText().startsWith(id + " ")).findFirst().orElseThrow();
                assertEquals("Follow", entry.getItems().get(0).getText());
                robot.interact(() -> {
                    window.cloudJobsMenu().hide();
                    entry.getItems().get(0).fire();
                });
                // Cancel once part 1 is on disk and each of the fetch's two threads holds a part in flight.
                double tookS = parts.cancel(robot, window, PROMPTLY_S);
                String said = window.status().getText();
                System.out.printf(Locale.ROOT, "fetch of a %,d-byte output, two parts in flight, cancelled in %.2f s: %s%n",
                        OUTPUT_BYTES, tookS, said);

                Path out = dir.resolve("runs").resolve(id.value());
                assertEquals("cancelled while fetching shots.sgy: 5.0 MiB of 20.0 MiB on disk; seiswork fetch " + id
                        + " --cloud local --out " + out + " goes on from there", said);
                assertFalse(Files.exists(out.resolve("shots.sgy")), "no file under the real name until it is whole");
                assertTrue(parts.gate.mostOfAHeldPart() < HeldParts.PART_BYTES, "stopped part-way: "
                        + parts.gate.mostOfAHeldPart() + " bytes");
                var record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                        out.resolve("shots.sgy.part.json").toFile());
                assertEquals("[0]", record.path("done").toString(), "only the part that came whole is recorded");
                assertEquals(JobStatus.DONE, plain.status(id).job().status(), "the job stays done");

                // The next fetch into the folder, as the command the window names makes it: from part 1, the rest whole.
                List<Long> resumed = new ArrayList<>();
                parts.small.fetch(id, out, 1L << 30, (done, total) -> resumed.add(done));
                assertEquals(5L << 20, resumed.getFirst(), "it goes on from the part on disk");
                assertEquals(5, resumed.size(), "the four other parts came");
                assertArrayEquals(output, Files.readAllBytes(out.resolve("shots.sgy")));
            } finally {
                plain.store().delete(List.of(ObjectKeys.output(id, "shots.sgy")));
            }
        }
    }
}
