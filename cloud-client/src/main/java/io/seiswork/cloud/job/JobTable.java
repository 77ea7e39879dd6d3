package io.seiswork.cloud.job;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The job table (DynamoDB), one partition per job: {@code pk = JOB#<id>}, {@code sk = META} for
 * the job and {@code sk = SHOT#<n>} per shot (architecture: cloud protocol).
 *
 * <p>Every state change is a conditional write, because SQS delivers a message at least once and
 * several workers may hold the same shot over its life. Counting a finished shot adds its number
 * to the set {@code doneShots} and 1 to {@code done} in one update, on condition the set does not
 * hold it yet: the shot is counted exactly once however often it is delivered, and a worker that
 * dies between storing the result and counting it leaves the shot to be redelivered and counted
 * then. The set bounds a job to {@value #MAX_SHOTS} shots (an item holds at most 400 KB).
 *
 * <p>Attribute names in expressions always go through {@code #name} placeholders: many plain
 * words ({@code total}, {@code status}, {@code name}) are DynamoDB reserved words.
 */
public final class JobTable {

    /** Most shots one job may have; larger surveys are split into several jobs. */
    public static final int MAX_SHOTS = 20_000;
    private static final String META = "META";
    /**
     * The index listing jobs by submission time: every META item carries {@code jobs = "JOB"}, the
     * index's partition key, and its {@code created} time, the sort key. One partition serves
     * a workstation's or a team's job list (jobs are submitted minutes apart, far below a
     * partition's write limit); shot items do not carry the key, so they stay out of it.
     */
    public static final String JOBS_INDEX = "jobs-by-created";
    /**
     * The thin index the stale-shot re-send looks jobs up by ({@link #unfinishedJobsSubmittedBefore}):
     * the keys of {@value #JOBS_INDEX}, but projecting only {@code status}, {@code resumes} and
     * {@code resendClaimUntil} besides them, so that a look reads ~100 bytes a job item (at most
     * ~165) rather than the whole item (its {@code doneShots} up to ~70 KB).
     */
    public static final String RESEND_INDEX = "jobs-status-by-created";
    static final String JOBS_KEY = "jobs";
    static final String JOBS_VALUE = "JOB";
    private static final int BATCH = 25;
    private static final String MAX_FAILED = "maxFailed";
    private static final String RESUMES = "resumes";
    private static final String BEAT = "beat";
    private static final String RECEIVES = "receives";
    private static final String DELETING = "deleting";
    private static final String STACK_BEAT = "stackBeat";
    private static final String STACK_MESSAGE = "stackMessage";
    private static final String STACK_RESENDS = "stackResends";
    /** The message of the run's stack resend recorded as sent, once a run ({@link JobTable#recordStackResend}). */
    private static final String STACK_RESEND_SENT = "stackResendSent";
    private static final String MESSAGE = "message";
    /**
     * When the shot's live message was sent (submit, resume, a hand-back, a re-send): SQS drops a
     * message 14 days after it was sent, so a shot QUEUED for 12 has its message sent again
     * ({@link #queuedShotsSentBefore}).
     */
    private static final String SENT = "sent";
    /** Characters of a stored time up to its whole second ({@code 2025-05-01T12:00:05}), in either form. */
    private static final int SECOND_CHARS = 19;
    /** The worker whose stale-shot re-send holds the job ({@link #claimShotResend}). */
    private static final String RESEND_CLAIM = "resendClaim";
    /** Until when that claim holds, epoch milliseconds (a number: compares as time, as an ISO string may not). */
    private static final String RESEND_CLAIM_UNTIL = "resendClaimUntil";
    /** The job item's attributes {@value #RESEND_INDEX} carries besides its keys and {@code created}. */
    static final List<String> RESEND_INDEX_ATTRIBUTES = List.of("status", RESUMES, RESEND_CLAIM_UNTIL);

    private final DynamoDbClient db;
    private final String table;

    public JobTable(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /**
     * Creates the table if missing (the local emulator stack; on AWS the CDK stack owns it, with
     * point-in-time recovery and encryption).
     */
    public static JobTable createIfMissing(DynamoDbClient db, String table) {
        try {
            db.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(string("pk"), string("sk"), string(JOBS_KEY), string("created"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(JOBS_INDEX)
                            .keySchema(key(JOBS_KEY, KeyType.HASH), key("created", KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build(),
                            GlobalSecondaryIndex.builder().indexName(RESEND_INDEX)
                            .keySchema(key(JOBS_KEY, KeyType.HASH), key("created", KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                    .nonKeyAttributes(RESEND_INDEX_ATTRIBUTES).build()).build()));
        } catch (ResourceInUseException e) {
            // already there
        }
        awaitActive(db, table);
        return new JobTable(db, table);
    }

    /**
     * Waits until the table and its index are ACTIVE, looking every 200 ms (the SDK's waiter looks
     * every 20 s, which a fresh table of the emulator, ready in milliseconds, would wait for).
     */
    private static void awaitActive(DynamoDbClient db, String table) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            var t = db.describeTable(r -> r.tableName(table)).table();
            if (t.tableStatus() == TableStatus.ACTIVE
                    && t.globalSecondaryIndexes().stream().allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job table " + table + " is still " + t.tableStatus() + " after 2 minutes");
            }
            pause(2);
        }
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    /**
     * The most recent jobs, newest first, from the index of job items ({@value #JOBS_INDEX}): one
     * query however many shot items the table holds.
     *
     * @param limit how many at most
     */
    public List<JobRecord> recentJobs(int limit) {
        List<JobRecord> jobs = new ArrayList<>();
        // The index's text order is time order but within a second of jobs written as
        // Instant.toString() (ItemTime): the jobs of the last second taken are all read, and sorted by time.
        String lastSecond = null;
        pages:
        for (var page : db.queryPaginator(r -> r.tableName(table).indexName(JOBS_INDEX)
                .keyConditionExpression("#k = :jobs").expressionAttributeNames(Map.of("#k", JOBS_KEY))
                .expressionAttributeValues(Map.of(":jobs", s(JOBS_VALUE))).scanIndexForward(false)
                .limit(Math.min(limit, 100)))) {
            for (var item : page.items()) {
                String second = str(item, "created").substring(0, SECOND_CHARS);
                if (jobs.size() >= limit && !second.equals(lastSecond)) {
                    break pages;
                }
                lastSecond = second;
                jobs.add(toJob(new JobId(str(item, "pk").substring("JOB#".length())), item));
            }
        }
        jobs.sort(Comparator.comparing(JobRecord::created).reversed());
        return jobs.size() > limit ? List.copyOf(jobs.subList(0, limit)) : jobs;
    }

    /** Records a new job with the default limit of failed shots ({@link FailedShots#defaultLimit}). */
    public void createJob(JobId id, String name, String task, String specKey, int shots) {
        createJob(id, name, task, specKey, shots, FailedShots.defaultLimit(Math.max(0, shots)));
    }

    /**
     * Records a new job, QUEUED, and its shots, QUEUED.
     *
     * @param maxFailed failed shots the job runs on with ({@link FailedShots})
     * @throws IllegalArgumentException when the id is taken or the shot count is out of range
     */
    public void createJob(JobId id, String name, String task, String specKey, int shots, int maxFailed) {
        if (shots < 1 || shots > MAX_SHOTS) {
            throw new IllegalArgumentException("a cloud job must have 1-" + MAX_SHOTS + " shots, got " + shots
                    + (shots > MAX_SHOTS ? "; split the survey into several jobs" : ""));
        }
        FailedShots.checkLimit(maxFailed, shots);
        String now = ItemTime.text(ItemTime.now());
        Map<String, AttributeValue> meta = new HashMap<>(key(id, META));
        meta.put("status", s(JobStatus.QUEUED.name()));
        meta.put("name", s(name));
        meta.put("task", s(task));
        meta.put("specKey", s(specKey));
        meta.put("total", n(shots));
        meta.put("done", n(0));
        meta.put("failed", n(0));
        meta.put(MAX_FAILED, n(maxFailed));
        meta.put("created", s(now));
        meta.put(JOBS_KEY, s(JOBS_VALUE));
        meta.put("updated", s(now));
        try {
            db.putItem(r -> r.tableName(table).item(meta).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalArgumentException("job " + id + " already exists");
        }
        List<WriteRequest> writes = new ArrayList<>();
        for (int shot = 1; shot <= shots; shot++) {
            Map<String, AttributeValue> item = new HashMap<>(key(id, shotKey(shot)));
            item.put("shot", n(shot));
            item.put("state", s(ShotState.QUEUED.name()));
            item.put("attempts", n(0));
            item.put(SENT, s(now));  // its message is sent right after
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        writeBatched(id, writes);
    }

    /** Writes items 25 per request (DynamoDB's batch limit), retrying what it left unprocessed. */
    private void writeBatched(JobId id, List<WriteRequest> writes) {
        for (int i = 0; i < writes.size(); i += BATCH) {
            List<WriteRequest> batch = writes.subList(i, Math.min(writes.size(), i + BATCH));
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 8) {
                    throw new IllegalStateException("job table kept refusing shot items of job " + id);
                }
                var todo = pending;
                pending = db.batchWriteItem(r -> r.requestItems(todo)).unprocessedItems();
                pause(attempt);
            }
        }
    }

    /**
     * Marks an ended job as being deleted, on condition it is DONE, FAILED or CANCELLED: from then
     * on it cannot be resumed ({@link #reopen}), so a resume racing the delete cannot reopen a job
     * whose shot items and files are going.
     *
     * @return false when the job is not ended (or gone)
     */
    public boolean markDeleting(JobId id) {
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("SET #deleting = :t, #updated = :now")
                    .conditionExpression("#st = :done OR #st = :failed OR #st = :cancelled")
                    .expressionAttributeNames(Map.of("#st", "status", "#deleting", DELETING, "#updated", "updated"))
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":now", ItemTime.value(ItemTime.now()),
                            ":done", s(JobStatus.DONE.name()), ":failed", s(JobStatus.FAILED.name()),
                            ":cancelled", s(JobStatus.CANCELLED.name()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Forgets an ended job: its shot items, then its job item, on condition it is still DONE,
     * FAILED or CANCELLED (a resume meanwhile keeps it).
     *
     * @return false when the job was running again or was gone already
     */
    public boolean deleteJob(JobId id, int shots) {
        List<WriteRequest> deletes = new ArrayList<>();
        for (int shot = 1; shot <= shots; shot++) {
            deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key(id, shotKey(shot))).build())
                    .build());
        }
        writeBatched(id, deletes);
        try {
            db.deleteItem(r -> r.tableName(table).key(key(id, META))
                    .conditionExpression("#st = :done OR #st = :failed OR #st = :cancelled")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":done", s(JobStatus.DONE.name()), ":failed",
                            s(JobStatus.FAILED.name()), ":cancelled", s(JobStatus.CANCELLED.name()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The job's META item, read consistently, or empty when there is no such job. */
    public Optional<JobRecord> job(JobId id) {
        Map<String, AttributeValue> item = db.getItem(r -> r.tableName(table).key(key(id, META)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toJob(id, item));
    }

    /**
     * The job's status alone, read consistently (empty when there is no such job): what a
     * worker's heartbeat polls every few seconds. Only the status attribute is read: the whole
     * item holds {@code doneShots}, about 70 KB (18 read units) at {@value #MAX_SHOTS} shots, and
     * a thousand workers reading it every 5 s would pass a partition's 3000 read units a second.
     */
    public Optional<JobStatus> jobStatus(JobId id) {
        Map<String, AttributeValue> item = db.getItem(r -> r.tableName(table).key(key(id, META)).consistentRead(true)
                .projectionExpression("#st").expressionAttributeNames(Map.of("#st", "status"))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(JobStatus.valueOf(str(item, "status")));
    }

    /** One shot item, read consistently, or empty when the job has no such shot. */
    public Optional<ShotRecord> shot(JobId id, int shot) {
        Map<String, AttributeValue> item = db.getItem(r -> r.tableName(table).key(key(id, shotKey(shot)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toShot(item));
    }

    /** Every shot item of the job, by shot number. */
    public List<ShotRecord> shots(JobId id) {
        List<ShotRecord> shots = new ArrayList<>();
        db.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :shot)")
                .expressionAttributeValues(Map.of(":pk", s(pk(id)), ":shot", s("SHOT#"))))
                .items().forEach(item -> shots.add(toShot(item)));
        shots.sort(Comparator.comparingInt(ShotRecord::shot));
        return shots;
    }

    /**
     * A worker starts {@code shot}: RUNNING, one more attempt, unless the shot is DONE already (a
     * redelivered message). Moves the job from QUEUED to RUNNING.
     *
     * @return false when the shot is done or unknown: the message must be dropped
     */
    public boolean startShot(JobId id, int shot, String worker) {
        return startShot(id, shot, worker, 1);
    }

    /** {@link #startShot(JobId, int, String, int, String)} with no message id recorded. */
    public boolean startShot(JobId id, int shot, String worker, int receives) {
        return startShot(id, shot, worker, receives, null);
    }

    /**
     * A worker starts {@code shot} from message {@code messageId}, which SQS has delivered
     * {@code receives} times: the shot item keeps both, so that a shot whose worker fell silent
     * on its last delivery is known lost ({@link ShotRecord#lost}), one on an earlier delivery is
     * known to come back, and a dead letter is known to be the message a silent attempt came from.
     *
     * @param messageId SQS's message id, or null to record none
     * @return false when the shot is done or unknown: the message must be dropped
     */
    public boolean startShot(JobId id, int shot, String worker, int receives, String messageId) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":running", s(ShotState.RUNNING.name()), ":w", s(worker),
                ":now", ItemTime.value(ItemTime.now()), ":one", n(1), ":done", s(ShotState.DONE.name()),
                ":zero", n(0), ":receives", n(receives)));
        if (messageId != null) {
            values.put(":message", s(messageId));
        }
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, shotKey(shot)))
                    .updateExpression(messageId == null
                            ? "SET #st = :running, #worker = :w, #started = :now, #beat = :now, #progress = :zero, "
                                    + "#receives = :receives ADD #attempts :one REMOVE #message"
                            : "SET #st = :running, #worker = :w, #started = :now, #beat = :now, #progress = :zero, "
                                    + "#receives = :receives, #message = :message ADD #attempts :one")
                    .conditionExpression("attribute_exists(pk) AND #st <> :done")
                    .expressionAttributeNames(Map.ofEntries(Map.entry("#st", "state"), Map.entry("#worker", "worker"),
                            Map.entry("#started", "started"), Map.entry("#attempts", "attempts"),
                            Map.entry("#progress", "progress"), Map.entry("#beat", BEAT), Map.entry("#receives", RECEIVES),
                            Map.entry("#message", MESSAGE)))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        setStatusIf(id, JobStatus.RUNNING, JobStatus.QUEUED);
        return true;
    }

    /**
     * Records that the running shot's worker is alive, and how far the shot is, for the progress
     * panes and {@code seiswork status}; ignored once the shot has left RUNNING (a late report
     * must not undo DONE). The time of the last report is what tells a lost shot
     * ({@link ShotRecord#lost}).
     *
     * @param fraction time steps done over all of the shot's, 0 to 1
     */
    public void reportProgress(JobId id, int shot, double fraction) {
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, shotKey(shot)))
                    .updateExpression("SET #progress = :p, #beat = :now").conditionExpression("#st = :running")
                    .expressionAttributeNames(Map.of("#st", "state", "#progress", "progress", "#beat", BEAT))
                    .expressionAttributeValues(Map.of(":p", n(Math.round(Math.max(0, Math.min(1, fraction)) * 1e4) / 1e4),
                            ":running", s(ShotState.RUNNING.name()), ":now", ItemTime.value(ItemTime.now()))));
        } catch (ConditionalCheckFailedException ignored) {
            // finished, failed or handed back meanwhile
        }
    }

    /**
     * Counts a finished shot (exactly once, see the class comment) and records its timing.
     *
     * @param seconds wall seconds of the shot
     * @param gptsPerSecond its propagation throughput
     * @return the job after counting
     */
    public JobRecord completeShot(JobId id, int shot, double seconds, double gptsPerSecond) {
        Map<String, AttributeValue> after;
        try {
            after = db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("ADD #set :set, #count :one SET #updated = :now")
                    .conditionExpression("attribute_exists(pk) AND NOT contains(#set, :n)")
                    .expressionAttributeNames(Map.of("#set", "doneShots", "#count", "done", "#updated", "updated"))
                    .expressionAttributeValues(Map.of(":set", AttributeValue.fromNs(List.of(Integer.toString(shot))),
                            ":one", n(1), ":now", ItemTime.value(ItemTime.now()), ":n", n(shot)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException e) {
            after = null; // counted by an earlier delivery
        }
        try {
            // Conditional like every write here: an update of a missing item would create it, and
            // a job deleted meanwhile must not come back as a stray shot item.
            db.updateItem(r -> r.tableName(table).key(key(id, shotKey(shot)))
                    .updateExpression("SET #st = :done, #seconds = :s, #gpts = :g, #finished = :now REMOVE #err")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#st", "state", "#err", "error", "#seconds", "seconds", "#gpts", "gpts",
                            "#finished", "finished"))
                    .expressionAttributeValues(Map.of(":done", s(ShotState.DONE.name()), ":s", n(seconds), ":g",
                            n(gptsPerSecond), ":now", ItemTime.value(ItemTime.now()))));
        } catch (ConditionalCheckFailedException deleted) {
            throw new IllegalStateException("job " + id + " was deleted while shot " + shot + " ran");
        }
        JobRecord job = after != null ? toJob(id, after)
                : job(id).orElseThrow(() -> new IllegalStateException("job " + id + " was deleted while shot " + shot + " ran"));
        if (job.failedShots().contains(shot)) {
            job = unfail(id, shot).orElse(job);
        }
        if (FailedShots.allSettledWithFailures(job)) {
            failJob(id, FailedShots.settledError(job));
        }
        return job;
    }

    /**
     * A shot counted as failed that another delivery finished after all is no longer failed: done
     * and failed stay disjoint, so that "every shot settled" counts each shot once.
     */
    private Optional<JobRecord> unfail(JobId id, int shot) {
        try {
            return Optional.of(toJob(id, db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("DELETE #set :set ADD #count :minus")
                    .conditionExpression("contains(#set, :n)")
                    .expressionAttributeNames(Map.of("#set", "failedShots", "#count", "failed"))
                    .expressionAttributeValues(Map.of(":set", AttributeValue.fromNs(List.of(Integer.toString(shot))),
                            ":minus", n(-1), ":n", n(shot)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * A shot's attempt failed. Before the last attempt the shot goes back to QUEUED (its message
     * will be delivered again); after it the shot is FAILED and counted once. The job then stops,
     * FAILED with the shot's error, if it has more failed shots than its limit
     * ({@link FailedShots}); within the limit it runs its other shots, and ends FAILED with its
     * failed shots listed once every shot is done or failed.
     *
     * <p>Only the attempt the shot item names counts: the write is conditional on the shot being
     * RUNNING on {@code worker}. An attempt that lost the shot meanwhile (another delivery
     * finished it, or a resume queued it again and cleared its worker) changes nothing, so a shot
     * is never both done and failed.
     */
    public void failShot(JobId id, int shot, String worker, String error, boolean lastAttempt) {
        failShot(id, shot, worker, error, lastAttempt, 0);
    }

    /**
     * {@link #failShot(JobId, int, String, String, boolean)} for an attempt of run {@code run} of
     * the job (its message's {@link io.seiswork.cloud.job.JobRecord#resumes} when sent): a failure
     * is counted only in the run it belongs to, never in the next one, should a cancel and a
     * resume land between the shot's write and the count.
     */
    public void failShot(JobId id, int shot, String worker, String error, boolean lastAttempt, int run) {
        String e = clip(error);
        ShotState state = lastAttempt ? ShotState.FAILED : ShotState.QUEUED;
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, shotKey(shot)))
                    .updateExpression("SET #st = :st, #err = :e")
                    .conditionExpression("#st = :running AND #worker = :w")
                    .expressionAttributeNames(Map.of("#st", "state", "#err", "error", "#worker", "worker"))
                    .expressionAttributeValues(Map.of(":st", s(state.name()), ":e", s(e), ":running",
                            s(ShotState.RUNNING.name()), ":w", s(worker))));
        } catch (ConditionalCheckFailedException lost) {
            return;
        }
        if (lastAttempt) {
            countFailedShot(id, shot, run, e);
        }
    }

    /**
     * A shot's attempt failed in a way every attempt would repeat (its recorded data's stored
     * bytes are not those submitted, or its shot index names the wrong traces): FAILED at once
     * and counted, as after its last attempt, so that its other deliveries are not paid for a
     * result they cannot change; the job's error, if this stops it, says the shot was not
     * retried and why. Conditional, as
     * {@link #failShot(JobId, int, String, String, boolean, int)}, on the shot being RUNNING on
     * {@code worker}.
     *
     * @param run the job's run the attempt's message belongs to
     * @return false when the attempt had lost the shot (done by another delivery, or queued again
     *     by a resume): nothing changed
     */
    public boolean failShotWithoutRetry(JobId id, int shot, String worker, String error, int run) {
        String e = clip(error);
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, shotKey(shot)))
                    .updateExpression("SET #st = :failed, #err = :e")
                    .conditionExpression("#st = :running AND #worker = :w")
                    .expressionAttributeNames(Map.of("#st", "state", "#err", "error", "#worker", "worker"))
                    .expressionAttributeValues(Map.of(":failed", s(ShotState.FAILED.name()), ":e", s(e), ":running",
                            s(ShotState.RUNNING.name()), ":w", s(worker))));
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
        countFailedShot(id, shot, run, e, false);
        return true;
    }

    /**
     * A shot found lost: RUNNING, its message dead-lettered after its last delivery, its worker
     * silent since {@code beat}. It is FAILED with {@code error} and counted like a shot that
     * failed its last attempt (the job runs on within its limit of failed shots, and ends FAILED
     * for {@code seiswork resume} to run it again). Conditional on the shot still being RUNNING on
     * {@code worker} with that beat (null: none recorded): a worker that speaks again, or another
     * delivery that took the shot, keeps it.
     *
     * @return false when the shot moved on meanwhile
     */
    public boolean failLostShot(JobId id, int shot, String worker, Instant beat, String error, int run) {
        String e = clip(error);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":failed", s(ShotState.FAILED.name()), ":e", s(e),
                ":running", s(ShotState.RUNNING.name()), ":w", s(worker)));
        String condition = "#st = :running AND #worker = :w AND " + stillSilentSince(beat, values);
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, shotKey(shot)))
                    .updateExpression("SET #st = :failed, #err = :e")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#st", "state", "#err", "error", "#worker", "worker", "#beat", BEAT))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
        countFailedShot(id, shot, run, e);
        return true;
    }

    /**
     * Counts a shot that is FAILED for good, once, in run {@code run} of the job, and ends the
     * job when that puts it over its limit or settles it ({@link FailedShots}). Repeatable: a shot
     * counted already, or done, or a run that is over, changes nothing; so the dead-letter sweep
     * calls it again for a FAILED shot whose worker may have died before counting it.
     *
     * @param error the shot's error, for the job's when this stops it
     */
    public void countFailedShot(JobId id, int shot, int run, String error) {
        countFailedShot(id, shot, run, error, true);
    }

    /** {@link #countFailedShot(JobId, int, int, String)}; {@code retried}: see {@link FailedShots#overLimitError}. */
    private void countFailedShot(JobId id, int shot, int run, String error, boolean retried) {
        String e = clip(error);
        JobRecord job;
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":set", AttributeValue.fromNs(List.of(Integer.toString(shot))),
                ":one", n(1), ":now", ItemTime.value(ItemTime.now()), ":n", n(shot)));
        String condition = "attribute_exists(pk) AND NOT contains(#set, :n) AND NOT contains(#done, :n) AND "
                + inRun(run, values);
        try {
            job = toJob(id, db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("ADD #set :set, #count :one SET #updated = :now")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#set", "failedShots", "#count", "failed", "#updated", "updated",
                            "#done", "doneShots", "#resumes", RESUMES))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException ignored) {
            // counted before (its counter may have died before ending the job: look again), done
            // by another delivery, the job deleted meanwhile, or a run that is over
            Optional<JobRecord> now = job(id);
            if (now.isEmpty() || now.get().resumes() != run) {
                return;
            }
            job = now.get();
        }
        if (FailedShots.overLimit(job)) {
            failJob(id, FailedShots.overLimitError(job, shot, e, retried));
        } else if (FailedShots.allSettledWithFailures(job)) {
            failJob(id, FailedShots.settledError(job));
        }
    }

    /**
     * A stopping worker hands its RUNNING shot back: QUEUED again. Its {@code sent} stays the
     * held message's until the hand-back's fresh message is sent ({@link #recordSent}): if that
     * send fails, the held message, released, is the shot's only one, and its age is what the
     * stale-shot re-send must go by.
     */
    public void releaseShot(JobId id, int shot) {
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, shotKey(shot)))
                    .updateExpression("SET #st = :queued").conditionExpression("#st = :running")
                    .expressionAttributeNames(Map.of("#st", "state"))
                    .expressionAttributeValues(Map.of(":queued", s(ShotState.QUEUED.name()), ":running", s(ShotState.RUNNING.name()))));
        } catch (ConditionalCheckFailedException ignored) {
            // finished or failed meanwhile
        }
    }

    /**
     * A fresh message of the QUEUED shot was sent at {@code sentAt} (a hand-back's, after
     * {@link #releaseShot}): recorded unless the shot moved on or a later send is recorded.
     *
     * @return false when the shot is no longer QUEUED, or its recorded send is not older
     */
    public boolean recordSent(JobId id, int shot, Instant sentAt) {
        return recordResent(id, shot, sentAt, sentAt);
    }

    /**
     * For {@code resume}: a DONE shot whose result is gone from the bucket is taken out of the
     * count and QUEUED, so that it runs again. Only while the job is FAILED or CANCELLED, which
     * no worker acts on.
     */
    public void uncountShot(JobId id, int shot) {
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("DELETE #set :set ADD #count :minus SET #updated = :now")
                    .conditionExpression("contains(#set, :n) AND (#st = :failed OR #st = :cancelled)")
                    .expressionAttributeNames(Map.of("#set", "doneShots", "#count", "done", "#updated", "updated",
                            "#st", "status"))
                    .expressionAttributeValues(Map.of(":set", AttributeValue.fromNs(List.of(Integer.toString(shot))),
                            ":minus", n(-1), ":now", ItemTime.value(ItemTime.now()), ":n", n(shot),
                            ":failed", s(JobStatus.FAILED.name()), ":cancelled", s(JobStatus.CANCELLED.name()))));
        } catch (ConditionalCheckFailedException e) {
            // Not counted (an earlier resume got this far), or the job runs again: then hands off.
            if (job(id).map(j -> j.status() != JobStatus.FAILED && j.status() != JobStatus.CANCELLED).orElse(true)) {
                return;
            }
        }
        requeueShot(id, shot, true);
    }

    /**
     * For {@code resume}: the shot is QUEUED with no attempts, no error and no worker, so that a
     * new message, sent right after (its time recorded now), gives it {@value ShotAttempts#MAX}
     * attempts again.
     *
     * @param evenIfDone whether a DONE shot is queued too (its result is gone); otherwise a shot
     *     that a worker finished meanwhile stays DONE
     */
    public void requeueShot(JobId id, int shot, boolean evenIfDone) {
        try {
            db.updateItem(r -> {
                r.tableName(table).key(key(id, shotKey(shot)))
                        .updateExpression("SET #st = :queued, #attempts = :zero, #sent = :now REMOVE #err, #worker, "
                                + "#progress, #started, #finished, #seconds, #gpts, #beat")
                        .expressionAttributeNames(Map.ofEntries(Map.entry("#st", "state"), Map.entry("#attempts", "attempts"),
                                Map.entry("#sent", SENT),
                                Map.entry("#err", "error"), Map.entry("#worker", "worker"), Map.entry("#progress", "progress"),
                                Map.entry("#started", "started"), Map.entry("#finished", "finished"),
                                Map.entry("#seconds", "seconds"), Map.entry("#gpts", "gpts"), Map.entry("#beat", BEAT)));
                if (evenIfDone) {
                    r.conditionExpression("attribute_exists(pk)")
                            .expressionAttributeValues(Map.of(":queued", s(ShotState.QUEUED.name()), ":zero", n(0),
                                    ":now", ItemTime.value(ItemTime.now())));
                } else {
                    r.conditionExpression("attribute_exists(pk) AND #st <> :done")
                            .expressionAttributeValues(Map.of(":queued", s(ShotState.QUEUED.name()), ":zero", n(0),
                                    ":done", s(ShotState.DONE.name()), ":now", ItemTime.value(ItemTime.now())));
                }
            });
        } catch (ConditionalCheckFailedException ignored) {
            // finished meanwhile, or no such shot
        }
    }

    /**
     * Jobs submitted before {@code before} that are QUEUED or RUNNING: only such a job can hold a
     * shot message sent before then, since all its messages were sent after it was submitted.
     *
     * <p>From the thin index {@value #RESEND_INDEX}, which holds every job item's keys,
     * {@code created}, {@code status}, {@code resumes} and {@code resendClaimUntil}: ~100 bytes a
     * job (a 36-character id, no resume, no claim; at most ~165 with a 63-character id and both).
     * The status is a filter, which DynamoDB applies after the read, so a look reads and is
     * charged for every job submitted before {@code before}, ended ones too, until they are
     * deleted: 10 000 jobs are ~1 MB, ~125 read units (eventually consistent, half a unit per
     * 4 KB), not the up to 700 MB of whole job items.
     */
    public List<UnfinishedJob> unfinishedJobsSubmittedBefore(Instant time) {
        Instant before = time.truncatedTo(ChronoUnit.MILLIS);  // as the table's times are written
        List<UnfinishedJob> jobs = new ArrayList<>();
        // The key's bound takes in the second after, where a job written as Instant.toString() did
        // (ItemTime) may sort out of time order; the parsed time keeps those truly before.
        db.queryPaginator(r -> r.tableName(table).indexName(RESEND_INDEX)
                .keyConditionExpression("#k = :jobs AND #created < :before")
                .filterExpression("#st IN (:queued, :running)")
                .expressionAttributeNames(Map.of("#k", JOBS_KEY, "#created", "created", "#st", "status"))
                .expressionAttributeValues(Map.of(":jobs", s(JOBS_VALUE), ":before", ItemTime.keyBoundBefore(before),
                        ":queued", s(JobStatus.QUEUED.name()), ":running", s(JobStatus.RUNNING.name()))))
                .items().stream().filter(item -> instant(item, "created").isBefore(before))
                .forEach(item -> jobs.add(new UnfinishedJob(new JobId(str(item, "pk").substring("JOB#".length())),
                        instant(item, "created"), num(item, RESUMES),
                        item.containsKey(RESEND_CLAIM_UNTIL) ? Instant.ofEpochMilli(Long.parseLong(item.get(RESEND_CLAIM_UNTIL).n()))
                                : null)));
        return jobs;
    }

    /**
     * Claims the job's stale-shot re-send for {@code claimant} until {@code now + hold}: one
     * conditional write on the job item, taken only while the job is QUEUED or RUNNING and no
     * other claim holds it (none, or one expired by {@code now}). Of the workers whose sweeps
     * find the same stale shots at once, one sends their fresh messages; a claimant that dies
     * leaves its claim to expire, and the next sweep after that continues.
     *
     * @return whether {@code claimant} holds the claim now
     */
    public boolean claimShotResend(JobId id, String claimant, Instant now, Duration hold) {
        return updatedIf(r -> r.tableName(table).key(key(id, META))
                .updateExpression("SET #claim = :claimant, #until = :until")
                .conditionExpression("(#st = :queued OR #st = :running) AND (attribute_not_exists(#until) OR #until < :now)")
                .expressionAttributeNames(Map.of("#claim", RESEND_CLAIM, "#until", RESEND_CLAIM_UNTIL, "#st", "status"))
                .expressionAttributeValues(Map.of(":claimant", s(claimant), ":until", n(now.plus(hold).toEpochMilli()),
                        ":now", n(now.toEpochMilli()), ":queued", s(JobStatus.QUEUED.name()),
                        ":running", s(JobStatus.RUNNING.name()))));
    }

    /**
     * Lets go of {@code claimant}'s re-send claim ({@link #claimShotResend}) once its sends are
     * recorded, so that the next stale shots need not wait for it to expire; another's claim
     * stays.
     *
     * @return false when {@code claimant} did not hold it (expired and taken by another)
     */
    public boolean releaseShotResendClaim(JobId id, String claimant) {
        return updatedIf(r -> r.tableName(table).key(key(id, META))
                .updateExpression("REMOVE #claim, #until")
                .conditionExpression("#claim = :claimant")
                .expressionAttributeNames(Map.of("#claim", RESEND_CLAIM, "#until", RESEND_CLAIM_UNTIL))
                .expressionAttributeValues(Map.of(":claimant", s(claimant))));
    }

    /** Runs the conditional update {@code request}: whether its condition held and it was made. */
    private boolean updatedIf(Consumer<UpdateItemRequest.Builder> request) {
        try {
            db.updateItem(request);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * The job's QUEUED shots whose message was sent before {@code before}, by number: those SQS
     * drops first. A shot item written before send times were recorded counts as sent at
     * {@code ifUnknown} (the job's submission: the earliest its message can have been sent).
     * {@code before} is taken to the millisecond, as the table's times are written and as
     * {@link #recordResent} compares: a shot sent in its own millisecond is neither listed nor
     * recorded, rather than listed, sent again and its record refused.
     */
    public List<Integer> queuedShotsSentBefore(JobId id, Instant time, Instant ifUnknown) {
        Instant before = time.truncatedTo(ChronoUnit.MILLIS);
        List<Integer> shots = new ArrayList<>();
        db.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :shot)")
                .filterExpression("#st = :queued").projectionExpression("#shot, #sent")
                .expressionAttributeNames(Map.of("#st", "state", "#sent", SENT, "#shot", "shot"))
                .expressionAttributeValues(Map.of(":pk", s(pk(id)), ":shot", s("SHOT#"), ":queued", s(ShotState.QUEUED.name()))))
                .items().forEach(item -> {
                    Instant sent = item.containsKey(SENT) ? instant(item, SENT) : ifUnknown;
                    if (sent.isBefore(before)) {
                        shots.add(num(item, "shot"));
                    }
                });
        shots.sort(Comparator.naturalOrder());
        return shots;
    }

    /**
     * Records that a fresh message of the QUEUED shot was sent at {@code sentAt}, on condition that
     * it is still QUEUED and its message was sent before {@code before} (or when is not known): of
     * two sweeps at once, one records it.
     *
     * @return false when the shot moved on, or another sweep recorded a fresh message first
     */
    public boolean recordResent(JobId id, int shot, Instant before, Instant sentAt) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":queued", s(ShotState.QUEUED.name()),
                ":now", ItemTime.value(sentAt)));
        String condition = "#st = :queued AND (attribute_not_exists(#sent) OR " + ItemTime.before("#sent", ":before", before,
                values) + ")";
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, shotKey(shot)))
                    .updateExpression("SET #sent = :now")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#st", "state", "#sent", SENT))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * For {@code resume}: a FAILED or CANCELLED job runs again, RUNNING (QUEUED when no shot is
     * done), its failures, error and stack's resend cleared, {@code resumes} one more. Conditional on the status,
     * so of two resumes at once exactly one gets a run number.
     *
     * @param anyDone whether some shot is done (a job with none is QUEUED, as when submitted)
     * @return the job's new {@code resumes} count, the run number its new messages carry; empty
     *     when the job was not FAILED or CANCELLED
     */
    public OptionalInt reopen(JobId id, boolean anyDone) {
        try {
            Map<String, AttributeValue> after = db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("SET #st = :to, #failed = :zero, #updated = :now ADD #resumes :one "
                            + "REMOVE #err, #failedShots, #stacked, #outputs, #beat, #message, #resends, #sent")
                    .conditionExpression("(#st = :failedJob OR #st = :cancelled) AND attribute_not_exists(#deleting)")
                    .expressionAttributeNames(Map.ofEntries(Map.entry("#st", "status"), Map.entry("#failed", "failed"),
                            Map.entry("#updated", "updated"), Map.entry("#resumes", RESUMES), Map.entry("#err", "error"),
                            Map.entry("#failedShots", "failedShots"), Map.entry("#stacked", "stacked"),
                            Map.entry("#outputs", "outputs"), Map.entry("#deleting", DELETING), Map.entry("#beat", STACK_BEAT),
                            Map.entry("#message", STACK_MESSAGE), Map.entry("#resends", STACK_RESENDS),
                            Map.entry("#sent", STACK_RESEND_SENT)))
                    .expressionAttributeValues(Map.of(":to", s((anyDone ? JobStatus.RUNNING : JobStatus.QUEUED).name()),
                            ":zero", n(0), ":now", ItemTime.value(ItemTime.now()), ":one", n(1),
                            ":failedJob", s(JobStatus.FAILED.name()), ":cancelled", s(JobStatus.CANCELLED.name())))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            return OptionalInt.of(num(after, RESUMES));
        } catch (ConditionalCheckFailedException e) {
            return OptionalInt.empty();
        }
    }

    /** {@link #startStacking(JobId, String)} with no message id recorded. */
    public boolean startStacking(JobId id) {
        return startStacking(id, "");
    }

    /**
     * Moves the job to STACKING when every shot is counted and it is still running. Exactly one
     * caller gets true, however many finish the last shots at once.
     *
     * @param messageId SQS's id of the message the stacking worker holds ({@link JobRecord#stackMessage})
     */
    public boolean startStacking(JobId id, String messageId) {
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("SET #st = :stacking, #updated = :now, #beat = :now, #message = :m")
                    .conditionExpression("(#st = :running OR #st = :queued) AND #done = #total")
                    .expressionAttributeNames(Map.of("#st", "status", "#updated", "updated", "#done", "done", "#total", "total",
                            "#beat", STACK_BEAT, "#message", STACK_MESSAGE))
                    .expressionAttributeValues(Map.of(":stacking", s(JobStatus.STACKING.name()),
                            ":running", s(JobStatus.RUNNING.name()), ":queued", s(JobStatus.QUEUED.name()),
                            ":now", ItemTime.value(ItemTime.now()), ":m", s(messageId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * A worker takes over a STACKING job whose stacker is gone (its message came back to this
     * worker): the stack's sign of life and message are now this worker's.
     *
     * <p>Refused while the stack's holder is alive: it has a message and its beat is after
     * {@code aliveSince}, whatever message the taker holds. The same message comes back while
     * its stacker lives (SQS's duplicate delivery; a stack held past SQS's 12 h visibility cap),
     * and two stackers of one job would store the same outputs twice, the later one over a job
     * already DONE. Free at once: a stack with no message (a resend claimed,
     * {@link #claimStackResend}), a beat let go of ({@link #releaseStack}), and the run's resend
     * recorded sent ({@link #recordStackResend}) whose beat is still its claim's (no worker took
     * it since: a taker's beat is its own). Read (the attributes this needs, not the item), then
     * written on condition that beat and message are still those read, so of two takers at once
     * one wins.
     *
     * @param aliveSince a beat after this instant is a live stacker's
     * @return false when the job is no longer STACKING, its stacker is alive, or another worker
     *     took it first
     */
    public boolean takeStack(JobId id, String messageId, Instant aliveSince) {
        Map<String, AttributeValue> m = db.getItem(r -> r.tableName(table).key(key(id, META)).consistentRead(true)
                .projectionExpression("#st, #beat, #message, #sent, #updated")
                .expressionAttributeNames(Map.of("#st", "status", "#beat", STACK_BEAT, "#message", STACK_MESSAGE,
                        "#sent", STACK_RESEND_SENT, "#updated", "updated"))).item();
        if (m == null || !JobStatus.STACKING.name().equals(str(m, "status"))) {
            return false;
        }
        Instant beat = instant(m, STACK_BEAT);
        String held = str(m, STACK_MESSAGE);
        boolean untakenResend = messageId.equals(str(m, STACK_RESEND_SENT)) && messageId.equals(held)
                && beat != null && beat.equals(instant(m, "updated"));
        if (held != null && beat != null && beat.isAfter(aliveSince) && !untakenResend) {
            return false;
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":stacking", s(JobStatus.STACKING.name()),
                ":now", ItemTime.value(ItemTime.now()), ":m", s(messageId)));
        String condition = "#st = :stacking AND " + stillSilentSince(beat, values) + " AND " + stillMessage(held, values);
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("SET #beat = :now, #message = :m").conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#st", "status", "#beat", STACK_BEAT, "#message", STACK_MESSAGE))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * A stacking worker stopped by its SIGTERM (a spot interruption, a scale-in) lets go of its
     * stack before it queues the fresh message that replaces its own ({@code ShotWorker}'s
     * hand-back): the stack's beat is put back to {@code silentSince}, a time at which a stacker
     * counts as gone, so that whichever message comes first, the fresh one or the held one back
     * from a death half way, takes the stack over ({@link #takeStack}). Let go of first, not
     * after the send: a fresh message received by another worker before the stack was let go of
     * would be taken for a duplicate of a live stack and dropped, and with the held message
     * deleted the job would stay STACKING for ever.
     *
     * <p>Only while the stack is still {@code message}'s (STACKING, its message that one): a
     * stack taken over, claimed for a resend, stored or cancelled meanwhile is not touched.
     *
     * @param silentSince a beat old enough for workers to take the stack over (their "alive"
     *     window ago), and recent enough for the dead-letter sweep still to wait for them
     * @return whether it was let go of
     */
    public boolean releaseStack(JobId id, String message, Instant silentSince) {
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("SET #beat = :released").conditionExpression("#st = :stacking AND #message = :held")
                    .expressionAttributeNames(Map.of("#st", "status", "#message", STACK_MESSAGE, "#beat", STACK_BEAT))
                    .expressionAttributeValues(Map.of(":stacking", s(JobStatus.STACKING.name()), ":held", s(message),
                            ":released", ItemTime.value(silentSince))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * The stacking worker has added {@code stacked} shot results to the stack: for {@code status}
     * and the desktop while a large job stacks. Ignored once the job is no longer STACKING.
     */
    public void stackProgress(JobId id, int stacked) {
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("SET #stacked = :n, #beat = :now").conditionExpression("#st = :stacking")
                    .expressionAttributeNames(Map.of("#st", "status", "#stacked", "stacked", "#beat", STACK_BEAT))
                    .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Integer.toString(stacked)),
                            ":stacking", s(JobStatus.STACKING.name()), ":now", ItemTime.value(ItemTime.now()))));
        } catch (ConditionalCheckFailedException ignored) {
            // cancelled meanwhile
        }
    }

    /**
     * The stacking worker is alive (its heartbeat, at least every 30 s, even while one large shot
     * result downloads): what tells a stack whose worker died ({@link JobRecord#stackBeat}).
     * Ignored once the job is no longer STACKING.
     */
    public void beatStacking(JobId id) {
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("SET #beat = :now").conditionExpression("#st = :stacking")
                    .expressionAttributeNames(Map.of("#st", "status", "#beat", STACK_BEAT))
                    .expressionAttributeValues(Map.of(":stacking", s(JobStatus.STACKING.name()),
                            ":now", ItemTime.value(ItemTime.now()))));
        } catch (ConditionalCheckFailedException ignored) {
            // stored, cancelled or failed meanwhile
        }
    }

    /**
     * A stack whose worker died on the last delivery of its message (found in the dead-letter
     * queue) after it was sent again once ({@link #claimStackResend}): FAILED with {@code error},
     * on condition it is still STACKING and its worker has not spoken since {@code beat} (null:
     * never, for a job stacked by a worker that did not beat). {@code seiswork resume} stacks it
     * again.
     *
     * @return false when the stack moved on meanwhile (stored, beating again, cancelled)
     */
    public boolean failSilentStacking(JobId id, Instant beat, String error) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":st", s(JobStatus.FAILED.name()),
                ":now", ItemTime.value(ItemTime.now()), ":stacking", s(JobStatus.STACKING.name()), ":e", s(clip(error))));
        String condition = "#st = :stacking AND " + stillSilentSince(beat, values);
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("SET #st = :st, #updated = :now, #err = :e")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#st", "status", "#updated", "updated", "#err", "error",
                            "#beat", STACK_BEAT))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * A stack whose worker died on the last delivery of its message, for the first time in this
     * run: the dead-letter sweep claims the run's one resend <em>before</em> it sends the fresh
     * message. The claim sets {@code stackResends} 1, the stack's sign of life to now (so that a
     * duplicate letter or message finds the stack alive and leaves it) and removes the lost
     * message's id, so that whichever message reaches a worker first takes the stack over
     * ({@link #takeStack}; a stack with no message is nobody's).
     *
     * <p>Claiming first is what makes the bound hold. Were the message sent first and recorded
     * after, a worker receiving it in between would take the stack (changing its message and
     * beat), the record would be refused, {@code stackResends} would stay 0, and the fresh
     * message's own loss would be sent again: as often as stackers die, not once. So would a
     * sweep that died between its send and its record.
     *
     * <p>Conditional on all the sweep read: still STACKING, its worker silent since {@code beat}
     * (null: never heard), its message still {@code lostMessage} (null: none recorded), and no
     * resend claimed yet in this run. So of two sweeps at once one wins, and a stack that spoke
     * again or was taken over meanwhile is left alone; a resume clears the claim ({@link #reopen}).
     *
     * @return the claim's time (the stack's beat it set), which {@link #undoStackResend} and
     *     {@link #renewStackResendClaim} are conditional on; empty when any of that changed and
     *     nothing was written
     */
    public Optional<Instant> claimStackResend(JobId id, Instant beat, String lostMessage) {
        Instant claim = ItemTime.now();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":stacking", s(JobStatus.STACKING.name()),
                ":claim", ItemTime.value(claim), ":one", n(1)));
        String condition = "#st = :stacking AND attribute_not_exists(#resends) AND " + stillSilentSince(beat, values)
                + " AND " + stillMessage(lostMessage, values);
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("SET #resends = :one, #beat = :claim, #updated = :claim REMOVE #message")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#st", "status", "#resends", STACK_RESENDS, "#message", STACK_MESSAGE,
                            "#beat", STACK_BEAT, "#updated", "updated"))
                    .expressionAttributeValues(values));
            return Optional.of(claim);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * A resend claimed at {@code claim} ({@link #claimStackResend}) whose message was neither
     * recorded sent nor taken by a worker: the sweep that claimed it was lost after its claim,
     * before its send or its record (or is stalled there). A later sweep renews the claim to now
     * and then sends the stack under it, recording the fresh message with
     * {@link #recordStackResend} as the first sweep would have: it is still the run's one resend
     * ({@code stackResends} stays 1), and the renewal is what keeps two sweeps at once from both
     * sending it. Should the first sweep's message exist after all (sent, its sweep lost before
     * the record), it is a duplicate the stack's holder drops, and the resend is counted once:
     * by the sweep whose record comes first.
     *
     * <p>Only while nothing happened since the claim: STACKING, {@code stackResends} 1, the beat
     * still the claim's, no message (a worker that took the stack wrote its own message) and no
     * message recorded sent.
     *
     * @return the renewed claim's time, for {@link #recordStackResend}; empty when any of that
     *     changed and nothing was written
     */
    public Optional<Instant> renewStackResendClaim(JobId id, Instant claim) {
        Instant renewed = ItemTime.now();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":stacking", s(JobStatus.STACKING.name()), ":one", n(1),
                ":renewed", ItemTime.value(renewed)));
        String condition = "#st = :stacking AND #resends = :one AND " + ItemTime.equal("#beat", ":claim", claim, values)
                + " AND attribute_not_exists(#message) AND attribute_not_exists(#sent)";
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("SET #beat = :renewed, #updated = :renewed")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#st", "status", "#resends", STACK_RESENDS, "#message", STACK_MESSAGE,
                            "#beat", STACK_BEAT, "#updated", "updated", "#sent", STACK_RESEND_SENT))
                    .expressionAttributeValues(values));
            return Optional.of(renewed);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * The fresh message of run {@code run}'s stack resend ({@link #claimStackResend}, or
     * {@link #renewStackResendClaim}) was sent as {@code newMessage}: recorded as the resend's
     * message sent ({@code stackResendSent}), once in the run, and as the stack's message unless
     * one is there already, so that a duplicate delivered while its worker stacks is known for
     * one. A worker that received the fresh message first has taken the stack with it (its
     * message stays): the record still holds, since this sweep's message is what it took.
     *
     * <p>Once a run, whatever happened since the claim: of two sweeps that both sent under one
     * claim (one stalled between its send and its record past {@code DeadLetterSweep}'s grace,
     * the other renewing the claim meanwhile), the first to record makes the resend, and the
     * other's message is a duplicate that the stack's holder drops. So the sweep whose record
     * this returns true for counts the resend ({@code StacksResent}), and the run's one resend
     * is counted once. Not on the job's status: a worker that took the stack with the fresh
     * message may have stored it before the record. Conditional on the run, so that a sweep of
     * a run a resume ended records nothing in the next.
     *
     * @param run the run the resend's message belongs to (the job's {@code resumes} when sent)
     * @return whether this was the run's record; false when another sweep's message was
     *     recorded first, or the run is over (resumed, deleted)
     */
    public boolean recordStackResend(JobId id, int run, String newMessage) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", n(1), ":new", s(newMessage)));
        String condition = "#resends = :one AND attribute_not_exists(#sent) AND " + inRun(run, values);
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("SET #sent = :new, #message = if_not_exists(#message, :new)")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#resends", STACK_RESENDS, "#message", STACK_MESSAGE,
                            "#sent", STACK_RESEND_SENT, "#resumes", RESUMES))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * The fresh message of a resend claimed at {@code claim} could not be sent: the claim is
     * undone, the stack's beat and message back to {@code beat} and {@code lostMessage} as read
     * before it and {@code stackResends} removed, so that the letter, coming back, claims again
     * and the run keeps its resend. Only while nothing happened since the claim (STACKING, its
     * beat still the claim's, no message): if a worker did take the stack (a send that failed
     * after SQS had queued the message), the resend stands as spent. The beat is written back in
     * the table's form, to the millisecond: a beat of the older, finer form comes back cut to it.
     *
     * @return whether it was undone
     */
    public boolean undoStackResend(JobId id, Instant claim, Instant beat, String lostMessage) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":stacking", s(JobStatus.STACKING.name()), ":one", n(1)));
        String condition = "#st = :stacking AND #resends = :one AND " + ItemTime.equal("#beat", ":claim", claim, values)
                + " AND attribute_not_exists(#message)";
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>(List.of("#resends"));
        if (beat == null) {
            remove.add("#beat");
        } else {
            set.add("#beat = :was");
            values.put(":was", ItemTime.value(beat));
        }
        if (lostMessage != null) {
            set.add("#message = :lost");
            values.put(":lost", s(lostMessage));
        }
        String update = (set.isEmpty() ? "" : "SET " + String.join(", ", set) + " ") + "REMOVE " + String.join(", ", remove);
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#st", "status", "#resends", STACK_RESENDS, "#message", STACK_MESSAGE,
                            "#beat", STACK_BEAT))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The stacking worker stored the outputs: DONE, unless cancelled meanwhile. */
    public boolean finishJob(JobId id, List<String> outputs) {
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, META))
                    .updateExpression("SET #st = :done, #outputs = :o, #updated = :now")
                    .conditionExpression("#st = :stacking")
                    .expressionAttributeNames(Map.of("#st", "status", "#outputs", "outputs", "#updated", "updated"))
                    .expressionAttributeValues(Map.of(":done", s(JobStatus.DONE.name()), ":o", AttributeValue.fromSs(outputs),
                            ":stacking", s(JobStatus.STACKING.name()), ":now", ItemTime.value(ItemTime.now()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** FAILED with {@code error}, unless the job already ended. */
    public boolean failJob(JobId id, String error) {
        return endIfRunning(id, JobStatus.FAILED, error);
    }

    /**
     * CANCELLED, unless the job already ended. Workers see it between time steps and stop.
     *
     * @return false when the job had ended (or does not exist)
     */
    public boolean cancel(JobId id) {
        return endIfRunning(id, JobStatus.CANCELLED, null);
    }

    private boolean endIfRunning(JobId id, JobStatus status, String error) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":st", s(status.name()), ":now", ItemTime.value(ItemTime.now()),
                ":q", s(JobStatus.QUEUED.name()), ":r", s(JobStatus.RUNNING.name()), ":s", s(JobStatus.STACKING.name())));
        String update = "SET #st = :st, #updated = :now";
        if (error != null) {
            update += ", #err = :e";
            values.put(":e", s(clip(error)));
        }
        String expression = update;
        try {
            db.updateItem(r -> r.tableName(table).key(key(id, META)).updateExpression(expression)
                    .conditionExpression("attribute_exists(pk) AND (#st = :q OR #st = :r OR #st = :s)")
                    .expressionAttributeNames(error != null ? Map.of("#st", "status", "#err", "error", "#updated", "updated")
                            : Map.of("#st", "status", "#updated", "updated"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * The condition that the job is in run {@code run}: its {@code #resumes} is {@code run}, or
     * absent for run 0 (before the first resume). Adds the value {@code :run} to {@code values}
     * when it needs one.
     */
    private static String inRun(int run, Map<String, AttributeValue> values) {
        if (run == 0) {
            return "attribute_not_exists(#resumes)";
        }
        values.put(":run", n(run));
        return "#resumes = :run";
    }

    /**
     * The condition that an item's {@code #beat} is still {@code beat} as read (none, when null):
     * its worker has not spoken since, the beat in either form of {@link ItemTime}. Adds the values
     * {@code :beat} and {@code :beatOld} to {@code values}.
     */
    private static String stillSilentSince(Instant beat, Map<String, AttributeValue> values) {
        if (beat == null) {
            return "attribute_not_exists(#beat)";
        }
        return ItemTime.equal("#beat", ":beat", beat, values);
    }

    /**
     * The condition that the job's {@code #message} is still {@code message} as read (none, when
     * null). Adds the value {@code :lost} to {@code values}.
     */
    private static String stillMessage(String message, Map<String, AttributeValue> values) {
        if (message == null) {
            return "attribute_not_exists(#message)";
        }
        values.put(":lost", s(message));
        return "#message = :lost";
    }

    private void setStatusIf(JobId id, JobStatus to, JobStatus from) {
        try {
            db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(id, META))
                    .updateExpression("SET #st = :to, #updated = :now").conditionExpression("#st = :from")
                    .expressionAttributeNames(Map.of("#st", "status", "#updated", "updated"))
                    .expressionAttributeValues(Map.of(":to", s(to.name()), ":from", s(from.name()),
                            ":now", ItemTime.value(ItemTime.now()))).build());
        } catch (ConditionalCheckFailedException ignored) {
            // already past it
        }
    }

    private static JobRecord toJob(JobId id, Map<String, AttributeValue> m) {
        return new JobRecord(id, str(m, "name"), str(m, "task"), JobStatus.valueOf(str(m, "status")), str(m, "specKey"),
                num(m, "total"), num(m, "done"), num(m, "failed"), instant(m, "created"), instant(m, "updated"),
                str(m, "error"), m.containsKey("outputs") ? m.get("outputs").ss().stream().sorted().toList() : List.of(),
                num(m, "stacked"), num(m, MAX_FAILED), numbers(m, "failedShots"), num(m, RESUMES), m.containsKey(DELETING),
                instant(m, STACK_BEAT), str(m, STACK_MESSAGE), num(m, STACK_RESENDS));
    }

    private static ShotRecord toShot(Map<String, AttributeValue> m) {
        ShotState state = ShotState.valueOf(str(m, "state"));
        return new ShotRecord(num(m, "shot"), state, num(m, "attempts"), str(m, "worker"), dbl(m, "seconds"),
                dbl(m, "gpts"), str(m, "error"), state == ShotState.DONE ? 1 : state == ShotState.RUNNING ? dbl(m, "progress") : 0,
                instant(m, BEAT), num(m, RECEIVES), str(m, MESSAGE));
    }

    private static String str(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null ? null : v.s();
    }

    private static List<Integer> numbers(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null || !v.hasNs() ? List.of() : v.ns().stream().map(Integer::valueOf).sorted().toList();
    }

    private static int num(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
    }

    private static double dbl(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null || v.n() == null ? 0 : Double.parseDouble(v.n());
    }

    private static Instant instant(Map<String, AttributeValue> m, String k) {
        String v = str(m, k);
        return v == null ? null : ItemTime.parse(v);
    }

    private static Map<String, AttributeValue> key(JobId id, String sk) {
        return Map.of("pk", s(pk(id)), "sk", s(sk));
    }

    private static String pk(JobId id) {
        return "JOB#" + id.value();
    }

    private static String shotKey(int shot) {
        if (shot < 1) {
            throw new IllegalArgumentException("shot numbers start at 1, got " + shot);
        }
        return "SHOT#" + shot;
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(double v) {
        return AttributeValue.fromN(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
    }

    /** Errors are stored for people to read; a stack of them must not grow the item past its limit. */
    private static String clip(String error) {
        String e = error == null || error.isBlank() ? "unknown error" : error.replaceAll("\\p{Cntrl}", " ");
        return e.length() > 1000 ? e.substring(0, 1000) + "..." : e;
    }

    private static void pause(int attempt) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(Math.min(2000, 50L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the job table", e);
        }
    }
}
