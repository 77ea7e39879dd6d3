package io.seiswork.kernels.engine.cuda;

/**
 * What the probe learnt about the GPU the engine uses.
 *
 * @param ordinal CUDA device ordinal
 * @param name marketing name, for example "NVIDIA H200"
 * @param ccMajor compute capability, major
 * @param ccMinor compute capability, minor
 * @param totalBytes device memory in bytes
 * @param multiprocessors streaming multiprocessors
 * @param memoryClockKHz memory clock in kHz as the driver reports it (0 if unknown)
 * @param busWidthBits memory bus width in bits (0 if unknown)
 * @param driverVersion CUDA version the driver supports, 1000 × major + 10 × minor (13000 = 13.0)
 * @param module which kernel image the driver accepted: "fatbin" or "ptx"
 */
public record DeviceInfo(int ordinal, String name, int ccMajor, int ccMinor, long totalBytes, int multiprocessors,
        int memoryClockKHz, int busWidthBits, int driverVersion, String module) {

    /**
     * Theoretical peak DRAM bandwidth in bytes per second: memory clock × bus width × 2 (double
     * data rate, as the driver reports the clock), or 0 when the driver does not report the
     * attributes.
     */
    public double peakBandwidthBytesPerS() {
        return 2.0 * memoryClockKHz * 1e3 * (busWidthBits / 8.0);
    }

    /** The driver's CUDA version as text, for example "13.0". */
    public static String cudaVersion(int driverVersion) {
        return driverVersion / 1000 + "." + (driverVersion % 1000) / 10;
    }

    /** One line for logs and run reports. */
    public String describe() {
        return String.format("%s (device %d, cc %d.%d, %.1f GiB, %d SMs, driver CUDA %s, %s)", name, ordinal, ccMajor,
                ccMinor, totalBytes / (double) (1L << 30), multiprocessors, cudaVersion(driverVersion), module);
    }
}
