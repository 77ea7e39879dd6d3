package io.seiswork.cloud.dispatch;

import io.seiswork.cloud.job.ShotAttempts;
import io.seiswork.cloud.job.ShotRecord;
import io.seiswork.cloud.job.ShotState;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What {@code status}, {@code --wait} and the desktop say beside a shot's state when that state
 * alone misleads: a RUNNING shot whose worker has gone quiet (killed, its instance lost, or cut off
 * from the table: the item cannot tell which), and a shot RUNNING again that still carries an
 * earlier attempt's error.
 *
 * <p>Every {@code now} here is on the service's clock ({@link Dispatcher#clock()}), not this
 * machine's: a beat is stamped by its worker's clock, kept to AWS's, so a reader's clock minutes
 * fast would call every running shot silent, and one minutes slow would hide a real silence.
 */
public final class ShotNotes {

    /**
     * How often a worker reports a running shot at least: its heartbeat's sign of life (the
     * worker's {@code Heartbeat} beats by this).
     */
    public static final Duration BEAT_EVERY = Duration.ofSeconds(30);

    /** A RUNNING shot whose worker said nothing for this long (three missed reports) is called silent. */
    public static final Duration SILENT_AFTER = BEAT_EVERY.multipliedBy(3);

    private ShotNotes() {
    }

    /**
     * How long the RUNNING shot's worker has been silent at {@code now} (the service's time), or
     * null when it reported within {@link #SILENT_AFTER} (or the shot is not RUNNING).
     */
    public static Duration silence(ShotRecord s, Instant now) {
        Duration d = s.silentFor(now);
        return d != null && d.compareTo(SILENT_AFTER) >= 0 ? d : null;
    }

    /** {@code "no word from its worker for 2 min 10 s"}, or null when the shot is not silent. */
    public static String silenceBrief(ShotRecord s, Instant now) {
        Duration d = silence(s, now);
        return d == null ? null : "no word from its worker for " + duration(d);
    }

    /**
     * {@link #silenceBrief} with what follows from the protocol: a worker that stopped keeps its
     * message hidden until the visibility timeout runs out, then a free worker runs the shot again;
     * on the message's last delivery SQS dead-letters it instead, and the shot is lost after
     * {@link JobView#LOST_AFTER}. Null when the shot is not silent.
     */
    public static String silenceExplained(ShotRecord s, Instant now) {
        String brief = silenceBrief(s, now);
        if (brief == null) {
            return null;
        }
        if (!ShotAttempts.isLast(s.receives())) {
            return brief + "; if it has stopped, the shot runs again on a free worker once its message's visibility"
                    + " timeout runs out, within the worker's --visibility (300 s by default) of its last extension";
        }
        if (s.lost(now.minus(JobView.LOST_AFTER))) {
            return brief + " on the last delivery of its message: lost (see the job's line)";
        }
        return brief + " on the last delivery of its message; if it has stopped, the shot is lost after "
                + JobView.LOST_AFTER.toMinutes() + " minutes of silence and counted failed";
    }

    /**
     * The error of a shot RUNNING again, which an earlier attempt left: {@code "attempt 1 failed:
     * …"}, or {@code "an earlier attempt failed: …"} when the item does not say which attempt; null
     * when the shot is not RUNNING or carries no error.
     */
    public static String earlierError(ShotRecord s) {
        if (s.state() != ShotState.RUNNING || s.error() == null) {
            return null;
        }
        return (s.errorAttempt() > 0 ? "attempt " + s.errorAttempt() : "an earlier attempt") + " failed: " + s.error();
    }

    /** An offset between this machine's clock and the job table's over this large (either way) is told: ages shown would have been wrong by it. */
    public static final Duration SKEW_TOLD_FROM = Duration.ofSeconds(60);

    /**
     * {@code "this machine's clock is 3 min 5 s ahead of the job table's (from its replies);
     * shots' silences are measured on the job table's clock"} for an {@code offset} (the service's clock
     * minus this machine's, {@link io.seiswork.cloud.config.ServiceClock#offset}) over
     * {@link #SKEW_TOLD_FROM}, else null. The job table's clock, not "AWS's": on AWS it is
     * DynamoDB's, kept to AWS time like the fleet's; on the local cloud it is the emulator's.
     */
    public static String skewNote(Duration offset) {
        if (offset.abs().compareTo(SKEW_TOLD_FROM) <= 0) {
            return null;
        }
        Duration whole = Duration.ofSeconds(Math.round(offset.abs().toMillis() / 1000.0));
        return "this machine's clock is " + duration(whole) + (offset.isNegative() ? " ahead of" : " behind")
                + " the job table's (from its replies); shots' silences are measured on the job table's clock";
    }

    /** {@code 45 s}, {@code 2 min 10 s}, {@code 1 h 5 min}: whole units, cut down. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %d min", s / 3600, s % 3600 / 60);
    }
}
