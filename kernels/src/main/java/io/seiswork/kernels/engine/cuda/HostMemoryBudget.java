package io.seiswork.kernels.engine.cuda;

import java.lang.management.ManagementFactory;

/**
 * The most pinned (page-locked) host memory one GPU-migrated shot may take for its boundary ring
 * ({@link RtmRingPlan}): beyond it the ring goes to a scratch file on disk.
 *
 * <p>Default: half the physical memory (container-aware: the cgroup limit where there is one)
 * minus the JVM's maximum heap, at least 0. Pinned pages can be neither swapped nor reclaimed,
 * so the other half stays with the operating system, its page cache (the disk placement's
 * scratch file goes through it) and other processes; the heap comes out of the same half
 * because it may grow to {@code -Xmx} during the run. The system property
 * {@value #PROPERTY} (GiB, decimals allowed, 0 sends every staged ring to disk) overrides it,
 * e.g. {@code SEISWORK_JAVA_OPTS=-Dseiswork.gpu.hostRingGiB=400}.
 */
public final class HostMemoryBudget {

    /** System property overriding the budget, in GiB. */
    public static final String PROPERTY = "seiswork.gpu.hostRingGiB";

    /** Share of physical memory the default budget (heap included) may take. */
    public static final double PHYSICAL_FRACTION = 0.5;

    private HostMemoryBudget() {
    }

    /**
     * The budget in bytes: {@value #PROPERTY} when set, else the default above.
     *
     * @throws IllegalArgumentException when the property is not a non-negative number (one line)
     */
    public static long bytes() {
        String v = System.getProperty(PROPERTY);
        if (v != null && !v.isBlank()) {
            double gib;
            try {
                gib = Double.parseDouble(v.strip());
            } catch (NumberFormatException e) {
                gib = -1;
            }
            if (!(gib >= 0) || Double.isInfinite(gib)) {
                throw new IllegalArgumentException(PROPERTY + "=" + v + ": expected GiB of pinned host memory, a number >= 0");
            }
            return (long) (gib * (1L << 30));
        }
        return of(physicalBytes(), Runtime.getRuntime().maxMemory());
    }

    /** The default rule: {@value #PHYSICAL_FRACTION} × physical − maximum heap, at least 0 (bytes). */
    static long of(long physicalBytes, long maxHeapBytes) {
        return Math.max(0, (long) (PHYSICAL_FRACTION * physicalBytes) - maxHeapBytes);
    }

    /** Physical memory in bytes (the container's limit where there is one), 0 when unknown. */
    private static long physicalBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }
}
