package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.core.geometry.PackedPositions;
import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.ShotGatherWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Cancel while the desktop submits a migration of a large recorded data file to the local cloud
 * (against the emulators over HTTP): the submission is still reading the file's trace headers,
 * its progress in the run's log ("reading the trace headers of shots.sgy: ..."); Cancel stops it
 * within seconds, the window says "cancelled before the job was submitted: nothing was queued",
 * and the job table holds no job of the spec, the bucket no spec of it.
 */
class CloudSubmitCancelTest extends CloudWindowTestBase {

    /** Traces of the data file: 3 million of one sample, 732 MB, a pass over its headers of several seconds. */
    private static final int SHOTS = 1000;
    private static final int TRACES_A_SHOT = 3000;
    private static final Sampling TIME = new Sampling(1, 0.004, 0);

    /** How soon after Cancel the window must have stopped, seconds: one block or a few thousand traces, and the log. */
    private static final int PROMPTLY_S = 10;

    /**
     * How soon after Cancel an upload must have stopped, seconds: the parts in flight (up to four
     * of 64 MiB) go on to their end, on a machine shared by the emulators and the test.
     */
    private static final int UPLOAD_PROMPTLY_S = 30;

    /**
     * Shot gathers of {@link #SHOTS} × {@link #TRACES_A_SHOT} traces of one sample, on a 2D grid of
     * 1600 m, {@code tag} in their text header (a file no run of the test stored before: the
     * emulators outlive it).
     */
    private static Path recorded(Path file, String tag) {
        List<Position> line = new java.util.ArrayList<>();
        for (int r = 0; r < TRACES_A_SHOT; r++) {
            line.add(new Position(r * 0.5, 0, 20));
        }
        PackedPositions receivers = PackedPositions.copyOf(line);
        float[][] traces = new float[TRACES_A_SHOT][TIME.count()];
        try (ShotGatherWriter out = new ShotGatherWriter(file, TIME, true, 2000, "C 1 CANCEL WHILE SUBMITTING " + tag)) {
            for (int s = 1; s <= SHOTS; s++) {
                out.write(new Shot(s, new Position(s, 0, 20), receivers), traces);
            }
        }
        return file;
    }

    @Test
    void cancelWhileTheDataFileIsReadQueuesNothing(FxRobot robot) throws Exception {
        String name = LocalCloud.uniqueName("submit-cancel");
        Path data = recorded(Files.createDirectories(dir.resolve("recorded")).resolve("shots.sgy"), name);
        open(robot, spec(name));
        robot.interact(() -> window.runOnChoice().setValue(RunTarget.LOCAL_CLOUD));
        robot.clickOn("#runButton");
        // In progress, and said in the log: the pass over the trace headers (the estimate's own pass, which would have
        // kept them, stopped when Run was pressed).
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> messages().stream().anyMatch(m ->
                m.startsWith("reading the trace headers of shots.sgy: ")));
        assertTrue(window.running(), "still submitting: " + messages());
        long cancelled = System.nanoTime();
        robot.clickOn("#cancelButton");
        WaitForAsyncUtils.waitFor(PROMPTLY_S, TimeUnit.SECONDS, () -> !window.running());
        double tookS = (System.nanoTime() - cancelled) * 1e-9;
        WaitForAsyncUtils.waitForFxEvents();
        System.out.printf(Locale.ROOT, "submit of a %,d-byte data file cancelled in %.2f s; the log: %s%n",
                Files.size(data), tookS, messages());

        assertEquals("cancelled before the job was submitted: nothing was queued", window.status().getText());
        assertFalse(messages().stream().anyMatch(m -> m.startsWith("job ")), "no job was queued: " + messages());
        assertFalse(window.runButton().isDisabled(), "Run is available again");
        try (CloudClients c = new CloudClients(CloudSettings.local(CloudSettings.environment()))) {
            Dispatcher d = Dispatcher.of(c);
            assertTrue(d.recentJobs(100).stream().noneMatch(j -> j.id().toString().startsWith(name)),
                    "no job of the spec in the table");
            assertTrue(d.store().objectsUnder("jobs/").stream().noneMatch(o -> o.key().startsWith("jobs/" + name)),
                    "no spec of it in the bucket");
        }
    }

    /** A 3-shot 2D migration of the data file {@code recorded/shots.sgy}, named {@code name}. */
    private static Path spec(String name) throws java.io.IOException {
        return Files.writeString(dir.resolve(name + ".json"), """
                {"name": "%s", "task": "rtm",
                 "grid": {"nx": 161, "ny": 1, "nz": 81, "dx": 10, "dz": 10},
                 "velocity": {"layers": [{"top": 0, "vp": 1500}, {"top": 400, "vp": 2200}]},
                 "migrationVelocity": {"smooth": 50},
                 "wavelet": {"type": "ricker", "peakHz": 12},
                 "time": {"lengthS": 0.4, "sampleS": 0.004},
                 "sources": {"line": {"x0": 300, "dx": 150, "n": 3, "y": 0, "z": 20}},
                 "receivers": {"line": {"x0": 0, "dx": 20, "n": 80, "y": 0, "z": 20}},
                 "data": "recorded/shots.sgy",
                 "engine": "cpu"}""".formatted(name));
    }

    /**
     * Cancel while the data file (698 MiB, 11 parts of 64 MiB) is being uploaded: the upload stops
     * with the parts in flight, the window says how much S3 holds and that submitting again goes
     * on from there, no job is written, and the multipart upload is kept with those parts. (Before,
     * the upload went on to its end: hours for a survey's file.)
     */
    @Test
    void cancelWhileTheDataFileUploadsKeepsWhatS3HoldsAndQueuesNothing(FxRobot robot) throws Exception {
        String name = "upload-cancel-" + Long.toHexString(System.nanoTime());
        Path data = recorded(Files.createDirectories(dir.resolve("recorded")).resolve("shots.sgy"), name);
        open(robot, spec(name));
        robot.interact(() -> window.runOnChoice().setValue(RunTarget.LOCAL_CLOUD));
        robot.clickOn("#runButton");
        // The first line of the upload comes with its first part: three more are in flight, seven to go.
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> messages().stream().anyMatch(m ->
                m.startsWith("uploading: ")));
        long cancelled = System.nanoTime();
        robot.clickOn("#cancelButton");
        WaitForAsyncUtils.waitFor(UPLOAD_PROMPTLY_S, TimeUnit.SECONDS, () -> !window.running());
        double tookS = (System.nanoTime() - cancelled) * 1e-9;
        WaitForAsyncUtils.waitForFxEvents();
        String said = window.status().getText();
        System.out.printf(Locale.ROOT, "upload of a %,d-byte data file cancelled in %.2f s: %s%n", Files.size(data),
                tookS, said);

        try (CloudClients c = new CloudClients(CloudSettings.local(CloudSettings.environment()))) {
            Dispatcher d = Dispatcher.of(c);
            String key = io.seiswork.cloud.job.ObjectKeys.input(io.seiswork.cloud.s3.ArtifactStore.sha256(data));
            String bucket = d.store().bucket();
            var uploads = c.s3().listMultipartUploads(r -> r.bucket(bucket).prefix(key)).uploads();
            assertEquals(1, uploads.size(), "the upload is kept for the next submission");
            try {
                int held = c.s3().listParts(r -> r.bucket(bucket).key(key).uploadId(uploads.get(0).uploadId()))
                        .parts().size();
                int parts = (int) ((Files.size(data) + (64 << 20) - 1) >> 26);
                assertTrue(held < parts, "stopped before its end: " + held + " of " + parts + " parts");
                assertEquals("cancelled while uploading shots.sgy: " + io.seiswork.core.spec.MemoryEstimate.human(
                        held * (64L << 20)) + " of " + io.seiswork.core.spec.MemoryEstimate.human(Files.size(data))
                        + " stored; nothing was queued, and submitting again goes on from there", said);
                assertEquals(-1, d.store().sizeOf(key), "nothing stored under the key");
                assertFalse(messages().stream().anyMatch(m -> m.startsWith("job ")), "no job was queued: " + messages());
                assertTrue(d.recentJobs(100).stream().noneMatch(j -> j.id().toString().startsWith(name)),
                        "no job of the spec in the table");
            } finally {
                // The emulators keep it for ever, where AWS's lifecycle rule would abort it.
                c.s3().abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploads.get(0).uploadId()));
            }
        }
    }

    private List<String> messages() {
        return List.copyOf(window.progress().messages().getItems());
    }
}
