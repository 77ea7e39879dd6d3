package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.job.ShotState;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's handling of what goes wrong in a fleet, against the emulators over HTTP: a spot
 * interruption in the middle of a shot, a shot that fails every attempt, a spec that names a
 * file on the worker's disk, messages that are not shot tasks.
 */
class ShotWorkerTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    private ArtifactStore store;
    private JobTable table;
    private ShotQueue queue;
    private Dispatcher dispatcher;
    private String name;

    @BeforeEach
    void stack() {
        // Each test its own bucket, table and queue: the emulators are shared by the JVM.
        name = LocalCloud.uniqueName("worker");
        store = ArtifactStore.createIfMissing(CLOUD.s3(), name);
        table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        dispatcher = new Dispatcher(store, table, queue);
    }

    private WorkerSettings settings(String id) throws Exception {
        return WorkerSettings.defaults(Files.createDirectories(dir.resolve(id))).withWorkerId(id)
                .withMaxIdle(Duration.ofSeconds(2)).withStatusPoll(Duration.ofMillis(200));
    }

    /** The workers' metric lines, one JSON object each. */
    private final java.io.ByteArrayOutputStream metricLines = new java.io.ByteArrayOutputStream();

    private ShotWorker worker(String id) throws Exception {
        var metrics = new ShotMetrics(new java.io.PrintStream(metricLines, true, StandardCharsets.UTF_8),
                java.time.Clock.systemUTC(), id);
        return new ShotWorker(store, table, queue, settings(id), metrics);
    }

    /** Starts {@code w} on a thread of its own and returns once the job's first shot is RUNNING. */
    private Thread startWhenRunning(ShotWorker w, JobId job) throws InterruptedException {
        Thread t = new Thread(w);
        t.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (table.shots(job).get(0).state() != ShotState.RUNNING) {
            assertTrue(System.nanoTime() < deadline, "the shot never started");
            Thread.sleep(50);
        }
        return t;
    }

    private long metricLines(String metric) {
        return metricLines.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"" + metric + "\":1")).count();
    }

    /** A 2D migration on the built-in layered model; {@code lengthS} sets how long a shot runs. */
    private Path spec(int shots, double lengthS) throws Exception {
        return Files.writeString(dir.resolve("spec.json"), """
                {"name": "worker-test", "task": "rtm",
                 "grid": {"nx": 161, "ny": 1, "nz": 81, "dx": 10, "dz": 10},
                 "velocity": {"builtin": "layered"}, "migrationVelocity": {"smooth": 60},
                 "wavelet": {"type": "ricker", "peakHz": 15},
                 "time": {"lengthS": %s, "sampleS": 0.004},
                 "sources": {"line": {"x0": 300, "dx": 500, "n": %d, "y": 0, "z": 20}},
                 "receivers": {"line": {"x0": 0, "dx": 10, "n": 161, "y": 0, "z": 20}},
                 "physics": {"spaceOrder": 8, "boundary": {"type": "cpml", "width": 10}},
                 "engine": "cpu"}""".formatted(lengthS, shots));
    }

    @Test
    void aShotInterruptedThreeTimesGoesBackToTheQueueEachTimeAndAnotherWorkerFinishesTheJob() throws Exception {
        JobId job = dispatcher.submit(spec(1, 6.0), 1, TransferProgress.NONE).id();
        ShotWorker spot = worker("spot");
        Thread t = startWhenRunning(spot, job);
        long deadline = System.nanoTime() + 60_000_000_000L;
        // The heartbeat reports the shot's progress every status poll (200 ms here).
        while (table.shots(job).get(0).progress() <= 0) {
            assertTrue(System.nanoTime() < deadline, "no progress reported");
            Thread.sleep(50);
        }
        double seen = table.shots(job).get(0).progress();
        assertTrue(seen > 0 && seen < 1, "progress " + seen);
        long stopAt = System.nanoTime();
        spot.stop();
        t.join(30_000);
        double stopS = (System.nanoTime() - stopAt) / 1e9;
        assertTrue(!t.isAlive(), "the worker ended");
        assertEquals(0, spot.shotsRun());
        assertEquals(ShotState.QUEUED, table.shots(job).get(0).state());
        // Handed back at once, not after the visibility timeout: the next worker gets it on its first
        // poll, as a fresh message, so the interruption used none of the shot's three attempts.
        var again = queue.receive(1, 60).orElseThrow(() -> new AssertionError("the shot was not handed back"));
        assertEquals(1, again.receiveCount());
        queue.release(again);
        assertTrue(stopS < 10, "stopped within a few time steps, took " + stopS + " s");
        // Two more interruptions: a message received a fourth time would be in the dead-letter queue.
        for (int i = 2; i <= 3; i++) {
            ShotWorker interrupted = worker("spot-" + i);
            Thread ti = startWhenRunning(interrupted, job);
            interrupted.stop();
            ti.join(30_000);
            assertEquals(ShotState.QUEUED, table.shots(job).get(0).state());
        }

        ShotWorker next = worker("next").stopWhenEnded(job);
        next.run();
        assertEquals(1, next.shotsRun());
        JobRecord done = table.job(job).orElseThrow();
        assertEquals(JobStatus.DONE, done.status());
        assertEquals(List.of("image.sgy", "image.swv"), done.outputs());
        assertTrue(store.sizeOf(ObjectKeys.output(job, "image.sgy")) > 3600);
        assertEquals(-1, store.sizeOf(ObjectKeys.shotResult(job, 1)), "the stacked shot result was removed");
        assertEquals(4, table.shots(job).get(0).attempts(), "three interrupted starts and the one that finished");
        assertEquals(3, metricLines("ShotsInterrupted"));
        assertEquals(1.0, table.shots(job).get(0).progress());
        assertEquals(1, metricLines("ShotsCompleted"));
    }

    /**
     * On ECS the task is protected from scale-in while it holds a shot, through the agent's
     * task-protection endpoint, and released after: here a local HTTP server in the agent's place
     * records the calls (ECS_AGENT_URI is how the agent tells a task where it listens).
     */
    @Test
    void theTaskIsProtectedFromScaleInWhileItHoldsAShot() throws Exception {
        List<String> calls = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        var agent = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        agent.createContext("/task-protection/v1/state", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            byte[] reply = "{\"protection\":{\"ProtectionEnabled\":true}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        agent.start();
        try {
            JobId job = dispatcher.submit(spec(1, 0.3), 1, TransferProgress.NONE).id();
            var protection = TaskProtection.fromEnvironment(java.util.Map.of("ECS_AGENT_URI",
                    "http://127.0.0.1:" + agent.getAddress().getPort() + "/"));
            var metrics = new ShotMetrics(new java.io.PrintStream(metricLines, true, StandardCharsets.UTF_8),
                    java.time.Clock.systemUTC(), "ecs");
            // It stops when the job ends; the idle limit is only the test's safety (2 s failed on a loaded machine).
            ShotWorker w = new ShotWorker(store, table, queue, settings("ecs").withMaxIdle(Duration.ofSeconds(30)),
                    metrics, protection, WorkerTimings.DEFAULT)
                    .stopWhenEnded(job);
            w.run();
            assertEquals(JobStatus.DONE, table.job(job).orElseThrow().status());
            assertEquals(List.of("PUT {\"ProtectionEnabled\":true,\"ExpiresInMinutes\":120}",
                    "PUT {\"ProtectionEnabled\":false}"), calls);
        } finally {
            agent.stop(0);
        }
        assertTrue(!TaskProtection.fromEnvironment(java.util.Map.of()).active(), "outside ECS it calls nothing");
    }

    @Test
    void aShotFailingEveryAttemptFailsTheJobAndEndsInTheDeadLetterQueue() throws Exception {
        // A spec naming an input nobody uploaded: every attempt fails on the download.
        JobId job = new JobId("missing-input-1");
        String missing = ObjectKeys.input("ab".repeat(32));
        store.putBytes(ObjectKeys.spec(job), Files.readString(spec(1, 0.3)).replace("{\"builtin\": \"layered\"}",
                "{\"segy\": \"" + missing + "\"}").getBytes(StandardCharsets.UTF_8));
        table.createJob(job, "worker-test", "rtm", ObjectKeys.spec(job), 1);
        queue.send(job, List.of(1));
        // No sweep, so that the letter stays for the assertion below (DeadLetterSweepTest settles letters).
        ShotWorker w = new ShotWorker(store, table, queue, settings("w").withSweepEvery(Duration.ZERO), new ShotMetrics(
                new java.io.PrintStream(metricLines, true, StandardCharsets.UTF_8), java.time.Clock.systemUTC(), "w"));
        w.run();
        JobRecord failed = table.job(job).orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status());
        assertTrue(failed.error().startsWith("shot 1 failed 3 times: "), failed.error());
        assertTrue(failed.error().contains(missing + " does not exist"), failed.error());
        assertEquals(ShotState.FAILED, table.shots(job).get(0).state());
        assertEquals(3, table.shots(job).get(0).attempts());
        assertEquals(3, metricLines("ShotsFailed"));
        String dlq = CLOUD.sqs().getQueueUrl(r -> r.queueName(queueName() + "-dlq")).queueUrl();
        var dead = CLOUD.sqs().receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(2)).messages();
        assertEquals(1, dead.size());
        assertEquals("{\"jobId\":\"missing-input-1\",\"shot\":1}", dead.get(0).body());

        // Resumed with the input still missing: three fresh attempts, and FAILED again.
        assertEquals(List.of(1), dispatcher.resume(job).queued());
        assertEquals(0, table.shots(job).get(0).attempts());
        worker("w2").stopWhenEnded(job).run();
        assertEquals(JobStatus.FAILED, table.job(job).orElseThrow().status());
        assertEquals(3, table.shots(job).get(0).attempts());
        assertEquals(6, metricLines("ShotsFailed"));
        assertEquals(1, table.job(job).orElseThrow().resumes());
    }

    /** A migration spec whose source wavefield's snapshots spill to the scratch disk. */
    private Path spillingSpec() throws Exception {
        Path spec = spec(1, 0.3);
        return Files.writeString(spec, Files.readString(spec).replace("\"engine\": \"cpu\"",
                "\"imaging\": {\"wavefield\": \"disk\"}, \"engine\": \"cpu\""));
    }

    private static final long KIB_64 = 64L << 10;

    /**
     * A shot whose source wavefield spills, with its margin, more than the worker's whole scratch
     * disk (injected: 64 KiB, all free) is refused before its first step and, since every attempt
     * on a disk of that size would be refused alike, fails at once: one delivery, its reason in
     * the job table, its message deleted, nothing dead-lettered.
     */
    @Test
    void aShotWhoseSpillDoesNotFitTheScratchDiskFailsOnceWithItsReason() throws Exception {
        JobId job = dispatcher.submit(spillingSpec(), 1, TransferProgress.NONE).id();
        ShotWorker w = worker("w").stopWhenEnded(job);
        w.scratchSpace(new io.seiswork.kernels.rtm.ScratchSpace(d -> KIB_64, d -> KIB_64));
        w.run();
        JobRecord failed = table.job(job).orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status());
        assertTrue(failed.error().startsWith("shot 1 failed and was not retried, since every attempt would fail the same"
                + " way: shot FFID 1: its source wavefield's snapshots (strategy \"disk\") needs "), failed.error());
        assertTrue(failed.error().contains("more than its file system's whole 64.0 KiB, so the shot never fits"),
                failed.error());
        assertEquals(1, table.shots(job).get(0).attempts(), "one delivery, not three");
        assertEquals(ShotState.FAILED, table.shots(job).get(0).state());
        assertEquals(0, queue.backlog().waiting() + queue.backlog().running(), "its message deleted");
        assertEquals(0, queue.deadLetters().orElseThrow().backlog().waiting(), "nor dead-lettered");
    }

    /**
     * A shot whose spill fits the scratch disk (1 TiB) but not its free space now (64 KiB, and no
     * cached input to remove) is not failed at once: each refusal is an attempt released for a
     * retry, as any failure, the third failing the shot, its message dead-lettered.
     */
    @Test
    void aShotWhoseSpillFitsTheDiskButNotItsFreeSpaceNowIsRetried() throws Exception {
        JobId job = dispatcher.submit(spillingSpec(), 1, TransferProgress.NONE).id();
        ShotWorker w = worker("w");
        w.scratchSpace(new io.seiswork.kernels.rtm.ScratchSpace(d -> KIB_64, d -> 1L << 40));
        w.run();
        JobRecord failed = table.job(job).orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status());
        assertTrue(failed.error().contains("whose file system has 64.0 KiB free now")
                && failed.error().contains("may fit once other files on the disk are gone"), failed.error());
        assertTrue(!failed.error().contains("not retried"), failed.error());
        assertEquals(3, table.shots(job).get(0).attempts(), "retried: three deliveries");
        assertEquals(ShotState.FAILED, table.shots(job).get(0).state());
        String dlq = CLOUD.sqs().getQueueUrl(r -> r.queueName(queueName() + "-dlq")).queueUrl();
        assertEquals(1, CLOUD.sqs().receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(2)).messages().size(),
                "dead-lettered as any shot failed three times");
    }

    /**
     * A shot short of scratch first has the input cache make room: a cached input of another job
     * (a sparse 1 GiB file) is removed, the freed space lets the shot fit, and it runs on its first
     * delivery.
     */
    @Test
    void aShotShortOfScratchHasTheInputCacheMakeRoomFirst() throws Exception {
        JobId job = dispatcher.submit(spillingSpec(), 1, TransferProgress.NONE).id();
        ShotWorker w = worker("w").stopWhenEnded(job);
        Path cached = Files.createDirectories(dir.resolve("w/inputs/sha256")).resolve("ab".repeat(32));
        try (var f = new java.io.RandomAccessFile(cached.toFile(), "rw")) {
            f.setLength(1L << 30);
        }
        // The disk's free space: 64 KiB while the cached input is there, 1 GiB more once it is gone.
        w.scratchSpace(new io.seiswork.kernels.rtm.ScratchSpace(d -> Files.exists(cached) ? KIB_64 : KIB_64 + (1L << 30),
                d -> 1L << 40));
        w.run();
        assertEquals(JobStatus.DONE, table.job(job).orElseThrow().status(), () -> table.job(job).orElseThrow().error());
        assertTrue(!Files.exists(cached), "the cached input was removed to make room");
        assertEquals(1, table.shots(job).get(0).attempts(), "fits on its first delivery");
    }

    /**
     * A job cancelled after two of its three shots, with one stored result lost since, resumed:
     * the lost and the unstarted shots run again, and the image is byte for byte that of the same
     * spec run without a stop.
     */
    @Test
    void aResumedJobRunsOnlyItsUnfinishedShotsAndStacksTheSameImage() throws Exception {
        Path spec = spec(3, 0.3);
        JobId job = dispatcher.submit(spec, 3, TransferProgress.NONE).id();
        ShotWorker w = worker("w").stopWhenEnded(job);
        java.util.Map<Integer, io.seiswork.cloud.queue.ReceivedShot> messages = new java.util.TreeMap<>();
        for (int i = 0; i < 3; i++) {
            var m = queue.receive(2, 120).orElseThrow();
            messages.put(m.task().shot(), m);
        }
        w.handle(messages.get(1));
        w.handle(messages.get(2));
        assertEquals(2, table.job(job).orElseThrow().done());
        dispatcher.cancel(job);
        w.handle(messages.get(3));
        assertEquals(2, w.shotsRun(), "a cancelled job's message is dropped");
        store.delete(List.of(ObjectKeys.shotResult(job, 2)));

        queue.send(job, List.of(3));  // a message of the first run still queued (a worker fleet scaled to 0)
        var resumed = dispatcher.resume(job);
        assertEquals(List.of(2, 3), resumed.queued());
        assertEquals(List.of(2), resumed.lostResults());
        for (int i = 0; i < 3; i++) {
            var m = queue.receive(2, 120).orElseThrow();
            if (m.run() == 0) {
                w.handle(m);  // stale: dropped, the resume sent shot 3 a message of its own
                assertEquals(ShotState.QUEUED, table.shots(job).get(2).state());
                assertEquals(2, w.shotsRun());
            } else {
                assertEquals(1, m.run());
                queue.release(m);
            }
        }
        w.run();
        assertEquals(4, w.shotsRun(), "shots 2 and 3 ran again, shot 1 did not");
        JobRecord done = table.job(job).orElseThrow();
        assertEquals(JobStatus.DONE, done.status());
        assertEquals(1, done.resumes());

        JobId straight = dispatcher.submit(spec, 3, TransferProgress.NONE).id();
        worker("straight").stopWhenEnded(straight).run();
        assertEquals(JobStatus.DONE, table.job(straight).orElseThrow().status());
        for (String file : List.of("image.sgy", "image.swv")) {
            assertTrue(java.util.Arrays.equals(store.getBytes(ObjectKeys.output(straight, file), 1 << 24),
                    store.getBytes(ObjectKeys.output(job, file), 1 << 24)), file + " is the uninterrupted job's");
        }
    }

    /**
     * A job whose stacking failed three times (a shot result missing) and whose result is back:
     * resumed, with every shot done, it gets one message, and the worker that receives it stacks
     * the same image as an uninterrupted job.
     */
    @Test
    void aJobWhoseStackingFailedIsStackedWhenResumed() throws Exception {
        Path spec = spec(2, 0.3);
        JobId job = dispatcher.submit(spec, 2, TransferProgress.NONE).id();
        ShotWorker w = worker("w").stopWhenEnded(job);
        var first = queue.receive(2, 120).orElseThrow();
        w.handle(first);
        int shot = first.task().shot();
        byte[] result = store.getBytes(ObjectKeys.shotResult(job, shot), 1 << 24);
        store.delete(List.of(ObjectKeys.shotResult(job, shot)));
        w.run();  // the other shot, then three stacking attempts that cannot find the deleted result
        JobRecord failed = table.job(job).orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status());
        assertTrue(failed.error().startsWith("stacking failed 3 times: "), failed.error());
        assertEquals(2, failed.done());

        store.putBytes(ObjectKeys.shotResult(job, shot), result);
        // A stacker whose job ended while it stacked (a cancel, before a delete) removes the outputs it
        // stored: left behind the job's items, no delete would find them.
        WorkerSettings s = settings("late-stacker");
        var workspace = new JobWorkspace(store, s.workDir(), s.inputCache(), s.maxInputBytes(), s.engine(), s.taskMemoryBytes());
        try (ActiveJob active = new ActiveJob(job, workspace.resolve(failed), workspace.jobDir(job))) {
            var jobEnded = new io.seiswork.core.progress.CancellationToken();
            var sending = jobEnded.child();
            new JobStacker(store, table, new ShotMetrics(System.out, java.time.Clock.systemUTC(), "late-stacker"),
                    new ResultUpload(store, ResultUpload.DEFAULT_RETRY)).stack(failed, active, sending.child(), sending, jobEnded);
        }
        assertEquals(List.of(), store.objectsUnder(ObjectKeys.job(job) + "image/"), "no outputs left behind");
        var resumed = dispatcher.resume(job);
        assertEquals(List.of(), resumed.queued());
        assertEquals(2, resumed.kept());
        w.run();
        assertEquals(2, w.shotsRun(), "no shot ran again");
        assertEquals(JobStatus.DONE, table.job(job).orElseThrow().status());

        JobId straight = dispatcher.submit(spec, 2, TransferProgress.NONE).id();
        worker("straight").stopWhenEnded(straight).run();
        assertTrue(java.util.Arrays.equals(store.getBytes(ObjectKeys.output(straight, "image.sgy"), 1 << 24),
                store.getBytes(ObjectKeys.output(job, "image.sgy"), 1 << 24)), "the uninterrupted job's image");
    }

    /** A job that fails past its limit while a shot runs: the shot stops and waits, QUEUED, for a resume. */
    @Test
    void aJobFailingMeanwhileStopsItsRunningShot() throws Exception {
        JobId job = dispatcher.submit(spec(1, 6.0), 1, TransferProgress.NONE).id();
        ShotWorker w = worker("w").stopWhenEnded(job);
        Thread t = startWhenRunning(w, job);
        assertTrue(table.failJob(job, "another shot failed 3 times"));
        t.join(30_000);
        assertTrue(!t.isAlive(), "the worker stopped the shot and went idle");
        assertEquals(0, w.shotsRun());
        assertEquals(ShotState.QUEUED, table.shots(job).get(0).state());
        var backlog = queue.backlog();
        assertEquals(0, backlog.waiting() + backlog.running(), "its message deleted, not handed back: a resume sends one");
        assertEquals(List.of(1), dispatcher.resume(job).queued());
    }

    @Test
    void aSpecNamingAFileOnTheWorkersDiskIsRefused() throws Exception {
        JobId job = new JobId("local-path-1");
        Path secret = Files.writeString(dir.resolve("secret.bin"), "not a velocity model");
        store.putBytes(ObjectKeys.spec(job), Files.readString(spec(1, 0.3)).replace("{\"builtin\": \"layered\"}",
                "{\"raw\": {\"path\": \"" + secret + "\", \"order\": \"zxy\", \"endian\": \"little\"}}")
                .getBytes(StandardCharsets.UTF_8));
        table.createJob(job, "worker-test", "rtm", ObjectKeys.spec(job), 1);
        queue.send(job, List.of(1));
        worker("w").stopWhenEnded(job).run();
        JobRecord failed = table.job(job).orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status());
        assertTrue(failed.error().endsWith("job local-path-1: velocity.raw.path must name a stored input "
                + "(inputs/sha256/<hash>), got \"" + secret + "\""), failed.error());
    }

    /**
     * A worker started for one job, with no idle limit (a fleet worker's polling for ever), ends as
     * soon as that job has: after its last shot is stacked, and at once for a job already ended.
     * Without the stop condition the worker would still be polling when the join gives up.
     */
    @Test
    void aWorkerStartedForOneJobStopsWhenTheJobEnds() throws Exception {
        JobId job = dispatcher.submit(spec(1, 0.3), 1, TransferProgress.NONE).id();
        for (int round = 1; round <= 2; round++) {
            ShotWorker w = new ShotWorker(store, table, queue, settings("one-job-" + round).withMaxIdle(Duration.ZERO)
                    .withPollWait(Duration.ofSeconds(1)), new ShotMetrics(new java.io.PrintStream(metricLines, true,
                    StandardCharsets.UTF_8), java.time.Clock.systemUTC(), "one-job")).stopWhenEnded(job);
            Thread t = new Thread(w);
            t.start();
            t.join(120_000);
            boolean polling = t.isAlive();
            if (polling) {
                w.stop();
                t.join(30_000);
            }
            assertTrue(!polling, "round " + round + ": the worker still polled after its job ended");
            assertEquals(round == 1 ? 1 : 0, w.shotsRun(), "round " + round + ": the job's one shot, then none");
            assertEquals(JobStatus.DONE, table.job(job).orElseThrow().status());
        }
    }

    @Test
    void messagesThatAreNoShotOfALiveJobAreDropped() throws Exception {
        String url = CLOUD.sqs().getQueueUrl(r -> r.queueName(queueName())).queueUrl();
        CLOUD.sqs().sendMessage(r -> r.queueUrl(url).messageBody("rm -rf /"));
        queue.send(new JobId("no-such-job"), List.of(1));
        JobId job = dispatcher.submit(spec(1, 0.3), 1, TransferProgress.NONE).id();
        queue.send(job, List.of(7));
        ShotWorker w = worker("w");
        w.run();
        assertEquals(1, w.shotsRun(), "only the job's real shot ran");
        assertEquals(JobStatus.DONE, table.job(job).orElseThrow().status());
        var backlog = queue.backlog();
        assertEquals(0, backlog.waiting() + backlog.running(), "nothing left in the queue");
    }

    private String queueName() {
        return name;
    }
}
