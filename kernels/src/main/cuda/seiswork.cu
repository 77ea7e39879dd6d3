// Seiswork GPU kernels: the acoustic propagator of docs/engine.md on the GPU (docs/gpu.md).
//
// One translation unit, one module (target/classes/cuda/seiswork.ptx and .fatbin). Every
// __global__ entry point is extern "C" so its PTX name is the plain name listed in
// io.seiswork.kernels.engine.cuda.CudaKernels (the engine and the CI entry-point test use that
// single list).
//
// Conventions shared with the CPU engine (io.seiswork.kernels.engine.cpu):
//  - flat float fields, z contiguous: index (iy * nx + ix) * nz + iz over the padded grid
//    (PaddedGrid: user grid + C-PML layer + zero halo of one stencil radius R);
//  - two pressure buffers: u = level n, un = level n-1 on entry and n+1 on exit (in place);
//  - m = v^2 dt^2 per padded cell (m^2);
//  - the FD weights come from io.seiswork.core.stencil and arrive as kernel arguments
//    (structs passed by value, kept in the parameter constant bank).
//  - threadIdx.x runs along z (coalesced), threadIdx.y along x.
//
// Update order per time step (the same terms in the same order as Propagator.step on the CPU):
//  1. cpml_psi_rR for every C-PML slab (psi = b psi + a dU/dxi, from level n);
//  2. stencil{2,3}d_rR over the compute region (un = 2u - un + m Lap u);
//  3. cpml_correct_rR for every slab, in the CPU's slab order x-low, x-high, y-low, y-high,
//     z-low, z-high (zeta update, un += m (dpsi/dxi + zeta));
//     or, in the fused layout (the default), 2 and 3 as: the stencil over the interior box only,
//     then stencil_cpml{2,3}d_rR over the layer boxes around it (stencil and corrections per cell);
//  4. free_surface when the top is a free surface (antisymmetric mirror);
//  then the host swaps u and un, inject_points adds the source, sample_points records.

#include <cstddef>

#define SW_KERNEL extern "C" __global__

// Interior stencil weights, 1/m^2: w[0] = c0 (1/dx^2 + 1/dy^2 + 1/dz^2) (the combined centre),
// w[k] = c_k/dz^2, w[4 + k] = c_k/dx^2, w[8 + k] = c_k/dy^2 for k = 1..R (zero past R; the y
// weights are zero in 2D).
struct StencilWeights {
    float w[16];
};

// Region of padded cells a kernel updates: [x0, x1) x [y0, y1) x [z0, z1).
struct Region {
    int x0, x1, y0, y1, z0, z1;
};

// --------------------------------------------------------------------------------------------
// Interior stencil fused with the leapfrog update.
// --------------------------------------------------------------------------------------------

// The 3D Laplacian at the cell t points to in a shared tile of the current plane whose x rows are
// `pitch` floats apart, with q the cell's register queue of 2R + 1 y neighbours. Same association
// as the CPU's StencilKernel.column*d3 (centre, z, y, then x), so every 3D stencil kernel computes
// the same floats.
// Centre, z (from the shared row t) and the queue's axis (weights c.w[QW + k]: y in 3D, x in 2D):
// the part every marching kernel shares, in the CPU's order.
template <int R, int QW>
__device__ __forceinline__ float zQueueLaplacian(const float* t, const float* q, const StencilWeights& c) {
    float lap = c.w[0] * q[R];
#pragma unroll
    for (int k = 1; k <= R; k++) {
        lap += c.w[k] * (t[-k] + t[k]);
    }
#pragma unroll
    for (int k = 1; k <= R; k++) {
        lap += c.w[QW + k] * (q[R - k] + q[R + k]);
    }
    return lap;
}

template <int R>
__device__ __forceinline__ float tileLaplacian(const float* t, int pitch, const float* q, const StencilWeights& c) {
    float lap = zQueueLaplacian<R, 8>(t, q, c);
#pragma unroll
    for (int k = 1; k <= R; k++) {
        lap += c.w[4 + k] * (t[-k * pitch] + t[k * pitch]);
    }
    return lap;
}

// Which z tile, x tile and y chunk a block of the 3D stencils updates. The engine launches
// z tiles x x tiles x chunks (blockIdx.x fastest), so the blocks running at one time cover whole
// (z, x) planes of tiles, and a chunk's first 2R planes, which the previous chunk of the same tile
// column read long before, come back from DRAM. CHUNK_MAJOR launches chunks x z tiles x x tiles
// instead: the chunks of one tile column run side by side and those planes are L2 hits (the
// variant harness measures both orders).
struct TileBlock {
    int z, x, chunk;
};
template <bool CHUNK_MAJOR>
__device__ __forceinline__ TileBlock tileBlock() {
    return CHUNK_MAJOR ? TileBlock{(int) blockIdx.y, (int) blockIdx.z, (int) blockIdx.x}
                       : TileBlock{(int) blockIdx.x, (int) blockIdx.y, (int) blockIdx.z};
}

// The register queue of a marching stencil: q[R + k] holds u at k planes (3D: along y; 2D: columns
// along x) from the cell being computed. Filled with the 2R values before the first plane, then
// advanced by one plane per step with the new front.
template <int R>
__device__ __forceinline__ void queueFill(float (&q)[2 * R + 1], const float* __restrict__ u, size_t i,
                                          size_t stride, bool inside) {
    q[0] = 0.f;
#pragma unroll
    for (int k = 1; k <= 2 * R; k++) {
        q[k] = inside ? u[i + (size_t) (k - 1) * stride - (size_t) R * stride] : 0.f;
    }
}

template <int R>
__device__ __forceinline__ void queueAdvance(float (&q)[2 * R + 1], float front) {
#pragma unroll
    for (int k = 0; k < 2 * R; k++) {
        q[k] = q[k + 1];
    }
    q[2 * R] = front;
}

// A hint that the line holding field[i] will be read soon: the memory system fetches it from DRAM
// into L2 while the thread goes on (no register, no shared memory, nothing to wait for). The host
// emulation checks instead that i lies within the field's buffer.
#if defined(__CUDACC__) && !defined(SW_HOST_EMULATION)
__device__ __forceinline__ void swPrefetchL2(const float* field, size_t i) {
    asm volatile("prefetch.global.L2 [%0];" ::"l"(field + i));
}
#endif

// 3D: 2.5D blocking. A block is TZ x TX threads (z, x); it marches along y over a chunk of
// yChunk planes. The current plane sits in shared memory with an R-cell halo in z and x; the
// y neighbours of each thread's cell live in a register queue of 2R + 1 values, so every value
// of u is read from DRAM about once per step (plus the halo columns, mostly from L2).
// Per updated point: read u (queue), read un, read m, write un = 16 bytes minimum.
//
// Software-pipelined: the loads of plane y + 1 (the queue's new front, the tile halo, un and m)
// are issued as soon as the tile of plane y is complete, so their latency hides behind the
// arithmetic of plane y and the next barrier; without that every plane stalled the whole block
// on its loads, and the kernel reached 32 % of the H200's peak bandwidth instead of 56 %
// (scripts/bench/cuda-stencil-variants.cu, docs/gpu.md "Stencil kernel: what was measured").
//
// L2AHEAD > 0 (the L2-prefetch variant): each thread also asks for its cells of plane
// y + 1 + L2AHEAD (u's queue front R planes further, un, m) to be brought into L2. The register
// loads of the next plane then find their lines in L2 instead of DRAM, so fewer bytes need to be
// in flight per SM to keep DRAM busy, which is what limits this kernel, at the cost of three
// instructions per plane and no registers. Prefetches stay within the planes the chunk reads.
// L2HALO (harness only so far) also prefetches the x-halo rows' lines of that plane, which the
// neighbouring tiles' own prefetches bring only when those blocks run at the same plane.
template <int R, int TZ, int TX, bool CHUNK_MAJOR = false, int L2AHEAD = 0, bool L2HALO = false>
__device__ __forceinline__ void stencil3d(const float* __restrict__ u, float* __restrict__ un,
                                          const float* __restrict__ m, int nx, int nz, Region g,
                                          int yChunk, const StencilWeights& c) {
    __shared__ float tile[TX + 2 * R][TZ + 2 * R];
    const int tz = threadIdx.x;
    const int tx = threadIdx.y;
    const TileBlock b = tileBlock<CHUNK_MAJOR>();
    const int iz = g.z0 + b.z * TZ + tz;
    const int ix = g.x0 + b.x * TX + tx;
    int y = g.y0 + b.chunk * yChunk;
    const int yEnd = min(g.y1, y + yChunk);
    if (y >= yEnd) {
        return;  // the whole block leaves together (no barrier skipped by part of it)
    }
    const bool active = iz < g.z1 && ix < g.x1;
    const bool inside = iz < nz && ix < nx;  // the cell exists in the array
    // Halo loaders: the first R threads along z load the z halo, the first R rows the x halo.
    const bool zHalo = tz < R;
    const bool zLow = zHalo && ix < nx;
    const bool zHigh = zHalo && ix < nx && iz + TZ < nz;
    const bool xHalo = tx < R;
    const bool xLow = xHalo && iz < nz;
    const bool xHigh = xHalo && iz < nz && ix + TX < nx;
    const size_t sx = (size_t) nz;
    const size_t sy = (size_t) nx * nz;
    size_t i = (size_t) y * sy + (size_t) ix * nz + iz;

    float q[2 * R + 1];
    queueFill<R>(q, u, i, sy, inside);
    // What plane y needs beyond the queue, loaded one plane ahead.
    float front = inside ? u[i + R * sy] : 0.f;
    float hz0 = zLow ? u[i - R] : 0.f;
    float hz1 = zHigh ? u[i + TZ] : 0.f;
    float hx0 = xLow ? u[i - R * sx] : 0.f;
    float hx1 = xHigh ? u[i + TX * sx] : 0.f;
    float unNext = active ? un[i] : 0.f;
    float mNext = active ? m[i] : 0.f;
    for (; y < yEnd; y++, i += sy) {
        queueAdvance<R>(q, front);
        __syncthreads();  // the previous plane's tile has been read by everyone
        tile[tx + R][tz + R] = q[R];
        if (zHalo) {
            tile[tx + R][tz] = hz0;
            tile[tx + R][tz + TZ + R] = hz1;
        }
        if (xHalo) {
            tile[tx][tz + R] = hx0;
            tile[tx + TX + R][tz + R] = hx1;
        }
        __syncthreads();
        const float unOld = unNext;
        const float mHere = mNext;
        if (y + 1 < yEnd) {
            const size_t j = i + sy;
            front = inside ? u[j + R * sy] : 0.f;
            hz0 = zLow ? u[j - R] : 0.f;
            hz1 = zHigh ? u[j + TZ] : 0.f;
            hx0 = xLow ? u[j - R * sx] : 0.f;
            hx1 = xHigh ? u[j + TX * sx] : 0.f;
            unNext = active ? un[j] : 0.f;
            mNext = active ? m[j] : 0.f;
            if (L2AHEAD > 0 && y + 1 + L2AHEAD < yEnd) {
                const size_t p = j + (size_t) L2AHEAD * sy;
                if (inside) {
                    swPrefetchL2(u, p + R * sy);
                }
                if (active) {
                    swPrefetchL2(un, p);
                    swPrefetchL2(m, p);
                }
                if (L2HALO && xLow) {
                    swPrefetchL2(u, p + R * sy - R * sx);
                }
                if (L2HALO && xHigh) {
                    swPrefetchL2(u, p + R * sy + TX * sx);
                }
            }
        }
        if (active) {
            un[i] = 2.f * q[R] - unOld + mHere * tileLaplacian<R>(&tile[tx + R][tz + R], TZ + 2 * R, q, c);
        }
    }
}

// 2D (ny = 1), pipelined as stencil3d with the x axis in the role of y: a block of TZ threads
// along z marches along x over a chunk of xChunk columns. The current column sits in shared
// memory with an R-cell z halo, the x neighbours of each thread's cell in a register queue of
// 2R + 1 values, so each u value comes from DRAM about once per step (16 B per point); the loads
// of column x + 1 are issued before column x is computed. Same association as stencil2d (centre,
// z, x), so the same floats. The direct kernel below reads all 4R neighbours from global memory,
// and the x neighbours, a whole column apart, come from L2: 43 % of the H200's peak at 8192^2.
template <int R, int TZ>
__device__ __forceinline__ void stencil2dMarch(const float* __restrict__ u, float* __restrict__ un,
                                               const float* __restrict__ m, int nz, Region g, int xChunk,
                                               const StencilWeights& c) {
    __shared__ float column[TZ + 2 * R];
    const int tz = threadIdx.x;
    const int iz = g.z0 + blockIdx.x * TZ + tz;
    int x = g.x0 + blockIdx.y * xChunk;
    const int xEnd = min(g.x1, x + xChunk);
    if (x >= xEnd) {
        return;  // the whole block leaves together
    }
    const bool active = iz < g.z1;
    const bool inside = iz < nz;
    // The first R threads load the z halo (regions start at least R cells into the array).
    const bool zHalo = tz < R;
    const bool zHigh = zHalo && iz + TZ < nz;
    const size_t sx = (size_t) nz;
    size_t i = (size_t) x * sx + iz;

    float q[2 * R + 1];
    queueFill<R>(q, u, i, sx, inside);
    float front = inside ? u[i + R * sx] : 0.f;
    float hz0 = zHalo ? u[i - R] : 0.f;
    float hz1 = zHigh ? u[i + TZ] : 0.f;
    float unNext = active ? un[i] : 0.f;
    float mNext = active ? m[i] : 0.f;
    for (; x < xEnd; x++, i += sx) {
        queueAdvance<R>(q, front);
        __syncthreads();  // the previous column has been read by everyone
        column[tz + R] = q[R];
        if (zHalo) {
            column[tz] = hz0;
            column[tz + TZ + R] = hz1;
        }
        __syncthreads();
        const float unOld = unNext;
        const float mHere = mNext;
        if (x + 1 < xEnd) {
            const size_t j = i + sx;
            front = inside ? u[j + R * sx] : 0.f;
            hz0 = zHalo ? u[j - R] : 0.f;
            hz1 = zHigh ? u[j + TZ] : 0.f;
            unNext = active ? un[j] : 0.f;
            mNext = active ? m[j] : 0.f;
        }
        if (active) {
            un[i] = 2.f * q[R] - unOld + mHere * zQueueLaplacian<R, 4>(&column[tz + R], q, c);
        }
    }
}

// 2D direct: one thread per cell, neighbours straight from global memory (L1/L2 serve the
// reuse). Kept as the measured reference for the marching kernel (-Dseiswork.gpu.stencil=direct).
template <int R>
__device__ __forceinline__ void stencil2d(const float* __restrict__ u, float* __restrict__ un,
                                          const float* __restrict__ m, int nz, Region g,
                                          const StencilWeights& c) {
    const int iz = g.z0 + blockIdx.x * blockDim.x + threadIdx.x;
    const int ix = g.x0 + blockIdx.y * blockDim.y + threadIdx.y;
    if (iz >= g.z1 || ix >= g.x1) {
        return;
    }
    const size_t sx = (size_t) nz;
    const size_t i = (size_t) ix * nz + iz;
    float lap = c.w[0] * u[i];
#pragma unroll
    for (int k = 1; k <= R; k++) {
        lap += c.w[k] * (u[i - k] + u[i + k]);
    }
#pragma unroll
    for (int k = 1; k <= R; k++) {
        lap += c.w[4 + k] * (u[i - k * sx] + u[i + k * sx]);
    }
    un[i] = 2.f * u[i] - un[i] + m[i] * lap;
}

// --------------------------------------------------------------------------------------------
// 3D stencil fed by bulk copies (Hopper, sm_90): the same update and floats as stencil3d, but
// the planes reach shared memory through the copy engine (cp.async.bulk, one instruction per
// tile row, completion counted in bytes on an mbarrier) A planes ahead of use, instead of
// through registers one plane ahead. The pipelined kernel is limited by the bytes each SM has in
// flight (about one plane per thread, 28 KB per SM; loading further ahead costs registers and
// occupancy: docs/gpu.md, "Stencil kernel: what was measured"); here bytes in flight cost shared
// memory only: 2 planes ahead at 64 x 8 is about 17 KB per block, 70 KB per SM at four blocks.
//
// Shared memory, for a block of TZ x TX threads over a y chunk [y0, y0 + n):
//  - a ring of RT = R + A + 1 tiles of u (TX + 2R rows along x of TZ + 2R cells along z): the
//    tile of plane y (its z and x neighbours) up to plane y + R (whose centre enters the y queue)
//    and the A planes in flight behind it;
//  - a ring of A + 1 slots holding the block's rows of un and m for one plane each;
//  - A + 2 mbarriers: one per slot, and one for the R tiles loaded before the first plane.
// Copy "event" k (0 <= k < n) loads the tile of plane y0 + R + k and un, m of plane y0 + k; it is
// issued at the top of iteration k - A (after the barrier that frees the slots of plane
// y0 + k - A - 1) by the first warp, one row per lane, and waited for at iteration k.
//
// Bulk copies need 16-byte aligned addresses and sizes: the padded depth nz and the tile's first
// cell g.z0 - R must be multiples of 4 (true of the engine's compute region for orders 4 and 8:
// PaddedGrid rounds the compute depth to 16; StencilVariant checks it and falls back to
// stencil3d otherwise). Rows of un and m start at the multiple of 4 at or before the block's
// first cell. Cells of a tile outside the array are never loaded: only threads whose cell is not
// updated read them. Compiled for sm_90 and newer; on older architectures (the compute_75 PTX,
// the sm_80 SASS) the entry point runs stencil3d, so it is correct everywhere.
//
// The host emulation (src/test/cuda-host) implements the five primitives below with memcpy and
// a software mbarrier that checks the byte accounting and the alignment.
#if defined(__CUDACC__) && !defined(SW_HOST_EMULATION)
#include <cuda/ptx>
#include <cstdint>

__device__ __forceinline__ void swBarrierInit(uint64_t* bar) {
#if __CUDA_ARCH__ >= 900
    cuda::ptx::mbarrier_init(bar, 1);
#endif
}

// Makes the initialised mbarriers visible to the copy engine (then a __syncthreads).
__device__ __forceinline__ void swBarrierInitFence() {
#if __CUDA_ARCH__ >= 900
    cuda::ptx::fence_mbarrier_init(cuda::ptx::sem_release, cuda::ptx::scope_cluster);
#endif
}

// The one arrival a phase waits for, with the bytes its copies will deliver.
__device__ __forceinline__ void swBarrierExpect(uint64_t* bar, unsigned bytes) {
#if __CUDA_ARCH__ >= 900
    cuda::ptx::mbarrier_arrive_expect_tx(cuda::ptx::sem_release, cuda::ptx::scope_cta, cuda::ptx::space_shared,
                                         bar, bytes);
#endif
}

__device__ __forceinline__ void swBulkLoad(float* dst, const float* src, unsigned bytes, uint64_t* bar) {
#if __CUDA_ARCH__ >= 900
    cuda::ptx::cp_async_bulk(cuda::ptx::space_cluster, cuda::ptx::space_global, dst, src, bytes, bar);
#endif
}

// Waits for the phase of `parity` to complete. A phase that never completes (bytes announced but
// not delivered) would hang the GPU; after 4 s by the global timer (a healthy wait takes
// microseconds) the kernel traps instead, so the launch fails with an error the engine reports.
// A bound on time, not on polls: how long one try_wait may suspend is up to the hardware.
__device__ __forceinline__ void swBarrierWait(uint64_t* bar, unsigned parity) {
#if __CUDA_ARCH__ >= 900
    uint64_t since = 0;
    while (!cuda::ptx::mbarrier_try_wait_parity(bar, parity)) {
        const uint64_t now = cuda::ptx::get_sreg_globaltimer();  // ns
        if (since == 0) {
            since = now;
        } else if (now - since > 4000000000ull) {
            __trap();
        }
    }
#endif
}
#endif

template <int R, int TZ, int TX, int A, bool CHUNK_MAJOR = false>
__device__ __forceinline__ void stencil3dBulk(const float* __restrict__ u, float* __restrict__ un,
                                              const float* __restrict__ m, int nx, int nz, Region g,
                                              int yChunk, const StencilWeights& c) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ < 900
    stencil3d<R, TZ, TX, CHUNK_MAJOR>(u, un, m, nx, nz, g, yChunk, c);
#else
    constexpr int TW = TZ + 2 * R;           // u tile row, cells along z
    constexpr int TH = TX + 2 * R;           // u tile rows, along x
    constexpr int RT = R + A + 1;            // u tiles in the ring
    constexpr int RS = A + 1;                // un/m slots and their mbarriers
    constexpr int OFF = R & 3;               // un/m rows start this many cells before the block's first
    constexpr int UW = (TZ + OFF + 3) & ~3;  // un/m row, cells (a multiple of 4)
    static_assert(TW % 4 == 0 && TZ % 4 == 0, "tile rows must be whole 16-byte units");
    alignas(128) __shared__ float tiles[RT][TH][TW];
    alignas(128) __shared__ float rows[RS][2][TX][UW];  // [slot][0 = un, 1 = m][x][z]
    alignas(8) __shared__ uint64_t bars[RS + 1];      // bars[RS]: the first R tiles
    const int tz = threadIdx.x;
    const int tx = threadIdx.y;
    const int lane = tx * TZ + tz;  // < 32: the first warp, which issues the copies
    const TileBlock b = tileBlock<CHUNK_MAJOR>();
    const int z0 = g.z0 + b.z * TZ;  // the block's first cell
    const int x0 = g.x0 + b.x * TX;
    const int iz = z0 + tz;
    const int ix = x0 + tx;
    const int y0 = g.y0 + b.chunk * yChunk;
    const int n = min(g.y1, y0 + yChunk) - y0;
    if (n <= 0) {
        return;  // the whole block leaves together
    }
    const bool active = iz < g.z1 && ix < g.x1;
    const size_t sx = (size_t) nz;
    const size_t sy = (size_t) nx * nz;
    // The first warp issues the copies, one tile or un/m row per lane, worked out once: lane j <
    // TH copies tile row j (x = x0 - R + j), lane TH + j the un row and lane TH + TX + j the m
    // row of x = x0 + j; rows beyond the array (tiles) or the region (un, m) are not copied.
    static_assert(TH + 2 * TX <= 32, "one copy per lane of the first warp");
    const bool tileLane = lane < TH;
    const int row = tileLane ? lane : (lane - TH) % TX;
    const int which = tileLane ? 0 : (lane - TH) / TX;  // 0 = un, 1 = m
    const int rowX = tileLane ? x0 - R + row : x0 + row;
    const int rowZ = tileLane ? z0 - R : z0 - OFF;
    unsigned rowBytes = 0;
    if (lane < TH + 2 * TX && rowX < (tileLane ? nx : g.x1)) {
        rowBytes = 4u * (unsigned) min(tileLane ? TW : UW, nz - rowZ);
    }
    // Plane 0 of this lane's row: tiles run R planes ahead of un and m.
    const float* rowSrc = (tileLane ? u : which == 0 ? un : m)
            + ((size_t) (y0 + (tileLane ? R : 0)) * sy + (size_t) rowX * sx + rowZ);
    // Bytes one event delivers (lane 0 announces them): TH tile rows and 2 TX un/m rows.
    unsigned tileBytes = 0;
    unsigned eventBytes = 0;
    if (lane == 0) {
        for (int j = 0; j < TH; j++) {
            tileBytes += x0 - R + j < nx ? 4u * (unsigned) min(TW, nz - (z0 - R)) : 0u;
        }
        eventBytes = tileBytes;
        for (int j = 0; j < TX; j++) {
            eventBytes += x0 + j < g.x1 ? 8u * (unsigned) min(UW, nz - (z0 - OFF)) : 0u;
        }
    }
    // Event k: the tile of plane y0 + R + k, un and m of plane y0 + k.
    auto issue = [&](int k) {
        const int s = k % RS;
        if (lane == 0) {
            swBarrierExpect(&bars[s], eventBytes);
        }
        if (rowBytes > 0) {
            float* dst = tileLane ? &tiles[(R + k) % RT][row][0] : &rows[s][which][row][0];
            swBulkLoad(dst, rowSrc + (size_t) k * sy, rowBytes, &bars[s]);
        }
    };

    if (lane == 0) {
        for (int s = 0; s <= RS; s++) {
            swBarrierInit(&bars[s]);
        }
        swBarrierInitFence();
    }
    __syncthreads();
    if (lane < 32) {
        // The tiles of planes y0 .. y0 + R - 1, then events 0 .. A - 1.
        if (lane == 0) {
            swBarrierExpect(&bars[RS], R * tileBytes);
        }
        if (tileLane && rowBytes > 0) {
            for (int p = 0; p < R; p++) {
                swBulkLoad(&tiles[p][row][0], rowSrc + (size_t) (p - R) * sy, rowBytes, &bars[RS]);
            }
        }
        for (int k = 0; k < A && k < n; k++) {
            issue(k);
        }
    }
    // The y queue's first 2R values (planes y0 - R .. y0 + R - 1) straight from global memory.
    const bool inside = iz < nz && ix < nx;
    const size_t i0 = (size_t) y0 * sy + (size_t) ix * sx + iz;
    float q[2 * R + 1];
    queueFill<R>(q, u, i0, sy, inside);
    __syncthreads();  // every copy above is issued before anyone waits (see the host emulation)
    swBarrierWait(&bars[RS], 0);
    size_t i = i0;
    for (int t = 0; t < n; t++, i += sy) {
        __syncthreads();  // iteration t - 1 is done with tile slot (t - 1) % RT and row slot (t - 1) % RS
        if (lane < 32 && t + A < n) {
            issue(t + A);
        }
        const int s = t % RS;
        swBarrierWait(&bars[s], (t / RS) & 1);
        queueAdvance<R>(q, tiles[(t + R) % RT][tx + R][tz + R]);
        if (active) {
            const float lap = tileLaplacian<R>(&tiles[t % RT][tx + R][tz + R], TW, q, c);
            un[i] = 2.f * q[R] - rows[s][0][tx][tz + OFF] + rows[s][1][tx][tz + OFF] * lap;
        }
    }
#endif
}

#define SW_STENCIL3D(R)                                                                         \
    SW_KERNEL void __launch_bounds__(512) stencil3d_r##R(const float* __restrict__ u,           \
            float* __restrict__ un, const float* __restrict__ m, int nx, int nz, Region g,      \
            int yChunk, StencilWeights c) {                                                    \
        stencil3d<R, 64, 8>(u, un, m, nx, nz, g, yChunk, c);                                    \
    }
// The L2-prefetch variant, two planes beyond the register loads (the harness sweeps 1 to 8).
#define SW_STENCIL3D_PREFETCH(R)                                                                \
    SW_KERNEL void __launch_bounds__(512, 4) stencil3d_pf_r##R(const float* __restrict__ u,        \
            float* __restrict__ un, const float* __restrict__ m, int nx, int nz, Region g,      \
            int yChunk, StencilWeights c) {                                                    \
        stencil3d<R, 64, 8, false, 2>(u, un, m, nx, nz, g, yChunk, c);                          \
    }
// The L2-prefetch kernel on 64 x 16 tiles (1024 threads, two blocks per multiprocessor at 32
// registers): at order 8 the x halo of a 64 x 8 tile is as many cells as the tile (4 + 4 rows of
// 8), so every plane's L2 -> SM loads are 4.1 floats per point; 16 rows cut that to 3.6, what
// order 4 pays on 64 x 8 tiles, where the prefetch kernel reached 65 % of the H200's peak.
#define SW_STENCIL3D_WIDE(R)                                                                    \
    SW_KERNEL void __launch_bounds__(1024, 2) stencil3d_wide_r##R(const float* __restrict__ u,     \
            float* __restrict__ un, const float* __restrict__ m, int nx, int nz, Region g,      \
            int yChunk, StencilWeights c) {                                                    \
        stencil3d<R, 64, 16, false, 2>(u, un, m, nx, nz, g, yChunk, c);                         \
    }
#define SW_STENCIL2D(R)                                                                         \
    SW_KERNEL void __launch_bounds__(256) stencil2d_r##R(const float* __restrict__ u,           \
            float* __restrict__ un, const float* __restrict__ m, int nz, Region g, int xChunk,  \
            StencilWeights c) {                                                                \
        stencil2dMarch<R, 256>(u, un, m, nz, g, xChunk, c);                                     \
    }                                                                                           \
    SW_KERNEL void stencil2d_direct_r##R(const float* __restrict__ u, float* __restrict__ un,   \
            const float* __restrict__ m, int nz, Region g, StencilWeights c) {                  \
        stencil2d<R>(u, un, m, nz, g, c);                                                       \
    }

#define SW_STENCIL3D_BULK(R)                                                                    \
    SW_KERNEL void __launch_bounds__(512, 4) stencil3d_bulk_r##R(const float* __restrict__ u,      \
            float* __restrict__ un, const float* __restrict__ m, int nx, int nz, Region g,      \
            int yChunk, StencilWeights c) {                                                    \
        stencil3dBulk<R, 64, 8, 2>(u, un, m, nx, nz, g, yChunk, c);                             \
    }

SW_STENCIL3D(1)
SW_STENCIL3D(2)
SW_STENCIL3D(4)
SW_STENCIL3D_PREFETCH(1)
SW_STENCIL3D_PREFETCH(2)
SW_STENCIL3D_PREFETCH(4)
SW_STENCIL3D_WIDE(1)
SW_STENCIL3D_WIDE(2)
SW_STENCIL3D_WIDE(4)
SW_STENCIL3D_BULK(2)
SW_STENCIL3D_BULK(4)
SW_STENCIL2D(1)
SW_STENCIL2D(2)
SW_STENCIL2D(4)

// --------------------------------------------------------------------------------------------
// Convolutional PML (second-order form, Pasalic and McGarry 2010), one slab at a time, exactly
// as CpmlSlab: psi and zeta are stored only for the slab's box, which is the layer along the
// damped axis plus a zero halo of R cells on both sides, and the compute region along the
// other axes. Box-local index ((iy - by0) * bnx + (ix - bx0)) * bnz + (iz - bz0).
// --------------------------------------------------------------------------------------------

// The updated cells (the layer on one side of one axis) and the box geometry.
struct Slab {
    int axis;            // 0 = x, 1 = y, 2 = z
    Region cells;        // cells updated (inside the layer along the axis)
    int bx0, by0, bz0;   // padded coordinates of the box origin
    int bnx, bnz;        // box extent along x and z (y is not needed for indexing)
};

// First-derivative weights d1[k] = a_k / h (1/m) and second-derivative weights d2[k] = c_k / h^2
// (1/m^2) along the slab's axis, k = 0..R (d1[0] unused).
struct AxisWeights {
    float d1[5];
    float d2[5];
};

// The cell of this thread in a launch of (z, x) blocks over `g`, one y plane per blockIdx.z.
__device__ __forceinline__ bool regionCell(const Region& g, int& ix, int& iy, int& iz) {
    iz = g.z0 + blockIdx.x * blockDim.x + threadIdx.x;
    ix = g.x0 + blockIdx.y * blockDim.y + threadIdx.y;
    iy = g.y0 + blockIdx.z;
    return iz < g.z1 && ix < g.x1 && iy < g.y1;
}

__device__ __forceinline__ bool slabCell(const Slab& s, int& ix, int& iy, int& iz) {
    return regionCell(s.cells, ix, iy, iz);
}

__device__ __forceinline__ bool inRegion(const Region& g, int ix, int iy, int iz) {
    return ix >= g.x0 && ix < g.x1 && iy >= g.y0 && iy < g.y1 && iz >= g.z0 && iz < g.z1;
}

// The first and second derivatives along a slab's axis at a cell whose neighbour at offset k
// along that axis is at(k) (global memory in the one-thread-per-cell kernels, a register queue in
// the marching one): one association for all of them, so they compute the same floats.
template <int R, class At>
__device__ __forceinline__ float axisD1(const AxisWeights& w, At at) {
    float d = w.d1[1] * (at(1) - at(-1));
#pragma unroll
    for (int k = 2; k <= R; k++) {
        d += w.d1[k] * (at(k) - at(-k));
    }
    return d;
}

template <int R, class At>
__device__ __forceinline__ float axisD2(const AxisWeights& w, At at) {
    float d2 = w.d2[0] * at(0) + w.d2[1] * (at(1) + at(-1));
#pragma unroll
    for (int k = 2; k <= R; k++) {
        d2 += w.d2[k] * (at(k) + at(-k));
    }
    return d2;
}

// zeta = b zeta + a (d2U/dxi2 + dpsi/dxi), stored through `zeta`; returns dpsi/dxi + zeta (1/m^2
// times pressure), which the caller adds to un times m.
__device__ __forceinline__ float cpmlZetaTerm(float dpsi, float d2, float* zeta, float a, float b) {
    const float z = b * *zeta + a * (d2 + dpsi);
    *zeta = z;
    return dpsi + z;
}

// psi = b psi + a dU/dxi, as CpmlSlab.updatePsi. a, b: the axis' profile per padded index.
template <int R>
__device__ __forceinline__ void cpmlPsi(const float* __restrict__ u, float* __restrict__ psi,
                                        const float* __restrict__ a, const float* __restrict__ b,
                                        int nx, int nz, const Slab& s, const AxisWeights& w) {
    int ix, iy, iz;
    if (!slabCell(s, ix, iy, iz)) {
        return;
    }
    const size_t p = ((size_t) iy * nx + ix) * nz + iz;
    const size_t q = ((size_t) (iy - s.by0) * s.bnx + (ix - s.bx0)) * s.bnz + (iz - s.bz0);
    const ptrdiff_t sp = s.axis == 0 ? (ptrdiff_t) nz : (s.axis == 1 ? (ptrdiff_t) nx * nz : 1);
    const int c = s.axis == 0 ? ix : (s.axis == 1 ? iy : iz);
    const float d = axisD1<R>(w, [&](int k) { return u[p + k * sp]; });
    psi[q] = b[c] * psi[q] + a[c] * d;
}

// One slab's correction of the padded cell p = (ix, iy, iz), as CpmlSlab.correct: zeta = b zeta +
// a (d2U/dxi2 + dpsi/dxi), stored; returns dpsi/dxi + zeta (1/m^2 times pressure), which the
// caller adds to un times m. Shared by the correction kernel and the fused layer kernels, so both
// compute the same floats.
template <int R>
__device__ __forceinline__ float cpmlCellCorrection(const float* __restrict__ u, const float* __restrict__ psi,
                                                    float* __restrict__ zeta, const float* __restrict__ a,
                                                    const float* __restrict__ b, int nx, int nz, const Slab& s,
                                                    const AxisWeights& w, int ix, int iy, int iz, size_t p) {
    const size_t q = ((size_t) (iy - s.by0) * s.bnx + (ix - s.bx0)) * s.bnz + (iz - s.bz0);
    const ptrdiff_t sp = s.axis == 0 ? (ptrdiff_t) nz : (s.axis == 1 ? (ptrdiff_t) nx * nz : 1);
    const ptrdiff_t sq = s.axis == 0 ? (ptrdiff_t) s.bnz : (s.axis == 1 ? (ptrdiff_t) s.bnx * s.bnz : 1);
    const int c = s.axis == 0 ? ix : (s.axis == 1 ? iy : iz);
    const float dpsi = axisD1<R>(w, [&](int k) { return psi[q + k * sq]; });
    const float d2 = axisD2<R>(w, [&](int k) { return u[p + k * sp]; });
    return cpmlZetaTerm(dpsi, d2, zeta + q, a[c], b[c]);
}

// un += m (dpsi/dxi + zeta) over one slab's cells (the separate C-PML layout).
template <int R>
__device__ __forceinline__ void cpmlCorrect(const float* __restrict__ u, float* __restrict__ un,
                                            const float* __restrict__ m, const float* __restrict__ psi,
                                            float* __restrict__ zeta, const float* __restrict__ a,
                                            const float* __restrict__ b, int nx, int nz,
                                            const Slab& s, const AxisWeights& w) {
    int ix, iy, iz;
    if (!slabCell(s, ix, iy, iz)) {
        return;
    }
    const size_t p = ((size_t) iy * nx + ix) * nz + iz;
    un[p] += m[p] * cpmlCellCorrection<R>(u, psi, zeta, a, b, nx, nz, s, w, ix, iy, iz, p);
}

#define SW_CPML(R)                                                                              \
    SW_KERNEL void cpml_psi_r##R(const float* __restrict__ u, float* __restrict__ psi,          \
            const float* __restrict__ a, const float* __restrict__ b, int nx, int nz, Slab s,   \
            AxisWeights w) {                                                                   \
        cpmlPsi<R>(u, psi, a, b, nx, nz, s, w);                                                 \
    }                                                                                           \
    SW_KERNEL void cpml_correct_r##R(const float* __restrict__ u, float* __restrict__ un,       \
            const float* __restrict__ m, const float* __restrict__ psi,                        \
            float* __restrict__ zeta, const float* __restrict__ a,                             \
            const float* __restrict__ b, int nx, int nz, Slab s, AxisWeights w) {               \
        cpmlCorrect<R>(u, un, m, psi, zeta, a, b, nx, nz, s, w);                                \
    }

SW_CPML(1)
SW_CPML(2)
SW_CPML(4)

// --------------------------------------------------------------------------------------------
// Marching C-PML correction (the "marching" layout) for the slabs along x and y. psi along an
// axis depends only on u along that axis in the same column, so one thread can own a column of
// the slab: it marches along the damped axis through the layer, computes the new psi R cells ahead
// of the cell it corrects, and keeps u (3R + 1 cells) and the new psi (2R + 1) in register
// queues. Per cell it reads u, psi, zeta, un and m once and writes psi, zeta and un once, all
// coalesced along z; the one-thread-per-cell kernels (cpml_psi, then cpml_correct) read 2R + 1
// values of u and 2R of psi per cell through L1/L2, across planes for the y slabs. The same
// helpers (axisD1, axisD2, cpmlZetaTerm) in the same order, so the same floats. Cells of the box
// outside the layer hold psi = 0 (the zero halo), as the register queue does.
// Launch: SW_MARCH_THREADS threads along z per block, blockIdx.x over z, blockIdx.y over the face's
// other axis (y for an x slab, x for a y slab).
// --------------------------------------------------------------------------------------------
#define SW_MARCH_THREADS 128

template <int R>
__device__ __forceinline__ void cpmlMarch(const float* __restrict__ u, float* __restrict__ un,
                                          const float* __restrict__ m, float* __restrict__ psi,
                                          float* __restrict__ zeta, const float* __restrict__ a,
                                          const float* __restrict__ b, int nx, int nz, const Slab& s,
                                          const AxisWeights& w) {
    const Region& g = s.cells;
    const bool alongX = s.axis == 0;
    const int iz = g.z0 + blockIdx.x * blockDim.x + threadIdx.x;
    const int other = (alongX ? g.y0 : g.x0) + blockIdx.y;
    if (iz >= g.z1 || other >= (alongX ? g.y1 : g.x1)) {
        return;
    }
    const int l0 = alongX ? g.x0 : g.y0;
    const int l1 = alongX ? g.x1 : g.y1;
    const int ix0 = alongX ? l0 : other;
    const int iy0 = alongX ? other : l0;
    const ptrdiff_t sp = alongX ? (ptrdiff_t) nz : (ptrdiff_t) nx * nz;
    const ptrdiff_t sq = alongX ? (ptrdiff_t) s.bnz : (ptrdiff_t) s.bnx * s.bnz;
    size_t p = ((size_t) iy0 * nx + ix0) * nz + iz;
    size_t q = ((size_t) (iy0 - s.by0) * s.bnx + (ix0 - s.bx0)) * s.bnz + (iz - s.bz0);
    // Before the step of cell l: uq[j] holds u at l - R - 1 + j, pq[j] the new psi at l - R - 1 + j.
    float uq[3 * R + 1];
    float pq[2 * R + 1];
#pragma unroll
    for (int j = 0; j <= 3 * R; j++) {
        const int at = l0 - R - 1 + j;  // u beyond l1 + R - 1 is never used
        uq[j] = at >= 0 && at < l1 + R ? u[p + (j - R - 1) * sp] : 0.f;
    }
#pragma unroll
    for (int j = 0; j <= 2 * R; j++) {
        pq[j] = 0.f;  // before the layer: the box's zero halo
    }
#pragma unroll
    for (int k = 0; k < R; k++) {  // the new psi of the layer's first R cells
        if (l0 + k < l1) {
            float* cell = psi + q + k * sq;
            const float d = axisD1<R>(w, [&](int o) { return uq[k + R + 1 + o]; });
            *cell = b[l0 + k] * *cell + a[l0 + k] * d;
            pq[R + 1 + k] = *cell;
        }
    }
    for (int l = l0; l < l1; l++, p += sp, q += sq) {
#pragma unroll
        for (int j = 0; j < 3 * R; j++) {
            uq[j] = uq[j + 1];
        }
        uq[3 * R] = l + R < l1 ? u[p + 2 * R * sp] : 0.f;
#pragma unroll
        for (int j = 0; j < 2 * R; j++) {
            pq[j] = pq[j + 1];
        }
        pq[2 * R] = 0.f;  // beyond the layer: the zero halo
        if (l + R < l1) {  // the new psi R cells ahead
            float* cell = psi + q + R * sq;
            const float d = axisD1<R>(w, [&](int o) { return uq[2 * R + o]; });
            *cell = b[l + R] * *cell + a[l + R] * d;
            pq[2 * R] = *cell;
        }
        const float dpsi = axisD1<R>(w, [&](int o) { return pq[R + o]; });
        const float d2 = axisD2<R>(w, [&](int o) { return uq[R + o]; });
        un[p] += m[p] * cpmlZetaTerm(dpsi, d2, zeta + q, a[l], b[l]);
    }
}

#define SW_CPML_MARCH(R)                                                                        \
    SW_KERNEL void __launch_bounds__(SW_MARCH_THREADS) cpml_march_r##R(const float* __restrict__ u, \
            float* __restrict__ un, const float* __restrict__ m, float* __restrict__ psi,       \
            float* __restrict__ zeta, const float* __restrict__ a, const float* __restrict__ b, \
            int nx, int nz, Slab s, AxisWeights w) {                                            \
        cpmlMarch<R>(u, un, m, psi, zeta, a, b, nx, nz, s, w);                                  \
    }

SW_CPML_MARCH(1)
SW_CPML_MARCH(2)
SW_CPML_MARCH(4)

// --------------------------------------------------------------------------------------------
// Fused layer update (the default C-PML layout): the stencil and every slab's correction of a
// layer cell in one pass. The separate layout reads u, un and m for a layer cell in the stencil
// and again in each correction kernel (40 B per slab cell on top of the stencil's 16 B per
// point); here they are read once, and only psi (neighbours along the damped axis) and zeta are
// extra: about 24 B per slab cell including the psi kernel, which stays separate because
// dpsi/dxi needs the new psi of cells other blocks own.
//
// The interior box (no slab) runs the tiled 3D or 2D stencil; the layer region around it is cut
// into at most six boxes (x low/high over all y and z, y low/high within the interior x, z
// low/high within the interior x and y) and each box runs this kernel, one thread per cell,
// 32 x 8 blocks over (z, x), blockIdx.z over y. Each cell applies the slabs that contain it in the
// CPU's order, with the same helpers and the same association as the tiled stencils and
// cpml_correct, so the fields are the separate layout's bit for bit (KernelEmulationTest).
// --------------------------------------------------------------------------------------------

// The slabs of a propagator, in the CPU's order (count <= 6), and the weights along each one's
// axis. Passed by value; the loops over them unroll, so every field is a constant parameter offset.
constexpr int SW_MAX_SLABS = 6;
struct LayerSlabs {
    int count;
    Slab s[SW_MAX_SLABS];
};
struct LayerWeights {
    AxisWeights w[SW_MAX_SLABS];
};

template <int R, bool THREE_D>
__device__ __forceinline__ void stencilLayers(const float* __restrict__ u, float* __restrict__ un,
                                              const float* __restrict__ m, int nx, int nz, Region box,
                                              const StencilWeights& c, const LayerSlabs& L,
                                              const LayerWeights& W, const float* const* psi,
                                              float* const* zeta, const float* ax, const float* bx,
                                              const float* ay, const float* by, const float* az,
                                              const float* bz) {
    int ix, iy, iz;
    if (!regionCell(box, ix, iy, iz)) {
        return;
    }
    const size_t sx = (size_t) nz;
    const size_t sy = (size_t) nx * nz;
    const size_t p = ((size_t) iy * nx + ix) * nz + iz;
    // The Laplacian in the tiled kernels' association: centre, z, y (3D), x.
    float lap = c.w[0] * u[p];
#pragma unroll
    for (int k = 1; k <= R; k++) {
        lap += c.w[k] * (u[p - k] + u[p + k]);
    }
    if (THREE_D) {
#pragma unroll
        for (int k = 1; k <= R; k++) {
            lap += c.w[8 + k] * (u[p - k * sy] + u[p + k * sy]);
        }
    }
#pragma unroll
    for (int k = 1; k <= R; k++) {
        lap += c.w[4 + k] * (u[p - k * sx] + u[p + k * sx]);
    }
    const float mp = m[p];
    float v = 2.f * u[p] - un[p] + mp * lap;
#pragma unroll
    for (int k = 0; k < SW_MAX_SLABS; k++) {
        const Slab& s = L.s[k];
        if (k < L.count && inRegion(s.cells, ix, iy, iz)) {
            // Selects, not an array indexed by the axis (that would go through local memory).
            const float* a = s.axis == 0 ? ax : (s.axis == 1 ? ay : az);
            const float* b = s.axis == 0 ? bx : (s.axis == 1 ? by : bz);
            v += mp * cpmlCellCorrection<R>(u, psi[k], zeta[k], a, b, nx, nz, s, W.w[k], ix, iy, iz, p);
        }
    }
    un[p] = v;
}

// Entry points: psi0..5 and zeta0..5 are the slabs' memory variables in LayerSlabs order (unused
// ones may repeat any pointer), ax..bz the x, y and z profiles (2D: y may repeat x).
#define SW_LAYERS(NAME, R, THREE_D)                                                              \
    SW_KERNEL void NAME(const float* __restrict__ u, float* __restrict__ un,                    \
            const float* __restrict__ m, int nx, int nz, Region box, StencilWeights c,          \
            LayerSlabs L, LayerWeights W, const float* psi0, const float* psi1,                 \
            const float* psi2, const float* psi3, const float* psi4, const float* psi5,          \
            float* zeta0, float* zeta1, float* zeta2, float* zeta3, float* zeta4, float* zeta5,  \
            const float* ax, const float* bx, const float* ay, const float* by,                \
            const float* az, const float* bz) {                                                 \
        const float* psi[SW_MAX_SLABS] = {psi0, psi1, psi2, psi3, psi4, psi5};                  \
        float* zeta[SW_MAX_SLABS] = {zeta0, zeta1, zeta2, zeta3, zeta4, zeta5};                 \
        stencilLayers<R, THREE_D>(u, un, m, nx, nz, box, c, L, W, psi, zeta, ax, bx, ay, by, az, bz); \
    }

SW_LAYERS(stencil_cpml3d_r1, 1, true)
SW_LAYERS(stencil_cpml3d_r2, 2, true)
SW_LAYERS(stencil_cpml3d_r4, 4, true)
SW_LAYERS(stencil_cpml2d_r1, 1, false)
SW_LAYERS(stencil_cpml2d_r2, 2, false)
SW_LAYERS(stencil_cpml2d_r4, 4, false)

// --------------------------------------------------------------------------------------------
// Free surface: antisymmetric mirror at padded z = surface (user iz = 0), as the end of
// Propagator.updatePhase: un(surface) = 0, un(surface - k) = -un(surface + k), k = 1..r.
// One thread per (x, y) column of [x0, x1) x [y0, y1); grid.y runs over y.
// --------------------------------------------------------------------------------------------
SW_KERNEL void free_surface(float* __restrict__ un, int nx, int nz, int x0, int x1, int y0,
                            int r, int surface) {
    const int ix = x0 + blockIdx.x * blockDim.x + threadIdx.x;
    const int iy = y0 + blockIdx.y;
    if (ix >= x1) {
        return;
    }
    float* col = un + ((size_t) iy * nx + ix) * nz;
    col[surface] = 0.f;
    for (int k = 1; k <= r; k++) {
        col[surface - k] = -col[surface + k];
    }
}

// --------------------------------------------------------------------------------------------
// Sources and receivers through PointSpread (Hicks windowed-sinc weights, computed on the host
// by engine.cpu.PointSpread and uploaded once per shot).
// --------------------------------------------------------------------------------------------

// field[idx[i]] += (amp[owner[i]] * scale) * w[i] * m[idx[i]] for the n spread entries: the
// source term dt^2 v^2 f delta of PointSpread.inject with scale = 1 / cell volume. owner[i] picks
// the amplitude (0 for a single source; the receiver number for RTM's backward injection of
// time-reversed traces, whose spreads may overlap, hence the atomic add).
SW_KERNEL void inject_points(float* __restrict__ field, const float* __restrict__ m,
                             const int* __restrict__ idx, const float* __restrict__ w,
                             const int* __restrict__ owner, const float* __restrict__ amp,
                             float scale, int n) {
    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) {
        return;
    }
    const int c = idx[i];
    const float amount = amp[owner[i]] * scale;
    atomicAdd(field + c, amount * w[i] * m[c]);
}

// out[r] = sum over entries j in [start[r], start[r+1]) of w[j] * field[idx[j]], in the entries'
// order (PointSpread.sample). One thread per receiver.
SW_KERNEL void sample_points(const float* __restrict__ field, const int* __restrict__ idx,
                             const float* __restrict__ w, const int* __restrict__ start,
                             int receivers, float* __restrict__ out) {
    const int r = blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= receivers) {
        return;
    }
    float s = 0.f;
    for (int j = start[r]; j < start[r + 1]; j++) {
        s += w[j] * field[idx[j]];
    }
    out[r] = s;
}

// --------------------------------------------------------------------------------------------
// Reverse-time migration building blocks (driven by the RTM driver; see docs/gpu.md).
// --------------------------------------------------------------------------------------------

// User-grid geometry inside the padded grid: user node (0,0,0) sits at padded (offX, offY, offZ).
struct UserBox {
    int offX, offY, offZ;
    int unx, uny, unz;
};

// Cross-correlation imaging condition on the user grid: image += s r, illum += s s, where s and
// r are the padded source and receiver wavefields at the same time level, image and illum are
// user-sized (z contiguous, (iy * unx + ix) * unz + iz). Grid: x over z, y over x, z over y.
SW_KERNEL void image_xcorr(const float* __restrict__ s, const float* __restrict__ r,
                           float* __restrict__ image, float* __restrict__ illum, int nx, int nz,
                           UserBox b) {
    const int iz = blockIdx.x * blockDim.x + threadIdx.x;
    const int ix = blockIdx.y * blockDim.y + threadIdx.y;
    const int iy = blockIdx.z;
    if (iz >= b.unz || ix >= b.unx || iy >= b.uny) {
        return;
    }
    const size_t p = ((size_t) (iy + b.offY) * nx + (ix + b.offX)) * nz + (iz + b.offZ);
    const size_t o = ((size_t) iy * b.unx + ix) * b.unz + iz;
    const float sv = s[p];
    image[o] += sv * r[p];
    illum[o] += sv * sv;
}

// Source-normalised image: image /= (illum + eps), eps >= 0 in the units of illum, n cells.
SW_KERNEL void image_normalize(float* __restrict__ image, const float* __restrict__ illum,
                               float eps, long long n) {
    const long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) {
        return;
    }
    image[i] = image[i] / (illum[i] + eps);
}

// Boundary ring of width r of the box [x0, x1) x [y0, y1) x [z0, z1) of padded cells: the cells of
// the box within r of its faces, enumerated in a fixed order (ring index):
//   part A, z faces:  ((iy - y0) * Lx + (ix - x0)) * 2r + k,       k < r top, else bottom;
//   part B, x faces:  after A, ((iy - y0) * 2r + kx) * (Lz - 2r) + (iz - z0 - r);
//   part C, y faces (3D only, threeD != 0): after B, (ky * (Lx - 2r) + (ix - x0 - r)) * (Lz - 2r)
//                     + (iz - z0 - r).
// Size: Lx Ly Lz - (Lx - 2r)(Ly - 2r)(Lz - 2r) in 3D, Lx Lz - (Lx - 2r)(Lz - 2r) in 2D (Ly = 1).
// save != 0: ring[i] = field[cell]; save == 0: field[cell] = ring[i] (restore).
// Saving the ring of level n during the forward pass and restoring it after each reverse step
// (the same stencil kernel run backwards in time, restricted to the box) reconstructs the
// source wavefield inside the box without storing it.
struct RingBox {
    int x0, x1, y0, y1, z0, z1;
    int r;
    int threeD;
};

__device__ __forceinline__ long long ringCell(const RingBox& b, long long i, int nx, int nz) {
    const long long lx = b.x1 - b.x0;
    const long long ly = b.y1 - b.y0;
    const long long lz = b.z1 - b.z0;
    const long long r2 = 2LL * b.r;
    const long long a = lx * ly * r2;
    int ix, iy, iz;
    if (i < a) {
        const long long k = i % r2;
        const long long xy = i / r2;
        ix = b.x0 + (int) (xy % lx);
        iy = b.y0 + (int) (xy / lx);
        iz = k < b.r ? b.z0 + (int) k : b.z1 - (int) r2 + (int) k;
    } else {
        i -= a;
        const long long lzi = lz - r2;
        const long long bcount = ly * r2 * lzi;
        if (i < bcount) {
            iz = b.z0 + b.r + (int) (i % lzi);
            const long long t = i / lzi;
            const long long kx = t % r2;
            iy = b.y0 + (int) (t / r2);
            ix = kx < b.r ? b.x0 + (int) kx : b.x1 - (int) r2 + (int) kx;
        } else {
            i -= bcount;
            const long long lxi = lx - r2;
            iz = b.z0 + b.r + (int) (i % lzi);
            const long long t = i / lzi;
            ix = b.x0 + b.r + (int) (t % lxi);
            const long long ky = t / lxi;
            iy = ky < b.r ? b.y0 + (int) ky : b.y1 - (int) r2 + (int) ky;
        }
    }
    return ((long long) iy * nx + ix) * nz + iz;
}

SW_KERNEL void ring_copy(float* __restrict__ field, float* __restrict__ ring, int nx, int nz,
                         RingBox b, long long count, int save) {
    const long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= count) {
        return;
    }
    const long long c = ringCell(b, i, nx, nz);
    if (save) {
        ring[i] = field[c];
    } else {
        field[c] = ring[i];
    }
}
