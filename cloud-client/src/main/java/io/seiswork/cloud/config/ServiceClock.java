package io.seiswork.cloud.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The time on the service's clock, as this machine estimates it from the HTTP {@code Date} header
 * of the job table's (DynamoDB's) responses. The beats a shot's worker writes are stamped with
 * the worker's clock (fleet instances keep theirs to AWS's by Amazon Time Sync); a reader that
 * measured a beat's age on a laptop clock 3 minutes fast would call every running shot silent,
 * and one 3 minutes slow would hide a real silence. So silence and lost ages are measured against
 * {@link #now()}: this machine's clock plus the offset estimated here.
 *
 * <p>The header has a resolution of one second (the server's time truncated), so each response
 * gives a sample {@code Date + 0.5 s − midpoint of this attempt's sending and its response}, off
 * by at most half a second plus half the round trip. The offset used is the median of the last
 * {@value #SAMPLES} samples, so one odd answer (a proxy's stale header, a response held up in
 * transit) does not move it, and it is taken as zero while that median is within
 * {@link #TRUSTED_WITHIN} (once applied, kept down to {@link #KEPT_FROM}): a synchronised machine then measures ages on its own clock exactly,
 * with no half-second jitter between two reads. A response without a {@code Date}, or with one
 * that does not parse, gives no sample; with none, the offset is zero.
 *
 * <p>An interceptor of the DynamoDB client ({@link CloudClients}), called on the SDK's calling
 * threads, several at once in a resume's parallel writes: the samples are guarded by this object.
 */
public final class ServiceClock implements ExecutionInterceptor {

    /** Samples whose median is the offset: the last this many responses. */
    static final int SAMPLES = 9;

    /** An estimated offset at most this large (either way) is taken as none: the header's 1 s resolution and jitter. */
    static final Duration TRUSTED_WITHIN = Duration.ofSeconds(2);

    /**
     * An offset applied is kept applied until its estimate falls under this (either way): a
     * machine truly about 2 s off would otherwise flip between its own clock and the corrected
     * one from read to read as the estimate wanders by its half second.
     */
    static final Duration KEPT_FROM = Duration.ofSeconds(1);

    /** When this attempt's request went out, this machine's clock, ms since the epoch. */
    private static final ExecutionAttribute<Long> SENT_MS = new ExecutionAttribute<>("seiswork.serviceClock.sentMs");

    private final Clock local;
    private final long[] samplesMs = new long[SAMPLES];
    private int count;
    private int next;
    /** The offset in use: the samples' median once outside {@link #TRUSTED_WITHIN}, kept while above {@link #KEPT_FROM}. */
    private Duration offset = Duration.ZERO;

    /** A clock on this machine's own clock, corrected by the responses it sees. */
    public ServiceClock() {
        this(Clock.systemUTC());
    }

    /** As {@link #ServiceClock()}, on {@code local} as this machine's clock (a test's). */
    ServiceClock(Clock local) {
        this.local = local;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT_MS, local.millis());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        long receivedMs = local.millis();
        Long sentMs = attributes.getAttribute(SENT_MS);
        Optional<String> date = context.httpResponse().firstMatchingHeader("Date");
        if (date.isPresent()) {
            sample(date.get(), sentMs == null ? receivedMs : sentMs + (receivedMs - sentMs) / 2);
        }
    }

    /**
     * Records one response's {@code Date} header ({@code Mon, 30 Nov 2026 23:11:36 GMT}) as read
     * when this machine's clock said {@code localMs} (ms since the epoch); an unparseable one is
     * ignored.
     */
    void sample(String date, long localMs) {
        Instant server;
        try {
            server = DateTimeFormatter.RFC_1123_DATE_TIME.parse(date.trim(), Instant::from);
        } catch (DateTimeParseException e) {
            return;
        }
        long offsetMs = server.toEpochMilli() + 500 - localMs;  // the server's second, at its middle
        synchronized (this) {
            samplesMs[next] = offsetMs;
            next = (next + 1) % SAMPLES;
            count = Math.min(count + 1, SAMPLES);
            long[] sorted = Arrays.copyOf(samplesMs, count);
            Arrays.sort(sorted);
            Duration median = Duration.ofMillis(count % 2 == 1 ? sorted[count / 2]
                    : (sorted[count / 2 - 1] + sorted[count / 2]) / 2);
            // Decided here, at each sample, so that how often the clock is read changes nothing.
            boolean applied = !offset.isZero();
            offset = median.abs().compareTo(applied ? KEPT_FROM : TRUSTED_WITHIN) > 0 ? median : Duration.ZERO;
        }
    }

    /**
     * The service's clock minus this machine's: negative when this machine's is ahead. Zero
     * before any response, and while the estimate is within {@link #TRUSTED_WITHIN} (once
     * applied, until it falls within {@link #KEPT_FROM}).
     */
    public synchronized Duration offset() {
        return offset;
    }

    /** Now on the service's clock: this machine's corrected by {@link #offset()}. */
    public Instant now() {
        return local.instant().plus(offset());
    }
}
