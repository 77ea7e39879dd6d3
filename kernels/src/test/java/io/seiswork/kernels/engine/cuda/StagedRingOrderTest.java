package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.seiswork.kernels.engine.ShotRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The staged ring's launch order as {@link RtmPlan} issues it, checked against the rules of two
 * streams that run concurrently (no GPU, no kernels: a launcher that tracks what each ring slot
 * holds and which transfer may still be running on it). Fails on: a save into a slot whose
 * copy-out or fetch was not waited for; a save that overwrites a frame the backward pass still
 * needs and that is not on the host; a restore that reads a slot not holding its frame or whose
 * fetch was not waited for; a fetch into a slot whose frame is still needed; a fetch of a frame
 * never copied out. Also checks the order the spill file needs (out increasing, in decreasing,
 * consecutive), that each staged frame moves exactly twice, and how far ahead fetches run.
 */
class StagedRingOrderTest {

    /**
     * @param steps nt
     * @param slots K (≥ nt: every level on the device)
     * @param interval imaging interval k
     */
    @ParameterizedTest(name = "nt {0} K {1} k {2}")
    @CsvSource({"40,2,1", "41,2,3", "41,3,1", "50,7,4", "53,5,8", "60,4,13", "30,29,1", "30,30,2", "30,64,3",
            "12,2,1", "9,2,20", "100,32,10", "77,6,6"})
    void launchOrderRespectsTheStreams(int steps, int slots, int interval) {
        ShotRequest req = GpuRtmMatchesCpuTest.shot(false, 4, false, 24, 4, 10);
        double dt = req.timing().dtS();
        StepPlan source = new StepPlan(req.model(), req.physics(), dt, req.wavelet().dominantHz(), 0);
        StepPlan receiver = new StepPlan(req.model(), req.physics(), dt, req.wavelet().dominantHz(), 0);
        float[] f = new float[steps];
        float[] data = new float[(steps + 1) * req.receivers().size()];
        RtmPlan plan = new RtmPlan(source, receiver, req.source(), f, req.receivers(), data, interval, slots);
        Checker c = new Checker(plan);
        for (int n = 0; n < steps; n++) {
            c.forward = n;
            plan.forward(n, c);
        }
        for (int n = 0; n < steps; n++) {
            plan.backward(c);
        }
        RingSchedule s = plan.schedule();
        assertTrue(c.restores.isEmpty(), "frames never restored: " + c.restores);
        int staged = s.stagedFrames();
        assertEquals(staged, c.out.size());
        assertEquals(staged, c.in.size());
        for (int i = 0; i < staged; i++) {
            assertEquals(s.firstStaged() + i, c.out.get(i), "copy-out order");
            assertEquals(s.firstStaged() + staged - 1 - i, c.in.get(i), "fetch order");
        }
        if (s.resident()) {
            assertEquals(0, c.awaits);
        }
        int minLead = c.lead.values().stream().mapToInt(Integer::intValue).min().orElse(Integer.MAX_VALUE);
        assertTrue(staged == 0 || minLead >= s.slots() - 2, "a fetch ran only " + minLead + " restores ahead");
        System.out.printf("  [ring order] nt %d K %d k %d: %d staged, %d waits, fetches >= %s restores ahead%n", steps,
                s.slots(), interval, staged, c.awaits, staged == 0 ? "-" : Integer.toString(minLead));
    }

    /** Tracks slot contents and transfers that may still run. */
    private static final class Checker implements RtmPlan.Launcher {
        final RtmPlan plan;
        final RingSchedule s;
        final int[] content;
        final boolean[] transferRunning;
        final Set<Integer> onHost = new HashSet<>();
        final Set<Integer> restored = new HashSet<>();
        final Deque<Integer> restores = new ArrayDeque<>();
        final List<Integer> out = new ArrayList<>();
        final List<Integer> in = new ArrayList<>();
        final Map<Integer, Integer> fetchedAt = new HashMap<>();
        final Map<Integer, Integer> lead = new HashMap<>();
        int forward;
        int awaits;

        Checker(RtmPlan plan) {
            this.plan = plan;
            this.s = plan.schedule();
            this.content = new int[s.slots()];
            this.transferRunning = new boolean[s.slots()];
            Arrays.fill(content, -1);
            for (int m = s.frames() - 1; m >= 0; m--) {
                if (s.restored(m)) {
                    restores.add(m);
                }
            }
        }

        @Override
        public void step(StepPlan p, int parity) {
            // stencils and C-PML touch no ring slot
        }

        @Override
        public void launch(StepPlan.Call call, int parity) {
            if (call == null || !call.kernel().equals("ring_copy")) {
                return;
            }
            Object[] a = call.args()[parity];
            int slot = (int) (((StepPlan.At) a[1]).byteOffset() / plan.frameBytes());
            boolean save = (Integer) a[6] == 1;
            if (transferRunning[slot]) {
                fail((save ? "save of frame " + forward : "restore") + " into slot " + slot
                        + " while its transfer may still run");
            }
            if (save) {
                int old = content[slot];
                if (old >= 0 && s.restored(old) && !restored.contains(old) && !onHost.contains(old)) {
                    fail("frame " + old + " overwritten by frame " + forward + " before it reached the host");
                }
                content[slot] = forward;
            } else {
                Integer m = restores.poll();
                if (m == null) {
                    fail("restore beyond the frames the imaging needs");
                }
                assertEquals(m.intValue(), content[slot], "slot " + slot + " restored for frame " + m);
                restored.add(m);
                if (fetchedAt.containsKey(m)) {
                    lead.put(m, restored.size() - 1 - fetchedAt.get(m));
                }
            }
        }

        @Override
        public void ringOut(int slot, int frame) {
            assertEquals(frame, content[slot], "copy-out of frame " + frame + " from slot " + slot);
            assertEquals(s.slot(frame), slot);
            transferRunning[slot] = true;
            onHost.add(frame);
            out.add(frame);
        }

        @Override
        public void ringIn(int frame, int slot) {
            assertTrue(onHost.contains(frame), "frame " + frame + " fetched before it was copied out");
            int old = content[slot];
            if (old >= 0 && s.restored(old) && !restored.contains(old)) {
                fail("fetch of frame " + frame + " into slot " + slot + " while frame " + old + " is still needed");
            }
            transferRunning[slot] = true;
            content[slot] = frame;
            in.add(frame);
            fetchedAt.put(frame, restored.size());
        }

        @Override
        public void awaitSlot(int slot) {
            transferRunning[slot] = false;
            awaits++;
        }
    }
}
