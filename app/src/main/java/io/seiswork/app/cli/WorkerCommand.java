package io.seiswork.app.cli;

import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.worker.ShotMetrics;
import io.seiswork.worker.ShotWorker;
import io.seiswork.worker.WorkerScratch;
import io.seiswork.worker.WorkerSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * {@code seiswork worker}: a cloud worker on this machine. It runs shots of the queue until
 * stopped; SIGTERM (a spot interruption, {@code docker stop}, Ctrl-C) stops the running shot at its
 * next time step and hands it back to the queue before the process exits.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run a cloud worker: take shots from the queue, run them on this machine's engine, store the "
                + "results, stack each job after its last shot.", "Configuration from the options or the environment "
                + "(SEISWORK_CLOUD, SEISWORK_BUCKET, SEISWORK_WORK_DIR, AWS_REGION, AWS_PROFILE)."})
final class WorkerCommand implements Callable<Integer> {

    /**
     * How long the SIGTERM hook waits for the worker's loop to end, seconds: 110, under the 120 s
     * after which ECS kills the task, and over the {@link io.seiswork.worker.ShotWorker#UPLOAD_GRACE}
     * a computed result's upload may take.
     */
    static final int STOP_WAIT_S = 110;

    @Mixin
    CloudOptions cloud;

    @Option(names = "--engine", paramLabel = "auto|cpu|gpu", converter = OptionValues.Engine.class,
            description = "Overrides the specs' engine.")
    EngineChoice engine;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "${env:SEISWORK_WORK_DIR}",
            description = "Scratch for inputs, shot results and wavefield spills (default: SEISWORK_WORK_DIR, "
                    + "else a seiswork-worker folder in the temporary directory).")
    Path workDir;

    @Option(names = "--max-idle", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop after this many seconds without a shot (default 0: run until stopped).")
    long maxIdleS;

    @Option(names = "--visibility", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long a held shot stays hidden from other workers; extended every third of it while "
                    + "the shot runs, so a dead worker's shot returns within this time (default 300).")
    long visibilityS;

    @Option(names = "--result-retry", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long a computed shot's result upload, or a stack's output's, is tried again while S3 "
                    + "is out of reach or answers 5xx, the message kept hidden meanwhile (default 300; 0: one try; "
                    + "at most 43200).")
    long resultRetryS;

    /** The shortest hold {@link WorkerSettings} takes, seconds. */
    static final long MIN_VISIBILITY_S = 30;

    /** SQS's longest visibility timeout, seconds: a longer one is refused by the queue. */
    static final long MAX_VISIBILITY_S = 43_200;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LogLevels.infoForWorker();
        OptionValues.require(maxIdleS >= 0, spec, "--max-idle", "0 seconds or more", maxIdleS);
        OptionValues.require(visibilityS >= MIN_VISIBILITY_S && visibilityS <= MAX_VISIBILITY_S, spec, "--visibility",
                MIN_VISIBILITY_S + " to " + MAX_VISIBILITY_S + " seconds (30 s to 12 h, SQS's longest visibility timeout)",
                visibilityS);
        // A shot is held 12 h at most from its receipt: an upload still tried past that would race another worker.
        OptionValues.require(resultRetryS >= 0 && resultRetryS <= MAX_VISIBILITY_S, spec, "--result-retry",
                "0 to " + MAX_VISIBILITY_S + " seconds (12 h, SQS's longest hold of a shot's message)", resultRetryS);
        Path shared = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "seiswork-worker");
        Files.createDirectories(shared);
        WorkerSettings defaults = WorkerSettings.defaults(shared);
        CloudSettings s = cloud.settings();
        LogLevels.timesForLocalWorker(s.isLocal());
        var err = spec.commandLine().getErr();
        // The stop hook waits on this until the worker has handed its shot back and removed its folder.
        CountDownLatch ended = new CountDownLatch(1);
        // Workers of one instance share its scratch disk: each takes a folder of its own there.
        try (WorkerScratch scratch = WorkerScratch.claim(shared, defaults.workerId());
                CloudClients clients = new CloudClients(s)) {
            Path dir = scratch.dir();
            for (Path gone : scratch.removed()) {
                err.println("seiswork worker: removed " + gone + ", left by a worker that is no longer running");
            }
            // Inputs are content-addressed and verified before they appear: the machine's workers share them.
            WorkerSettings settings = new WorkerSettings(dir, shared, engine,
                    defaults.workerId(), Duration.ofSeconds(visibilityS), defaults.statusPoll(),
                    Duration.ofSeconds(maxIdleS), defaults.maxInputBytes(), defaults.pollWait(), defaults.taskMemoryBytes(),
                    defaults.sweepEvery(), defaults.hangAfter(), Duration.ofSeconds(resultRetryS));
            Dispatcher d = Dispatcher.of(clients);
            // Metric lines feed CloudWatch through the task's log; on the local cloud nobody reads them.
            ShotMetrics metrics = new ShotMetrics(s.isLocal() ? new PrintStream(OutputStream.nullOutputStream())
                    : System.out, Clock.systemUTC(), settings.workerId());
            ShotWorker worker = new ShotWorker(d.store(), d.table(), d.queue(), settings, metrics);
            Thread hook = new Thread(() -> {
                worker.stop();
                try {
                    // ECS kills the task 120 s after its SIGTERM: a result's upload has 90 s of it
                    // (ShotWorker.UPLOAD_GRACE), then its abort and the shot's hand-back the rest.
                    ended.await(STOP_WAIT_S, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "seiswork-worker-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            err.println("seiswork worker " + settings.workerId() + ": polling the " + s.name() + " shot queue "
                    + s.queue() + ", scratch in " + dir);
            err.flush();
            try {
                worker.run();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // stopping because of the signal: the hook is waiting for us
                }
            }
            err.println("seiswork worker " + settings.workerId() + ": stopped after " + worker.shotsRun() + " shots");
            err.flush();
            return 0;
        } catch (SdkClientException e) {
            throw CloudOptions.unreachable(s, e);
        } finally {
            ended.countDown();   // after the scratch folder is removed and the clients closed
        }
    }
}
