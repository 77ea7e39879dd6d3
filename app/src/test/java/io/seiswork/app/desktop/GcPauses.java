package io.seiswork.app.desktop;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The garbage collections of this JVM from its making to {@link #close}, for the timing harness
 * ({@link SpecLoadTiming}): a collection stops every thread, the JavaFX one too, so a long block
 * of the thread may be the collector's and not the code's that ran on it. Durations as the JVM
 * reports them (milliseconds; for a concurrent collector the whole cycle, not only its pauses).
 */
final class GcPauses implements AutoCloseable {

    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = (n, h) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            record(info.getGcName(), info.getGcInfo().getDuration());
        }
    };
    private int count;
    private long totalMs;
    private long longestMs;
    private String longestName = "";

    GcPauses() {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private synchronized void record(String name, long ms) {
        count++;
        totalMs += ms;
        if (ms > longestMs) {
            longestMs = ms;
            longestName = name;
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // (not added: nothing to remove)
            }
        }
    }

    @Override
    public synchronized String toString() {
        return String.format(Locale.ROOT, "%d collections, %d ms in all, the longest %d ms (%s)", count, totalMs,
                longestMs, longestName);
    }
}
