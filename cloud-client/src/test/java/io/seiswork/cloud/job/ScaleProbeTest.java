package io.seiswork.cloud.job;

import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.testing.LocalCloud;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * A measurement, not a check: what jobs of 2,000, 10,000 and 20,000 shots cost the job table and
 * the queue in time, requests and response bytes (create, queue, a status read of every shot
 * item, the job item before and after 2,000 shots run with a quarter failing with 5,000-character
 * errors, delete). A minute or more, so it runs only when asked:
 * {@code mvn -B -o test -pl core,cloud-client -Dtest=ScaleProbeTest -Dseiswork.scaleProbe=true};
 * docs/cloud.md, "At survey scale", holds its figures.
 */
class ScaleProbeTest {
    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    static final Map<String, AtomicLong> CALLS = new ConcurrentHashMap<>();
    static final AtomicLong BYTES = new AtomicLong();

    static final ExecutionInterceptor COUNT = new ExecutionInterceptor() {
        @Override
        public void afterTransmission(Context.AfterTransmission c, ExecutionAttributes a) {
            CALLS.computeIfAbsent(a.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicLong()).incrementAndGet();
            c.httpResponse().firstMatchingHeader("Content-Length").ifPresent(v -> BYTES.addAndGet(Long.parseLong(v)));
        }
    };

    static String take() {
        String s = new TreeMap<>(CALLS) + " bytes=" + BYTES.get();
        CALLS.clear();
        BYTES.set(0);
        return s;
    }

    @Test
    void probe() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("seiswork.scaleProbe"),
                "a measurement of a minute or more, not a check: run it with -Dseiswork.scaleProbe=true");
        JobTable table = JobTable.createIfMissing(CLOUD.dynamoDbSeenBy(COUNT), "scale-probe");
        ShotQueue.createIfMissing(CLOUD.sqs(), "scale-probe");
        ShotQueue queue = ShotQueue.open(CLOUD.sqsSeenBy(COUNT), "scale-probe");
        take();
        for (int n : new int[] {2000, 10000, 20000}) {
            JobId id = new JobId("probe-" + n);
            long t = System.nanoTime();
            table.createJob(id, "p", "model", ObjectKeys.spec(id), n, n - 1);
            System.out.printf("N=%d createJob %.2f s %s%n", n, (System.nanoTime() - t) / 1e9, take());
            t = System.nanoTime();
            queue.send(id, IntStream.rangeClosed(1, n).boxed().toList());
            System.out.printf("N=%d send %.2f s %s%n", n, (System.nanoTime() - t) / 1e9, take());
            t = System.nanoTime();
            int got = table.shots(id).size();
            System.out.printf("N=%d shots()=%d %.2f s %s%n", n, got, (System.nanoTime() - t) / 1e9, take());
            t = System.nanoTime();
            table.job(id);
            System.out.printf("N=%d job() %.3f s %s%n", n, (System.nanoTime() - t) / 1e9, take());
            t = System.nanoTime();
            for (int s = 1; s <= (n > 2000 ? 0 : n); s++) {
                table.startShot(id, s, "w");
                if (s % 4 == 0) {
                    table.failShot(id, s, "w", "x".repeat(5000), true, 0);
                } else {
                    table.completeShot(id, s, 1, 1);
                }
            }
            System.out.printf("N=%d run all %.2f s %s%n", n, (System.nanoTime() - t) / 1e9, take());
            t = System.nanoTime();
            var job = table.job(id).orElseThrow();
            System.out.printf("N=%d job() after %.3f s %s status=%s done=%d failed=%d err=%d%n", n, (System.nanoTime() - t) / 1e9,
                    take(), job.status(), job.done(), job.failed(), job.error() == null ? 0 : job.error().length());
            t = System.nanoTime();
            got = table.shots(id).size();
            System.out.printf("N=%d shots() after=%d %.2f s %s%n", n, got, (System.nanoTime() - t) / 1e9, take());
            t = System.nanoTime();
            table.deleteJob(id, n);
            System.out.printf("N=%d deleteJob %.2f s %s%n", n, (System.nanoTime() - t) / 1e9, take());
        }
    }
}
