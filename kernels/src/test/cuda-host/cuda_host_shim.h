// Host emulation of the CUDA features seiswork.cu uses, so that the real kernel source can be
// compiled with g++ and executed on the CPU (KernelEmulationTest). Blocks run one after another;
// the threads of a block run as fibers (ucontext) when the kernel uses __syncthreads (stencil3d):
// __syncthreads returns to a scheduler that runs every fiber of the block up to its next barrier
// before any goes on, which is the barrier's contract. Other kernels run their threads one after
// another. __shared__ becomes a function-static array, shared by the threads of the (single)
// running block.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>

struct dim3 {
    unsigned x = 1, y = 1, z = 1;
};
extern thread_local dim3 threadIdx;
extern thread_local dim3 blockIdx;
extern dim3 blockDim;
extern dim3 gridDim;
void sw_yield_to_scheduler();  // the fiber barrier (emulate.cpp)
extern bool sw_in_fiber;

#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __shared__ static
#define __restrict__ __restrict

inline void __syncthreads() {
    if (sw_in_fiber) {
        sw_yield_to_scheduler();
    }
}

inline float atomicAdd(float* p, float v) {
    std::atomic_ref<float> r(*p);
    return r.fetch_add(v);
}

using std::max;
using std::min;

// Bulk copies and mbarriers (the sm_90 stencil3dBulk): a copy is a memcpy done at once; the
// mbarrier counts the expected arrival and bytes as the hardware does, so a kernel whose byte
// accounting or copy alignment is wrong fails here (on a GPU it would hang or fault) instead of
// passing. A wait for a phase that has not completed exits: the kernel issues every copy it waits
// for before a __syncthreads that precedes the wait, so with copies done at issue the phase must
// already be complete.
#define SW_HOST_EMULATION 1
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

struct SwHostBarrier {
    int32_t tx;        // bytes expected minus bytes delivered in the current phase
    uint16_t pending;  // arrivals still expected in the current phase
    uint8_t count;     // arrivals per phase
    uint8_t phase;     // parity of the current phase
};
static_assert(sizeof(SwHostBarrier) == sizeof(uint64_t), "an mbarrier is 8 bytes");

[[noreturn]] inline void swHostFail(const char* what) {
    std::fprintf(stderr, "cuda-emulator: %s\n", what);
    std::exit(3);
}

inline SwHostBarrier swHostLoad(const uint64_t* bar) {
    SwHostBarrier b;
    std::memcpy(&b, bar, sizeof b);
    return b;
}

inline void swHostStore(uint64_t* bar, SwHostBarrier b) {
    if (b.pending == 0 && b.tx == 0) {  // the phase completes
        b.phase ^= 1;
        b.pending = b.count;
    }
    std::memcpy(bar, &b, sizeof b);
}

inline void swBarrierInit(uint64_t* bar) {
    SwHostBarrier b{0, 1, 1, 0};
    std::memcpy(bar, &b, sizeof b);
}

inline void swBarrierInitFence() {
}

inline void swBarrierExpect(uint64_t* bar, unsigned bytes) {
    SwHostBarrier b = swHostLoad(bar);
    if (b.pending == 0) {
        swHostFail("mbarrier arrival beyond its count");
    }
    b.pending--;
    b.tx += (int32_t) bytes;
    swHostStore(bar, b);
}

inline void swBulkLoad(float* dst, const float* src, unsigned bytes, uint64_t* bar) {
    if ((reinterpret_cast<uintptr_t>(dst) | reinterpret_cast<uintptr_t>(src) | bytes) % 16 != 0 || bytes == 0) {
        swHostFail("bulk copy with an address or size that is not a multiple of 16 bytes");
    }
    std::memcpy(dst, src, bytes);
    SwHostBarrier b = swHostLoad(bar);
    b.tx -= (int32_t) bytes;
    swHostStore(bar, b);
}

inline void swBarrierWait(uint64_t* bar, unsigned parity) {
    if (swHostLoad(bar).phase == (parity & 1)) {
        swHostFail("mbarrier wait for a phase that cannot complete (bytes or arrivals missing)");
    }
}

// L2 prefetch hints (stencil3d's L2AHEAD variant) do nothing here, but field[i] must lie in
// the buffer that holds field: on a GPU a prefetch of a wrong plane is silent (or reads another
// allocation), so this is where a wrong plane or index shows. emulate.cpp registers every buffer.
#include <utility>
#include <vector>
inline std::vector<std::pair<const char*, size_t>> swHostBuffers;
inline void swPrefetchL2(const float* field, size_t i) {
    const char* base = reinterpret_cast<const char*>(field);
    for (const auto& b : swHostBuffers) {
        if (base >= b.first && base < b.first + b.second) {
            if (base + (i + 1) * sizeof(float) > b.first + b.second) {
                swHostFail("L2 prefetch beyond the end of the field's buffer");
            }
            return;
        }
    }
    swHostFail("L2 prefetch of a field that is no buffer");
}
