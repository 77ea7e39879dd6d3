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
#define __launch_bounds__(n)
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
