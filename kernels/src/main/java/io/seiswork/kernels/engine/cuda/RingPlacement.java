package io.seiswork.kernels.engine.cuda;

/**
 * Where the GPU migration keeps the boundary ring of the levels it needs for the backward
 * reconstruction ({@link RtmRingPlan}); reported in run.json as {@code wavefield.ringPlacement}.
 */
public enum RingPlacement {
    /** Every needed level's ring stays in device memory: no transfers (the fastest). */
    DEVICE("device"),
    /**
     * K level slots on the device; the other levels are copied to pinned host memory during the
     * forward pass and back during the backward pass, overlapped with the steps.
     */
    HOST("host"),
    /**
     * As {@link #HOST}, the levels passing through a few pinned buffers on their way to and from
     * a scratch file on disk (the CPU migrator's {@code SpillFile}), when pinned host memory is
     * not enough.
     */
    DISK("disk");

    private final String json;

    RingPlacement(String json) {
        this.json = json;
    }

    /** The run.json spelling: "device", "host" or "disk". */
    public String json() {
        return json;
    }
}
