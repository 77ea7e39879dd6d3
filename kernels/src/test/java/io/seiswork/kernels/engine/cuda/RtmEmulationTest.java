package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.kernels.Misfit;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.rtm.MemoryPlan;
import io.seiswork.kernels.rtm.PartialImage;
import io.seiswork.kernels.rtm.ReceiverData;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GPU migration's whole launch sequence ({@link RtmPlan}: both propagations, ring saves and
 * restores, the reverse stencil, injections, imaging; the same host-side data preparation as
 * {@code rtm.CudaShotMigrator}) executed with {@code seiswork.cu} compiled for the host
 * ({@link KernelEmulationTest}'s emulator), against the CPU's {@code rtm.ShotMigrator} with
 * boundary reconstruction. No GPU needed; this checks the driver's index and level bookkeeping,
 * buffer parities, argument lists and ring geometry before the code first runs on a GPU.
 * Skipped where there is no g++.
 *
 * <p>With a number of slots K the ring is staged ({@link RingSchedule}): the transfers go
 * through {@link EmulatedCopyStream}, which plays a copy stream that runs each transfer as late
 * as the plan's waits allow, so a missing wait makes the image wrong.
 */
class RtmEmulationTest {

    private static CpuWaveEngine cpu;

    @TempDir
    Path scratch;

    @BeforeAll
    static void engine() {
        cpu = new CpuWaveEngine();
    }

    @AfterAll
    static void close() {
        cpu.close();
    }

    /**
     * @param slots device ring slots K, or 0 for every level on the device (the all-levels path);
     *     the 2D shots have 70 (order 2) or 139 steps, the 3D ones 59, imaging intervals 4 or 8
     */
    @ParameterizedTest(name = "3D={0} order {1} free surface {2} slots {3} C-PML {4}")
    @CsvSource({"false,2,false,0,fused", "false,8,false,0,fused", "false,4,true,0,fused", "true,4,false,0,fused",
            "true,8,true,0,fused", "false,8,false,2,fused", "false,2,false,7,fused", "false,4,true,3,fused",
            "true,4,false,5,fused", "false,8,true,0,marching", "true,8,false,0,marching"})
    void hostBuiltKernelsMigrateLikeTheCpu(boolean threeD, int order, boolean freeSurface, int slots, String cpml)
            throws Exception {
        assumeTrue(KernelEmulationTest.emulator() != null, KernelEmulationTest.skipReason());
        ShotRequest req = threeD ? GpuRtmMatchesCpuTest.shot(true, order, freeSurface, 20, 5, 30)
                : GpuRtmMatchesCpuTest.shot(false, order, freeSurface, 60, 6, 70);
        float[][] observed = cpu.model(req, ProgressListener.NONE, CancellationToken.none()).traces();
        int k = MemoryPlan.of(req, "boundary", Long.MAX_VALUE).interval();
        PartialImage c = GpuRtmMatchesCpuTest.cpuImage(cpu, scratch, req, observed, k);

        TimeStepping t = req.timing();
        int steps = t.steps();
        double dt = t.dtS();
        CpmlLayout layout = CpmlLayout.parse(cpml);
        StepPlan source = new StepPlan(req.model(), req.physics(), dt, req.wavelet().dominantHz(), 0,
                StencilVariant.PIPELINED, layout);
        StepPlan receiver = new StepPlan(req.model(), req.physics(), dt, req.wavelet().dominantHz(), 0,
                StencilVariant.PIPELINED, layout);
        float[] data = ReceiverData.levelMajor(observed, t.outputS(), dt, steps, true);
        float[] f = req.wavelet().sample(dt, steps);
        RtmPlan plan = slots == 0 ? new RtmPlan(source, receiver, req.source(), f, req.receivers(), data, k)
                : new RtmPlan(source, receiver, req.source(), f, req.receivers(), data, k, slots);
        RingSchedule schedule = plan.schedule();
        assertEquals(slots == 0, schedule.resident());
        EmulatedCopyStream recorder = new EmulatedCopyStream(plan);
        for (int n = 0; n < steps; n++) {
            plan.forward(n, recorder);
        }
        int last = 0;
        for (int n = 0; n < steps; n++) {
            last = plan.backward(recorder);
        }
        recorder.finish();
        assertEquals(1, last);
        assertEquals(steps / k, plan.imagedLevels());
        assertEquals(schedule.stagedFrames(), recorder.copiedOut());
        assertEquals(schedule.stagedFrames(), recorder.copiedIn());
        assertTrue(slots == 0 || schedule.stagedFrames() > steps / 2, "staged " + schedule.stagedFrames());
        List<StepPlan.Call> calls = recorder.calls();
        List<Integer> parities = recorder.parities();

        List<StepPlan.Buffer> buffers = new ArrayList<>(source.buffers);
        buffers.addAll(receiver.buffers);
        buffers.add(recorder.host());
        long t0 = System.nanoTime();
        List<ByteBuffer> out = KernelEmulationTest.execute(buffers, calls, parities,
                List.of(plan.image, plan.illumination));
        float w = (float) (dt * k);
        float[] image = weighted(out.get(0), w);
        float[] illumination = weighted(out.get(1), w);
        double mi = Misfit.relativeL2(image, c.image());
        double mu = Misfit.relativeL2(illumination, c.illumination());
        System.out.printf("  [emulated RTM] 3D=%s order %d free surface %s C-PML %s: %d steps, k %d, %d launches, ring %d"
                + " cells, %s; image relative L2 vs CPU %.2e, illumination %.2e (%.1f s)%n", threeD, order, freeSurface,
                cpml, steps,
                k, calls.size(), plan.ringCells(), slots == 0 ? "every level on the device"
                        : schedule.slots() + " slots, " + schedule.stagedFrames() + " levels staged",
                mi, mu, (System.nanoTime() - t0) * 1e-9);
        assertTrue(mi < 1e-5, "image relative L2 " + mi);
        assertTrue(mu < 1e-5, "illumination relative L2 " + mu);
    }

    /**
     * The GPU migration's live wavefield reads the right buffers: the source field's section after
     * a forward step and the receiver field's after a backward step, taken from
     * {@link RtmPlan#sourceField()} and {@link RtmPlan#receiverField()} on the host-built kernels,
     * equal the CPU migration's sections at the same step and level.
     */
    @ParameterizedTest(name = "3D={0}")
    @CsvSource({"false", "true"})
    void liveSectionsAreTheCpuMigrationsWavefields(boolean threeD) throws Exception {
        assumeTrue(KernelEmulationTest.emulator() != null, KernelEmulationTest.skipReason());
        ShotRequest req = threeD ? GpuRtmMatchesCpuTest.shot(true, 8, false, 20, 5, 30)
                : GpuRtmMatchesCpuTest.shot(false, 8, false, 60, 6, 70);
        float[][] observed = cpu.model(req, ProgressListener.NONE, CancellationToken.none()).traces();
        io.seiswork.kernels.rtm.MemoryPlan memory = io.seiswork.kernels.rtm.MemoryPlan.of(req, "boundary",
                Long.MAX_VALUE);
        io.seiswork.kernels.WavefieldRecorder recorder = new io.seiswork.kernels.WavefieldRecorder();
        new io.seiswork.kernels.rtm.ShotMigrator(cpu, scratch).migrate(req, observed, memory, recorder,
                CancellationToken.none());
        List<Integer> steps = recorder.steps;
        int turn = recorder.lastForward();
        int f = turn / 2;  // a forward section half way
        int b = turn + 1 + (steps.size() - turn - 1) / 2;  // a backward one half way
        int iy = io.seiswork.kernels.engine.WavefieldSection.yIndex(req.model().grid(), req.source());
        float[] sourceGpu = emulatedSection(req, observed, memory.interval(), steps.get(f), -1, iy);
        float[] receiverGpu = emulatedSection(req, observed, memory.interval(), -1, steps.get(b), iy);
        double ms = Misfit.relativeL2(sourceGpu, recorder.sections.get(f).values());
        double mr = Misfit.relativeL2(receiverGpu, recorder.sections.get(b).values());
        System.out.printf("  [emulated RTM] 3D=%s live sections: source field at step %d relative L2 %.2e, receiver "
                + "field at level %d %.2e%n", threeD, steps.get(f), ms, steps.get(b), mr);
        assertTrue(ms < 1e-5, "source section relative L2 " + ms);
        assertTrue(mr < 1e-5, "receiver section relative L2 " + mr);
    }

    /**
     * The emulated GPU migration run forward to {@code forwardSteps} steps (then the source
     * field's section), or through the forward pass and backward down to {@code level} (then the
     * receiver field's).
     */
    private float[] emulatedSection(ShotRequest req, float[][] observed, int k, int forwardSteps, int level, int iy)
            throws Exception {
        TimeStepping t = req.timing();
        int steps = t.steps();
        double dt = t.dtS();
        StepPlan source = new StepPlan(req.model(), req.physics(), dt, req.wavelet().dominantHz(), 0);
        StepPlan receiver = new StepPlan(req.model(), req.physics(), dt, req.wavelet().dominantHz(), 0);
        float[] data = ReceiverData.levelMajor(observed, t.outputS(), dt, steps, true);
        RtmPlan plan = new RtmPlan(source, receiver, req.source(), req.wavelet().sample(dt, steps), req.receivers(),
                data, k);
        EmulatedCopyStream recorder = new EmulatedCopyStream(plan);
        int forward = forwardSteps >= 0 ? forwardSteps : steps;
        for (int n = 0; n < forward; n++) {
            plan.forward(n, recorder);
        }
        if (forwardSteps < 0) {
            while (plan.backward(recorder) != level) {
                // down to the level asked for
            }
        }
        recorder.finish();
        StepPlan.Buffer field = forwardSteps >= 0 ? plan.sourceField() : plan.receiverField();
        List<StepPlan.Buffer> buffers = new ArrayList<>(source.buffers);
        buffers.addAll(receiver.buffers);
        buffers.add(recorder.host());
        ByteBuffer out = KernelEmulationTest.execute(buffers, recorder.calls(), recorder.parities(), List.of(field))
                .get(0);
        float[] values = new float[out.remaining() / Float.BYTES];
        out.asFloatBuffer().get(values);
        return io.seiswork.kernels.engine.WavefieldSection.ofField(source.grid, values, iy).values();
    }

    private static float[] weighted(ByteBuffer b, float w) {
        float[] v = new float[b.remaining() / Float.BYTES];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat() * w;
        }
        return v;
    }
}
