package io.seiswork.cloud.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.testing.LocalCloud;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job table's conditional writes against dynalite, over HTTP. */
class JobTableTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    private static JobTable table;
    private static int jobs;

    @BeforeAll
    static void createTable() {
        table = JobTable.createIfMissing(CLOUD.dynamoDb(), "jobtable-test");
    }

    private static JobId newJob(int shots) {
        JobId id = new JobId("job-" + (++jobs));
        table.createJob(id, "demo", "rtm", ObjectKeys.spec(id), shots);
        return id;
    }

    /** A job of one shot, done, stacking from {@code message}. */
    private static JobId stackingJob(String message) {
        JobId id = newJob(1);
        assertTrue(table.startShot(id, 1, "w1"));
        table.completeShot(id, 1, 1, 1);
        assertTrue(table.stacking().startStacking(id, message));
        return id;
    }

    @Test
    void aNewJobAndItsShotsAreQueued() {
        JobId id = newJob(12);
        JobRecord job = table.job(id).orElseThrow();
        assertEquals(JobStatus.QUEUED, job.status());
        assertEquals(12, job.total());
        assertEquals(0, job.done());
        List<ShotRecord> shots = table.shots(id);
        assertEquals(12, shots.size());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), shots.stream().map(ShotRecord::shot).toList());
        assertTrue(shots.stream().allMatch(s -> s.state() == ShotState.QUEUED && s.attempts() == 0));
        assertThrows(IllegalArgumentException.class, () -> table.createJob(id, "demo", "rtm", "k", 3));
        assertThrows(IllegalArgumentException.class, () -> table.createJob(new JobId("job-big"), "d", "rtm", "k",
                JobTable.MAX_SHOTS + 1));
        assertTrue(table.job(new JobId("no-such-job")).isEmpty());
    }

    @Test
    void recentJobsComeNewestFirstWithoutTheirShots() throws Exception {
        JobTable own = JobTable.createIfMissing(CLOUD.dynamoDb(), "jobtable-list-test");
        for (int i = 1; i <= 4; i++) {
            own.createJob(new JobId("listed-" + i), "demo " + i, "model", "k", 50);
            Thread.sleep(5);  // distinct submission times
        }
        List<JobRecord> recent = own.recentJobs(3);
        assertEquals(List.of("listed-4", "listed-3", "listed-2"), recent.stream().map(j -> j.id().value()).toList());
        assertEquals("demo 4", recent.get(0).name());
        assertEquals(50, recent.get(0).total());
        assertEquals(4, own.recentJobs(10).size(), "shot items are not jobs");
    }

    /**
     * Times are written at one width, so DynamoDB's text comparison is time order: a shot whose
     * message went at :05 whole was sent before :05.500, which as {@code Instant.toString()}
     * wrote them ({@code "...05Z"} after {@code "...05.500Z"}) it was not, and the re-send that
     * keeps its message from SQS's 14 days was refused.
     */
    @Test
    void aShotSentOnTheWholeSecondIsBeforeHalfASecondLater() {
        JobId id = newJob(1);
        Instant whole = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(3600);
        Instant half = whole.plusMillis(500);
        assertTrue(table.shotResends().recordSent(id, 1, whole));
        assertEquals(List.of(1), table.shotResends().queuedShotsSentBefore(id, half, whole));
        assertTrue(table.shotResends().recordResent(id, 1, half, half.plusSeconds(1)), "sent at :05, before :05.500");
        assertFalse(table.shotResends().recordResent(id, 1, half, half.plusSeconds(2)), "sent again at :06.500, not before :05.500");
    }

    /**
     * A shot item written before times had one width ({@code Instant.toString()}) is still
     * compared by time: a whole second is before half a second later, six digits within the
     * threshold's millisecond are not before it, whatever their text says.
     */
    @Test
    void aSendTimeOfTheOlderFormIsComparedByTime() {
        JobId id = newJob(1);
        Instant half = Instant.parse("2030-05-01T12:00:05.500Z");
        for (var c : List.of(java.util.Map.entry("2030-05-01T12:00:05Z", true),
                java.util.Map.entry("2030-05-01T12:00:05.499999Z", true),
                java.util.Map.entry("2030-05-01T12:00:05.500123Z", false),
                java.util.Map.entry("2030-05-01T12:00:05.600Z", false),
                java.util.Map.entry("2030-05-01T12:00:06Z", false))) {
            setRaw(id, "SHOT#1", "sent", c.getKey());
            assertEquals(c.getValue(), table.shotResends().recordResent(id, 1, half, half.plusSeconds(60)), c.getKey());
        }
    }

    /**
     * Jobs created in one second, written in the older form: the one created whole is listed
     * after the one half a second later, and is the only one submitted before :05.250.
     */
    @Test
    void jobsOfTheOlderFormAreListedAndFoundByTime() {
        JobTable own = JobTable.createIfMissing(CLOUD.dynamoDb(), "jobtable-time-test");
        own.createJob(new JobId("whole-second"), "demo", "model", "k", 1);
        own.createJob(new JobId("half-second"), "demo", "model", "k", 1);
        setRaw("jobtable-time-test", new JobId("whole-second"), "META", "created", "2030-05-01T12:00:05Z");
        setRaw("jobtable-time-test", new JobId("half-second"), "META", "created", "2030-05-01T12:00:05.500Z");
        assertEquals(List.of("half-second"), own.recentJobs(1).stream().map(j -> j.id().value()).toList());
        assertEquals(List.of("half-second", "whole-second"), own.recentJobs(5).stream().map(j -> j.id().value()).toList());
        assertEquals(List.of("whole-second"), own.shotResends()
                .unfinishedJobsSubmittedBefore(Instant.parse("2030-05-01T12:00:05.250Z")).stream().map(j -> j.id().value()).toList());
        assertEquals(Instant.parse("2030-05-01T12:00:05Z"),
                own.shotResends().unfinishedJobsSubmittedBefore(Instant.parse("2030-05-01T12:00:05.600Z")).stream()
                        .filter(j -> j.id().value().equals("whole-second")).findFirst().orElseThrow().created());
    }

    /**
     * A stack's beat written in the older form ({@code "...05Z"}, six digits) is still the beat a
     * sweep read: the conditions on it match that text, not only the fixed form's.
     */
    @Test
    void aBeatOfTheOlderFormIsStillTheBeatRead() {
        for (String old : List.of("2030-05-01T12:00:05Z", "2030-05-01T12:00:05.123456Z")) {
            JobId id = stackingJob("m-" + old);
            setRaw(id, "META", "stackBeat", old);
            Instant beat = table.job(id).orElseThrow().stackBeat();
            assertEquals(Instant.parse(old), beat);
            assertFalse(table.stacking().failSilentStacking(id, beat.plusMillis(1), "lost"), "another beat: it spoke since");
            assertTrue(table.stacking().failSilentStacking(id, beat, "lost"), old);
            assertEquals(JobStatus.FAILED, table.job(id).orElseThrow().status());
        }
    }

    /** Writes {@code text} as attribute {@code name} of an item of the test table, as an older version did. */
    private static void setRaw(JobId id, String sk, String name, String text) {
        setRaw("jobtable-test", id, sk, name, text);
    }

    private static void setRaw(String tableName, JobId id, String sk, String name, String text) {
        CLOUD.dynamoDb().updateItem(r -> r.tableName(tableName)
                .key(java.util.Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("JOB#" + id.value()),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(sk)))
                .updateExpression("SET #a = :v").expressionAttributeNames(java.util.Map.of("#a", name))
                .expressionAttributeValues(java.util.Map.of(":v",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(text))));
    }

    @Test
    void aShotDeliveredTwiceIsCountedOnce() {
        JobId id = newJob(2);
        assertTrue(table.startShot(id, 1, "w1"));
        assertEquals(JobStatus.RUNNING, table.job(id).orElseThrow().status());
        table.reportProgress(id, 1, 0.4);
        assertEquals(0.4, table.shots(id).get(0).progress());
        assertEquals(1, table.completeShot(id, 1, 3.5, 1.25).done());
        // The same message again (SQS delivers at least once): a worker may not even start it.
        assertFalse(table.startShot(id, 1, "w2"));
        assertEquals(1, table.completeShot(id, 1, 3.5, 1.25).done());
        ShotRecord s = table.shots(id).get(0);
        assertEquals(ShotState.DONE, s.state());
        assertEquals(1, s.attempts());
        assertEquals(3.5, s.seconds());
        assertEquals(1.25, s.gptsPerSecond());
        table.reportProgress(id, 1, 0.5);  // a late report from the first delivery
        assertEquals(ShotState.DONE, table.shots(id).get(0).state());
        assertEquals(1.0, table.shots(id).get(0).progress());
        assertFalse(table.stacking().startStacking(id), "one shot is still missing");
    }

    @Test
    void exactlyOneOfManyFinishingWorkersStacks() throws Exception {
        int n = 8;
        JobId id = newJob(n);
        for (int shot = 1; shot <= n; shot++) {
            table.startShot(id, shot, "w" + shot);
        }
        var pool = Executors.newFixedThreadPool(n);
        CyclicBarrier together = new CyclicBarrier(n);
        List<Future<Boolean>> stacked = new ArrayList<>();
        for (int shot = 1; shot <= n; shot++) {
            int k = shot;
            Callable<Boolean> worker = () -> {
                together.await();
                table.completeShot(id, k, 1, 1);
                return table.stacking().startStacking(id);
            };
            stacked.add(pool.submit(worker));
        }
        int winners = 0;
        for (Future<Boolean> f : stacked) {
            winners += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, winners);
        JobRecord job = table.job(id).orElseThrow();
        assertEquals(n, job.done());
        assertEquals(JobStatus.STACKING, job.status());
        assertEquals(0, job.stacked());
        table.stacking().stackProgress(id, 5);
        assertEquals(5, table.job(id).orElseThrow().stacked(), "the stacker's progress");
        assertTrue(table.finishJob(id, List.of("image.sgy", "image.swv")));
        table.stacking().stackProgress(id, 7);
        assertEquals(5, table.job(id).orElseThrow().stacked(), "no progress recorded once DONE");
        assertEquals(List.of("image.sgy", "image.swv"), table.job(id).orElseThrow().outputs());
        assertFalse(table.cancel(id), "a finished job cannot be cancelled");
        assertEquals(JobStatus.DONE, table.job(id).orElseThrow().status());
    }

    @Test
    void aShotFailingItsLastAttemptFailsTheJob() {
        JobId id = newJob(3);
        table.startShot(id, 2, "w1");
        table.failShot(id, 2, "w1", "out of memory", false);
        assertEquals(ShotState.QUEUED, table.shots(id).get(1).state());
        assertEquals(JobStatus.RUNNING, table.job(id).orElseThrow().status());
        table.startShot(id, 2, "w2");
        table.failShot(id, 2, "w2", "out of memory", true);
        table.failShot(id, 2, "w2", "out of memory", true);
        JobRecord job = table.job(id).orElseThrow();
        assertEquals(JobStatus.FAILED, job.status());
        assertEquals(1, job.failed());
        assertEquals("shot 2 failed 3 times: out of memory", job.error());
        assertEquals(ShotState.FAILED, table.shots(id).get(1).state());
    }

    /**
     * The attempt a failure is told from is SQS's delivery count ("attempt N of 3"), not the
     * number of starts: a shot handed back ({@code releaseShot}) and started again by a duplicate
     * delivery has two starts but is on its first delivery; the lost-shot and at-once failures
     * record the same count.
     */
    @Test
    void aFailureRecordsTheDeliveryItCameFromNotTheNumberOfStarts() {
        JobId id = newJob(3);
        assertTrue(table.startShot(id, 2, "w1", 1));
        table.releaseShot(id, 2);
        assertTrue(table.startShot(id, 2, "w2", 1));
        table.failShot(id, 2, "w2", "out of memory", false);
        ShotRecord first = table.shot(id, 2).orElseThrow();
        assertEquals(2, first.attempts(), "two starts");
        assertEquals(1, first.errorAttempt(), "one delivery");

        assertTrue(table.startShot(id, 2, "w3", 2));
        table.releaseShot(id, 2);
        assertTrue(table.startShot(id, 2, "w4", 3));
        assertTrue(table.failLostShot(id, 2, "w4", table.shot(id, 2).orElseThrow().beat(), "worker lost", 0));
        ShotRecord lost = table.shot(id, 2).orElseThrow();
        assertEquals(4, lost.attempts());
        assertEquals(3, lost.errorAttempt(), "attempt 3 of 3, never 4 of 3");

        JobId other = newJob(1);
        assertTrue(table.startShot(other, 1, "w5", 2));
        table.releaseShot(other, 1);
        assertTrue(table.startShot(other, 1, "w6", 2));
        assertTrue(table.failShotWithoutRetry(other, 1, "w6", "bytes differ", 0));
        assertEquals(2, table.shot(other, 1).orElseThrow().errorAttempt());
    }

    /**
     * A failure every attempt would repeat (data whose stored bytes are not those submitted):
     * the shot is FAILED and counted on its first attempt, and the job's error says it was not
     * retried; only the attempt the shot item names counts, and only once.
     */
    @Test
    void aFailureEveryAttemptWouldRepeatFailsTheShotAtItsFirstAttempt() {
        JobId id = newJob(3);
        table.startShot(id, 2, "w1");
        assertFalse(table.failShotWithoutRetry(id, 2, "w-other", "bytes differ", 0), "not the attempt the item names");
        assertEquals(ShotState.RUNNING, table.shot(id, 2).orElseThrow().state());
        assertTrue(table.failShotWithoutRetry(id, 2, "w1", "bytes differ", 0));
        assertFalse(table.failShotWithoutRetry(id, 2, "w1", "bytes differ", 0), "FAILED already: nothing changes");
        ShotRecord shot = table.shot(id, 2).orElseThrow();
        assertEquals(ShotState.FAILED, shot.state());
        assertEquals(1, shot.attempts());
        JobRecord job = table.job(id).orElseThrow();
        assertEquals(JobStatus.FAILED, job.status(), "limit 0: the job stops");
        assertEquals(1, job.failed());
        assertEquals("shot 2 failed and was not retried, since every attempt would fail the same way: bytes differ",
                job.error());

        JobId within = new JobId("job-at-once-" + (++jobs));
        table.createJob(within, "demo", "rtm", ObjectKeys.spec(within), 10, 1);
        table.startShot(within, 4, "w1");
        assertTrue(table.failShotWithoutRetry(within, 4, "w1", "bytes differ", 0));
        assertEquals(JobStatus.RUNNING, table.job(within).orElseThrow().status(), "within its limit of 1, it runs on");
        table.startShot(within, 9, "w2");
        assertTrue(table.failShotWithoutRetry(within, 9, "w2", "headers differ", 0));
        assertEquals("2 shots failed, more than the job's limit of 1; the last: shot 9 failed and was not retried, since "
                + "every attempt would fail the same way: headers differ", table.job(within).orElseThrow().error());
    }

    @Test
    void cancelStopsARunningJobAndReleasedShotsAreQueuedAgain() {
        JobId id = newJob(2);
        table.startShot(id, 1, "w1");
        table.releaseShot(id, 1);
        assertEquals(ShotState.QUEUED, table.shots(id).get(0).state());
        assertEquals(java.util.Optional.of(JobStatus.RUNNING), table.jobStatus(id), "the heartbeat's status read");
        assertTrue(table.cancel(id));
        assertEquals(JobStatus.CANCELLED, table.job(id).orElseThrow().status());
        assertEquals(java.util.Optional.of(JobStatus.CANCELLED), table.jobStatus(id), "the heartbeat sees the cancel");
        assertTrue(table.jobStatus(new JobId("no-such-job")).isEmpty());
        assertFalse(table.cancel(id));
        table.completeShot(id, 1, 1, 1);
        table.completeShot(id, 2, 1, 1);
        assertFalse(table.stacking().startStacking(id), "a cancelled job is never stacked");
    }

    @Test
    void withinItsLimitAJobRunsItsOtherShotsAndEndsFailedListingTheFailedOnes() {
        JobId id = new JobId("job-limit-" + (++jobs));
        table.createJob(id, "demo", "rtm", ObjectKeys.spec(id), 6, 2);
        assertEquals(2, table.job(id).orElseThrow().maxFailed());
        table.startShot(id, 5, "w1");
        table.failShot(id, 5, "w1", "GPU fell off the bus", true);
        table.startShot(id, 2, "w2");
        table.failShot(id, 2, "w2", "disk full", true);
        JobRecord running = table.job(id).orElseThrow();
        assertEquals(JobStatus.RUNNING, running.status(), "two failed shots are within the limit of 2");
        assertEquals(List.of(2, 5), running.failedShots());
        for (int shot : new int[] {1, 3, 4}) {
            table.startShot(id, shot, "w3");
            assertEquals(JobStatus.RUNNING, table.completeShot(id, shot, 1, 1).status());
        }
        table.startShot(id, 6, "w3");
        table.completeShot(id, 6, 1, 1);
        JobRecord end = table.job(id).orElseThrow();
        assertEquals(JobStatus.FAILED, end.status(), "every shot settled, two failed");
        assertEquals("2 of 6 shots failed (shots 2, 5), the other 4 are done: 'seiswork resume " + id
                + "' runs the failed ones again", end.error());
        assertFalse(table.stacking().startStacking(id));
    }

    @Test
    void pastItsLimitAJobStopsAtOnce() {
        JobId id = new JobId("job-over-" + (++jobs));
        table.createJob(id, "demo", "rtm", ObjectKeys.spec(id), 10, 1);
        table.startShot(id, 3, "w1");
        table.failShot(id, 3, "w1", "out of memory", true);
        assertEquals(JobStatus.RUNNING, table.job(id).orElseThrow().status());
        table.startShot(id, 7, "w2");
        table.failShot(id, 7, "w2", "out of memory", true);
        JobRecord job = table.job(id).orElseThrow();
        assertEquals(JobStatus.FAILED, job.status());
        assertEquals("2 shots failed, more than the job's limit of 1; the last: shot 7 failed 3 times: out of memory",
                job.error());
    }

    @Test
    void theLimitOfFailedShotsIsTwoPercentByDefaultAndChecked() {
        JobId big = new JobId("job-default-" + (++jobs));
        table.createJob(big, "demo", "model", "k", 120);
        assertEquals(2, table.job(big).orElseThrow().maxFailed());
        JobId small = new JobId("job-default-" + (++jobs));
        table.createJob(small, "demo", "model", "k", 49);
        assertEquals(0, table.job(small).orElseThrow().maxFailed());
        var tooMany = assertThrows(IllegalArgumentException.class,
                () -> table.createJob(new JobId("job-refused"), "d", "rtm", "k", 4, 4));
        assertEquals("--max-failed-shots must be 0 to 3 for a job of 4 shots, got 4", tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.createJob(new JobId("job-refused"), "d", "rtm", "k", 4, -1));
        assertTrue(table.job(new JobId("job-refused")).isEmpty(), "nothing written");
    }

    @Test
    void aFailedOrCancelledJobReopensOnceItsShotsAreQueuedAgain() {
        JobId id = newJob(3);
        table.startShot(id, 1, "w1");
        table.completeShot(id, 1, 1, 1);
        assertTrue(table.reopen(id, true).isEmpty(), "a running job is not reopened");
        table.startShot(id, 2, "w1");
        table.failShot(id, 2, "w1", "out of memory", true);
        assertEquals(JobStatus.FAILED, table.job(id).orElseThrow().status());

        table.requeueShot(id, 1, false);
        assertEquals(ShotState.DONE, table.shots(id).get(0).state(), "a done shot stays done");
        table.requeueShot(id, 2, false);
        ShotRecord again = table.shots(id).get(1);
        assertEquals(ShotState.QUEUED, again.state());
        assertEquals(0, again.attempts());
        assertEquals(null, again.error());
        assertEquals(null, again.worker());

        assertEquals(1, table.reopen(id, true).orElseThrow(), "the run number of the resumed job's messages");
        assertTrue(table.reopen(id, true).isEmpty(), "of two resumes, one reopens");
        JobRecord job = table.job(id).orElseThrow();
        assertEquals(JobStatus.RUNNING, job.status());
        assertEquals(0, job.failed());
        assertEquals(List.of(), job.failedShots());
        assertEquals(null, job.error());
        assertEquals(1, job.resumes());
        assertEquals(1, job.done());
        table.startShot(id, 2, "w2");
        table.failShot(id, 2, "w2", "out of memory", true, 0);
        assertEquals(0, table.job(id).orElseThrow().failed(), "a failure of the first run is not counted in the second");
        table.requeueShot(id, 2, false);
        table.startShot(id, 2, "w3");
        table.failShot(id, 2, "w3", "out of memory", true, 1);
        assertEquals(1, table.job(id).orElseThrow().failed(), "a shot failing again after a resume counts again");
    }

    @Test
    void aDoneShotWhoseResultIsGoneIsUncountedOnlyWhileTheJobIsStopped() {
        JobId id = newJob(2);
        table.startShot(id, 1, "w1");
        table.completeShot(id, 1, 1, 1);
        table.uncountShot(id, 1);
        assertEquals(1, table.job(id).orElseThrow().done(), "not while the job runs");
        assertEquals(ShotState.DONE, table.shots(id).get(0).state());
        assertTrue(table.cancel(id));
        table.uncountShot(id, 1);
        table.uncountShot(id, 1);
        assertEquals(0, table.job(id).orElseThrow().done(), "uncounted once");
        assertEquals(ShotState.QUEUED, table.shots(id).get(0).state());
        assertTrue(table.reopen(id, false).isPresent());
        assertEquals(JobStatus.QUEUED, table.job(id).orElseThrow().status());
        table.startShot(id, 1, "w2");
        assertEquals(1, table.completeShot(id, 1, 1, 1).done(), "counted again when it runs again");
    }

    /**
     * A worker whose attempt outlived a cancel and a resume fails it late: the shot was queued
     * again and its worker cleared, so the late failure counts for nothing, and the job finishes
     * and stacks once its shots are done.
     */
    @Test
    void aLateFailureAfterAResumeChangesNothing() {
        JobId id = new JobId("job-late-" + (++jobs));
        table.createJob(id, "demo", "rtm", ObjectKeys.spec(id), 3, 1);
        table.startShot(id, 1, "w1");
        table.completeShot(id, 1, 1, 1);
        table.startShot(id, 2, "slow");
        assertTrue(table.cancel(id));
        table.requeueShot(id, 2, false);
        table.requeueShot(id, 3, false);
        assertTrue(table.reopen(id, true).isPresent());
        table.failShot(id, 2, "slow", "out of memory", true);
        assertEquals(ShotState.QUEUED, table.shots(id).get(1).state(), "the late failure did not touch the shot");
        assertEquals(0, table.job(id).orElseThrow().failed());
        for (int shot = 2; shot <= 3; shot++) {
            table.startShot(id, shot, "w2");
            table.completeShot(id, shot, 1, 1);
        }
        assertEquals(JobStatus.RUNNING, table.job(id).orElseThrow().status());
        assertTrue(table.stacking().startStacking(id), "every shot done: the job stacks");
    }

    /**
     * Two deliveries of one shot: one fails its last attempt, the other finishes it after all.
     * The shot is done, not failed, and the job with every shot done stacks.
     */
    @Test
    void aShotFailedByOneDeliveryAndFinishedByAnotherIsDone() {
        JobId id = new JobId("job-twice-" + (++jobs));
        table.createJob(id, "demo", "rtm", ObjectKeys.spec(id), 2, 1);
        table.startShot(id, 1, "a");
        table.startShot(id, 1, "b");
        table.failShot(id, 1, "a", "lost the GPU", true);
        assertEquals(ShotState.RUNNING, table.shots(id).get(0).state(), "b holds the shot now; a's failure is void");
        table.failShot(id, 1, "b", "lost the GPU", true);
        assertEquals(List.of(1), table.job(id).orElseThrow().failedShots());
        JobRecord after = table.completeShot(id, 1, 1, 1);  // a's attempt finished after all
        assertEquals(0, after.failed());
        assertEquals(List.of(), after.failedShots());
        table.startShot(id, 2, "c");
        table.completeShot(id, 2, 1, 1);
        JobRecord job = table.job(id).orElseThrow();
        assertEquals(JobStatus.RUNNING, job.status(), "not FAILED: every shot is done");
        assertTrue(table.stacking().startStacking(id));
    }

    @Test
    void aFailureReportedForADoneShotIsIgnored() {
        JobId id = newJob(2);
        table.startShot(id, 1, "a");
        table.completeShot(id, 1, 1, 1);
        table.failShot(id, 1, "a", "late", true);
        assertEquals(ShotState.DONE, table.shots(id).get(0).state());
        assertEquals(0, table.job(id).orElseThrow().failed());
        assertEquals(JobStatus.RUNNING, table.job(id).orElseThrow().status());
    }

    /** Late writes of a worker whose job was deleted meanwhile bring no item back. */
    /**
     * A lost stack's resend is claimed before its message exists: the claim is conditional on the
     * state read (beat, message, no resend yet), takes the message away so that whichever message
     * comes takes the stack, and is then recorded, or undone, only while nothing happened since.
     */
    @Test
    void aStackResendIsClaimedOnceThenRecordedOrUndoneOnlyWhileUntouched() throws Exception {
        JobId id = stackingJob("lost");
        JobRecord read = table.job(id).orElseThrow();
        assertTrue(table.stacking().claimStackResend(id, read.stackBeat(), "another").isEmpty(), "not the message read");
        assertTrue(table.stacking().claimStackResend(id, read.stackBeat().minusSeconds(1), "lost").isEmpty(), "not the beat read");
        java.time.Instant claim = table.stacking().claimStackResend(id, read.stackBeat(), "lost").orElseThrow();
        JobRecord claimed = table.job(id).orElseThrow();
        assertEquals(1, claimed.stackResends());
        assertEquals(null, claimed.stackMessage(), "nobody's: the fresh message takes it whenever it comes");
        assertEquals(claim, claimed.stackBeat());
        assertTrue(table.stacking().claimStackResend(id, read.stackBeat(), "lost").isEmpty(), "once");
        assertTrue(table.stacking().claimStackResend(id, claim, null).isEmpty(), "once, whatever the state");

        // Undone (the send failed): back to the state read, the resend unspent; then claimed and recorded.
        assertFalse(table.stacking().undoStackResend(id, claim.plusMillis(1), read.stackBeat(), "lost"), "not this claim");
        assertTrue(table.stacking().undoStackResend(id, claim, read.stackBeat(), "lost"));
        JobRecord undone = table.job(id).orElseThrow();
        assertEquals(0, undone.stackResends());
        assertEquals("lost", undone.stackMessage());
        assertEquals(read.stackBeat(), undone.stackBeat());
        Thread.sleep(2);
        java.time.Instant again = table.stacking().claimStackResend(id, read.stackBeat(), "lost").orElseThrow();
        assertFalse(table.stacking().recordStackResend(id, 1, "fresh"), "not the job's run");
        assertTrue(table.stacking().recordStackResend(id, 0, "fresh"));
        assertEquals("fresh", table.job(id).orElseThrow().stackMessage());
        assertFalse(table.stacking().recordStackResend(id, 0, "second"), "once a run: a second sweep's message counts nothing");
        assertEquals("fresh", table.job(id).orElseThrow().stackMessage());
        assertFalse(table.stacking().undoStackResend(id, again, read.stackBeat(), "lost"), "recorded: no longer undone");

        // A worker that takes the stack with the fresh message before the record: the record still holds (the
        // sweep that sent the message counts the resend), the stack stays the worker's, and the resend stays spent.
        JobId raced = stackingJob("lost");
        JobRecord r = table.job(raced).orElseThrow();
        java.time.Instant c = table.stacking().claimStackResend(raced, r.stackBeat(), "lost").orElseThrow();
        Thread.sleep(2);
        assertTrue(table.stacking().takeStack(raced, "fresh", java.time.Instant.now().minusSeconds(120)));
        assertFalse(table.stacking().undoStackResend(raced, c, r.stackBeat(), "lost"), "taken: the resend stands as spent");
        assertTrue(table.stacking().recordStackResend(raced, 0, "fresh"));
        JobRecord taken = table.job(raced).orElseThrow();
        assertEquals("fresh", taken.stackMessage());
        assertEquals(1, taken.stackResends());
        assertTrue(table.reopen(raced, true).isEmpty(), "still stacking");
    }

    /**
     * A resend claimed by a sweep lost before its message was recorded is renewed by a later
     * sweep, once, and only while nothing happened since the claim; the message it then sends is
     * recorded under the renewed claim, and the resend stays the run's one.
     */
    @Test
    void aLostResendClaimIsRenewedOnceAndOnlyWhileUntouched() throws Exception {
        JobId id = stackingJob("lost");
        JobRecord read = table.job(id).orElseThrow();
        java.time.Instant claim = table.stacking().claimStackResend(id, read.stackBeat(), "lost").orElseThrow();
        assertTrue(table.stacking().renewStackResendClaim(id, claim.minusSeconds(1)).isEmpty(), "not the claim read");
        Thread.sleep(2);
        java.time.Instant renewed = table.stacking().renewStackResendClaim(id, claim).orElseThrow();
        assertTrue(table.stacking().renewStackResendClaim(id, claim).isEmpty(), "once: a second sweep of the same state");
        assertTrue(table.stacking().recordStackResend(id, 0, "fresh"));
        assertFalse(table.stacking().recordStackResend(id, 0, "late"), "the stalled first sweep, recording late: a duplicate");
        JobRecord sent = table.job(id).orElseThrow();
        assertEquals("fresh", sent.stackMessage());
        assertEquals(1, sent.stackResends());
        assertTrue(table.stacking().renewStackResendClaim(id, renewed).isEmpty(), "recorded: nothing to renew");
        Instant aliveSince = Instant.now().minusSeconds(120);
        assertTrue(table.stacking().takeStack(id, "fresh", aliveSince), "the recorded resend, untaken: taken at once");
        assertFalse(table.stacking().takeStack(id, "fresh", aliveSince), "taken: a duplicate delivery of it is refused");

        // The stalled first sweep records before the renewing one: its message is the stack's, the other a duplicate.
        JobId late = stackingJob("lost");
        JobRecord l = table.job(late).orElseThrow();
        java.time.Instant lc = table.stacking().claimStackResend(late, l.stackBeat(), "lost").orElseThrow();
        Thread.sleep(2);
        assertTrue(table.stacking().renewStackResendClaim(late, lc).isPresent());
        assertTrue(table.stacking().recordStackResend(late, 0, "first"));
        assertFalse(table.stacking().recordStackResend(late, 0, "renewing"));
        assertEquals("first", table.job(late).orElseThrow().stackMessage());
        // A resume clears the record with the claim: the next run may send its stack again once.
        table.failJob(late, "test");
        assertTrue(table.reopen(late, true).isPresent());
        assertFalse(table.stacking().recordStackResend(late, 0, "stale"), "a sweep of the run a resume ended");
        assertTrue(table.stacking().startStacking(late, "lost-again"));
        JobRecord l1 = table.job(late).orElseThrow();
        assertTrue(table.stacking().claimStackResend(late, l1.stackBeat(), "lost-again").isPresent());
        assertTrue(table.stacking().recordStackResend(late, 1, "run-1"), "the next run records its own resend");
        assertEquals("run-1", table.job(late).orElseThrow().stackMessage());

        // A worker took the stack (its own message) after the claim: not renewed.
        JobId taken = stackingJob("lost");
        JobRecord t = table.job(taken).orElseThrow();
        java.time.Instant c = table.stacking().claimStackResend(taken, t.stackBeat(), "lost").orElseThrow();
        Thread.sleep(2);
        assertTrue(table.stacking().takeStack(taken, "fresh", java.time.Instant.now().minusSeconds(120)));
        assertTrue(table.stacking().renewStackResendClaim(taken, c).isEmpty());
    }

    /**
     * A stacking worker stopped by its SIGTERM lets go of its stack, and only while the stack is
     * its message's: a stack taken over by another message, or stored, is left alone.
     */
    @Test
    void aStackIsLetGoOfOnlyByTheMessageThatHoldsIt() {
        JobId id = stackingJob("held");
        Instant silent = Instant.now().minusSeconds(121).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        java.time.Instant aliveSince = Instant.now().minusSeconds(120);
        assertFalse(table.stacking().takeStack(id, "held", aliveSince), "its stacker alive: not taken, even with its own message");
        assertFalse(table.stacking().takeStack(id, "another", aliveSince), "its stacker alive: not taken with another message");
        assertEquals("held", table.job(id).orElseThrow().stackMessage());
        assertFalse(table.stacking().releaseStack(id, "another", silent), "not the stack's message");
        assertTrue(table.job(id).orElseThrow().stackBeat().isAfter(silent), "the beat as it was");
        assertTrue(table.stacking().releaseStack(id, "held", silent));
        JobRecord after = table.job(id).orElseThrow();
        assertEquals("held", after.stackMessage());
        assertEquals(silent, after.stackBeat(), "the beat put back to when its stacker counts as gone");
        assertTrue(table.stacking().takeStack(id, "fresh", java.time.Instant.now().minusSeconds(120)));
        assertFalse(table.stacking().releaseStack(id, "held", silent), "taken over: not the held message's to let go of");
        assertTrue(table.finishJob(id, List.of("image.sgy")));
        assertFalse(table.stacking().releaseStack(id, "fresh", silent), "stored: no stack to let go of");
    }

    @Test
    void aDeletedJobIsNotBroughtBackByLateWrites() {
        JobId id = newJob(2);
        table.startShot(id, 1, "late");
        assertTrue(table.cancel(id));
        assertTrue(table.deleteJob(id, 2));
        assertThrows(IllegalStateException.class, () -> table.completeShot(id, 1, 1, 1));
        table.failShot(id, 1, "late", "stopped", true);
        table.reportProgress(id, 1, 0.5);
        table.releaseShot(id, 1);
        assertTrue(table.job(id).isEmpty());
        assertEquals(List.of(), table.shots(id), "no stray shot item");
    }
}
