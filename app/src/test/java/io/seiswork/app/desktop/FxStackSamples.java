package io.seiswork.app.desktop;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The JavaFX thread's stack, taken every {@value #PERIOD_NANOS} ns from a thread of its own, for
 * the timing harness ({@link SpecLoadTiming}): what the thread was doing during a block that took
 * it long. A sample is a safepoint's view (the JVM stops the thread to read its stack), so a tight
 * loop without one is seen at its end; good enough to name the methods that take tens of ms.
 */
final class FxStackSamples implements AutoCloseable {

    /** Between two samples, nanoseconds (about; the sampler's thread waits for a core too). */
    static final long PERIOD_NANOS = 2_000_000L;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Sample(long nanos, StackTraceElement[] stack) {
    }

    private final long threadId;
    private final List<Sample> samples = new ArrayList<>();
    private volatile boolean running = true;
    private final Thread sampler;

    /** Starts sampling the thread of id {@code threadId} (the JavaFX thread's). */
    FxStackSamples(long threadId) {
        this.threadId = threadId;
        sampler = new Thread(this::sample, "fx-stack-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            ThreadInfo info = THREADS.getThreadInfo(threadId, Integer.MAX_VALUE);
            long now = System.nanoTime();
            if (info != null) {
                synchronized (samples) {
                    samples.add(new Sample(now, info.getStackTrace()));
                }
            }
            LockSupport.parkNanos(PERIOD_NANOS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }

    /**
     * The methods on the thread's stack in the samples from {@code from} to {@code to}
     * ({@link System#nanoTime}), each with the share of those samples that held it (inclusive:
     * a caller counts for its callees' time too): the {@code top} most frequent of those in
     * org.fxmisc, org.reactfx, javafx, com.sun.javafx and io.seiswork only (the JDK's and the
     * sampler's own left out); and the {@code top} innermost frames (self), of any package.
     */
    String between(long from, long to, int top) {
        List<StackTraceElement[]> in = samplesIn(from, to);
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        for (StackTraceElement[] stack : in) {
            Set<String> seen = new HashSet<>();
            for (StackTraceElement e : stack) {
                String m = e.getClassName() + "." + e.getMethodName();
                if (seen.add(m)) {
                    inclusive.merge(m, 1, Integer::sum);
                }
            }
            if (stack.length > 0) {
                self.merge(stack[0].getClassName() + "." + stack[0].getMethodName() + ":" + stack[0].getLineNumber(),
                        1, Integer::sum);
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  %d samples%n", in.size()));
        out.append("  inclusive:\n");
        inclusive.entrySet().stream()
                .filter(e -> e.getKey().startsWith("org.fxmisc") || e.getKey().startsWith("javafx")
                        || e.getKey().startsWith("com.sun.javafx") || e.getKey().startsWith("io.seiswork")
                        || e.getKey().startsWith("org.reactfx"))
                .sorted((a, b) -> b.getValue() - a.getValue()).limit(top)
                .forEach(e -> out.append(String.format(Locale.ROOT, "    %3d %s%n", e.getValue(), e.getKey())));
        out.append("  self:\n");
        self.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(top)
                .forEach(e -> out.append(String.format(Locale.ROOT, "    %3d %s%n", e.getValue(), e.getKey())));
        return out.toString();
    }

    /** The stacks of the samples taken from {@code from} to {@code to} ({@link System#nanoTime}), in order. */
    private List<StackTraceElement[]> samplesIn(long from, long to) {
        List<StackTraceElement[]> in = new ArrayList<>();
        synchronized (samples) {
            for (Sample s : samples) {
                if (s.nanos() >= from && s.nanos() <= to) {
                    in.add(s.stack());
                }
            }
        }
        return in;
    }

    /** One whole stack from {@code from} to {@code to} in the middle of them, innermost first, for reading the path. */
    String middleStack(long from, long to) {
        List<StackTraceElement[]> in = samplesIn(from, to);
        if (in.isEmpty()) {
            return "  (no sample)\n";
        }
        StringBuilder out = new StringBuilder();
        for (StackTraceElement e : in.get(in.size() / 2)) {
            out.append("      at ").append(e).append('\n');
        }
        return out.toString();
    }
}
