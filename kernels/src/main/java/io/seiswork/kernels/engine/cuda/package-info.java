/**
 * The GPU engine: the CPU engine's discrete scheme (same padded grid, C-PML, free surface,
 * point spreads and trace resampling) run by CUDA kernels through the JCuda driver API.
 *
 * <p>Kernels: {@code kernels/src/main/cuda/seiswork.cu}, compiled by {@code nvcc} at build time
 * into the jar as {@code cuda/seiswork.ptx} (and {@code cuda/seiswork.fatbin}); entry points in
 * {@link io.seiswork.kernels.engine.cuda.CudaKernels}. Whether a GPU is usable is decided once
 * per JVM by {@link io.seiswork.kernels.engine.cuda.CudaProbe}, which never lets a missing driver
 * escape as an exception. See {@code docs/gpu.md}.
 */
package io.seiswork.kernels.engine.cuda;
