package io.seiswork.cloud.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Counts the multipart upload parts S3 took through a client made with it
 * ({@link LocalCloud#s3SeenBy}): a part whose request failed or was stopped is not counted.
 */
public final class UploadedParts implements ExecutionInterceptor {

    private final AtomicInteger parts = new AtomicInteger();
    private final IntConsumer onPart;

    public UploadedParts() {
        this(n -> { });
    }

    /**
     * @param onPart given each part's count (from 1) as it is taken, once each, on the part's
     *     thread: where a test cuts a link or cancels at the n-th part
     */
    public UploadedParts(IntConsumer onPart) {
        this.onPart = onPart;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof UploadPartRequest) {
            onPart.accept(parts.incrementAndGet());
        }
    }

    /** Parts taken so far. */
    public int count() {
        return parts.get();
    }

    @Override
    public String toString() {
        return parts.get() + " parts";
    }
}
