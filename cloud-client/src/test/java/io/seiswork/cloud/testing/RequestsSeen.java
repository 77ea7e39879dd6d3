package io.seiswork.cloud.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Watches a client's requests ({@link LocalCloud#dynamoDbSeenBy} and the like): how many were
 * sent, how many were in flight at once at most, and how many bytes their responses carried (by
 * their Content-Length), for the tests of what a large job costs in requests and bytes.
 */
public final class RequestsSeen implements ExecutionInterceptor {

    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicLong responseBytes = new AtomicLong();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        sent.incrementAndGet();
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        inFlight.decrementAndGet();
        context.httpResponse().firstMatchingHeader("Content-Length")
                .ifPresent(v -> responseBytes.addAndGet(Long.parseLong(v)));
    }

    /** Starts counting afresh. */
    public void reset() {
        sent.set(0);
        mostInFlight.set(0);
        responseBytes.set(0);
    }

    public int sent() {
        return sent.get();
    }

    public int mostInFlight() {
        return mostInFlight.get();
    }

    public long responseBytes() {
        return responseBytes.get();
    }
}
