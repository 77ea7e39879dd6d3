package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.kernels.Misfit;
import io.seiswork.kernels.engine.ShotRecord;
import io.seiswork.kernels.engine.ShotRequest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bulk-copy 3D stencil ({@link StencilVariant#BULK_COPIES}, sm_90 and newer) on the GPU:
 * traces agree with the CPU engine (relative L2 below 1e-4, as every GPU path) and with the
 * pipelined GPU kernel, which computes the same floats (below 1e-6). The shots of
 * {@link GpuMatchesCpuTest}, orders 4 and 8 (the variant's), with and without the free surface.
 * Skipped where no GPU is usable or the GPU is older than Hopper, saying which.
 */
@Order(Integer.MAX_VALUE)
class BulkStencilMatchesCpuTest extends GpuComparisonTest {

    @ParameterizedTest(name = "order {0} free surface {1}")
    @CsvSource({"8,false", "8,true", "4,false", "4,true"})
    void tracesAgreeWithTheCpuAndThePipelinedKernel(int order, boolean freeSurface) {
        String why = StencilVariant.BULK_COPIES.deviceReason(gpu.device());
        assumeTrue(why == null, why);
        ShotRequest req = GpuMatchesCpuTest.shot(true, order, freeSurface);
        ShotRecord c = cpu.model(req, ProgressListener.NONE, CancellationToken.none());
        StencilVariant before = gpu.stencil();
        ShotRecord pipelined;
        ShotRecord bulk;
        try {
            gpu.useStencil(StencilVariant.PIPELINED);
            pipelined = gpu.model(req, ProgressListener.NONE, CancellationToken.none());
            gpu.useStencil(StencilVariant.BULK_COPIES);
            bulk = gpu.model(req, ProgressListener.NONE, CancellationToken.none());
        } finally {
            gpu.useStencil(before);
        }
        double vsCpu = Misfit.relativeL2(bulk.traces(), c.traces());
        double vsPipelined = Misfit.relativeL2(bulk.traces(), pipelined.traces());
        System.out.printf("  [gpu-bulk-vs-cpu] 3D order %d free surface %s: relative L2 %.3e against the CPU, "
                + "%.3e against the pipelined GPU kernel%n", order, freeSurface, vsCpu, vsPipelined);
        assertTrue(vsCpu < 1e-4, "relative L2 against the CPU " + vsCpu);
        assertTrue(vsPipelined < 1e-6, "relative L2 against the pipelined kernel " + vsPipelined);
    }
}
