package io.seiswork.kernels.engine.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * A device's primary context with the Seiswork kernel module loaded and every entry point of
 * {@link CudaKernels#ENTRY_POINTS} resolved. The only class (with {@link CudaPropagator} and its
 * helpers) that touches JCuda; callers reach it only after {@link CudaProbe#available()}.
 *
 * <p>The primary context is shared with any other CUDA user in the process; the driver API calls
 * of a thread go to the context made current with {@link #makeCurrent()}, which every public
 * operation of the engine calls first (the engine may be driven from different threads, one
 * at a time).
 */
final class CudaContext implements AutoCloseable {

    private final CUdevice device;
    private final CUcontext context;
    private final CUmodule module;
    private final Map<String, CUfunction> functions;
    private final DeviceInfo info;
    private boolean closed;

    private CudaContext(int ordinal) {
        JCudaDriver.setExceptionsEnabled(true);
        cuInit(0);
        int[] version = new int[1];
        cuDriverGetVersion(version);
        if (version[0] < CudaProbe.MIN_DRIVER_VERSION) {
            throw new CudaProbe.ProbeFailure("the NVIDIA driver supports CUDA " + DeviceInfo.cudaVersion(version[0])
                    + "; JCuda 12.6 and the kernels need CUDA " + DeviceInfo.cudaVersion(CudaProbe.PTX_DRIVER_VERSION)
                    + " (driver R580 or newer)");
        }
        int[] count = new int[1];
        cuDeviceGetCount(count);
        if (count[0] == 0) {
            throw new CudaProbe.ProbeFailure("NVIDIA driver present but no CUDA device");
        }
        if (ordinal < 0 || ordinal >= count[0]) {
            throw new CudaProbe.ProbeFailure("seiswork.gpu.device=" + ordinal + " but there are " + count[0]
                    + " CUDA devices (ordinals 0.." + (count[0] - 1) + ")");
        }
        device = new CUdevice();
        cuDeviceGet(device, ordinal);
        byte[] name = new byte[256];
        cuDeviceGetName(name, name.length, device);
        int major = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        int minor = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        String deviceName = cString(name);
        if (major * 10 + minor < 75) {
            throw new CudaProbe.ProbeFailure(deviceName + " has compute capability " + major + "." + minor
                    + "; the kernels need 7.5 or newer");
        }
        long[] total = new long[1];
        cuDeviceTotalMem(total, device);
        int sms = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        int clock = optionalAttribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE);
        int bus = optionalAttribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH);
        context = new CUcontext();
        cuDevicePrimaryCtxRetain(context, device);
        CUmodule loaded = null;
        String kind;
        try {
            cuCtxSetCurrent(context);
            Optional<byte[]> fat = CudaKernels.fatbin();
            RuntimeException fatFailure = null;
            loaded = null;
            if (fat.isPresent()) {
                try {
                    loaded = new CUmodule();
                    cuModuleLoadData(loaded, fat.get());
                } catch (RuntimeException e) {
                    loaded = null;
                    fatFailure = e;
                }
            }
            if (loaded != null) {
                kind = "fatbin";
            } else {
                String ptx = CudaKernels.ptx().orElseThrow(
                        () -> new CudaProbe.ProbeFailure("this build has no GPU kernels (built without nvcc)"));
                byte[] text = ptx.getBytes(StandardCharsets.US_ASCII);
                byte[] z = new byte[text.length + 1]; // the driver wants a NUL-terminated PTX image
                System.arraycopy(text, 0, z, 0, text.length);
                loaded = new CUmodule();
                try {
                    cuModuleLoadData(loaded, z);
                } catch (RuntimeException e) {
                    loaded = null;
                    if (fatFailure != null) {
                        e.addSuppressed(fatFailure);
                    }
                    if (version[0] < CudaProbe.PTX_DRIVER_VERSION) {
                        throw new CudaProbe.ProbeFailure("the NVIDIA driver supports CUDA "
                                + DeviceInfo.cudaVersion(version[0]) + " and rejected the GPU kernels ("
                                + e.getMessage() + "); they need a driver for CUDA 13.0 (R580 or newer)");
                    }
                    throw e;
                }
                kind = "ptx";
            }
            module = loaded;
            functions = new HashMap<>();
            for (String entry : CudaKernels.ENTRY_POINTS) {
                CUfunction f = new CUfunction();
                cuModuleGetFunction(f, module, entry);
                functions.put(entry, f);
            }
        } catch (RuntimeException | Error e) {
            if (loaded != null) {
                CUmodule m = loaded;
                Release.quietly(() -> cuModuleUnload(m));  // already failing: the first error is the one to report
            }
            cuDevicePrimaryCtxRelease(device);
            throw e;
        }
        info = new DeviceInfo(ordinal, deviceName, major, minor, total[0], sms, clock, bus, version[0], kind);
    }

    /** Opens the device's primary context and loads the kernels (the probe has succeeded). */
    static CudaContext open(int ordinal) {
        return new CudaContext(ordinal);
    }

    /** The probe's work: open, describe, close. Throws on any failure (the probe explains it). */
    static DeviceInfo probe(int ordinal) {
        try (CudaContext c = new CudaContext(ordinal)) {
            return c.info();
        }
    }

    DeviceInfo info() {
        return info;
    }

    /** Makes this context current on the calling thread. */
    void makeCurrent() {
        cuCtxSetCurrent(context);
    }

    /** A resolved kernel. */
    CUfunction function(String entry) {
        CUfunction f = functions.get(entry);
        if (f == null) {
            throw new IllegalArgumentException("no kernel " + entry + " in CudaKernels.ENTRY_POINTS");
        }
        return f;
    }

    /** Free and total device memory in bytes, now. */
    long[] memory() {
        makeCurrent();
        long[] free = new long[1];
        long[] total = new long[1];
        cuMemGetInfo(free, total);
        return new long[] {free[0], total[0]};
    }

    private int attribute(int attribute) {
        int[] v = new int[1];
        cuDeviceGetAttribute(v, attribute, device);
        return v[0];
    }

    /** An attribute some drivers deprecate (memory clock, bus width): 0 when not reported. */
    private int optionalAttribute(int attribute) {
        try {
            return attribute(attribute);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        cuCtxSetCurrent(context);
        cuModuleUnload(module);
        cuDevicePrimaryCtxRelease(device);
    }
}
