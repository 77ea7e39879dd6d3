package io.seiswork.cloud.job;

import static io.seiswork.cloud.job.ItemConditions.inRun;
import static io.seiswork.cloud.job.ItemConditions.stillSilentSince;
import static io.seiswork.cloud.job.JobItems.META;
import static io.seiswork.cloud.job.JobItems.RESUMES;
import static io.seiswork.cloud.job.JobItems.STACK_BEAT;
import static io.seiswork.cloud.job.JobItems.STACK_MESSAGE;
import static io.seiswork.cloud.job.JobItems.STACK_RESENDS;
import static io.seiswork.cloud.job.JobItems.STACK_RESEND_SENT;
import static io.seiswork.cloud.job.JobItems.clip;
import static io.seiswork.cloud.job.JobItems.instant;
import static io.seiswork.cloud.job.JobItems.key;
import static io.seiswork.cloud.job.JobItems.n;
import static io.seiswork.cloud.job.JobItems.s;
import static io.seiswork.cloud.job.JobItems.str;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The stacking hand-over, on the job item: once every shot is counted one worker stacks the
 * results, holding the job's stack message and beating ({@code stackBeat}) while it stacks; a
 * worker whose stacker fell silent takes the stack over; a stopping stacker lets go of it; and a
 * stack whose worker died on its message's last delivery is sent again once a run (claimed,
 * recorded, renewed or undone here) before the next such loss fails the job. Every write is
 * conditional on what was read (architecture: cloud protocol; docs/cloud.md), so of two workers
 * or sweeps at once one wins. The stored stack ends the job through {@link JobTable#finishJob}.
 * Got from {@link JobTable#stacking}.
 */
public final class StackingRecords extends JobTableAccess {

    StackingRecords(DynamoDbClient db, String table) {
        super(db, table);
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
        return updatedIf(r -> r.tableName(table).key(key(id, META))
                .updateExpression("SET #st = :stacking, #updated = :now, #beat = :now, #message = :m")
                .conditionExpression("(#st = :running OR #st = :queued) AND #done = #total")
                .expressionAttributeNames(Map.of("#st", "status", "#updated", "updated", "#done", "done", "#total", "total",
                        "#beat", STACK_BEAT, "#message", STACK_MESSAGE))
                .expressionAttributeValues(Map.of(":stacking", s(JobStatus.STACKING.name()),
                        ":running", s(JobStatus.RUNNING.name()), ":queued", s(JobStatus.QUEUED.name()),
                        ":now", ItemTime.value(ItemTime.now()), ":m", s(messageId))));
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
        return updatedIf(r -> r.tableName(table).key(key(id, META))
                .updateExpression("SET #beat = :now, #message = :m").conditionExpression(condition)
                .expressionAttributeNames(Map.of("#st", "status", "#beat", STACK_BEAT, "#message", STACK_MESSAGE))
                .expressionAttributeValues(values));
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
        return updatedIf(r -> r.tableName(table).key(key(id, META))
                .updateExpression("SET #beat = :released").conditionExpression("#st = :stacking AND #message = :held")
                .expressionAttributeNames(Map.of("#st", "status", "#message", STACK_MESSAGE, "#beat", STACK_BEAT))
                .expressionAttributeValues(Map.of(":stacking", s(JobStatus.STACKING.name()), ":held", s(message),
                        ":released", ItemTime.value(silentSince))));
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
        return updatedIf(r -> r.tableName(table).key(key(id, META))
                .updateExpression("SET #st = :st, #updated = :now, #err = :e")
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#st", "status", "#updated", "updated", "#err", "error",
                        "#beat", STACK_BEAT))
                .expressionAttributeValues(values));
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
     * again or was taken over meanwhile is left alone; a resume clears the claim ({@link JobTable#reopen}).
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
        boolean claimed = updatedIf(r -> r.tableName(table).key(key(id, META))
                .updateExpression("SET #resends = :one, #beat = :claim, #updated = :claim REMOVE #message")
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#st", "status", "#resends", STACK_RESENDS, "#message", STACK_MESSAGE,
                        "#beat", STACK_BEAT, "#updated", "updated"))
                .expressionAttributeValues(values));
        return claimed ? Optional.of(claim) : Optional.empty();
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
        boolean made = updatedIf(r -> r.tableName(table).key(key(id, META))
                .updateExpression("SET #beat = :renewed, #updated = :renewed")
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#st", "status", "#resends", STACK_RESENDS, "#message", STACK_MESSAGE,
                        "#beat", STACK_BEAT, "#updated", "updated", "#sent", STACK_RESEND_SENT))
                .expressionAttributeValues(values));
        return made ? Optional.of(renewed) : Optional.empty();
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
        return updatedIf(r -> r.tableName(table).key(key(id, META))
                .updateExpression("SET #sent = :new, #message = if_not_exists(#message, :new)")
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#resends", STACK_RESENDS, "#message", STACK_MESSAGE,
                        "#sent", STACK_RESEND_SENT, "#resumes", RESUMES))
                .expressionAttributeValues(values));
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
        return updatedIf(r -> r.tableName(table).key(key(id, META))
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#st", "status", "#resends", STACK_RESENDS, "#message", STACK_MESSAGE,
                        "#beat", STACK_BEAT))
                .expressionAttributeValues(values));
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
}
