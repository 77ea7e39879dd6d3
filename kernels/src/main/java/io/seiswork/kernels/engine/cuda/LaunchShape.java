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

    /** Tile of the 3D stencil: 32 z cells × 16 x cells = 512 threads (seiswork.cu stencil3d). */
    public static final int TILE_Z = 32;
    public static final int TILE_X = 16;

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
     * The y chunk of the 3D stencil: each block marches over this many y planes. Short chunks
     * give enough blocks to fill the device ({@code targetBlocks}, several waves), long ones
     * amortise the 2R planes each chunk reads to fill its register queue; chunks are kept at 32
     * planes or more where the grid allows.
     *
     * @param planes y planes of the compute region
     * @param tiles (z, x) tiles per plane
     * @param targetBlocks blocks wanted in total
     */
    public static int yChunk(int planes, long tiles, long targetBlocks) {
        long chunks = Math.max(1, (targetBlocks + tiles - 1) / tiles);
        chunks = Math.min(chunks, Math.max(1, planes / 32));
        return (int) ((planes + chunks - 1) / chunks);
    }

    static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }
}
