// Executes a launch program written by KernelEmulationTest with the kernels of seiswork.cu
// compiled for the host. Usage: cuda-emulator PROGRAM OUTPUT
//
// Program (little endian): int32 magic 0x53574531; int32 buffers, each: int64 bytes, int32 kind
// (0 zero, 1 floats, 2 ints), for kinds 1/2 int32 count + data; int32 calls, each: int32 name
// length + name, int32 gx gy gz bx by, int32 args, each: int32 tag (0 buffer: int32 id, int64 byte
// offset; 1 int32; 2 float; 3 int64; 4 struct: int32 bytes + bytes); int32 outputs, each int32
// buffer id. Output: for each output buffer, int64 bytes + data.
#include "cuda_host_shim.h"

#include "../../main/cuda/seiswork.cu"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <ucontext.h>

thread_local dim3 threadIdx;
thread_local dim3 blockIdx;
dim3 blockDim;
dim3 gridDim;
bool sw_in_fiber = false;

namespace {

// One fiber per thread of a block; all run on the main OS thread.
struct Fiber {
    ucontext_t ctx;
    dim3 tid;
    bool done;
};
constexpr size_t kStack = 64 * 1024;
ucontext_t scheduler;
std::vector<Fiber> fibers;
std::vector<std::vector<char>> stacks;
Fiber* running = nullptr;
const std::function<void(void**)>* fiberFn = nullptr;
void** fiberParams = nullptr;

void fiberEntry() {
    fiberFn->operator()(fiberParams);
    running->done = true;
}

}  // namespace

void sw_yield_to_scheduler() {
    swapcontext(&running->ctx, &scheduler);
}

namespace {

struct Reader {
    std::vector<char> data;
    size_t pos = 0;
    template <typename T>
    T get() {
        if (pos + sizeof(T) > data.size()) throw std::runtime_error("program truncated");
        T v;
        std::memcpy(&v, data.data() + pos, sizeof(T));
        pos += sizeof(T);
        return v;
    }
    void bytes(void* out, size_t n) {
        if (pos + n > data.size()) throw std::runtime_error("program truncated");
        std::memcpy(out, data.data() + pos, n);
        pos += n;
    }
};

using Fn = std::function<void(void**)>;
struct Kernel {
    Fn fn;
    bool barrier;
};

// Bytes the program gave for each argument of the launch in progress: every argument is read
// through arg<T>, which stops the run when they differ from sizeof(T), so a Java struct whose
// packing does not match the C struct fails here instead of reading past its end on a GPU.
std::vector<size_t> argSizes;

template <typename T>
T& arg(void** p, int i) {
    if (argSizes.at(i) != sizeof(T)) {
        std::fprintf(stderr, "cuda-emulator: argument %d has %zu bytes, the kernel expects %zu\n", i, argSizes[i],
                     sizeof(T));
        std::exit(3);
    }
    return *(T*) p[i];
}

#define PV(i) arg<void*>(p, i)
#define PF(i) ((float*) PV(i))
#define PI(i) ((int*) PV(i))
#define AS(T, i) arg<T>(p, i)

std::map<std::string, Kernel> kernels() {
    std::map<std::string, Kernel> k;
#define ST3(R) k["stencil3d_r" #R] = {[](void** p) { stencil3d_r##R(PF(0), PF(1), PF(2), AS(int, 3), AS(int, 4), AS(Region, 5), AS(int, 6), AS(StencilWeights, 7)); }, true};
#define ST3P(R) k["stencil3d_pf_r" #R] = {[](void** p) { stencil3d_pf_r##R(PF(0), PF(1), PF(2), AS(int, 3), AS(int, 4), AS(Region, 5), AS(int, 6), AS(StencilWeights, 7)); }, true};
#define ST3W(R) k["stencil3d_wide_r" #R] = {[](void** p) { stencil3d_wide_r##R(PF(0), PF(1), PF(2), AS(int, 3), AS(int, 4), AS(Region, 5), AS(int, 6), AS(StencilWeights, 7)); }, true};
#define ST3B(R) k["stencil3d_bulk_r" #R] = {[](void** p) { stencil3d_bulk_r##R(PF(0), PF(1), PF(2), AS(int, 3), AS(int, 4), AS(Region, 5), AS(int, 6), AS(StencilWeights, 7)); }, true};
#define ST2(R)                                                                                                   \
    k["stencil2d_r" #R] = {[](void** p) { stencil2d_r##R(PF(0), PF(1), PF(2), AS(int, 3), AS(Region, 4), AS(int, 5), AS(StencilWeights, 6)); }, true}; \
    k["stencil2d_direct_r" #R] = {[](void** p) { stencil2d_direct_r##R(PF(0), PF(1), PF(2), AS(int, 3), AS(Region, 4), AS(StencilWeights, 5)); }, false};
#define PML(R)                                                                                                   \
    k["cpml_psi_r" #R] = {[](void** p) { cpml_psi_r##R(PF(0), PF(1), PF(2), PF(3), AS(int, 4), AS(int, 5), AS(Slab, 6), AS(AxisWeights, 7)); }, false}; \
    k["cpml_correct_r" #R] = {[](void** p) { cpml_correct_r##R(PF(0), PF(1), PF(2), PF(3), PF(4), PF(5), PF(6), AS(int, 7), AS(int, 8), AS(Slab, 9), AS(AxisWeights, 10)); }, false}; \
    k["cpml_march_r" #R] = {[](void** p) { cpml_march_r##R(PF(0), PF(1), PF(2), PF(3), PF(4), PF(5), PF(6), AS(int, 7), AS(int, 8), AS(Slab, 9), AS(AxisWeights, 10)); }, false};
#define LAY(D, R) k["stencil_cpml" #D "d_r" #R] = {[](void** p) { stencil_cpml##D##d_r##R(PF(0), PF(1), PF(2), AS(int, 3), AS(int, 4), AS(Region, 5), AS(StencilWeights, 6), AS(LayerSlabs, 7), AS(LayerWeights, 8), PF(9), PF(10), PF(11), PF(12), PF(13), PF(14), PF(15), PF(16), PF(17), PF(18), PF(19), PF(20), PF(21), PF(22), PF(23), PF(24), PF(25), PF(26)); }, false};
    LAY(2, 1) LAY(2, 2) LAY(2, 4) LAY(3, 1) LAY(3, 2) LAY(3, 4)
    ST3(1) ST3(2) ST3(4) ST3P(1) ST3P(2) ST3P(4) ST3W(1) ST3W(2) ST3W(4) ST3B(2) ST3B(4) ST2(1) ST2(2) ST2(4) PML(1) PML(2) PML(4)
    k["free_surface"] = {[](void** p) { free_surface(PF(0), AS(int, 1), AS(int, 2), AS(int, 3), AS(int, 4), AS(int, 5), AS(int, 6), AS(int, 7)); }, false};
    k["inject_points"] = {[](void** p) { inject_points(PF(0), PF(1), PI(2), PF(3), PI(4), PF(5), AS(float, 6), AS(int, 7)); }, false};
    k["sample_points"] = {[](void** p) { sample_points(PF(0), PI(1), PF(2), PI(3), AS(int, 4), PF(5)); }, false};
    k["image_xcorr"] = {[](void** p) { image_xcorr(PF(0), PF(1), PF(2), PF(3), AS(int, 4), AS(int, 5), AS(UserBox, 6)); }, false};
    k["image_normalize"] = {[](void** p) { image_normalize(PF(0), PF(1), AS(float, 2), AS(long long, 3)); }, false};
    k["ring_copy"] = {[](void** p) { ring_copy(PF(0), PF(1), AS(int, 2), AS(int, 3), AS(RingBox, 4), AS(long long, 5), AS(int, 6)); }, false};
    return k;
}

void launch(const Kernel& k, dim3 grid, dim3 block, void** params) {
    gridDim = grid;
    blockDim = block;
    for (unsigned bz = 0; bz < grid.z; bz++)
        for (unsigned by = 0; by < grid.y; by++)
            for (unsigned bx = 0; bx < grid.x; bx++) {
                dim3 b{bx, by, bz};
                if (!k.barrier) {
                    blockIdx = b;
                    for (unsigned ty = 0; ty < block.y; ty++)
                        for (unsigned tx = 0; tx < block.x; tx++) {
                            threadIdx = dim3{tx, ty, 0};
                            k.fn(params);
                        }
                    continue;
                }
                const unsigned n = block.x * block.y;
                if (fibers.size() < n) {
                    fibers.resize(n);
                    stacks.resize(n, std::vector<char>(kStack));
                }
                fiberFn = &k.fn;
                fiberParams = params;
                blockIdx = b;
                for (unsigned i = 0; i < n; i++) {
                    Fiber& f = fibers[i];
                    f.tid = dim3{i % block.x, i / block.x, 0};
                    f.done = false;
                    getcontext(&f.ctx);
                    f.ctx.uc_stack.ss_sp = stacks[i].data();
                    f.ctx.uc_stack.ss_size = kStack;
                    f.ctx.uc_link = &scheduler;
                    makecontext(&f.ctx, fiberEntry, 0);
                }
                sw_in_fiber = true;
                for (bool any = true; any;) {
                    // One round: every live fiber runs to its next barrier (or its end).
                    any = false;
                    for (unsigned i = 0; i < n; i++) {
                        Fiber& f = fibers[i];
                        if (f.done) {
                            continue;
                        }
                        running = &f;
                        threadIdx = f.tid;
                        swapcontext(&scheduler, &f.ctx);
                        any = any || !f.done;
                    }
                }
                sw_in_fiber = false;
            }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: cuda-emulator PROGRAM OUTPUT\n");
        return 64;
    }
    try {
        Reader r;
        {
            std::ifstream in(argv[1], std::ios::binary);
            r.data.assign(std::istreambuf_iterator<char>(in), {});
        }
        if (r.get<int32_t>() != 0x53574531) throw std::runtime_error("bad magic");
        int nbuf = r.get<int32_t>();
        std::vector<std::vector<float>> bufs(nbuf);  // float storage: 4-byte aligned for ints too
        for (int i = 0; i < nbuf; i++) {
            int64_t bytes = r.get<int64_t>();
            bufs[i].assign((bytes + 3) / 4, 0.f);
            int kind = r.get<int32_t>();
            if (kind != 0) {
                int count = r.get<int32_t>();
                r.bytes(bufs[i].data(), (size_t) count * 4);
            }
            swHostBuffers.emplace_back(reinterpret_cast<const char*>(bufs[i].data()), (size_t) bytes);
        }
        auto table = kernels();
        int ncalls = r.get<int32_t>();
        for (int c = 0; c < ncalls; c++) {
            int len = r.get<int32_t>();
            std::string name(len, '\0');
            r.bytes(name.data(), len);
            dim3 grid, block;
            grid.x = r.get<int32_t>();
            grid.y = r.get<int32_t>();
            grid.z = r.get<int32_t>();
            block.x = r.get<int32_t>();
            block.y = r.get<int32_t>();
            int nargs = r.get<int32_t>();
            std::vector<std::vector<char>> storage(nargs);
            std::vector<void*> params(nargs);
            for (int a = 0; a < nargs; a++) {
                int tag = r.get<int32_t>();
                switch (tag) {
                    case 0: {
                        int id = r.get<int32_t>();
                        int64_t off = r.get<int64_t>();
                        void* ptr = (char*) bufs.at(id).data() + off;
                        storage[a].resize(sizeof(void*));
                        std::memcpy(storage[a].data(), &ptr, sizeof(void*));
                        break;
                    }
                    case 1: storage[a].resize(4); r.bytes(storage[a].data(), 4); break;
                    case 2: storage[a].resize(4); r.bytes(storage[a].data(), 4); break;
                    case 3: storage[a].resize(8); r.bytes(storage[a].data(), 8); break;
                    case 4: {
                        int n = r.get<int32_t>();
                        storage[a].resize(n);
                        r.bytes(storage[a].data(), n);
                        break;
                    }
                    default: throw std::runtime_error("bad argument tag");
                }
                params[a] = storage[a].data();
            }
            argSizes.clear();
            for (auto& a : storage) argSizes.push_back(a.size());
            auto it = table.find(name);
            if (it == table.end()) throw std::runtime_error("unknown kernel " + name);
            launch(it->second, grid, block, params.data());
        }
        int nout = r.get<int32_t>();
        std::ofstream out(argv[2], std::ios::binary);
        for (int o = 0; o < nout; o++) {
            int id = r.get<int32_t>();
            int64_t bytes = (int64_t) bufs.at(id).size() * 4;
            out.write((const char*) &bytes, 8);
            out.write((const char*) bufs[id].data(), bytes);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "cuda-emulator: %s\n", e.what());
        return 1;
    }
    return 0;
}
