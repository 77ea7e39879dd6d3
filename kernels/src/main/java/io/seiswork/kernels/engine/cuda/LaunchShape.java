package io.seiswork.kernels.engine.cuda;

/**
 * Grid and block dimensions of one kernel launch, computed on the host (pure arithmetic, tested
 * without a GPU). The kernels put threadIdx.x along z (contiguous, coalesced) and threadIdx.y
 * along x.
 *
 * @param gx blocks along x of the CUDA grid (covers z cells)
 * @param gy blocks along y of the CUDA grid (covers x cells)
 * @param gz blocks along z of the CUDA grid (y planes or y chunks)
 * @param bx threads per block along x (z cells)
 * @param by threads per block along y (x cells)
 */
public record LaunchShape(int gx, int gy, int gz, int bx, int by) {

    /**
     * Tile of the 3D stencil: 64 z cells × 8 x cells = 512 threads (seiswork.cu stencil3d). Of
     * the tiles measured on an H200 (32×16, 32×8, 64×4, 64×8, 64×16, 128×4, 128×8, 32×32), 64×8
     * was fastest: two warps per z row halve the share of z-halo loads that 32-wide rows pay.
     */
    public static final int TILE_Z = 64;
    public static final int TILE_X = 8;

    /**
     * Threads along z of the marching 2D stencil (one z column of 256 cells per block, eight
     * blocks per multiprocessor at 32 registers).
     */
    public static final int TILE_Z_2D = 256;

    /** Planes per y chunk of the 3D stencil (measured best on an H200, docs/gpu.md); also 2D's x columns per chunk. */
    public static final int Y_CHUNK = 16;

    /** Largest grid dimension y or z the hardware allows. */
    public static final int MAX_GRID_YZ = 65535;

    public LaunchShape {
        if (gx < 1 || gy < 1 || gz < 1 || gy > MAX_GRID_YZ || gz > MAX_GRID_YZ) {
            throw new IllegalArgumentException("launch grid " + gx + " x " + gy + " x " + gz
                    + " outside the CUDA limits (1 .. 2^31-1, 65535, 65535)");
        }
    }

    /** Blocks in the launch. */
    public long blocks() {
        return (long) gx * gy * gz;
    }

    /** A 2D tile launch over zCells × xCells × planes. */
    public static LaunchShape tiles(int zCells, int xCells, int planes, int bx, int by) {
        return new LaunchShape(ceil(zCells, bx), ceil(xCells, by), planes, bx, by);
    }

    /**
     * The y chunk of the 3D stencil: each block marches over about {@link #Y_CHUNK} planes, the
     * planes split evenly. Short chunks give many blocks (tens per multiprocessor at 512³, so the
     * last wave is short) at the price of 2R planes each chunk reads to fill its register
     * queue, mostly from L2; measured at 512³ order 8 on an H200: 8 planes 165, 16 planes 169,
     * 32 planes 165, 138 planes 158 Gpts/s.
     *
     * @param planes y planes of the compute region
     */
    public static int yChunk(int planes) {
        int chunks = Math.max(1, ceil(planes, Y_CHUNK));
        return ceil(planes, chunks);
    }

    static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }
}
