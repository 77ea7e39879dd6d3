package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.job.StackingRecords;
import io.seiswork.cloud.queue.ReceivedShot;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.cloud.testing.LocalCloud;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * A SIGTERM (spot interruption, scale-in) that reaches a worker while it stacks a job, against
 * the emulators: the stack must end stored by another worker whatever step of the hand-back the
 * interrupted worker dies in. Before the hand-back passed the stack on to its fresh message, that
 * message, delivered within two minutes of the interrupted stacker's last beat, was taken for a
 * duplicate of a live stack and deleted, and the job stayed STACKING for ever.
 */
class StackInterruptionTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    private ArtifactStore store;
    private JobTable table;
    private ShotQueue queue;
    private Dispatcher dispatcher;
    private String name;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();
    private final ShotMetrics metrics = new ShotMetrics(new PrintStream(metricLines, true, StandardCharsets.UTF_8),
            Clock.systemUTC(), "stackers");

    @BeforeEach
    void stack() {
        name = LocalCloud.uniqueName("handback");
        store = ArtifactStore.createIfMissing(CLOUD.s3(), name);
        table = JobTable.createIfMissing(CLOUD.dynamoDb(), name);
        queue = ShotQueue.createIfMissing(CLOUD.sqs(), name);
        dispatcher = new Dispatcher(store, table, queue);
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
    }

    /**
     * The defect as the fleet met it: the stacker's SIGTERM comes as it stores the outputs, it
     * hands its message back as a fresh one, and the next worker receives that message at once.
     * That worker stacks the job: DONE, with both outputs.
     */
    @Test
    void aStackInterruptedBySigtermIsStackedByTheWorkerThatGetsItsFreshMessage() throws Exception {
        JobId job = dispatcher.submit(OneShotMigration.spec(dir, "handback"), 1, TransferProgress.NONE).id();
        ReceivedShot held = queue.receive(5, 60).orElseThrow();
        interruptWhileStoringOutputs(job, held, queue, table);
        assertEquals(1, queue.backlog().waiting(), "one fresh message, the held one deleted");

        ShotWorker next = worker("next", store, queue, table);
        next.run();
        JobRecord done = table.job(job).orElseThrow();
        assertEquals(JobStatus.DONE, done.status(), "stacked, not STACKING for ever");
        assertEquals(List.of("image.sgy", "image.swv"), done.outputs());
        assertTrue(store.sizeOf(ObjectKeys.output(job, "image.sgy")) > 0, "image.sgy stored");
        assertEquals(0, next.shotsRun(), "the shot was not run again: only stacked");
        assertEquals(0, queue.backlog().waiting() + queue.backlog().running());
    }

    /**
     * The reviewer's race: another worker, long-polling, receives the fresh message the moment it
     * is sent, before the stopped stacker's next step. It stacks the job: the stack was let go of
     * before the send. (When the stack was handed on to the fresh message after the send, that
     * worker found the stack still the held message's, with a beat seconds old, dropped the fresh
     * message as a duplicate, and the job stayed STACKING with no message left.)
     */
    @Test
    void aWorkerThatReceivesTheFreshMessageAtOnceStacksTheJob() throws Exception {
        JobId job = dispatcher.submit(OneShotMigration.spec(dir, "handback"), 1, TransferProgress.NONE).id();
        ReceivedShot held = queue.receive(5, 60).orElseThrow();
        ShotWorker next = worker("next", store, queue, table);
        ExecutionInterceptor takenAtOnce = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.response() instanceof SendMessageResponse) {
                    next.run();  // between the stopped stacker's send and its next step
                }
            }
        };
        AtomicReference<ShotWorker> spot = new AtomicReference<>();
        ShotWorker stopped = worker("spot", stoppingStore(spot), ShotQueue.open(kept(CLOUD.sqsSeenBy(takenAtOnce)), name), table)
                .uploadGrace(Duration.ZERO);
        spot.set(stopped);
        stopped.handle(held);
        assertEquals(1, metricLines("ShotsInterrupted"), "the stack was interrupted");
        JobRecord done = table.job(job).orElseThrow();
        assertEquals(JobStatus.DONE, done.status(), "stacked by the worker that received the fresh message");
        assertEquals(List.of("image.sgy", "image.swv"), done.outputs());
        assertEquals(0, next.shotsRun(), "only stacked");
        assertEquals(0, queue.backlog().waiting() + queue.backlog().running(), "the held message deleted too");
    }

    /** Where in its hand-back an interrupted stacker's instance is lost. */
    private enum Death {
        /** before it lets go of the stack in the job table */
        BEFORE_RELEASE,
        /** after it let go of the stack, before its fresh message is sent */
        AFTER_RELEASE,
        /** after the send, before the held message is deleted */
        AFTER_SEND
    }

    /**
     * The interrupted stacker dies at each step of its hand-back (its instance lost before the
     * two-minute notice ran out): whatever messages that leaves, the next worker stacks the job
     * and nothing is left queued. The held message coming back after its visibility timeout is
     * played by releasing it.
     */
    @Test
    void eachStepOfTheHandBackAStackerDiesInEndsInAStackedJob() throws Exception {
        for (Death death : Death.values()) {
            JobId job = dispatcher.submit(OneShotMigration.spec(dir, "handback"), 1, TransferProgress.NONE).id();
            ReceivedShot held = queue.receive(5, 60).orElseThrow();
            ExecutionInterceptor dies = new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    if (death == Death.BEFORE_RELEASE && isRelease(context.request())) {
                        throw new WorkerDied();
                    }
                }

                @Override
                public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                    if (death == Death.AFTER_RELEASE && isRelease(context.request())
                            || death == Death.AFTER_SEND && context.response() instanceof SendMessageResponse) {
                        throw new WorkerDied();
                    }
                }
            };
            assertThrows(WorkerDied.class, () -> interruptWhileStoringOutputs(job, held, ShotQueue.open(kept(CLOUD.sqsSeenBy(dies)), name),
                    new JobTable(kept(CLOUD.dynamoDbSeenBy(dies)), name)), death.name());
            JobRecord stopped = table.job(job).orElseThrow();
            assertEquals(held.messageId(), stopped.stackMessage(), death + ": still the held message's");
            assertEquals(death != Death.BEFORE_RELEASE, stopped.stackBeat().isBefore(Instant.now().minusSeconds(120)),
                    death + ": let go of (its beat that of a stacker gone) once released");
            assertEquals(death == Death.AFTER_SEND ? 1 : 0, queue.backlog().waiting(), death + ": fresh messages queued");
            queue.release(held);  // its visibility runs out: it comes back
            staleBeat(job);  // and the dead stacker's beat is stale by then

            new ShotWorker(store, table, queue, settings("next-" + death), metrics).run();
            JobRecord done = table.job(job).orElseThrow();
            assertEquals(JobStatus.DONE, done.status(), death + ": stacked");
            assertEquals(List.of("image.sgy", "image.swv"), done.outputs());
            assertEquals(0, queue.backlog().waiting() + queue.backlog().running(), death + ": nothing left queued");
        }
    }

    /**
     * The job table out of reach when the stopped stacker lets go of its stack: no fresh message
     * is sent (it could be taken for a duplicate), and the held message, still the stack's, is
     * released rather than deleted; the next worker stacks the job with it.
     */
    @Test
    void aReleaseTheTableDoesNotAnswerReleasesTheMessageThatHoldsTheStack() throws Exception {
        JobId job = dispatcher.submit(OneShotMigration.spec(dir, "handback"), 1, TransferProgress.NONE).id();
        ReceivedShot held = queue.receive(5, 60).orElseThrow();
        ExecutionInterceptor outOfReach = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (isRelease(context.request())) {
                    throw SdkClientException.create("the job table is out of reach");
                }
            }
        };
        interruptWhileStoringOutputs(job, held, queue, new JobTable(kept(CLOUD.dynamoDbSeenBy(outOfReach)), name));
        assertEquals(held.messageId(), table.job(job).orElseThrow().stackMessage());
        assertEquals(1, queue.backlog().waiting(), "the released message alone, no fresh one");
        staleBeat(job);  // the message, released at once, is taken once the stopped stacker's beat is stale

        new ShotWorker(store, table, queue, settings("next"), metrics).run();
        assertEquals(JobStatus.DONE, table.job(job).orElseThrow().status());
        assertEquals(0, queue.backlog().waiting() + queue.backlog().running());
    }

    /**
     * Puts the job's stack beat three minutes back, as it is once a stopped stacker has been
     * silent that long: a worker takes a stack over only then ({@link StackingRecords#takeStack}).
     */
    private void staleBeat(JobId job) {
        CLOUD.dynamoDb().updateItem(r -> r.tableName(name)
                .key(java.util.Map.of("pk", AttributeValue.fromS("JOB#" + job.value()), "sk", AttributeValue.fromS("META")))
                .updateExpression("SET #b = :then").expressionAttributeNames(java.util.Map.of("#b", "stackBeat"))
                .expressionAttributeValues(java.util.Map.of(":then",
                        AttributeValue.fromS(Instant.now().minusSeconds(180).toString()))));
    }

    /** Whether {@code request} is a stopped stacker's letting go of its stack ({@link StackingRecords#releaseStack}). */
    private static boolean isRelease(Object request) {
        return request instanceof UpdateItemRequest u && u.expressionAttributeValues().containsKey(":released");
    }

    /** What ends a worker whose instance is lost: nothing after it runs, no catch takes it. */
    private static final class WorkerDied extends Error {
        private static final long serialVersionUID = 1L;

        WorkerDied() {
            super("the instance was lost", null, false, false);
        }
    }

    /**
     * Runs {@code held} on a worker whose SIGTERM comes as it stores the job's first output, with
     * no upload grace (a stop within the grace lets the outputs be stored and the job end DONE:
     * StopDuringUploadTest), and asserts the job was left STACKING with its second output not
     * stored (the upload stopped). Whether the first was stored before the stop is a race here;
     * stored, it is left for the next stack (StopDuringUploadTest, StackOutputUploadTest).
     */
    private void interruptWhileStoringOutputs(JobId job, ReceivedShot held, ShotQueue itsQueue, JobTable itsTable)
            throws Exception {
        AtomicReference<ShotWorker> spot = new AtomicReference<>();
        ShotWorker w = worker("spot", stoppingStore(spot), itsQueue, itsTable).uploadGrace(Duration.ZERO);
        spot.set(w);
        w.handle(held);
        JobRecord stopped = table.job(job).orElseThrow();
        assertEquals(JobStatus.STACKING, stopped.status(), "interrupted while stacking");
        assertEquals(-1, store.sizeOf(ObjectKeys.output(job, "image.swv")), "stopped before its second output");
        assertEquals(1, metricLines("ShotsInterrupted"));
    }

    private ShotWorker worker(String id, ArtifactStore itsStore, ShotQueue itsQueue, JobTable itsTable) throws Exception {
        return new ShotWorker(itsStore, itsTable, itsQueue, settings(id), metrics);
    }

    private WorkerSettings settings(String id) throws Exception {
        return WorkerSettings.defaults(Files.createDirectories(dir.resolve(id))).withWorkerId(id)
                .withMaxIdle(Duration.ofSeconds(3)).withPollWait(Duration.ofSeconds(1))
                .withStatusPoll(Duration.ofMillis(200)).withSweepEvery(Duration.ZERO);
    }

    /** The job bucket through a client that stops {@code worker} (its SIGTERM) as a job's output is stored. */
    private ArtifactStore stoppingStore(AtomicReference<ShotWorker> worker) {
        S3Client s3 = S3Client.builder().region(LocalCloud.REGION).credentialsProvider(LocalCloud.credentials())
                .endpointOverride(CLOUD.s3Endpoint()).forcePathStyle(true)
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof PutObjectRequest put && put.key().contains("/image/")) {
                            worker.get().stop();
                        }
                    }
                })).build();
        return new ArtifactStore(kept(s3), name);
    }

    private <C extends SdkClient> C kept(C client) {
        clients.add(client);
        return client;
    }

    private long metricLines(String metric) {
        return metricLines.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"" + metric + "\":1")).count();
    }
}
