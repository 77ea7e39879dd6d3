package io.seiswork.cloud.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The job table's item layout: its keys ({@code pk = JOB#<id>}, {@code sk = META} or
 * {@code SHOT#<n>}), the attribute names more than one of its writers use, and the codecs between
 * items and {@link JobRecord} / {@link ShotRecord}. Shared by {@link JobTable},
 * {@link StackingRecords} and {@link ShotResends}, which all write the same items.
 */
final class JobItems {

    static final String META = "META";
    static final String JOBS_KEY = "jobs";
    static final String JOBS_VALUE = "JOB";
    static final String MAX_FAILED = "maxFailed";
    static final String RESUMES = "resumes";
    static final String BEAT = "beat";
    static final String RECEIVES = "receives";
    static final String DELETING = "deleting";
    static final String STACK_BEAT = "stackBeat";
    static final String STACK_MESSAGE = "stackMessage";
    static final String STACK_RESENDS = "stackResends";
    /** The message of the run's stack resend recorded as sent, once a run ({@link StackingRecords#recordStackResend}). */
    static final String STACK_RESEND_SENT = "stackResendSent";
    static final String MESSAGE = "message";
    /** Which attempt a shot's {@code error} came from: written with it, from the item's {@code attempts}. */
    static final String ERROR_ATTEMPT = "errorAttempt";
    /**
     * When the shot's live message was sent (submit, resume, a hand-back, a re-send): SQS drops a
     * message 14 days after it was sent, so a shot QUEUED for 12 has its message sent again
     * ({@link ShotResends#queuedShotsSentBefore}).
     */
    static final String SENT = "sent";
    /** The worker whose stale-shot re-send holds the job ({@link ShotResends#claimShotResend}). */
    static final String RESEND_CLAIM = "resendClaim";
    /** Until when that claim holds, epoch milliseconds (a number: compares as time, as an ISO string may not). */
    static final String RESEND_CLAIM_UNTIL = "resendClaimUntil";

    private JobItems() {
    }

    /**
     * Every attribute of a job item that {@link #toJob} reads, and its key: what a read of a job
     * asks for. Not {@code doneShots}, the set that counts each shot once, which no reader shows
     * and which grows to ~70 KB stored (~150 KB as JSON) at {@value JobTable#MAX_SHOTS} shots:
     * read whole, every status poll and every line of {@code seiswork jobs} carried it.
     */
    static final List<String> JOB_ATTRIBUTES = List.of("pk", "name", "task", "status", "specKey", "total", "done",
            "failed", "created", "updated", "error", "outputs", "stacked", MAX_FAILED, "failedShots", RESUMES, DELETING,
            STACK_BEAT, STACK_MESSAGE, STACK_RESENDS);
    /** {@link #JOB_ATTRIBUTES} as a projection expression, each through a {@code #aN} placeholder (reserved words). */
    static final String JOB_PROJECTION = String.join(", ",
            java.util.stream.IntStream.range(0, JOB_ATTRIBUTES.size()).mapToObj(i -> "#a" + i).toList());
    /** The placeholders of {@link #JOB_PROJECTION}. */
    static final Map<String, String> JOB_PROJECTION_NAMES = java.util.stream.IntStream.range(0, JOB_ATTRIBUTES.size())
            .boxed().collect(java.util.stream.Collectors.toUnmodifiableMap(i -> "#a" + i, JOB_ATTRIBUTES::get));

    static JobRecord toJob(JobId id, Map<String, AttributeValue> m) {
        return new JobRecord(id, str(m, "name"), str(m, "task"), JobStatus.valueOf(str(m, "status")), str(m, "specKey"),
                num(m, "total"), num(m, "done"), num(m, "failed"), instant(m, "created"), instant(m, "updated"),
                str(m, "error"), m.containsKey("outputs") ? m.get("outputs").ss().stream().sorted().toList() : List.of(),
                num(m, "stacked"), num(m, MAX_FAILED), numbers(m, "failedShots"), num(m, RESUMES), m.containsKey(DELETING),
                instant(m, STACK_BEAT), str(m, STACK_MESSAGE), num(m, STACK_RESENDS));
    }

    static ShotRecord toShot(Map<String, AttributeValue> m) {
        ShotState state = ShotState.valueOf(str(m, "state"));
        return new ShotRecord(num(m, "shot"), state, num(m, "attempts"), str(m, "worker"), dbl(m, "seconds"),
                dbl(m, "gpts"), str(m, "error"), state == ShotState.DONE ? 1 : state == ShotState.RUNNING ? dbl(m, "progress") : 0,
                instant(m, BEAT), num(m, RECEIVES), str(m, MESSAGE), num(m, ERROR_ATTEMPT));
    }

    static String str(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null ? null : v.s();
    }

    private static List<Integer> numbers(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null || !v.hasNs() ? List.of() : v.ns().stream().map(Integer::valueOf).sorted().toList();
    }

    static int num(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
    }

    private static double dbl(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null || v.n() == null ? 0 : Double.parseDouble(v.n());
    }

    static Instant instant(Map<String, AttributeValue> m, String k) {
        String v = str(m, k);
        return v == null ? null : ItemTime.parse(v);
    }

    static Map<String, AttributeValue> key(JobId id, String sk) {
        return Map.of("pk", s(pk(id)), "sk", s(sk));
    }

    static String pk(JobId id) {
        return "JOB#" + id.value();
    }

    /** The job whose item (or index entry) {@code item} is, from its partition key. */
    static JobId jobId(Map<String, AttributeValue> item) {
        return new JobId(str(item, "pk").substring("JOB#".length()));
    }

    static String shotKey(int shot) {
        if (shot < 1) {
            throw new IllegalArgumentException("shot numbers start at 1, got " + shot);
        }
        return "SHOT#" + shot;
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(double v) {
        return AttributeValue.fromN(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
    }

    /** Errors are stored for people to read; a stack of them must not grow the item past its limit. */
    static String clip(String error) {
        String e = error == null || error.isBlank() ? "unknown error" : error.replaceAll("\\p{Cntrl}", " ");
        return e.length() > 1000 ? e.substring(0, 1000) + "..." : e;
    }
}
