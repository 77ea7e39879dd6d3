package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.kernels.Misfit;
import io.seiswork.kernels.engine.ShotRecord;
import io.seiswork.kernels.engine.ShotRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 3D stencil variants other than the pipelined kernel ({@link StencilVariant#L2_PREFETCH},
 * {@link StencilVariant#WIDE_PREFETCH}, {@link StencilVariant#BULK_COPIES}, sm_90 and newer) on the GPU: traces agree with the CPU
 * engine (relative L2 below 1e-4, as every GPU path) and with the pipelined GPU kernel, which
 * computes the same floats (below 1e-6). The shots of {@link GpuMatchesCpuTest}, orders 4 and 8
 * (order 2 too for the prefetch kernels), with and without the free surface. Skipped where no GPU
 * is usable or the GPU cannot run the variant, saying which. Likewise the direct 2D kernel
 * ({@link StencilVariant#DIRECT}) against the marching one, and the fused and marching C-PML
 * layouts against the separate one ({@link CpmlLayout}), 2D and 3D, every order.
 */
@Order(Integer.MAX_VALUE)
class StencilVariantsMatchCpuTest extends GpuComparisonTest {

    @ParameterizedTest(name = "{0} order {1} free surface {2}")
    @CsvSource({"prefetch,8,false", "prefetch,4,true", "prefetch,2,false",
            "wide,8,false", "wide,8,true", "wide,4,false", "wide,2,true",
            "bulk,8,false", "bulk,8,true", "bulk,4,false", "bulk,4,true",
            "direct,8,false", "direct,4,true", "direct,2,false"})
    void tracesAgreeWithTheCpuAndThePipelinedKernel(String key, int order, boolean freeSurface) {
        StencilVariant variant = StencilVariant.parse(key);
        String why = variant.deviceReason(gpu.device());
        assumeTrue(why == null, why);
        // The direct kernel is the 2D one the marching kernel replaced; the others are 3D.
        boolean threeD = variant != StencilVariant.DIRECT;
        ShotRequest req = GpuMatchesCpuTest.shot(threeD, order, freeSurface);
        ShotRecord c = cpu.model(req, ProgressListener.NONE, CancellationToken.none());
        Optional<StencilVariant> before = gpu.stencilChoice();
        ShotRecord[] runs = modelTwice(req, () -> gpu.useStencil(StencilVariant.PIPELINED),
                () -> gpu.useStencil(variant), () -> gpu.useStencilChoice(before));
        ShotRecord pipelined = runs[0];
        ShotRecord other = runs[1];
        double vsCpu = Misfit.relativeL2(other.traces(), c.traces());
        double vsPipelined = Misfit.relativeL2(other.traces(), pipelined.traces());
        System.out.printf("  [gpu-%s-vs-cpu] %s order %d free surface %s: relative L2 %.3e against the CPU, "
                + "%.3e against the pipelined GPU kernel%n", key, threeD ? "3D" : "2D", order, freeSurface, vsCpu,
                vsPipelined);
        assertTrue(vsCpu < 1e-4, "relative L2 against the CPU " + vsCpu);
        assertTrue(vsPipelined < 1e-6, "relative L2 against the pipelined kernel " + vsPipelined);
    }

    @ParameterizedTest(name = "3D {0} order {1} free surface {2}")
    @CsvSource({"true,8,false", "true,4,true", "true,2,false", "false,8,true", "false,4,false", "false,2,true"})
    void cpmlLayoutsGiveTheSameTraces(boolean threeD, int order, boolean freeSurface) {
        ShotRequest req = GpuMatchesCpuTest.shot(threeD, order, freeSurface);
        ShotRecord c = cpu.model(req, ProgressListener.NONE, CancellationToken.none());
        CpmlLayout before = gpu.cpml();
        for (CpmlLayout layout : List.of(CpmlLayout.FUSED, CpmlLayout.MARCHING)) {
            ShotRecord[] runs = modelTwice(req, () -> gpu.useCpml(layout),
                    () -> gpu.useCpml(CpmlLayout.SEPARATE), () -> gpu.useCpml(before));
            double vsCpu = Misfit.relativeL2(runs[0].traces(), c.traces());
            double vsSeparate = Misfit.relativeL2(runs[0].traces(), runs[1].traces());
            System.out.printf("  [gpu-%s-cpml-vs-cpu] %s order %d free surface %s: relative L2 %.3e against the CPU, "
                    + "%.3e against the separate C-PML kernels%n", layout.key(), threeD ? "3D" : "2D", order,
                    freeSurface, vsCpu, vsSeparate);
            assertTrue(vsCpu < 1e-4, layout + ": relative L2 against the CPU " + vsCpu);
            // The same floats up to the order of the source injection's atomic adds.
            assertTrue(vsSeparate < 1e-6, layout + ": relative L2 against the separate layout " + vsSeparate);
        }
    }

    /** The shot on the GPU after {@code first}, then after {@code second}; {@code restore} in any case. */
    private ShotRecord[] modelTwice(ShotRequest req, Runnable first, Runnable second, Runnable restore) {
        try {
            first.run();
            ShotRecord a = gpu.model(req, ProgressListener.NONE, CancellationToken.none());
            second.run();
            return new ShotRecord[] {a, gpu.model(req, ProgressListener.NONE, CancellationToken.none())};
        } finally {
            restore.run();
        }
    }
}
