package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe's no-GPU path and its one-line explanations (runs everywhere). */
class CudaProbeTest {

    private static final List<String> LIBCUDA = List.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1",
            "/usr/lib64/libcuda.so.1", "/usr/lib/libcuda.so.1", "/usr/local/nvidia/lib64/libcuda.so.1",
            "/usr/lib/wsl/lib/libcuda.so.1");

    @Test
    void withoutADriverTheReasonSaysSoInOneLine() {
        assumeTrue(CudaKernels.packed(), "this build has no GPU kernels, so the probe stops before the driver");
        assumeTrue(LIBCUDA.stream().noneMatch(p -> Files.exists(Path.of(p)))
                && System.getenv("LD_LIBRARY_PATH") == null, "libcuda.so.1 may be present here");
        long t0 = System.nanoTime();
        boolean available = CudaProbe.available();
        double ms = (System.nanoTime() - t0) * 1e-6;
        System.out.printf("  [probe] available=%s after %.0f ms: %s%n", available, ms, CudaProbe.reason());
        assertFalse(available);
        assertEquals("no NVIDIA driver (libcuda.so.1 not found)", CudaProbe.reason());
        // Cached: the second call answers the same without touching JCuda.
        assertFalse(CudaProbe.available());
        assertTrue(CudaProbe.device().isEmpty());
    }

    @Test
    void reasonIsOneLineWhateverHappened() {
        String r = CudaProbe.reason();
        assertFalse(r.isBlank());
        assertFalse(r.contains("\n"), r);
        assumeFalse(CudaProbe.available(), "GPU usable: " + r);
        assertFalse(r.contains("\tat "), r);
    }

    @Test
    void explanationsOfTypicalFailures() {
        UnsatisfiedLinkError noDriver = new UnsatisfiedLinkError("Error while loading native library "
                + "\"JCudaDriver-12.6.0-linux-x86_64\"\nStack trace from the attempt to load the library as a resource:\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot "
                + "open shared object file: No such file or directory");
        assertEquals("no NVIDIA driver (libcuda.so.1 not found)", CudaProbe.explain(noDriver));
        NoClassDefFoundError later = new NoClassDefFoundError("Could not initialize class jcuda.driver.JCudaDriver");
        later.initCause(noDriver);
        assertEquals("no NVIDIA driver (libcuda.so.1 not found)", CudaProbe.explain(later));
        assertEquals("NVIDIA driver present but no CUDA device",
                CudaProbe.explain(new RuntimeException("CUDA_ERROR_NO_DEVICE")));
        String ptx = CudaProbe.explain(new RuntimeException("CUDA_ERROR_UNSUPPORTED_PTX_VERSION"));
        assertTrue(ptx.contains("CUDA 13.0 (R580 or newer)"), ptx);
        String other = CudaProbe.explain(new IllegalStateException("first line\nsecond line"));
        assertEquals("GPU probe failed: IllegalStateException: first line", other);
        assertEquals("JCuda is not on the class path (jcuda/driver/JCudaDriver missing)",
                CudaProbe.explain(new NoClassDefFoundError("jcuda/driver/JCudaDriver")));
        assertEquals("prepared", CudaProbe.explain(new CudaProbe.ProbeFailure("prepared")));
    }
}
