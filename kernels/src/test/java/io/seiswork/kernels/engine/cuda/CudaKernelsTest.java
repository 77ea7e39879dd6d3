package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The packed kernels (no GPU needed): every entry point the Java side calls is in the PTX the
 * build produced. Without the kernels the test fails when {@code seiswork.requireGpuKernels} is
 * true (the "cuda" Maven profile sets it, so CI with nvcc fails loudly) and skips otherwise (a
 * developer machine without nvcc).
 */
class CudaKernelsTest {

    private static String packedPtx() {
        if (!CudaKernels.packed()) {
            String why = "this build has no GPU kernels (" + CudaKernels.PTX_RESOURCE
                    + " is not on the class path: built without nvcc or with -P!cuda)";
            if (Boolean.getBoolean("seiswork.requireGpuKernels")) {
                fail(why + ", but seiswork.requireGpuKernels=true (the cuda profile was active)");
            }
            assumeTrue(false, why);
        }
        return CudaKernels.ptx().orElseThrow();
    }

    @Test
    void everyEntryPointTheEngineCallsIsInThePackedPtx() {
        String ptx = packedPtx();
        Set<String> entries = CudaKernels.entries(ptx);
        List<String> missing = new ArrayList<>(CudaKernels.ENTRY_POINTS);
        missing.removeAll(entries);
        System.out.println("  [ptx] " + entries.size() + " entry points: " + entries + " (seiswork.requireGpuKernels="
                + System.getProperty("seiswork.requireGpuKernels") + ")");
        assertTrue(missing.isEmpty(), "entry points missing from " + CudaKernels.PTX_RESOURCE + ": " + missing);
        assertTrue(ptx.contains(".target sm_75"), "PTX built for compute_75");
        assertTrue(ptx.lines().anyMatch(l -> l.startsWith(".version ")), "PTX has a .version line");
    }

    @Test
    void theFatbinIsPackedWithThePtx() {
        packedPtx();
        byte[] fat = CudaKernels.fatbin().orElseThrow(() -> new AssertionError(CudaKernels.FATBIN_RESOURCE
                + " missing although the PTX is packed"));
        // Fatbin container magic 0xBA55ED50, little endian.
        assertTrue(fat.length > 16, "fatbin size " + fat.length);
        int magic = (fat[0] & 0xff) | (fat[1] & 0xff) << 8 | (fat[2] & 0xff) << 16 | (fat[3] & 0xff) << 24;
        assertEquals(0xBA55ED50, magic, "fatbin magic");
    }

    @Test
    void kernelNamesTheEngineBuildsAreInTheList() {
        for (int order : CudaKernels.SPACE_ORDERS) {
            assertTrue(CudaKernels.ENTRY_POINTS.contains(CudaKernels.stencil(true, order)));
            assertTrue(CudaKernels.ENTRY_POINTS.contains(CudaKernels.stencil(false, order)));
            assertTrue(CudaKernels.ENTRY_POINTS.contains(CudaKernels.cpmlPsi(order)));
            assertTrue(CudaKernels.ENTRY_POINTS.contains(CudaKernels.cpmlCorrect(order)));
        }
        assertEquals("stencil3d_r4", CudaKernels.stencil(true, 8));
    }

    @Test
    void entryParserReadsPtxDirectives() {
        String ptx = """
                .version 9.0
                .target sm_75
                .visible .entry stencil3d_r4(
                \t.param .u64 stencil3d_r4_param_0
                )
                .entry plain_name (
                // .entry commented(
                .func helper(
                """;
        assertEquals(Set.of("stencil3d_r4", "plain_name"), CudaKernels.entries(ptx));
    }
}
