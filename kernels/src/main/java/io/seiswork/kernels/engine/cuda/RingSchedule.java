package io.seiswork.kernels.engine.cuda;

/**
 * Which boundary-ring frame lives in which device slot, and when a frame must leave the device
 * or come back: the bookkeeping of the GPU migration's ring staging, in plain Java (no CUDA), so
 * it is unit-tested without a GPU and {@link RtmPlan} only asks it.
 *
 * <p>Frames: frame n is the ring of level n + 1, saved by forward step n (n = 0 .. nt − 1), in
 * increasing order. The backward reconstruction restores frames nt − 3 down to k − 1 (k the
 * imaging interval: the lowest imaged level is k, and levels nt and nt − 1 are the forward
 * run's last two fields as they stand), each once, in decreasing order; the other frames are
 * never read.
 *
 * <p>Slots: the device holds K frames in a ring buffer, frame n in slot {@code n mod K}, in both
 * passes. With K ≥ nt every frame stays on the device (the all-levels path: no transfers).
 * Otherwise a frame is <em>staged</em> (copied to the host after its save, fetched back before
 * its restore) when the backward pass restores it and it is not among the last K frames, which
 * are still in their slots when the forward pass ends. Staged frames form one contiguous range;
 * they leave the device in increasing order and come back in decreasing order, one by one (the
 * order a {@code SpillFile} needs). A slot is refilled in the backward pass as soon as the frame
 * in it is done with (restored, or never needed): with frame m − K, so the fetches run up to
 * K − 1 frames ahead of the restores.
 *
 * <p>Ordering rules {@link RtmPlan} follows: before saving frame n into its slot, wait for the
 * copy-out of frame n − K if that frame was staged; before restoring a staged frame, wait for
 * its fetch; fetch into a slot only after the launches that read its previous frame.
 */
final class RingSchedule {

    /** Fewest device slots of the staged path: one in use, one in transfer. */
    static final int MIN_SLOTS = 2;

    private final int frames;
    private final int slots;
    private final int firstRestored;
    private final int lastRestored;
    private final int firstStaged;
    private final int lastStaged;

    /**
     * @param frames ring frames of the shot: nt (time steps)
     * @param slots device slots K (≥ 2; K ≥ nt keeps every frame on the device)
     * @param interval imaging interval k in steps (≥ 1)
     */
    RingSchedule(int frames, int slots, int interval) {
        if (frames < 1 || interval < 1 || slots < Math.min(MIN_SLOTS, frames)) {
            throw new IllegalArgumentException("ring schedule needs nt >= 1, k >= 1 and at least "
                    + MIN_SLOTS + " slots, got nt " + frames + ", k " + interval + ", " + slots + " slots");
        }
        this.frames = frames;
        this.slots = slots;
        // Restores run while the source field goes from level nt − 1 down to the lowest imaged level k.
        this.lastRestored = frames - 3;
        this.firstRestored = interval <= frames ? interval - 1 : frames;
        this.firstStaged = firstRestored;
        this.lastStaged = slots >= frames ? -1 : Math.min(lastRestored, frames - slots - 1);
    }

    /** Ring frames of the shot (nt). */
    int frames() {
        return frames;
    }

    /** Device slots (K); {@link #resident()} when every frame has its own. */
    int slots() {
        return slots;
    }

    /** Whether every frame stays on the device (K ≥ nt): no transfers at all. */
    boolean resident() {
        return slots >= frames;
    }

    /** The device slot of a frame, in both passes. */
    int slot(int frame) {
        return frame % slots;
    }

    /** Whether the backward pass restores the frame. */
    boolean restored(int frame) {
        return frame >= firstRestored && frame <= lastRestored;
    }

    /** Whether the frame leaves the device after its save and comes back before its restore. */
    boolean staged(int frame) {
        return frame >= firstStaged && frame <= lastStaged;
    }

    /** Number of staged frames: the frames the host (or disk) holds. */
    int stagedFrames() {
        return Math.max(0, lastStaged - firstStaged + 1);
    }

    /** The lowest staged frame (meaningless when none is staged). */
    int firstStaged() {
        return firstStaged;
    }

    /**
     * Index of a staged frame among the staged frames (0 for the lowest): its record in the host
     * store or the spill file.
     */
    int record(int frame) {
        if (!staged(frame)) {
            throw new IllegalArgumentException("frame " + frame + " is not staged (staged: " + firstStaged + " .. "
                    + lastStaged + ")");
        }
        return frame - firstStaged;
    }

    /** Whether saving the frame must wait for the copy-out of the frame its slot held before. */
    boolean awaitBeforeSave(int frame) {
        return staged(frame - slots);
    }

    /** Whether restoring the frame must wait for its fetch. */
    boolean awaitBeforeRestore(int frame) {
        return staged(frame);
    }

    /**
     * The frame to fetch into the slot of {@code frame} once the device is done with
     * {@code frame}, or −1 when none.
     */
    int fetchAfter(int frame) {
        int f = frame - slots;
        return staged(f) ? f : -1;
    }

    /**
     * Frames still on the device when the forward pass ends that the backward pass never reads
     * (the last two levels), highest first: their slots can be refilled at once.
     */
    int[] unusedAtEnd() {
        int low = Math.max(Math.max(0, frames - slots), lastRestored + 1);
        int[] out = new int[Math.max(0, frames - low)];
        for (int i = 0; i < out.length; i++) {
            out[i] = frames - 1 - i;
        }
        return out;
    }
}
