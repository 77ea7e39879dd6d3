package io.seiswork.cloud.job;

import static io.seiswork.cloud.job.JobItems.JOBS_KEY;
import static io.seiswork.cloud.job.JobItems.JOBS_VALUE;
import static io.seiswork.cloud.job.JobItems.META;
import static io.seiswork.cloud.job.JobItems.RESEND_CLAIM;
import static io.seiswork.cloud.job.JobItems.RESEND_CLAIM_UNTIL;
import static io.seiswork.cloud.job.JobItems.RESUMES;
import static io.seiswork.cloud.job.JobItems.SENT;
import static io.seiswork.cloud.job.JobItems.instant;
import static io.seiswork.cloud.job.JobItems.key;
import static io.seiswork.cloud.job.JobItems.n;
import static io.seiswork.cloud.job.JobItems.num;
import static io.seiswork.cloud.job.JobItems.pk;
import static io.seiswork.cloud.job.JobItems.s;
import static io.seiswork.cloud.job.JobItems.shotKey;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The job table's record of when each QUEUED shot's message was sent ({@code sent} on its shot
 * item), and the stale-shot re-send built on it: SQS drops a message 14 days after it was sent,
 * so a worker's sweep finds the unfinished jobs ({@value JobTable#RESEND_INDEX}), claims a job's
 * re-send on its job item so that one worker sends, lists its shots queued too long, sends their
 * messages again and records each send, conditional so that of two sweeps at once one records it.
 * Got from {@link JobTable#shotResends}.
 */
public final class ShotResends extends JobTableAccess {

    ShotResends(DynamoDbClient db, String table) {
        super(db, table);
    }

    /**
     * Jobs submitted before {@code before} that are QUEUED or RUNNING: only such a job can hold a
     * shot message sent before then, since all its messages were sent after it was submitted.
     *
     * <p>From the thin index {@value JobTable#RESEND_INDEX}, which holds every job item's keys,
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
        db.queryPaginator(r -> r.tableName(table).indexName(JobTable.RESEND_INDEX)
                .keyConditionExpression("#k = :jobs AND #created < :before")
                .filterExpression("#st IN (:queued, :running)")
                .expressionAttributeNames(Map.of("#k", JOBS_KEY, "#created", "created", "#st", "status"))
                .expressionAttributeValues(Map.of(":jobs", s(JOBS_VALUE), ":before", ItemTime.keyBoundBefore(before),
                        ":queued", s(JobStatus.QUEUED.name()), ":running", s(JobStatus.RUNNING.name()))))
                .items().stream().filter(item -> instant(item, "created").isBefore(before))
                .forEach(item -> jobs.add(new UnfinishedJob(JobItems.jobId(item),
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
     * A fresh message of the QUEUED shot was sent at {@code sentAt} (a hand-back's, after
     * {@link JobTable#releaseShot}): recorded unless the shot moved on or a later send is recorded.
     *
     * @return false when the shot is no longer QUEUED, or its recorded send is not older
     */
    public boolean recordSent(JobId id, int shot, Instant sentAt) {
        return recordResent(id, shot, sentAt, sentAt);
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
        return updatedIf(r -> r.tableName(table).key(key(id, shotKey(shot)))
                .updateExpression("SET #sent = :now")
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#st", "state", "#sent", SENT))
                .expressionAttributeValues(values));
    }
}
