package io.seiswork.kernels.engine.cuda;

import java.util.Optional;

/**
 * Whether this JVM can run the GPU engine, decided once and cached.
 *
 * <p>The checks, in order, each failing with a one-line reason:
 * <ol>
 *   <li>the system property {@code seiswork.gpu.disable=true} turns the GPU off;
 *   <li>the build packed the kernels ({@code cuda/seiswork.ptx}; absent when built without nvcc);
 *   <li>the JCuda native library loads, which needs the NVIDIA driver's {@code libcuda.so.1};
 *   <li>{@code cuInit} finds a device, the driver supports CUDA 12.6 or newer (JCuda 12.6), the
 *       device has compute capability 7.5 or more;
 *   <li>the driver accepts the kernel module (fatbin, else PTX, whose ISA 9.0 needs a CUDA 13
 *       driver, R580+) and every entry point of {@link CudaKernels#ENTRY_POINTS} resolves.
 * </ol>
 * Every {@link Throwable} is caught (the missing driver surfaces as {@link UnsatisfiedLinkError}
 * from JCuda's class initialiser, later calls as {@link NoClassDefFoundError}); after a failure
 * no JCuda class is touched again. The device is {@code seiswork.gpu.device} (ordinal, default
 * 0).
 */
public final class CudaProbe {

    /** Minimum driver CUDA version for JCuda 12.6 (1000 × major + 10 × minor). */
    public static final int MIN_DRIVER_VERSION = 12060;

    /** Driver CUDA version that JIT-compiles PTX ISA 9.0 (nvcc 13 output). */
    public static final int PTX_DRIVER_VERSION = 13000;

    private record Status(boolean available, String reason, DeviceInfo device) {
    }

    private static Status status;

    private CudaProbe() {
    }

    /** Whether the GPU engine can run here. */
    public static boolean available() {
        return status().available();
    }

    /**
     * One line: the device when available (for example "NVIDIA H200 (device 0, cc 9.0, ...)"),
     * otherwise why not (for example "no NVIDIA driver (libcuda.so.1 not found)").
     */
    public static String reason() {
        return status().reason();
    }

    /** The device, when available. */
    public static Optional<DeviceInfo> device() {
        return Optional.ofNullable(status().device());
    }

    private static synchronized Status status() {
        if (status == null) {
            status = probe();
        }
        return status;
    }

    private static Status probe() {
        if (Boolean.getBoolean("seiswork.gpu.disable")) {
            return new Status(false, "GPU disabled by the system property seiswork.gpu.disable", null);
        }
        if (!CudaKernels.packed()) {
            return new Status(false, "this build has no GPU kernels (built without nvcc)", null);
        }
        int ordinal = Integer.getInteger("seiswork.gpu.device", 0);
        try {
            DeviceInfo d = CudaContext.probe(ordinal);
            return new Status(true, d.describe(), d);
        } catch (Throwable t) {
            return new Status(false, explain(t), null);
        }
    }

    /** A one-line explanation of a probe failure (no stack trace). */
    static String explain(Throwable t) {
        String all = collect(t);
        if (t instanceof UnsatisfiedLinkError || t instanceof NoClassDefFoundError) {
            if (all.contains("libcuda.so")) {
                return "no NVIDIA driver (libcuda.so.1 not found)";
            }
            if (t instanceof NoClassDefFoundError && !all.contains("Could not initialize")) {
                return "JCuda is not on the class path (" + firstLine(t.getMessage()) + " missing)";
            }
            return "the JCuda native library did not load: " + firstLine(t.getMessage());
        }
        if (t instanceof ProbeFailure) {
            return t.getMessage();
        }
        if (all.contains("CUDA_ERROR_NO_DEVICE")) {
            return "NVIDIA driver present but no CUDA device";
        }
        if (all.contains("CUDA_ERROR_UNSUPPORTED_PTX_VERSION") || all.contains("CUDA_ERROR_INVALID_PTX")
                || all.contains("CUDA_ERROR_NO_BINARY_FOR_GPU") || all.contains("CUDA_ERROR_INVALID_IMAGE")) {
            return "the NVIDIA driver rejected the GPU kernels (" + firstLine(t.getMessage())
                    + "); they need a driver for CUDA 13.0 (R580 or newer)";
        }
        if (all.contains("CUDA_ERROR_INSUFFICIENT_DRIVER") || all.contains("CUDA_ERROR_SYSTEM_DRIVER_MISMATCH")) {
            return "the NVIDIA driver is too old or mismatched (" + firstLine(t.getMessage()) + ")";
        }
        return "GPU probe failed: " + t.getClass().getSimpleName() + ": " + firstLine(t.getMessage());
    }

    private static String collect(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 20000; c = c.getCause()) {
            sb.append(c).append('\n');
            for (Throwable s : c.getSuppressed()) {
                sb.append(s).append('\n');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** A probe check that failed with a prepared one-line message. */
    static final class ProbeFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProbeFailure(String message) {
            super(message, null, false, false);
        }
    }
}
