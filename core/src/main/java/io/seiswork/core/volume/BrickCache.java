package io.seiswork.core.volume;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Least-recently-used cache of decoded bricks, bounded in bytes: the only memory a
 * {@link SwvReader} holds that grows with use, so a 100 GB volume is viewed in a fixed budget.
 * Keys are {@code (level << 56) | brickIndex}. Thread-safe; a brick missing from the cache is
 * loaded outside the lock, so slow remote reads do not serialise each other.
 */
public final class BrickCache {

    private final long capacityBytes;
    private final LinkedHashMap<Long, float[]> map = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    /** A cache holding at most {@code capacityBytes} of samples (at least one brick is always kept). */
    public BrickCache(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0 bytes, got " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /** Key of brick {@code brickIndex} of level {@code level}. */
    static long key(int level, long brickIndex) {
        return ((long) level << 56) | brickIndex;
    }

    /** The brick under {@code key}, loading it with {@code loader} when it is not cached. */
    public float[] get(long key, LongFunction<float[]> loader) {
        synchronized (this) {
            float[] b = map.get(key);
            if (b != null) {
                hits++;
                return b;
            }
            misses++;
        }
        float[] loaded = loader.apply(key);
        synchronized (this) {
            float[] raced = map.putIfAbsent(key, loaded);
            if (raced != null) {
                return raced;
            }
            bytes += 4L * loaded.length;
            var it = map.entrySet().iterator();
            while (bytes > capacityBytes && map.size() > 1 && it.hasNext()) {
                Map.Entry<Long, float[]> eldest = it.next();
                if (eldest.getKey() == key) {
                    continue;
                }
                bytes -= 4L * eldest.getValue().length;
                it.remove();
            }
            return loaded;
        }
    }

    /** The brick under {@code key} if it is cached, else null; counts as neither a hit nor a miss. */
    public synchronized float[] peek(long key) {
        return map.get(key);
    }

    /** Bytes of samples held now. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Requests answered from the cache so far. */
    public synchronized long hits() {
        return hits;
    }

    /** Requests that had to load a brick so far. */
    public synchronized long misses() {
        return misses;
    }

    /** Drops every brick (for cold-cache benchmarks). */
    public synchronized void clear() {
        map.clear();
        bytes = 0;
    }
}
