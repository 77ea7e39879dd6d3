package io.seiswork.worker;

import io.seiswork.cloud.testing.UploadedParts;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingRequest;

/**
 * Counts the parts S3 confirmed (their UploadPart answered) through a client made with it
 * ({@link UploadedParts}), and runs an action once, on the part's thread, when {@code at} are:
 * where an upload test cuts the link, cancels or stops ({@link UploadOutage}). Counts the
 * PutObjectTagging requests made too.
 */
final class ConfirmedParts implements ExecutionInterceptor {
    private final int at;
    private final UploadedParts parts;
    private final AtomicInteger taggings = new AtomicInteger();
    private volatile Runnable then = () -> { };

    /** @param at the confirmed part (from 1) on which the action runs */
    ConfirmedParts(int at) {
        this.at = at;
        this.parts = new UploadedParts(n -> {
            if (n == at) {
                then.run();
            }
        });
    }

    /** Runs {@code action} when the {@code at}-th part is confirmed; this, for a one-line set-up. */
    ConfirmedParts then(Runnable action) {
        this.then = action;
        return this;
    }

    /** The confirmed part on which the action runs. */
    int at() {
        return at;
    }

    int confirmed() {
        return parts.count();
    }

    /** PutObjectTagging requests made, answered or not (an emulator may answer 501). */
    int taggings() {
        return taggings.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutObjectTaggingRequest) {
            taggings.incrementAndGet();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        parts.afterExecution(context, attributes);
    }
}
