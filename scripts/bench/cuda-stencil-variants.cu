// Variants of the 3D interior stencil against the product kernel (kernels/src/main/cuda/seiswork.cu),
// on the GPU: the same padded grid as CudaBenchmark (n^3 user cells + 20-cell C-PML + radius-R
// halo), the same arguments, u/un swapped every step. For each variant and y chunk: agreement
// with the unpipelined kernel after one step (max |diff| against max |un|), then Gpts/s over the compute
// region (CUDA events, median of 5 runs of K steps after K warm-up steps) and the effective
// bandwidth (16 B per point) as a fraction of the card's peak and of a measured device copy.
//
//   nvcc -O3 -arch=sm_90 -std=c++17 -o /tmp/stencil-variants scripts/bench/cuda-stencil-variants.cu
//   /tmp/stencil-variants [n=512] [steps=100] [only=SUBSTRING] [chunks=0]
// only: run just the variants whose name contains SUBSTRING, or one of "A|B|..." (empty: all);
// chunks "16" or "16,32":
// just those y chunks (for profiling one kernel under Nsight Compute, and scripts/gpu-report.sh).
//
// Used to choose the kernel shipped in seiswork.cu (docs/gpu.md, "Stencil kernel: what was
// measured"; the H200 logs are docs/benchmarks-data/gpu-h200-2026-11-28-stencil-variants-*.log;
// variants that lost and are no longer built here, such as evict-first hints on un and m, loads
// through L1 without shared memory, several cells per thread, two shared tiles, cp.async copies of
// 4 and 16 bytes, bulk copies other than the product's and L2-prefetch distances other than 2 on
// 64 x 8 tiles, are in those logs and in git history).
#include "../../kernels/src/main/cuda/seiswork.cu"

// The product's tile (LaunchShape.TILE_Z, TILE_X).
#define LAUNCH_TZ 64
#define LAUNCH_TX 8

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#define CK(x)                                                                                    \
    do {                                                                                         \
        cudaError_t e_ = (x);                                                                    \
        if (e_ != cudaSuccess) {                                                                 \
            std::fprintf(stderr, "%s:%d %s: %s\n", __FILE__, __LINE__, #x, cudaGetErrorString(e_)); \
            std::exit(1);                                                                        \
        }                                                                                        \
    } while (0)

// Every variant is a __global__ wrapper with the product kernel's argument list around one
// device template: VARIANT(name, launch bounds, template instance).
#define COMMA ,
#define VARIANT(name, BOUNDS, ...)                                                                  \
    __global__ void __launch_bounds__(BOUNDS) name(const float* __restrict__ u, float* __restrict__ un,  \
            const float* __restrict__ m, int nx, int nz, Region g, int yChunk, StencilWeights c) {      \
        __VA_ARGS__(u, un, m, nx, nz, g, yChunk, c);                                                \
    }

// The shared-memory variants below use the product's tileLaplacian (seiswork.cu), so that all of
// them compute the same floats.

// The kernel shipped before the pipelined one (kept for the record): the loads of each plane are
// issued after the barrier that completes its tile, so every plane stalls the block on them.
template <int R, int TZ, int TX>
__device__ __forceinline__ void stencil3dPlain(const float* __restrict__ u, float* __restrict__ un,
                                               const float* __restrict__ m, int nx, int nz, Region g,
                                               int yChunk, const StencilWeights& c) {
    __shared__ float tile[TX + 2 * R][TZ + 2 * R];
    const int tz = threadIdx.x;
    const int tx = threadIdx.y;
    const int iz = g.z0 + blockIdx.x * TZ + tz;
    const int ix = g.x0 + blockIdx.y * TX + tx;
    int y = g.y0 + blockIdx.z * yChunk;
    const int yEnd = min(g.y1, y + yChunk);
    if (y >= yEnd) {
        return;
    }
    const bool active = iz < g.z1 && ix < g.x1;
    const bool inside = iz < nz && ix < nx;
    const size_t sx = (size_t) nz;
    const size_t sy = (size_t) nx * nz;
    const size_t col = (size_t) ix * nz + iz;
    float q[2 * R + 1];
    q[0] = 0.f;
#pragma unroll
    for (int k = 1; k <= 2 * R; k++) {
        q[k] = inside ? u[(size_t) (y - R + k - 1) * sy + col] : 0.f;
    }
    for (; y < yEnd; y++) {
#pragma unroll
        for (int k = 0; k < 2 * R; k++) {
            q[k] = q[k + 1];
        }
        q[2 * R] = inside ? u[(size_t) (y + R) * sy + col] : 0.f;
        const size_t i = (size_t) y * sy + col;
        __syncthreads();
        tile[tx + R][tz + R] = q[R];
        if (tz < R) {
            tile[tx + R][tz] = ix < nx ? u[i - R] : 0.f;
            tile[tx + R][tz + TZ + R] = (ix < nx && iz + TZ < nz) ? u[i + TZ] : 0.f;
        }
        if (tx < R) {
            tile[tx][tz + R] = iz < nz ? u[i - R * sx] : 0.f;
            tile[tx + TX + R][tz + R] = (iz < nz && ix + TX < nx) ? u[i + TX * sx] : 0.f;
        }
        __syncthreads();
        if (active) {
            const float lx = tileLaplacian<R>(&tile[tx + R][tz + R], TZ + 2 * R, q, c);
            un[i] = 2.f * q[R] - un[i] + m[i] * lx;
        }
    }
}


VARIANT(plain_32x16, 512, stencil3dPlain<4, 32, 16>)

// Upper bounds for a kernel with the stencil's memory traffic (read u, un, m; write un) and no
// neighbours: one pass over the whole padded array, flat and perfectly coalesced, and the same
// update over the compute region with the stencil's (z, x) tiles and y chunks.
__global__ void stream_flat(const float* __restrict__ u, float* __restrict__ un, const float* __restrict__ m,
                            size_t n) {
    for (size_t i = blockIdx.x * (size_t) blockDim.x + threadIdx.x; i < n; i += (size_t) gridDim.x * blockDim.x) {
        un[i] = 2.f * u[i] - un[i] + m[i] * u[i];
    }
}
// L2AHEAD > 0: each thread also prefetches its cells L2AHEAD planes ahead into L2 (swPrefetchL2,
// as the product's prefetch stencil): if that lifts this bound towards the flat pass, the
// traversal is limited by the latency its loads wait for, and prefetching is the remedy.
template <int TZ, int TX, int L2AHEAD = 0>
__device__ __forceinline__ void streamTiled(const float* __restrict__ u, float* __restrict__ un,
        const float* __restrict__ m, int nx, int nz, Region g, int yChunk, const StencilWeights& c) {
    const int iz = g.z0 + blockIdx.x * TZ + threadIdx.x;
    const int ix = g.x0 + blockIdx.y * TX + threadIdx.y;
    int y = g.y0 + blockIdx.z * yChunk;
    const int yEnd = min(g.y1, y + yChunk);
    if (iz >= g.z1 || ix >= g.x1) {
        return;
    }
    const size_t sy = (size_t) nx * nz;
    for (size_t i = (size_t) y * sy + (size_t) ix * nz + iz; y < yEnd; y++, i += sy) {
        if (L2AHEAD > 0 && y + L2AHEAD < yEnd) {
            swPrefetchL2(u, i + L2AHEAD * sy);
            swPrefetchL2(un, i + L2AHEAD * sy);
            swPrefetchL2(m, i + L2AHEAD * sy);
        }
        un[i] = 2.f * u[i] - un[i] + m[i] * u[i] * c.w[0];
    }
}
VARIANT(stream_tiled, 512, streamTiled<64, 8>)
VARIANT(stream_tiled_pf2, 512, streamTiled<64, 8, 2>)
VARIANT(stream_tiled_pf4, 512, streamTiled<64, 8, 4>)
// The same with longer contiguous rows: if this bound rises with the row length, DRAM locality
// of the tiles' 256-byte pieces, not the latency of one plane in flight, caps the traversal.
VARIANT(stream_tiled_256x2, 512, streamTiled<256, 2>)

// Order 8's x halo (4 + 4 rows) is as large as a 64 x 8 tile: taller tiles with the L2 prefetch,
// and the prefetch extended to the halo rows.
VARIANT(pipe_64x16_b2, 1024 COMMA 2, stencil3d<4, 64, 16>)
VARIANT(pipe_pf1_64x16, 1024 COMMA 2, stencil3d<4, 64, 16, false, 1>)
VARIANT(pipe_pf3_64x16, 1024 COMMA 2, stencil3d<4, 64, 16, false, 3>)
VARIANT(pipe_pf2h_64x16, 1024 COMMA 2, stencil3d<4, 64, 16, false, 2, true>)
VARIANT(pipe_pf2h_64x8, 512 COMMA 4, stencil3d<4, 64, 8, false, 2, true>)
VARIANT(pipe_pf2_32x16, 512 COMMA 4, stencil3d<4, 32, 16, false, 2>)
VARIANT(pipe_pf2_32x32, 1024 COMMA 2, stencil3d<4, 32, 32, false, 2>)
VARIANT(pipe_pf2_64x12, 768 COMMA 2, stencil3d<4, 64, 12, false, 2>)
VARIANT(pipe_pf2_128x8, 1024 COMMA 2, stencil3d<4, 128, 8, false, 2>)
// Chunk-major block order (tileBlock in seiswork.cu): the y chunks of one tile column run side by
// side, so each chunk's first 2R planes are L2 hits instead of DRAM re-reads (profiled by
// scripts/gpu-stencil-variants.sh --ncu: it reads more from DRAM, 15.3 B per point against 12.5).
VARIANT(pipe_64x8_cm, 512, stencil3d<4, 64, 8, true>)

typedef void (*Kernel)(const float*, float*, const float*, int, int, Region, int, StencilWeights);
struct Variant {
    const char* name;
    Kernel k;
    int tz, tx;     // cells of a tile
    int bz;         // threads along z per block (tz / cells per thread)
    int smem = 0;   // dynamic shared memory, bytes
    bool aligned = false;  // needs nz a multiple of 4 (16-byte copies)
    bool chunkMajor = false;  // grid chunks x z tiles x x tiles (tileBlock<true>)
};

// Whether name contains one of the '|'-separated parts of only (an empty only matches all).
static bool nameMatches(const char* name, const char* only) {
    const char* part = only;
    do {
        const char* end = std::strchr(part, '|');
        const std::string p = end ? std::string(part, end) : std::string(part);
        if (std::strstr(name, p.c_str()) != nullptr) {
            return true;
        }
        part = end ? end + 1 : nullptr;
    } while (part != nullptr);
    return false;
}

static unsigned long long lcg = 12345;
static float rnd() {
    lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
    return (float) ((lcg >> 40) & 0xFFFFFF) / 16777216.f - 0.5f;
}

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 512;
    const int steps = argc > 2 ? std::atoi(argv[2]) : 100;
    const char* only = argc > 3 ? argv[3] : "";
    std::vector<int> onlyChunks;  // argv[4]: comma-separated y chunks, or 0 for the default list
    for (const char* c = argc > 4 ? argv[4] : "0"; *c != 0;) {
        char* end;
        const long v = std::strtol(c, &end, 10);
        if (end == c) {
            break;
        }
        if (v > 0) {
            onlyChunks.push_back((int) v);
        }
        c = *end == ',' ? end + 1 : end;
    }
    const int R = 4, w = 20;
    const int nx = n + 2 * w + 2 * R, ny = nx, nz = nx;
    const size_t cells = (size_t) nx * ny * nz;
    Region g = {R, nx - R, R, ny - R, R, nz - R};
    const double pts = (double) (nx - 2 * R) * (ny - 2 * R) * (nz - 2 * R);

    cudaDeviceProp prop;
    CK(cudaGetDeviceProperties(&prop, 0));
    int memClockKHz = 0, busBits = 0;
    cudaDeviceGetAttribute(&memClockKHz, cudaDevAttrMemoryClockRate, 0);
    cudaDeviceGetAttribute(&busBits, cudaDevAttrGlobalMemoryBusWidth, 0);
    const double peak = 2.0 * memClockKHz * 1e3 * busBits / 8;
    std::printf("variants: %s, %d SMs, peak %.0f GB/s; padded %d^3, region %.0f points, %d steps\n", prop.name,
                prop.multiProcessorCount, peak / 1e9, nx, pts, steps);

    std::vector<float> h(cells);
    float *u, *u0, *un, *m, *ref, *tmp;
    CK(cudaMalloc(&u, cells * 4));
    CK(cudaMalloc(&u0, cells * 4));
    CK(cudaMalloc(&un, cells * 4));
    CK(cudaMalloc(&m, cells * 4));
    CK(cudaMalloc(&ref, cells * 4));
    CK(cudaMalloc(&tmp, cells * 4));
    for (auto& v : h) v = rnd();
    CK(cudaMemcpy(u, h.data(), cells * 4, cudaMemcpyHostToDevice));
    CK(cudaMemcpy(u0, u, cells * 4, cudaMemcpyDeviceToDevice));
    for (auto& v : h) v = rnd();
    CK(cudaMemcpy(un, h.data(), cells * 4, cudaMemcpyHostToDevice));
    for (auto& v : h) v = 0.05f + 0.1f * (rnd() + 0.5f);
    CK(cudaMemcpy(m, h.data(), cells * 4, cudaMemcpyHostToDevice));
    StencilWeights c = {};
    const float cz[5] = {-205.f / 72, 8.f / 5, -1.f / 5, 8.f / 315, -1.f / 560};
    c.w[0] = 3 * cz[0];
    for (int k = 1; k <= 4; k++) c.w[k] = c.w[4 + k] = c.w[8 + k] = cz[k];

    cudaEvent_t a, b;
    CK(cudaEventCreate(&a));
    CK(cudaEventCreate(&b));
    // Practical ceiling: device-to-device copy of one field (read + write bytes).
    float copyMs = 1e30f;
    for (int rep = 0; rep < 5; rep++) {
        CK(cudaEventRecord(a));
        CK(cudaMemcpyAsync(tmp, un, cells * 4, cudaMemcpyDeviceToDevice));
        CK(cudaEventRecord(b));
        CK(cudaEventSynchronize(b));
        float ms;
        CK(cudaEventElapsedTime(&ms, a, b));
        copyMs = std::min(copyMs, ms);
    }
    const double copyBw = 2.0 * cells * 4 / (copyMs * 1e-3);
    std::printf("variants: device copy %.0f GB/s (%.1f %% of peak)\n", copyBw / 1e9, 100 * copyBw / peak);
    {
        float best = 1e30f;
        for (int rep = 0; rep < 5; rep++) {
            CK(cudaEventRecord(a));
            for (int s = 0; s < 10; s++) stream_flat<<<4 * 132 * 4, 512>>>(u0, tmp, m, cells);
            CK(cudaEventRecord(b));
            CK(cudaEventSynchronize(b));
            float ms;
            CK(cudaEventElapsedTime(&ms, a, b));
            best = std::min(best, ms / 10);
        }
        const double bw = 16.0 * cells / (best * 1e-3);
        std::printf("variants: 3 reads + 1 write, flat: %.0f GB/s (%.1f %% of peak, %.1f %% of copy)\n", bw / 1e9,
                    100 * bw / peak, 100 * bw / copyBw);
    }

    // The bulk-copy kernel last: a trap there (which ends the run) keeps what came before.
    Variant vs[] = {{"product stencil3d_r4", stencil3d_r4, LAUNCH_TZ, LAUNCH_TX, LAUNCH_TZ},
                    {"pipelined 64x8 chunk-major", pipe_64x8_cm, 64, 8, 64, 0, false, true},
                    {"product stencil3d_pf_r4 (L2 prefetch 2)", stencil3d_pf_r4, LAUNCH_TZ, LAUNCH_TX, LAUNCH_TZ},
                    {"tall product stencil3d_wide_r4 (64x16, L2 prefetch 2)", stencil3d_wide_r4, 64, 16, 64},
                    {"tall 64x16 minB2", pipe_64x16_b2, 64, 16, 64},
                    {"tall L2 prefetch 1 64x16", pipe_pf1_64x16, 64, 16, 64},
                    {"tall L2 prefetch 3 64x16", pipe_pf3_64x16, 64, 16, 64},
                    {"tall L2 prefetch 2 + halo 64x16", pipe_pf2h_64x16, 64, 16, 64},
                    {"tall L2 prefetch 2 + halo 64x8", pipe_pf2h_64x8, 64, 8, 64},
                    {"tall L2 prefetch 2 32x16", pipe_pf2_32x16, 32, 16, 32},
                    {"tall L2 prefetch 2 32x32", pipe_pf2_32x32, 32, 32, 32},
                    {"tall L2 prefetch 2 64x12", pipe_pf2_64x12, 64, 12, 64},
                    {"tall L2 prefetch 2 128x8", pipe_pf2_128x8, 128, 8, 128},
                    {"unpipelined 32x16 (before)", plain_32x16, 32, 16, 32},
                    {"no neighbours, 64x8 tiles (bound)", stream_tiled, 64, 8, 64},
                    {"no neighbours, 256x2 tiles (bound)", stream_tiled_256x2, 256, 2, 256},
                    {"no neighbours, 64x8, L2 prefetch 2 (bound)", stream_tiled_pf2, 64, 8, 64},
                    {"no neighbours, 64x8, L2 prefetch 4 (bound)", stream_tiled_pf4, 64, 8, 64},
                    {"product stencil3d_bulk_r4", stencil3d_bulk_r4, LAUNCH_TZ, LAUNCH_TX, LAUNCH_TZ, 0, true}};
    const int planes = ny - 2 * R;
    // Reference: one step of the unpipelined kernel from (u, un) into ref.
    CK(cudaMemcpy(ref, un, cells * 4, cudaMemcpyDeviceToDevice));
    {
        dim3 grid((nz - 2 * R + 31) / 32, (nx - 2 * R + 15) / 16, 1);  // the unpipelined kernel
        plain_32x16<<<grid, dim3(32, 16)>>>(u, ref, m, nx, nz, g, planes, c);
        CK(cudaDeviceSynchronize());
    }
    std::vector<float> hr(cells), hv(cells);
    CK(cudaMemcpy(hr.data(), ref, cells * 4, cudaMemcpyDeviceToHost));
    double refMax = 0;
    for (float v : hr) refMax = std::max(refMax, (double) std::fabs(v));
    for (const Variant& v : vs) {
        if (!nameMatches(v.name, only)) {
            continue;
        }
        if (v.aligned && nz % 4 != 0) {
            std::printf("variant %-30s skipped: needs the padded depth %d to be a multiple of 4\n", v.name, nz);
            continue;
        }
        if (v.smem > 0) {
            CK(cudaFuncSetAttribute(v.k, cudaFuncAttributeMaxDynamicSharedMemorySize, v.smem));
        }
        const int autoChunk = [&] {  // LaunchShape.yChunk: about 16 planes, split evenly
            const int chunks = (planes + 15) / 16;
            return (planes + chunks - 1) / chunks;
        }();
        std::vector<int> chunksToTry = {autoChunk, 32, 16, 12};
        if (!onlyChunks.empty()) {
            chunksToTry = onlyChunks;
        }
        for (int chunk : chunksToTry) {
            const unsigned zTiles = (nz - 2 * R + v.tz - 1) / v.tz, xTiles = (nx - 2 * R + v.tx - 1) / v.tx,
                           chunks = (planes + chunk - 1) / chunk;
            dim3 grid = v.chunkMajor ? dim3(chunks, zTiles, xTiles) : dim3(zTiles, xTiles, chunks);
            dim3 block(v.bz, v.tx);
            CK(cudaMemcpy(tmp, un, cells * 4, cudaMemcpyDeviceToDevice));
            v.k<<<grid, block, v.smem>>>(u, tmp, m, nx, nz, g, chunk, c);
            CK(cudaGetLastError());
            CK(cudaDeviceSynchronize());
            CK(cudaMemcpy(hv.data(), tmp, cells * 4, cudaMemcpyDeviceToHost));
            double diff = 0;
            for (size_t i = 0; i < cells; i++) diff = std::max(diff, (double) std::fabs(hv[i] - hr[i]));
            float* f0 = u;
            float* f1 = tmp;
            for (int s = 0; s < steps; s++) {
                v.k<<<grid, block, v.smem>>>(f0, f1, m, nx, nz, g, chunk, c);
                std::swap(f0, f1);
            }
            std::vector<float> times;
            for (int rep = 0; rep < 5; rep++) {
                CK(cudaEventRecord(a));
                for (int s = 0; s < steps; s++) {
                    v.k<<<grid, block, v.smem>>>(f0, f1, m, nx, nz, g, chunk, c);
                    std::swap(f0, f1);
                }
                CK(cudaEventRecord(b));
                CK(cudaEventSynchronize(b));
                float ms;
                CK(cudaEventElapsedTime(&ms, a, b));
                times.push_back(ms);
            }
            CK(cudaGetLastError());
            std::sort(times.begin(), times.end());
            const double gpts = pts * steps / (times[2] * 1e-3) / 1e9;
            std::printf("variant %-30s chunk %4d (%5u blocks): %7.2f Gpts/s, %5.0f GB/s = %5.1f %% of peak, "
                        "%5.1f %% of copy; max diff %.2e of %.2e\n",
                        v.name, chunk, grid.x * grid.y * grid.z, gpts, gpts * 16, 100 * gpts * 16e9 / peak,
                        100 * gpts * 16e9 / copyBw, diff, refMax);
            CK(cudaMemcpy(u, u0, cells * 4, cudaMemcpyDeviceToDevice));  // the timing overwrote u
        }
    }
    return 0;
}
