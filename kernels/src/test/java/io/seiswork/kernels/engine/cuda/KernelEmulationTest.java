package io.seiswork.kernels.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.time.TimeStepping;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.Misfit;
import io.seiswork.kernels.engine.PhysicsOptions;
import io.seiswork.kernels.engine.ShotRecord;
import io.seiswork.kernels.engine.ShotRequest;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import io.seiswork.kernels.engine.cpu.PointSpread;
import io.seiswork.kernels.engine.cpu.TraceResampler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real kernel source ({@code src/main/cuda/seiswork.cu}) compiled for the host with g++ and
 * a small CUDA shim ({@code src/test/cuda-host}), driven by the very {@link StepPlan} the GPU
 * engine launches (same buffers, arguments, launch shapes, order), against the CPU engine on the
 * same shot. No GPU needed: this checks the kernels' index arithmetic, the 2.5D tiling with its
 * barriers, the C-PML slabs, the free surface, injection and sampling, and the Java side's
 * arguments. It does not check what only a GPU shows (the PTX/SASS code generation, FMA
 * contraction, real concurrency between blocks, the trace pipeline's streams and events).
 * Skipped where there is no g++.
 */
class KernelEmulationTest {

    private static Path emulator;
    private static String skip;
    private static boolean built;
    private static CpuWaveEngine cpu;

    @BeforeAll
    static void engine() {
        cpu = new CpuWaveEngine();
    }

    /** Why the emulator is unavailable (no g++), or null. */
    static synchronized String skipReason() {
        emulator();
        return skip;
    }

    /**
     * The host build of seiswork.cu (target/cuda-emulator/cuda-emulator), compiled on first use
     * and when a source is newer; null when there is no g++.
     */
    static synchronized Path emulator() {
        if (built) {
            return emulator;
        }
        built = true;
        Path gxx = Stream.of("/usr/bin/g++", "/usr/local/bin/g++").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        if (gxx == null) {
            skip = "no g++ to compile the kernels for the host";
            return null;
        }
        try {
            Path src = Path.of("src/test/cuda-host/emulate.cpp");
            Path out = Path.of("target/cuda-emulator/cuda-emulator");
            Files.createDirectories(out.getParent());
            long newest = 0;
            for (Path p : List.of(src, Path.of("src/test/cuda-host/cuda_host_shim.h"),
                    Path.of("src/main/cuda/seiswork.cu"))) {
                newest = Math.max(newest, Files.getLastModifiedTime(p).toMillis());
            }
            if (!Files.exists(out) || Files.getLastModifiedTime(out).toMillis() < newest) {
                Process p = new ProcessBuilder(gxx.toString(), "-std=c++20", "-O2", "-Wall", "-Wno-unknown-pragmas",
                        "-Werror", src.toString(), "-o", out.toString()).redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new AssertionError("g++ failed on the host build of seiswork.cu:\n" + log);
                }
            }
            emulator = out;
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs calls (parity 0 arguments) on the emulator and returns the outputs' contents, little
     * endian.
     */
    static List<ByteBuffer> execute(List<StepPlan.Buffer> buffers, List<StepPlan.Call> calls,
            List<StepPlan.Buffer> outputs) throws IOException, InterruptedException {
        List<Integer> parities = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            parities.add(0);
        }
        return run(encode(buffers, calls, parities, outputs), outputs.size());
    }

    /**
     * Runs calls, each with the arguments of its parity, on the emulator and returns the outputs'
     * contents, little endian; null calls are skipped.
     */
    static List<ByteBuffer> execute(List<StepPlan.Buffer> buffers, List<StepPlan.Call> calls, List<Integer> parities,
            List<StepPlan.Buffer> outputs) throws IOException, InterruptedException {
        return run(encode(buffers, calls, parities, outputs), outputs.size());
    }

    private static List<ByteBuffer> run(byte[] program, int outputs) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of("target"), "emu");
        Path prog = dir.resolve("program.bin");
        Path result = dir.resolve("out.bin");
        try {
            Files.write(prog, program);
            Process p = new ProcessBuilder(emulator().toString(), prog.toString(), result.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(600, TimeUnit.SECONDS), "emulator timed out");
            assertEquals(0, p.exitValue(), log);
            ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(result)).order(ByteOrder.LITTLE_ENDIAN);
            List<ByteBuffer> out = new ArrayList<>();
            for (int i = 0; i < outputs; i++) {
                int bytes = (int) bb.getLong();
                ByteBuffer slice = bb.slice(bb.position(), bytes).order(ByteOrder.LITTLE_ENDIAN);
                bb.position(bb.position() + bytes);
                out.add(slice);
            }
            return out;
        } finally {
            Files.deleteIfExists(prog);
            Files.deleteIfExists(result);
            Files.delete(dir);
        }
    }

    @AfterAll
    static void close() {
        cpu.close();
    }

    private static ShotRequest shot(boolean threeD, int order, boolean freeSurface, int nz3d) {
        Grid g = threeD ? Grid.of3d(14, 12, nz3d, 10) : Grid.of2d(60, 45, 10);
        VelocityModel model = TwoLayerModel.on(g, 5f);
        double y = threeD ? 53.0 : 0;
        Position source = new Position(g.xAxis().last() / 2 + 3.0, y, 33.0);
        List<Position> receivers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            receivers.add(new Position(10.0 + i * (g.xAxis().last() - 20) / 5.0, threeD ? 30.0 + 9 * i : 0,
                    freeSurface ? 10.0 : 27.5));
        }
        receivers.add(new Position(g.xAxis().last() / 2, y, g.zAxis().last() - 15.0));
        PhysicsOptions physics = PhysicsOptions.defaults().withSpaceOrder(order).withBoundaryWidth(6)
                .withFreeSurface(freeSurface);
        Sampling out = new Sampling(threeD ? 25 : 70, 0.002, 0);
        return new ShotRequest(model, physics, source, RickerWavelet.of(40), receivers,
                TimeStepping.fromCfl(model, order, out));
    }

    /**
     * @param nz3d user nz of the 3D cases (60: two z tiles of 64, the second mostly idle)
     * @param yChunk forced y chunk of the 3D stencil (0 = automatic: one chunk on these grids)
     */
    @ParameterizedTest(name = "3D={0} order {1} free surface {2} nz {3} y chunk {4}, C-PML {5}")
    @CsvSource({"false,2,false,0,0,fused", "false,4,true,0,0,fused", "false,8,false,0,0,fused",
            "false,8,true,0,0,fused", "true,8,false,13,0,fused", "true,4,true,13,0,fused", "true,8,false,60,5,fused",
            "true,2,true,60,7,fused", "false,4,true,0,0,separate", "true,8,false,60,5,separate",
            "false,8,true,0,0,marching", "true,8,false,60,5,marching", "true,4,true,13,0,marching"})
    void hostBuiltKernelsReproduceTheCpuEngine(boolean threeD, int order, boolean freeSurface, int nz3d, int yChunk,
            String cpml) throws Exception {
        reproduceTheCpuEngine(threeD, order, freeSurface, nz3d, yChunk, StencilVariant.PIPELINED,
                CpmlLayout.parse(cpml));
    }

    /**
     * Every C-PML layout gives the separate layout's floats bit for bit: the fused one (interior
     * stencil, then stencil and corrections per layer box) and the marching one (the x and y
     * slabs' ψ and correction by threads marching along the damped axis with register queues);
     * both wavefields and every slab's ψ and ζ after three steps from random fields, so every
     * layer cell, corner and halo column is exercised. A layer box that missed or repeated a cell,
     * a slab applied in another order or with another association, a cell corrected by a slab
     * that does not hold it, or a queue one cell off would show here.
     */
    @ParameterizedTest(name = "3D={0} order {1} free surface {2} y chunk {3}")
    @CsvSource({"false,2,false,0", "false,4,true,0", "false,8,false,0", "false,8,true,0", "true,2,false,4",
            "true,4,true,0", "true,8,false,5", "true,8,true,3"})
    void everyCpmlLayoutGivesTheSeparateKernelsFloats(boolean threeD, int order, boolean freeSurface, int yChunk)
            throws Exception {
        assumeTrue(emulator() != null, skipReason());
        Grid g = threeD ? Grid.of3d(15, 11, 13, 10) : Grid.of2d(41, 33, 10);
        PhysicsOptions physics = PhysicsOptions.defaults().withSpaceOrder(order).withBoundaryWidth(5)
                .withFreeSurface(freeSurface);
        java.util.Map<CpmlLayout, List<ByteBuffer>> out = new java.util.EnumMap<>(CpmlLayout.class);
        java.util.Map<CpmlLayout, String> kernels = new java.util.EnumMap<>(CpmlLayout.class);
        for (CpmlLayout layout : CpmlLayout.values()) {
            StepPlan plan = new StepPlan(TwoLayerModel.on(g, 5f), physics, 1e-3, 20, yChunk,
                    StencilVariant.PIPELINED, layout);
            java.util.Random random = new java.util.Random(order);
            for (StepPlan.Buffer f : plan.fields) {
                float[] v = new float[(int) (f.bytes / Float.BYTES)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) random.nextGaussian();
                }
                f.floats = v;
            }
            List<StepPlan.Call> program = new ArrayList<>();
            List<Integer> parities = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                for (StepPlan.Call c : plan.step) {
                    program.add(c);
                    parities.add(n % 2);
                }
            }
            // Both fields, then ψ and ζ of every slab (the zeroed buffers after the fields).
            List<StepPlan.Buffer> outputs = plan.buffers.stream().filter(b -> b.zeroOnReset).toList();
            out.put(layout, execute(plan.buffers, program, parities, outputs));
            kernels.put(layout, plan.step.stream().map(StepPlan.Call::kernel).distinct().toList().toString());
        }
        assertTrue(kernels.get(CpmlLayout.FUSED).contains(CudaKernels.stencilCpml(threeD, order)),
                kernels.get(CpmlLayout.FUSED));
        String separateKernels = kernels.get(CpmlLayout.SEPARATE);
        assertTrue(!separateKernels.contains("stencil_cpml") && separateKernels.contains("cpml_correct")
                && !separateKernels.contains("cpml_march"), separateKernels);
        assertTrue(kernels.get(CpmlLayout.MARCHING).contains(CudaKernels.cpmlMarch(order)),
                kernels.get(CpmlLayout.MARCHING));
        List<ByteBuffer> separate = out.get(CpmlLayout.SEPARATE);
        for (CpmlLayout layout : List.of(CpmlLayout.FUSED, CpmlLayout.MARCHING)) {
            List<ByteBuffer> other = out.get(layout);
            assertEquals(separate.size(), other.size());
            long cells = 0;
            for (int b = 0; b < separate.size(); b++) {
                ByteBuffer o = other.get(b);
                ByteBuffer s = separate.get(b);
                assertEquals(s.remaining(), o.remaining(), layout + " buffer " + b);
                for (int i = 0; i < s.remaining(); i += 4) {
                    assertEquals(s.getInt(i), o.getInt(i), layout + " buffer " + b + " float " + i / 4);
                }
                cells += s.remaining() / 4;
            }
            System.out.printf("  [emulated kernels] %s vs separate C-PML, 3D=%s order %d free surface %s: %d floats "
                    + "identical after 3 steps (%s)%n", layout.key(), threeD, order, freeSurface, cells,
                    kernels.get(layout));
        }
    }

    /**
     * The marching 2D stencil (columns of 256 cells along z, chunks of columns along x, a shared
     * column and a register queue) gives the direct 2D kernel's floats bit for bit and writes
     * exactly the region's cells: over the compute region, and over regions inset from the halo
     * as reverse-time migration and the fused C-PML layout run it, with x chunks that end before,
     * at and after the queue's 2R columns, and z extents that leave most of a 256-cell tile idle
     * or cut a second one.
     */
    @ParameterizedTest(name = "order {0}, nz {1}, inset x {2} z {3}, x chunk {4}")
    @CsvSource({"8,60,0,0,0", "8,300,5,7,3", "4,300,0,3,1", "2,41,2,0,5", "8,520,9,30,8", "4,60,4,4,16"})
    void marching2dStencilMatchesTheDirectKernel(int order, int nz, int insetX, int insetZ, int xChunk)
            throws Exception {
        assumeTrue(emulator() != null, skipReason());
        Grid g = Grid.of2d(37, nz, 10);
        PhysicsOptions physics = PhysicsOptions.defaults().withSpaceOrder(order).withBoundaryWidth(6);
        StepPlan plan = new StepPlan(TwoLayerModel.on(g, 5f), physics, 1e-3, 20, xChunk);
        PaddedGrid pg = plan.grid;
        int r = pg.radius();
        int[] region = {r + insetX, pg.nx() - r - insetX, 0, 1, r + insetZ, pg.nz() - r - insetZ / 2};
        sameFloatsOnRegion(plan, region, StencilVariant.PIPELINED, StencilVariant.DIRECT, order * 100L + nz);
    }

    @Test
    void layerBoxesCoverTheRegionOutsideTheInteriorOnce() {
        for (boolean threeD : new boolean[] {false, true}) {
            for (boolean free : new boolean[] {false, true}) {
                Grid g = threeD ? Grid.of3d(9, 7, 8, 10) : Grid.of2d(12, 10, 10);
                StepPlan plan = new StepPlan(TwoLayerModel.on(g, 5f), PhysicsOptions.defaults().withSpaceOrder(4)
                        .withBoundaryWidth(3).withFreeSurface(free), 1e-3, 20);
                int[] region = plan.computeRegion;
                int[] inner = StepPlan.interiorBox(region, plan.slabs);
                List<int[]> boxes = StepPlan.layerBoxes(region, inner);
                long layer = 0;
                for (int[] b : boxes) {
                    layer += StepPlan.cells(b);
                }
                assertEquals(StepPlan.cells(region) - StepPlan.cells(inner), layer, "3D " + threeD);
                assertEquals(threeD ? (free ? 5 : 6) : (free ? 3 : 4), boxes.size(), "3D " + threeD + " free " + free);
                // Every cell of the region: in some slab exactly when it is in a layer box, and in one box at most.
                for (int x = region[0]; x < region[1]; x++) {
                    for (int y = region[2]; y < region[3]; y++) {
                        for (int z = region[4]; z < region[5]; z++) {
                            int in = 0;
                            for (int[] b : boxes) {
                                in += inside(b, x, y, z) ? 1 : 0;
                            }
                            boolean slab = false;
                            for (SlabGeometry s : plan.slabs) {
                                slab |= inside(s.kernelRegion(), x, y, z);
                            }
                            assertEquals(slab ? 1 : 0, in, "cell " + x + "," + y + "," + z);
                            assertEquals(!slab, inside(inner, x, y, z));
                        }
                    }
                }
            }
        }
    }

    private static boolean inside(int[] b, int x, int y, int z) {
        return x >= b[0] && x < b[1] && y >= b[2] && y < b[3] && z >= b[4] && z < b[5];
    }

    /**
     * The bulk-copy stencil (sm_90 entry point, host build of its copy and mbarrier steps): same
     * traces as the CPU. Chunks of 1, 2 and 3 planes are shorter than the two planes the copies
     * run ahead, 5 and 7 longer than the ring of u tiles (R + 3); nz 60 has a second, mostly idle
     * z tile whose rows are cut at the array's end; the host mbarrier fails the run if a copy's
     * bytes or alignment are wrong.
     */
    @ParameterizedTest(name = "order {0} free surface {1} nz {2} y chunk {3}")
    @CsvSource({"8,false,60,5", "8,true,13,0", "4,false,60,7", "4,true,13,1", "8,false,13,2", "8,false,60,3"})
    void bulkCopyStencilReproducesTheCpuEngine(int order, boolean freeSurface, int nz3d, int yChunk) throws Exception {
        // Separate C-PML: the stencil then covers the whole compute region, which starts on a
        // 16-byte boundary; the fused layout's interior box starts width 6 cells further in, which
        // is not, so it would keep the pipelined kernel (bulk on inset regions: the test below).
        reproduceTheCpuEngine(true, order, freeSurface, nz3d, yChunk, StencilVariant.BULK_COPIES,
                CpmlLayout.SEPARATE);
    }

    /**
     * The L2-prefetch stencil: the same traces as the CPU. The host build checks that every
     * prefetched address lies in a buffer; y chunks of 1 to 3 planes end before the prefetch
     * distance, 5 and 7 pass it, order 2 runs the radius-1 kernel.
     */
    @ParameterizedTest(name = "order {0} free surface {1} nz {2} y chunk {3}")
    @CsvSource({"8,false,60,5", "4,true,13,1", "8,false,13,3", "2,true,60,7", "8,true,13,0"})
    void prefetchStencilReproducesTheCpuEngine(int order, boolean freeSurface, int nz3d, int yChunk) throws Exception {
        reproduceTheCpuEngine(true, order, freeSurface, nz3d, yChunk, StencilVariant.L2_PREFETCH, CpmlLayout.FUSED);
    }

    /**
     * The L2-prefetch stencil on 64 × 16 tiles: the same traces as the CPU; y chunks below and
     * beyond the prefetch distance, models narrower than one tile along x (the last tile's rows
     * past the region idle) and wider.
     */
    @ParameterizedTest(name = "order {0} free surface {1} nz {2} y chunk {3}")
    @CsvSource({"8,false,60,5", "4,true,13,1", "2,false,60,0", "8,true,13,7"})
    void wideStencilReproducesTheCpuEngine(int order, boolean freeSurface, int nz3d, int yChunk) throws Exception {
        reproduceTheCpuEngine(true, order, freeSurface, nz3d, yChunk, StencilVariant.WIDE_PREFETCH, CpmlLayout.FUSED);
    }

    /**
     * The bulk-copy and L2-prefetch stencils over regions that do not start at the halo, as
     * reverse-time migration runs them (the user grid shrunk by the radius): rows then start
     * inside the array and the block's first cell is not the tile's. Same floats as the pipelined
     * kernel on the same region, bit for bit, and nothing outside the region written; a region
     * whose first tile cell is not 16-byte aligned keeps the pipelined kernel instead of the bulk
     * one.
     */
    @ParameterizedTest(name = "{0}, order {1}, region inset x {2} y {3} z {4}, y chunk {5}")
    @CsvSource({"bulk,8,6,5,8,5", "bulk,8,3,2,4,0", "bulk,4,5,3,4,3", "bulk,8,0,0,68,4",
            "prefetch,8,6,5,8,5", "prefetch,4,3,2,6,4", "prefetch,2,5,3,3,0",
            "wide,8,6,5,8,5", "wide,4,3,2,6,4", "wide,2,5,3,3,0"})
    void variantStencilsMatchThePipelinedKernelOnInsetRegions(String key, int order, int insetX, int insetY,
            int insetZ, int yChunk) throws Exception {
        assumeTrue(emulator() != null, skipReason());
        StencilVariant variant = StencilVariant.parse(key);
        Grid g = Grid.of3d(22, 17, 90, 10);
        PhysicsOptions physics = PhysicsOptions.defaults().withSpaceOrder(order).withBoundaryWidth(6);
        StepPlan plan = new StepPlan(TwoLayerModel.on(g, 5f), physics, 1e-3, 20, yChunk, variant);
        PaddedGrid pg = plan.grid;
        int r = pg.radius();
        int[] region = {r + insetX, pg.nx() - r - insetX, pg.y0() + insetY, pg.y1() - insetY, r + insetZ,
            pg.nz() - r - insetZ / 2};
        sameFloatsOnRegion(plan, region, variant, StencilVariant.PIPELINED, order * 1000L + insetZ);
        if (variant == StencilVariant.BULK_COPIES) {
            int[] misaligned = region.clone();
            misaligned[4] += 2;
            assertEquals("stencil3d_r" + r, plan.stencil(misaligned, variant).kernel());
        }
    }

    /**
     * One stencil launch of each of two kernel variants over {@code region} from the same random
     * fields: the same floats bit for bit, and exactly the region's cells written.
     */
    private static void sameFloatsOnRegion(StepPlan plan, int[] region, StencilVariant a, StencilVariant b, long seed)
            throws Exception {
        int points = plan.grid.points();
        java.util.Random random = new java.util.Random(seed);
        float[] u = new float[points];
        float[] un = new float[points];
        for (int i = 0; i < points; i++) {
            u[i] = (float) random.nextGaussian();
            un[i] = (float) random.nextGaussian();
        }
        float[][] out = new float[2][];
        StencilVariant[] variants = {a, b};
        for (int k = 0; k < 2; k++) {
            plan.fields[0].floats = u.clone();
            plan.fields[1].floats = un.clone();
            StepPlan.Call call = plan.stencil(region, variants[k]);
            assertEquals(plan.grid.is2d() ? CudaKernels.stencil2d(variants[k], plan.order())
                    : CudaKernels.stencil3d(variants[k], plan.order()), call.kernel());
            ByteBuffer bb = execute(plan.buffers, List.of(call), List.of(plan.fields[1])).get(0);
            out[k] = new float[points];
            bb.asFloatBuffer().get(out[k]);
        }
        int changed = 0;
        for (int i = 0; i < points; i++) {
            assertEquals(Float.floatToIntBits(out[1][i]), Float.floatToIntBits(out[0][i]), "cell " + i);
            changed += out[0][i] != un[i] ? 1 : 0;
        }
        assertEquals(StepPlan.cells(region), changed, "cells written");
    }

    private void reproduceTheCpuEngine(boolean threeD, int order, boolean freeSurface, int nz3d, int yChunk,
            StencilVariant variant, CpmlLayout cpml) throws Exception {
        assumeTrue(emulator() != null, skipReason());
        ShotRequest req = shot(threeD, order, freeSurface, nz3d);
        ShotRecord c = cpu.model(req, ProgressListener.NONE, CancellationToken.none());

        int steps = req.timing().steps();
        double dt = req.timing().dtS();
        StepPlan plan = new StepPlan(req.model(), req.physics(), dt, req.wavelet().dominantHz(), yChunk, variant,
                cpml);
        String stencil = plan.step.stream().map(StepPlan.Call::kernel).filter(k -> k.startsWith("stencil"))
                .findFirst().orElseThrow();
        assertEquals(threeD ? CudaKernels.stencil3d(variant, order) : CudaKernels.stencil(false, order), stencil);
        PaddedGrid grid = plan.grid;
        StepPlan.Points src = plan.points(List.of(PointSpread.at(grid, req.source())));
        List<PointSpread> spreads = new ArrayList<>();
        for (Position p : req.receivers()) {
            spreads.add(PointSpread.at(grid, p));
        }
        StepPlan.Points rec = plan.points(spreads);
        StepPlan.Buffer wavelet = plan.floats(req.wavelet().sample(dt, steps));
        int receivers = spreads.size();
        StepPlan.Buffer traces = plan.scratch((long) (steps + 1) * receivers * Float.BYTES);

        // The engine's sequence: record level 0; per step: the step's launches, inject, record.
        List<StepPlan.Call> program = new ArrayList<>();
        List<Integer> parities = new ArrayList<>();
        int parity = 0;
        program.add(plan.sample(parity, rec, traces.at(0)));
        parities.add(parity);
        for (int n = 0; n < steps; n++) {
            for (StepPlan.Call call : plan.step) {
                program.add(call);
                parities.add(parity);
            }
            parity ^= 1;
            program.add(plan.inject(parity, src, wavelet.at((long) n * Float.BYTES)));
            parities.add(parity);
            program.add(plan.sample(parity, rec, traces.at((long) (n + 1) * receivers * Float.BYTES)));
            parities.add(parity);
        }
        long t0 = System.nanoTime();
        ByteBuffer bb = run(encode(plan.buffers, program, parities, List.of(traces)), 1).get(0);
        assertEquals(traces.bytes, bb.remaining());
        TraceResampler resampler = new TraceResampler(receivers, dt, req.timing().outputS());
        float[] level = new float[receivers];
        for (int n = 0; n <= steps; n++) {
            for (int r = 0; r < receivers; r++) {
                level[r] = bb.getFloat();
            }
            resampler.accept(level);
        }
        double misfit = Misfit.relativeL2(resampler.traces(), c.traces());
        System.out.printf("  [emulated kernels] %s, C-PML %s, 3D=%s order %d free surface %s, padded %dx%dx%d, y chunk "
                + "%d: %d steps, %d launches, relative L2 vs CPU %.2e (%.1f s)%n", stencil, cpml.key(), threeD, order,
                freeSurface,
                grid.nx(), grid.ny(), grid.nz(), yChunk, steps, program.size(), misfit,
                (System.nanoTime() - t0) * 1e-9);
        assertTrue(misfit < 1e-5, "relative L2 " + misfit);
    }

    /** The program format of emulate.cpp. */
    private static byte[] encode(List<StepPlan.Buffer> buffers, List<StepPlan.Call> calls, List<Integer> parities,
            List<StepPlan.Buffer> outputs) {
        Map<StepPlan.Buffer, Integer> ids = new IdentityHashMap<>();
        Out o = new Out();
        o.i(0x53574531);
        o.i(buffers.size());
        for (StepPlan.Buffer b : buffers) {
            ids.put(b, ids.size());
            o.l(b.bytes);
            if (b.floats != null) {
                o.i(1);
                o.i(b.floats.length);
                for (float f : b.floats) {
                    o.f(f);
                }
            } else if (b.ints != null) {
                o.i(2);
                o.i(b.ints.length);
                for (int v : b.ints) {
                    o.i(v);
                }
            } else {
                o.i(0);
            }
        }
        int count = 0;
        for (StepPlan.Call c : calls) {
            if (c != null) {
                count++;
            }
        }
        o.i(count);
        for (int k = 0; k < calls.size(); k++) {
            StepPlan.Call c = calls.get(k);
            if (c == null) {
                continue;
            }
            byte[] name = c.kernel().getBytes(StandardCharsets.US_ASCII);
            o.i(name.length);
            o.b.writeBytes(name);
            LaunchShape s = c.shape();
            o.i(s.gx());
            o.i(s.gy());
            o.i(s.gz());
            o.i(s.bx());
            o.i(s.by());
            Object[] args = c.args()[parities.get(k)];
            o.i(args.length);
            for (Object a : args) {
                switch (a) {
                    case StepPlan.Buffer b -> {
                        o.i(0);
                        o.i(ids.get(b));
                        o.l(0);
                    }
                    case StepPlan.At at -> {
                        o.i(0);
                        o.i(ids.get(at.buffer()));
                        o.l(at.byteOffset());
                    }
                    case Integer v -> {
                        o.i(1);
                        o.i(v);
                    }
                    case Float v -> {
                        o.i(2);
                        o.f(v);
                    }
                    case Long v -> {
                        o.i(3);
                        o.l(v);
                    }
                    case int[] v -> {
                        o.i(4);
                        o.i(v.length * 4);
                        for (int x : v) {
                            o.i(x);
                        }
                    }
                    case float[] v -> {
                        o.i(4);
                        o.i(v.length * 4);
                        for (float x : v) {
                            o.f(x);
                        }
                    }
                    default -> throw new IllegalArgumentException("argument " + a);
                }
            }
        }
        o.i(outputs.size());
        for (StepPlan.Buffer b : outputs) {
            o.i(ids.get(b));
        }
        return o.b.toByteArray();
    }

    private static final class Out {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void i(int v) {
            scratch.clear();
            b.write(scratch.putInt(v).array(), 0, 4);
        }

        void f(float v) {
            scratch.clear();
            b.write(scratch.putFloat(v).array(), 0, 4);
        }

        void l(long v) {
            scratch.clear();
            b.write(scratch.putLong(v).array(), 0, 8);
        }
    }
}
