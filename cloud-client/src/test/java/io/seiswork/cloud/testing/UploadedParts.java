package io.seiswork.cloud.testing;

import java.util.concurrent.atomic.AtomicInteger;
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

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof UploadPartRequest) {
            parts.incrementAndGet();
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
