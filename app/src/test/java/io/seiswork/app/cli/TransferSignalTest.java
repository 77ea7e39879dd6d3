package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.testing.DoneJobs;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.cloud.testing.SlowLink;
import io.seiswork.core.files.FileSha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code seiswork submit} and {@code seiswork fetch}, the real command line run in a
 * child JVM as the launcher runs it, against the emulators, its S3 through a {@link SlowLink}: a
 * part of 64 MiB is still in flight, bytes moving, when the test sends SIGINT, however fast the
 * machine, and the small last part has gone through whole. The command must stop at once, say in
 * one line what it kept and the command that goes on, end with status 128 + the signal (130 for
 * SIGINT; SIGTERM where this JVM ignores SIGINT, {@link ChildCli#interrupt}), and that command,
 * run next over a fast link, must finish the transfer with the right bytes, moving only the part
 * that was missing.
 */
@EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "sends SIGINT (or SIGTERM) with kill(1)")
class TransferSignalTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    /** Bytes of each connection carried at full speed: more than the small part, far less than the 64 MiB one. */
    private static final long FAST_BYTES = 8L << 20;
    /** How long the stopped command may take to end after SIGINT, seconds: a block, the record forced, the JVM's end. */
    private static final int ENDS_WITHIN_S = 30;

    @TempDir
    Path dir;

    @Test
    void ctrlCDuringAFetchKeepsTheWholePartsAndSaysTheCommandThatGoesOn() throws Exception {
        byte[] output = random((64 << 20) + (1 << 20), 31);  // 2 parts: 64 MiB, then 1 MiB
        try (CloudClients c = clients(); SlowLink link = new SlowLink(CLOUD.s3Endpoint(), FAST_BYTES)) {
            Dispatcher d = Dispatcher.of(c);
            JobId id = DoneJobs.withShots(d, "signal-fetch", output);
            Path out = dir.resolve("fetched");
            List<String> fetch = List.of("fetch", id.value(), "--cloud", "local", "--out", out.toString());

            try (ChildCli first = start(dir, link, fetch)) {
                awaitLine(first, "downloading: ", 60);  // the 1 MiB part is on disk, the 64 MiB one in flight
                long signalled = System.nanoTime();
                String signal = first.interrupt();
                int status = first.await(Duration.ofSeconds(ENDS_WITHIN_S));
                System.out.printf(Locale.ROOT, "fetch stopped %.2f s after SIG%s: %s%n", (System.nanoTime() - signalled)
                        * 1e-9, signal, first.lastErrLine());
                assertEquals(ChildCli.exitStatus(signal), status, first.err());
                assertEquals("stopped: 1 of 2 parts of shots.sgy on disk (1.0 MiB of 65.0 MiB); run `seiswork fetch " + id
                        + " --cloud local --out " + out + "` again to go on", first.lastErrLine());
                assertFalse(first.err().contains("Exception"), "no stack trace: " + first.err());
                assertFalse(Files.exists(out.resolve("shots.sgy")), "no file under the real name until it is whole");
                assertEquals("[1]", new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                        out.resolve("shots.sgy.part.json").toFile()).path("done").toString(),
                        "the part in flight at the signal is not recorded");
            }
            try (SlowLink fast = new SlowLink(CLOUD.s3Endpoint(), Long.MAX_VALUE);
                    ChildCli second = start(dir, fast, fetch)) {
                assertEquals(0, second.await(Duration.ofSeconds(120)), second.err());
                assertArrayEquals(output, Files.readAllBytes(out.resolve("shots.sgy")));
                assertTrue(fast.bytesDown() >= 64L << 20 && fast.bytesDown() < (64L << 20) + (1 << 20),
                        "only the missing part came: " + fast.bytesDown() + " bytes");
            }
        }
    }

    @Test
    void ctrlCDuringASubmitKeepsTheWholePartsQueuesNothingAndTheSameCommandGoesOn() throws Exception {
        String name = "sig-" + Long.toHexString(System.nanoTime());  // no job of it in the emulators, which outlive a test
        Path spec = spec(name);
        Path model = dir.resolve("models/vp.bin");
        long size = Files.size(model);
        try (CloudClients c = clients(); SlowLink link = new SlowLink(CLOUD.s3Endpoint(), FAST_BYTES)) {
            Dispatcher d = Dispatcher.of(c);
            List<String> submit = List.of("submit", spec.toString(), "--cloud", "local");
            String key = ObjectKeys.input(FileSha256.hexOf(model));

            try (ChildCli first = start(dir, link, submit)) {
                awaitLine(first, "uploading: ", 300);  // the small part is stored, the 64 MiB one in flight
                long signalled = System.nanoTime();
                String signal = first.interrupt();
                int status = first.await(Duration.ofSeconds(ENDS_WITHIN_S));
                System.out.printf(Locale.ROOT, "submit stopped %.2f s after SIG%s: %s%n", (System.nanoTime() - signalled)
                        * 1e-9, signal, first.lastErrLine());
                assertEquals(ChildCli.exitStatus(signal), status, first.err());
                String small = io.seiswork.core.spec.MemoryEstimate.human(size - (64L << 20));
                assertEquals("stopped: 1 of 2 parts of vp.bin stored (" + small + " of "
                        + io.seiswork.core.spec.MemoryEstimate.human(size) + "); nothing was queued; run `seiswork submit "
                        + spec + " --cloud local` again to go on", first.lastErrLine());
                assertFalse(first.err().contains("Exception"), "no stack trace: " + first.err());
                assertEquals("", first.out(), "no job id: nothing was submitted");
                assertTrue(d.recentJobs(100).stream().noneMatch(j -> j.id().value().startsWith(name)), "no job written");
                var uploads = c.s3().listMultipartUploads(r -> r.bucket(d.store().bucket()).prefix(key)).uploads();
                assertEquals(1, uploads.size(), "the upload is kept for the next submit");
                assertEquals(List.of(2), c.s3().listParts(r -> r.bucket(d.store().bucket()).key(key)
                        .uploadId(uploads.get(0).uploadId())).parts().stream().map(p -> p.partNumber()).toList(),
                        "S3 holds the small part only: the one in flight at the signal was not stored");
            }
            try (SlowLink fast = new SlowLink(CLOUD.s3Endpoint(), Long.MAX_VALUE);
                    ChildCli second = start(dir, fast, submit)) {
                assertEquals(0, second.await(Duration.ofSeconds(300)), second.err());
                JobId job = new JobId(second.out().strip());
                try {
                    assertTrue(job.value().startsWith(name), second.out());
                    assertArrayEquals(Files.readAllBytes(model), d.store().getBytes(key, size),
                            "the stored input is the file");
                    assertTrue(fast.bytesUp() >= 64L << 20 && fast.bytesUp() < (64L << 20) + (1 << 20),
                            "only the missing part went: " + fast.bytesUp() + " bytes");
                } finally {
                    d.cancel(job);  // no worker of a later test runs it
                }
            }
        }
    }

    private static CloudClients clients() {
        return new CloudClients(CloudSettings.local(CLOUD.s3Endpoint(), CLOUD.sqsEndpoint(), CLOUD.dynamoDbEndpoint()));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed ^ System.nanoTime()).nextBytes(b);  // never stored before: the emulators outlive a test
        return b;
    }

    /**
     * A one-shot 2D modelling spec named {@code name} whose velocity, {@code models/vp.bin}, is a
     * file of 65.7 MiB (two parts: 64 MiB and 1.7 MiB) of 1500 to 1600 m/s, never stored before.
     */
    private Path spec(String name) throws IOException {
        int nx = 4200;
        int nz = 4100;
        Random r = new Random(System.nanoTime());
        ByteBuffer vp = ByteBuffer.allocate(4 * nx * nz).order(ByteOrder.LITTLE_ENDIAN);
        while (vp.hasRemaining()) {
            vp.putFloat(1500f + 100f * r.nextFloat());
        }
        Files.write(Files.createDirectories(dir.resolve("models")).resolve("vp.bin"), vp.array());
        return Files.writeString(dir.resolve(name + ".json"), """
                {"name": "%s", "task": "model",
                 "grid": {"nx": %d, "ny": 1, "nz": %d, "dx": 10, "dz": 10},
                 "velocity": {"raw": {"path": "models/vp.bin", "order": "zxy", "endian": "little"}},
                 "wavelet": {"type": "ricker", "peakHz": 15},
                 "time": {"lengthS": 0.1, "sampleS": 0.004},
                 "sources": {"line": {"x0": 200, "dx": 300, "n": 1, "y": 0, "z": 20}},
                 "receivers": {"line": {"x0": 0, "dx": 10, "n": 101, "y": 0, "z": 20}},
                 "engine": "cpu"}""".formatted(name, nx, nz));
    }

    /** {@code seiswork ARGS...} in a child JVM, as the launcher starts it, in {@code dir}, its S3 through {@code link}. */
    private static ChildCli start(Path dir, SlowLink link, List<String> args) throws IOException {
        return ChildCli.builder(args.toArray(String[]::new)).directory(dir)
                .jvmOption("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .withoutEnv("SEISWORK_CLOUD")
                .env("SEISWORK_S3_PORT", Integer.toString(link.port()))
                .env("SEISWORK_SQS_PORT", Integer.toString(CLOUD.sqsEndpoint().getPort()))
                .env("SEISWORK_DYNAMODB_PORT", Integer.toString(CLOUD.dynamoDbEndpoint().getPort()))
                .start();
    }

    /** Waits until a line of the child's standard error starts with {@code start}. */
    private static void awaitLine(ChildCli child, String start, int seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (child.errLines().stream().noneMatch(l -> l.startsWith(start))) {
            if (!child.isAlive() || System.nanoTime() > until) {
                throw new AssertionError("no line '" + start + "...' " + (child.isAlive() ? "after " + seconds
                        + " s" : "before the command ended") + "; standard error: " + child.err() + threads(child));
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** The child's threads, as jcmd prints them, for a failure to say where it was; empty when it has ended. */
    private static String threads(ChildCli child) {
        if (!child.isAlive()) {
            return "";
        }
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(child.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String threads = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor(30, TimeUnit.SECONDS);
            return "\nits threads:\n" + threads;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return "\n(no thread dump: " + e + ")";
        }
    }
}
