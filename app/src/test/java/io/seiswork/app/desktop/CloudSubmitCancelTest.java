package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.dispatch.SubmittedJob;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.core.files.FileSha256;
import io.seiswork.core.geometry.PackedPositions;
import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.spec.MemoryEstimate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Cancel while the desktop submits a migration of a recorded data file to the local cloud (against
 * the emulators over HTTP). While the submission reads the file's trace headers, the pass held at
 * its first trace ({@link HeldHeaderPass}), Cancel stops it short of the file's end, the window
 * says "cancelled before the job was submitted: nothing was queued", and the job table holds no
 * job of the spec, the bucket no spec of it nor the file. While a small file
 * uploads, two of its parts held in flight ({@link HeldParts}), Cancel stops those parts too and
 * keeps the one S3 holds, for the next submission.
 */
class CloudSubmitCancelTest extends CloudWindowTestBase {

    /**
     * Shots of the data file whose header pass is cancelled: 12 000 traces of one sample, 2.9 MB,
     * past the pass's first look at the cancel flag after its first trace (trace 4097).
     */
    private static final int SCANNED_SHOTS = 4;
    /** Shots of the data file whose upload is cancelled: 28 MiB, 6 parts of the test's 5 MiB. */
    private static final int UPLOADED_SHOTS = 40;
    private static final int TRACES_A_SHOT = 3000;
    private static final Sampling TIME = new Sampling(1, 0.004, 0);

    /** How soon after Cancel the window must have stopped, seconds: a block, a few thousand traces or a part's, and the log. */
    private static final int PROMPTLY_S = 10;

    /**
     * Shot gathers of {@code shots} × {@link #TRACES_A_SHOT} traces of one sample, on a 2D grid of
     * 1600 m, {@code tag} in their text header (a file no run of the test stored before: the
     * emulators outlive it).
     */
    private static Path recorded(Path file, String tag, int shots) {
        List<Position> line = new java.util.ArrayList<>();
        for (int r = 0; r < TRACES_A_SHOT; r++) {
            line.add(new Position(r * 0.5, 0, 20));
        }
        PackedPositions receivers = PackedPositions.copyOf(line);
        float[][] traces = new float[TRACES_A_SHOT][TIME.count()];
        try (ShotGatherWriter out = new ShotGatherWriter(file, TIME, true, 2000, "C 1 CANCEL WHILE SUBMITTING " + tag)) {
            for (int s = 1; s <= shots; s++) {
                out.write(new Shot(s, new Position(s, 0, 20), receivers), traces);
            }
        }
        return file;
    }

    /**
     * Cancel while the pass over the data file's trace headers is held at its first trace
     * ({@link HeldHeaderPass}): the pass stops at its next look at the cancel flag, short of the
     * file's end, and nothing after it runs (no "submitting", no digests' pass, no upload).
     */
    @Test
    void cancelWhileTheDataFileIsReadQueuesNothing(FxRobot robot) throws Exception {
        String name = LocalCloud.uniqueName("submit-cancel");
        Path data = recorded(Files.createDirectories(dir.resolve("recorded")).resolve("shots.sgy"), name, SCANNED_SHOTS);
        open(robot, spec(name));
        robot.interact(() -> window.runOnChoice().setValue(RunTarget.LOCAL_CLOUD));
        // The estimate's own pass keeps the file's geometry, which the submission would take without a pass of its
        // own: once it is done, the file is touched, so the submission reads the headers again.
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.summary().runTimePending());
        Files.setLastModifiedTime(data, FileTime.fromMillis(Files.getLastModifiedTime(data).toMillis() + 1000));
        HeldHeaderPass pass = new HeldHeaderPass();
        window.watchHeaderPasses(pass);
        robot.clickOn("#runButton");
        double tookS = pass.cancel(robot, window, PROMPTLY_S);
        System.out.printf(Locale.ROOT, "submit of a %,d-byte data file cancelled in %.2f s, its header pass at byte "
                + "%,d; the log: %s%n", Files.size(data), tookS, pass.lastDone(), messages());

        assertEquals(Files.size(data), pass.total(), "the pass was over the data file");
        assertTrue(pass.lastDone() < pass.total(), "the pass stopped short of the file's end: " + pass.lastDone());
        assertEquals("cancelled before the job was submitted: nothing was queued", window.status().getText());
        assertFalse(messages().stream().anyMatch(m -> m.startsWith("submitting ") || m.startsWith("job ")),
                "nothing after the pass ran: " + messages());
        assertFalse(window.runButton().isDisabled(), "Run is available again");
        try (CloudClients c = new CloudClients(CloudSettings.local(CloudSettings.environment()))) {
            Dispatcher d = Dispatcher.of(c);
            assertTrue(d.recentJobs(100).stream().noneMatch(j -> j.id().toString().startsWith(name)),
                    "no job of the spec in the table");
            assertTrue(d.store().objectsUnder("jobs/").stream().noneMatch(o -> o.key().startsWith("jobs/" + name)),
                    "no spec of it in the bucket");
            assertEquals(-1, d.store().sizeOf(ObjectKeys.input(FileSha256.hexOf(data))), "the data file not stored");
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
     * Cancel while the data file (27.9 MiB, 6 parts of 5 MiB, 2 at a time) uploads, part 1 stored
     * and parts 2 and 3 held in flight a MiB in: the upload stops, those two parts too, the window
     * says what S3 holds and that submitting again goes on from there, no job is written, and the
     * kept multipart upload holds part 1 only. Submitted again, only the five parts S3 lacks go up.
     * (Before, the parts in flight went on to their end, and the test raced a 698 MiB upload.)
     */
    @Test
    void cancelWhileTheDataFileUploadsStopsThePartsInFlightKeepsWhatS3HoldsAndQueuesNothing(FxRobot robot)
            throws Exception {
        String name = "upload-cancel-" + Long.toHexString(System.nanoTime());
        Path data = recorded(Files.createDirectories(dir.resolve("recorded")).resolve("shots.sgy"), name, UPLOADED_SHOTS);
        try (HeldParts parts = new HeldParts(CLOUD, window);
                CloudClients c = new CloudClients(CloudSettings.local(CloudSettings.environment()))) {
            Dispatcher plain = parts.plain;
            String bucket = plain.store().bucket();
            open(robot, spec(name));
            robot.interact(() -> window.runOnChoice().setValue(RunTarget.LOCAL_CLOUD));
            robot.clickOn("#runButton");
            // Cancel once part 1 went up and each of the upload's two threads holds a part in flight.
            double tookS = parts.cancel(robot, window, PROMPTLY_S);
            String said = window.status().getText();
            System.out.printf(Locale.ROOT, "upload of a %,d-byte data file, two parts in flight, cancelled in %.2f s: %s%n",
                    Files.size(data), tookS, said);

            String key = ObjectKeys.input(FileSha256.hexOf(data));
            var uploads = c.s3().listMultipartUploads(r -> r.bucket(bucket).prefix(key)).uploads();
            assertEquals(1, uploads.size(), "the upload is kept for the next submission");
            try {
                var held = c.s3().listParts(r -> r.bucket(bucket).key(key).uploadId(uploads.get(0).uploadId())).parts();
                assertEquals(List.of(1), held.stream().map(p -> p.partNumber()).toList(),
                        "S3 holds the whole part only: the two in flight were stopped");
                assertTrue(parts.gate.mostOfAHeldPart() < HeldParts.PART_BYTES, "stopped part-way: "
                        + parts.gate.mostOfAHeldPart() + " bytes");
                assertEquals("cancelled while uploading shots.sgy: 5.0 MiB of " + MemoryEstimate.human(Files.size(data))
                        + " stored; nothing was queued, and submitting again goes on from there", said);
                assertEquals(-1, plain.store().sizeOf(key), "nothing stored under the key");
                assertFalse(messages().stream().anyMatch(m -> m.startsWith("job ")), "no job was queued: " + messages());
                assertTrue(plain.recentJobs(100).stream().noneMatch(j -> j.id().toString().startsWith(name)),
                        "no job of the spec in the table");

                // The next submission, as the next Run makes it: the five parts S3 lacks go up, and the input is the file.
                int before = parts.gate.uploadedParts();
                SubmittedJob again = parts.small.submit(spec(name), UPLOADED_SHOTS, TransferProgress.NONE);
                try {
                    assertEquals(5, parts.gate.uploadedParts() - before, "only the parts S3 lacked were sent");
                    assertArrayEquals(Files.readAllBytes(data), plain.store().getBytes(key, Files.size(data)));
                } finally {
                    plain.cancel(again.id());  // no worker of a later test runs it
                }
            } finally {
                var left = c.s3().listMultipartUploads(r -> r.bucket(bucket).prefix(key)).uploads();
                for (var u : left) {
                    // The emulators keep it for ever, where AWS's lifecycle rule would abort it.
                    c.s3().abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(u.uploadId()));
                }
            }
        }
    }

    private List<String> messages() {
        return List.copyOf(window.progress().messages().getItems());
    }
}
