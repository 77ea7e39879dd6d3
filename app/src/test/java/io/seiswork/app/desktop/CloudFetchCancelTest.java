package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.testing.SmallSpec;
import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.core.spec.MemoryEstimate;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Cancel while the desktop fetches a done cloud job's large output (against the emulators over
 * HTTP): the job, picked from Cloud jobs, has one output of 1 GiB, 16 parts of 64 MiB; Cancel,
 * once the log says the fetch is under way, stops it at its next part, the window says what is on
 * disk and how to go on, and the parts on disk are kept in {@code shots.sgy.part} for that.
 * (Before, Cancel was not heard once the job was done: the fetch went on to its end.)
 */
class CloudFetchCancelTest extends CloudWindowTestBase {

    /** The output: 16 parts of the 64 MiB the desktop fetches by. */
    private static final long OUTPUT_BYTES = 1L << 30;

    /** How soon after Cancel the fetch must have stopped, seconds: the parts in flight, up to four of 64 MiB. */
    private static final int PROMPTLY_S = 30;

    /** A DONE modelling job whose one output, {@code shots.sgy}, is {@link #OUTPUT_BYTES} of zeros. */
    private static JobId doneJob(Dispatcher d) throws Exception {
        JobId id = new JobId("fetch-cancel-" + Long.toHexString(System.nanoTime()));
        d.table().createJob(id, "fetch-cancel", "model", ObjectKeys.spec(id), 1);
        d.table().startShot(id, 1, "w");
        d.table().completeShot(id, 1, 1, 1);
        assertTrue(d.table().startStacking(id));
        Path zeros = dir.resolve(id.value() + ".sgy");
        try (RandomAccessFile f = new RandomAccessFile(zeros.toFile(), "rw")) {
            f.setLength(OUTPUT_BYTES);  // sparse: nothing written here
        }
        d.store().putFile(ObjectKeys.output(id, "shots.sgy"), zeros, TransferProgress.NONE);
        Files.delete(zeros);
        assertTrue(d.table().finishJob(id, List.of("shots.sgy")));
        return id;
    }

    @Test
    void cancelWhileADoneJobsOutputIsFetchedKeepsWhatCameAndSaysHowToGoOn(FxRobot robot) throws Exception {
        try (CloudClients c = new CloudClients(CloudSettings.local(CloudSettings.environment()))) {
            Dispatcher d = Dispatcher.of(c);
            JobId id = doneJob(d);
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
                // The first line of the fetch comes with its first part: three more are in flight, twelve to go.
                WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> messages().stream().anyMatch(m ->
                        m.startsWith("fetching the outputs: ")));
                long cancelled = System.nanoTime();
                robot.clickOn("#cancelButton");
                WaitForAsyncUtils.waitFor(PROMPTLY_S, TimeUnit.SECONDS, () -> !window.running());
                double tookS = (System.nanoTime() - cancelled) * 1e-9;
                WaitForAsyncUtils.waitForFxEvents();
                String said = window.status().getText();
                System.out.printf(Locale.ROOT, "fetch of a %,d-byte output cancelled in %.2f s: %s%n", OUTPUT_BYTES,
                        tookS, said);

                Path out = dir.resolve("runs").resolve(id.value());
                Matcher m = Pattern.compile("cancelled while fetching shots\\.sgy: (.+) of 1\\.0 GiB on disk; seiswork fetch "
                        + Pattern.quote(id + " --cloud local --out " + out) + " goes on from there").matcher(said);
                assertTrue(m.matches(), said);
                assertFalse(Files.exists(out.resolve("shots.sgy")), "no file under the real name until it is whole");
                var record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                        out.resolve("shots.sgy.part.json").toFile());
                int onDisk = record.path("done").size();
                assertTrue(onDisk > 0 && onDisk < 16, "stopped part-way, the parts that came recorded: " + record);
                assertEquals(MemoryEstimate.human(onDisk * (64L << 20)), m.group(1), "the window says what is on disk");
                assertEquals(JobStatus.DONE, d.status(id).job().status(), "the job stays done");
            } finally {
                d.store().delete(List.of(ObjectKeys.output(id, "shots.sgy")));  // a GiB the emulators would keep
            }
        }
    }

    private List<String> messages() {
        return List.copyOf(window.progress().messages().getItems());
    }
}
