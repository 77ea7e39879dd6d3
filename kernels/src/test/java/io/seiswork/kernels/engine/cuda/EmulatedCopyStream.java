package io.seiswork.kernels.engine.cuda;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An {@link RtmPlan.Launcher} that records the plan's launches for the host-built kernels
 * ({@link KernelEmulationTest#execute}) and plays the staged ring's transfers as an in-order
 * copy stream would, as late as the plan allows: a transfer is queued, and the queue runs (up
 * to the slot's last transfer, in order) only at {@link #awaitSlot} of that slot, or at
 * {@link #finish()}. A plan that reused a slot, or read a fetched one, without waiting would
 * therefore compute with the wrong ring and fail the image comparison.
 *
 * <p>The host store is one emulator buffer of every staged frame. The emulator has no memcpy,
 * so a copy of n floats (n even: a ring has 2r·(…) cells) is a {@code ring_copy} save over a box
 * of n/2 × 1 × 2 cells with r = 1, whose ring is the whole box, in index order: cell i of the
 * "field" (the source) goes to element i of the "ring" (the destination).
 */
final class EmulatedCopyStream implements RtmPlan.Launcher {

    private record Transfer(int slot, StepPlan.Call call) {
    }

    private final RtmPlan plan;
    private final StepPlan.Buffer host;
    private final List<StepPlan.Call> calls = new ArrayList<>();
    private final List<Integer> parities = new ArrayList<>();
    private final Deque<Transfer> queue = new ArrayDeque<>();
    private int out;
    private int in;

    EmulatedCopyStream(RtmPlan plan) {
        this.plan = plan;
        long bytes = Math.max(1, plan.schedule().stagedFrames()) * plan.frameBytes();
        this.host = new StepPlan.Buffer(bytes, null, null, false);
    }

    /** The host store, to add to the emulator's buffers. */
    StepPlan.Buffer host() {
        return host;
    }

    List<StepPlan.Call> calls() {
        return calls;
    }

    List<Integer> parities() {
        return parities;
    }

    /** Frames copied to the host so far. */
    int copiedOut() {
        return out;
    }

    /** Frames copied back so far. */
    int copiedIn() {
        return in;
    }

    @Override
    public void step(StepPlan p, int parity) {
        for (StepPlan.Call call : p.step) {
            add(call, parity);
        }
    }

    @Override
    public void launch(StepPlan.Call call, int parity) {
        add(call, parity);
    }

    @Override
    public void ringOut(int slot, int frame) {
        queue.add(new Transfer(slot, copy(plan.slot(slot), hostFrame(frame))));
        out++;
    }

    @Override
    public void ringIn(int frame, int slot) {
        queue.add(new Transfer(slot, copy(hostFrame(frame), plan.slot(slot))));
        in++;
    }

    @Override
    public void awaitSlot(int slot) {
        int last = -1;
        int i = 0;
        for (Transfer t : queue) {
            if (t.slot() == slot) {
                last = i;
            }
            i++;
        }
        for (int j = 0; j <= last; j++) {
            add(queue.poll().call(), 0);
        }
    }

    /** Runs the transfers still queued (the end of the shot). */
    void finish() {
        while (!queue.isEmpty()) {
            add(queue.poll().call(), 0);
        }
    }

    private StepPlan.At hostFrame(int frame) {
        return host.at((long) plan.schedule().record(frame) * plan.frameBytes());
    }

    private void add(StepPlan.Call call, int parity) {
        calls.add(call);
        parities.add(parity);
    }

    /** {@code ring_copy} as a plain copy of one frame from {@code from} to {@code to}. */
    private StepPlan.Call copy(StepPlan.At from, StepPlan.At to) {
        long n = plan.ringCells();
        if (n % 2 != 0 || n / 2 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("emulated copy of " + n + " floats");
        }
        int half = (int) (n / 2);
        Object[] args = {from, to, half, 2, new int[] {0, half, 0, 1, 0, 2, 1, 0}, n, 1};
        LaunchShape shape = new LaunchShape((int) ((n + RtmPlan.RING_BLOCK - 1) / RtmPlan.RING_BLOCK), 1, 1,
                RtmPlan.RING_BLOCK, 1);
        return new StepPlan.Call("ring_copy", shape, new Object[][] {args, args});
    }
}
