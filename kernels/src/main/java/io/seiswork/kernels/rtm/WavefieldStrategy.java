package io.seiswork.kernels.rtm;

import java.util.Arrays;

/**
 * How the source wavefield is made available, in reverse time order, to the imaging condition.
 * {@link MemoryPlan} chooses one from a memory budget when the spec says "auto".
 */
public enum WavefieldStrategy {

    /** Snapshots on the user's grid every imaging interval, in memory: fastest, volume × nt / k. */
    MEMORY("memory"),

    /**
     * The ring of {@code spaceOrder/2} cells inside the grid's faces saved every step to a
     * scratch file (surface × nt on disk, two ring frames in memory), and the source field
     * rebuilt backwards by the time-reversed leapfrog: one extra propagation.
     */
    BOUNDARY("boundary"),

    /** Snapshots as {@link #MEMORY}, spilled to a scratch file with asynchronous I/O. */
    DISK("disk");

    private final String json;

    WavefieldStrategy(String json) {
        this.json = json;
    }

    /** The spec's name of this strategy. */
    public String json() {
        return json;
    }

    /** The strategy named {@code name}; "auto" is resolved by {@link MemoryPlan}, not here. */
    public static WavefieldStrategy fromJson(String name) {
        return Arrays.stream(values()).filter(c -> c.json.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("imaging.wavefield: must be one of "
                        + "auto, memory, boundary, disk, got \"" + name + "\""));
    }
}
