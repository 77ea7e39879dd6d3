package io.seiswork.cloud.job;

import static io.seiswork.cloud.job.ItemConditions.inRun;
import static io.seiswork.cloud.job.ItemConditions.stillSilentSince;
import static io.seiswork.cloud.job.JobItems.BEAT;
import static io.seiswork.cloud.job.JobItems.DELETING;
import static io.seiswork.cloud.job.JobItems.ERROR_ATTEMPT;
import static io.seiswork.cloud.job.JobItems.JOBS_KEY;
import static io.seiswork.cloud.job.JobItems.JOBS_VALUE;
import static io.seiswork.cloud.job.JobItems.MAX_FAILED;
import static io.seiswork.cloud.job.JobItems.MESSAGE;
import static io.seiswork.cloud.job.JobItems.META;
import static io.seiswork.cloud.job.JobItems.RECEIVES;
import static io.seiswork.cloud.job.JobItems.RESEND_CLAIM_UNTIL;
import static io.seiswork.cloud.job.JobItems.RESUMES;
import static io.seiswork.cloud.job.JobItems.SENT;
import static io.seiswork.cloud.job.JobItems.STACK_BEAT;
import static io.seiswork.cloud.job.JobItems.STACK_MESSAGE;
import static io.seiswork.cloud.job.JobItems.STACK_RESENDS;
import static io.seiswork.cloud.job.JobItems.STACK_RESEND_SENT;
import static io.seiswork.cloud.job.JobItems.clip;
import static io.seiswork.cloud.job.JobItems.key;
import static io.seiswork.cloud.job.JobItems.n;
import static io.seiswork.cloud.job.JobItems.num;
import static io.seiswork.cloud.job.JobItems.pk;
import static io.seiswork.cloud.job.JobItems.s;
import static io.seiswork.cloud.job.JobItems.shotKey;
import static io.seiswork.cloud.job.JobItems.str;
import static io.seiswork.cloud.job.JobItems.toJob;
import static io.seiswork.cloud.job.JobItems.toShot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
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
 *
 * <p>This class holds the job items and the shots' lifecycle, which counts into them; the
 * stacking hand-over ({@link #stacking}) and the shots' send times with the stale-shot re-send
 * ({@link #shotResends}) are classes of their own on the same client and table, the item layout
 * and codecs are {@code JobItems}, and the table's creation {@code JobTableSchema}.
 */
public final class JobTable extends JobTableAccess {

    /** Most shots one job may have; larger surveys are split into several jobs. */
    public static final int MAX_SHOTS = 20_000;
    /**
     * The index listing jobs by submission time: every META item carries {@code jobs = "JOB"}, the
     * index's partition key, and its {@code created} time, the sort key. One partition serves
     * a workstation's or a team's job list (jobs are submitted minutes apart, far below a
     * partition's write limit); shot items do not carry the key, so they stay out of it.
     */
    public static final String JOBS_INDEX = "jobs-by-created";
    /**
     * The thin index the stale-shot re-send looks jobs up by
     * ({@link ShotResends#unfinishedJobsSubmittedBefore}): the keys of {@value #JOBS_INDEX}, but
     * projecting only {@code status}, {@code resumes} and {@code resendClaimUntil} besides them, so
     * that a look reads ~100 bytes a job item (at most ~165) rather than the whole item (its
     * {@code doneShots} up to ~70 KB).
     */
    public static final String RESEND_INDEX = "jobs-status-by-created";
    /** The job item's attributes {@value #RESEND_INDEX} carries besides its keys and {@code created}. */
    static final List<String> RESEND_INDEX_ATTRIBUTES = List.of("status", RESUMES, RESEND_CLAIM_UNTIL);
    private static final int BATCH = 25;
    /** Characters of a stored time up to its whole second ({@code 2025-05-01T12:00:05}), in either form. */
    private static final int SECOND_CHARS = 19;

    private final StackingRecords stacking;
    private final ShotResends shotResends;

    public JobTable(DynamoDbClient db, String table) {
        super(db, table);
        this.stacking = new StackingRecords(db, table);
        this.shotResends = new ShotResends(db, table);
    }

    /**
     * Creates the table if missing (the local emulator stack; on AWS the CDK stack owns it, with
     * point-in-time recovery and encryption).
     */
    public static JobTable createIfMissing(DynamoDbClient db, String table) {
        JobTableSchema.createIfMissing(db, table);
        return new JobTable(db, table);
    }

    /** The stacking hand-over on this table's job items. */
    public StackingRecords stacking() {
        return stacking;
    }

    /** The shots' send times on this table's shot items, and the stale-shot re-send built on them. */
    public ShotResends shotResends() {
        return shotResends;
    }

    /**
     * The most recent jobs, newest first, from the index of job items ({@value #JOBS_INDEX}): one
     * query however many shot items the table holds, of each job item all but its
     * {@code doneShots} (a listing of 20 finished 20 000-shot jobs read 3 MB with them, 20 KB without).
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
                .keyConditionExpression("#k = :jobs").projectionExpression(JobItems.JOB_PROJECTION)
                .expressionAttributeNames(withJobsKey())
                .expressionAttributeValues(Map.of(":jobs", s(JOBS_VALUE))).scanIndexForward(false)
                .limit(Math.min(limit, 100)))) {
            for (var item : page.items()) {
                String second = str(item, "created").substring(0, SECOND_CHARS);
                if (jobs.size() >= limit && !second.equals(lastSecond)) {
                    break pages;
                }
                lastSecond = second;
                jobs.add(toJob(JobItems.jobId(item), item));
            }
        }
        jobs.sort(Comparator.comparing(JobRecord::created).reversed());
        return jobs.size() > limit ? List.copyOf(jobs.subList(0, limit)) : jobs;
    }

    /** The placeholders of a job read's projection, and {@code #k} for the index's key. */
    private static Map<String, String> withJobsKey() {
        Map<String, String> names = new HashMap<>(JobItems.JOB_PROJECTION_NAMES);
        names.put("#k", JOBS_KEY);
        return names;
    }

    /** Records a new job with the default limit of failed shots ({@link FailedShots#defaultLimit}). */
    public void createJob(JobId id, String name, String task, String specKey, int shots) {
        createJob(id, name, task, specKey, shots, FailedShots.defaultLimit(Math.max(0, shots)));
    }

    /**
     * Records a new job, QUEUED, and its shots, QUEUED: {@link #createJobItem}, then
     * {@link #createShots} for shots 1 to {@code shots}. For tests, which need a job as a submit
     * leaves it; the submit itself writes the two apart, the shot items under its guard
     * ({@code Dispatcher.submit}).
     *
     * @param maxFailed failed shots the job runs on with ({@link FailedShots})
     * @throws IllegalArgumentException when the id is taken or the shot count is out of range
     */
    public void createJob(JobId id, String name, String task, String specKey, int shots, int maxFailed) {
        createJobItem(id, name, task, specKey, shots, maxFailed);
        createShots(id, IntStream.rangeClosed(1, shots).boxed().toList());
    }

    /**
     * Records a new job, QUEUED, without its shot items: the submit writes them next
     * ({@link #createShots}), and a job whose shot items were written in part is ended by it, so
     * that its resume writes the rest.
     *
     * @param maxFailed failed shots the job runs on with ({@link FailedShots})
     * @throws IllegalArgumentException when the id is taken or the shot count is out of range
     */
    public void createJobItem(JobId id, String name, String task, String specKey, int shots, int maxFailed) {
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
    }

    /**
     * Writes the items of {@code shots}, QUEUED with no attempts, their messages' send time now
     * (they are sent right after): a new job's, and for {@code resume} those of a job whose
     * submit wrote them in part. Unconditional (a batch write cannot be conditional): only for
     * shots no worker holds, of a job no worker acts on yet or any more.
     */
    public void createShots(JobId id, List<Integer> shots) {
        String now = ItemTime.text(ItemTime.now());
        List<WriteRequest> writes = new ArrayList<>();
        for (int shot : shots) {
            Map<String, AttributeValue> item = new HashMap<>(key(id, shotKey(shot)));
            item.put("shot", n(shot));
            item.put("state", s(ShotState.QUEUED.name()));
            item.put("attempts", n(0));
            item.put(SENT, s(now));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        writeBatched(id, writes);
    }

    /**
     * Writes items 25 per request (DynamoDB's batch limit), {@value RequestsInParallel#AT_ONCE}
     * requests at once, retrying what each left unprocessed.
     */
    private void writeBatched(JobId id, List<WriteRequest> writes) {
        RequestsInParallel.send(RequestsInParallel.batches(writes, BATCH), batch -> writeBatch(id, batch),
                "the shot items of job " + id);
    }

    private void writeBatch(JobId id, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 8) {
                throw new IllegalStateException("job table kept refusing shot items of job " + id);
            }
            Backoff.pause(attempt);
            var todo = pending;
            pending = db.batchWriteItem(r -> r.requestItems(todo)).unprocessedItems();
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
        return updatedIf(r -> r.tableName(table).key(key(id, META))
                .updateExpression("SET #deleting = :t, #updated = :now")
                .conditionExpression("#st = :done OR #st = :failed OR #st = :cancelled")
                .expressionAttributeNames(Map.of("#st", "status", "#deleting", DELETING, "#updated", "updated"))
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":now", ItemTime.value(ItemTime.now()),
                        ":done", s(JobStatus.DONE.name()), ":failed", s(JobStatus.FAILED.name()),
                        ":cancelled", s(JobStatus.CANCELLED.name()))));
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

    /**
     * The job's META item, read consistently, or empty when there is no such job: its attributes
     * but {@code doneShots} ({@link JobItems#JOB_ATTRIBUTES}), so that a status poll of a
     * 20 000-shot job reads a few hundred bytes of it, not ~150 KB.
     */
    public Optional<JobRecord> job(JobId id) {
        Map<String, AttributeValue> item = db.getItem(r -> r.tableName(table).key(key(id, META)).consistentRead(true)
                .projectionExpression(JobItems.JOB_PROJECTION).expressionAttributeNames(JobItems.JOB_PROJECTION_NAMES)).item();
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

    /** The stacking worker stored the outputs: DONE, unless cancelled meanwhile. */
    public boolean finishJob(JobId id, List<String> outputs) {
        return updatedIf(r -> r.tableName(table).key(key(id, META))
                .updateExpression("SET #st = :done, #outputs = :o, #updated = :now")
                .conditionExpression("#st = :stacking")
                .expressionAttributeNames(Map.of("#st", "status", "#outputs", "outputs", "#updated", "updated"))
                .expressionAttributeValues(Map.of(":done", s(JobStatus.DONE.name()), ":o", AttributeValue.fromSs(outputs),
                        ":stacking", s(JobStatus.STACKING.name()), ":now", ItemTime.value(ItemTime.now()))));
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

    /**
     * CANCELLED with {@code reason} as the job's error, unless the job already ended: a job the
     * client stopped itself (its shots could not all be queued), so that {@code status} and
     * {@code jobs} say why it is CANCELLED.
     *
     * @return false when the job had ended (or does not exist)
     */
    public boolean cancel(JobId id, String reason) {
        return endIfRunning(id, JobStatus.CANCELLED, reason);
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
        return updatedIf(r -> r.tableName(table).key(key(id, META)).updateExpression(expression)
                .conditionExpression("attribute_exists(pk) AND (#st = :q OR #st = :r OR #st = :s)")
                .expressionAttributeNames(error != null ? Map.of("#st", "status", "#err", "error", "#updated", "updated")
                        : Map.of("#st", "status", "#updated", "updated"))
                .expressionAttributeValues(values));
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
                    .updateExpression("SET #st = :done, #seconds = :s, #gpts = :g, #finished = :now REMOVE #err, #errAt")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#st", "state", "#err", "error", "#seconds", "seconds", "#gpts", "gpts",
                            "#finished", "finished", "#errAt", ERROR_ATTEMPT))
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
                    .updateExpression("SET #st = :st, #err = :e, #errAt = #receives")
                    .conditionExpression("#st = :running AND #worker = :w")
                    .expressionAttributeNames(Map.of("#st", "state", "#err", "error", "#worker", "worker",
                            "#errAt", ERROR_ATTEMPT, "#receives", RECEIVES))
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
                    .updateExpression("SET #st = :failed, #err = :e, #errAt = #receives")
                    .conditionExpression("#st = :running AND #worker = :w")
                    .expressionAttributeNames(Map.of("#st", "state", "#err", "error", "#worker", "worker",
                            "#errAt", ERROR_ATTEMPT, "#receives", RECEIVES))
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
                    .updateExpression("SET #st = :failed, #err = :e, #errAt = #receives")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#st", "state", "#err", "error", "#worker", "worker", "#beat", BEAT,
                            "#errAt", ERROR_ATTEMPT, "#receives", RECEIVES))
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
     * held message's until the hand-back's fresh message is sent
     * ({@link ShotResends#recordSent}): if that send fails, the held message, released, is the
     * shot's only one, and its age is what the stale-shot re-send must go by.
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
                        .updateExpression("SET #st = :queued, #attempts = :zero, #sent = :now REMOVE #err, #errAt, #worker, "
                                + "#progress, #started, #finished, #seconds, #gpts, #beat")
                        .expressionAttributeNames(Map.ofEntries(Map.entry("#st", "state"), Map.entry("#attempts", "attempts"),
                                Map.entry("#sent", SENT),
                                Map.entry("#err", "error"), Map.entry("#worker", "worker"), Map.entry("#progress", "progress"),
                                Map.entry("#started", "started"), Map.entry("#finished", "finished"),
                                Map.entry("#seconds", "seconds"), Map.entry("#gpts", "gpts"), Map.entry("#beat", BEAT),
                                Map.entry("#errAt", ERROR_ATTEMPT)));
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
}
