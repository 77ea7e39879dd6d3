package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Another field smoothed with {@link VelocitySmoother#gaussian} (slowness smoothed by a Gaussian
 * of {@code lengthM} metres): the usual migration velocity, derived window by window. A window is
 * the source's window grown by the smoother's halo ({@link VelocitySmoother#haloCells}: in x, and
 * in y for a 3D grid; clipped to the grid), smoothed, and cropped back; within the halo's reach the
 * Gaussian sees exactly the values the whole model's would, and at the grid's edges the same
 * ones (the edge values repeated outward; a reach beyond the line makes the halo the whole line),
 * so the window equals the whole model smoothed, cropped, bit for bit. A window costs a source window larger by the halo on each side
 * (at most the whole grid, however wide the Gaussian).
 *
 * <p>{@link #min()} and {@link #max()} are exact, which needs every smoothed value: the first call
 * smooths the whole grid once, tile by tile, and keeps the result. Tiles hold at most
 * {@value #TILE_NODES} nodes and are as square in (x, y) as the grid allows (about 180 x 180
 * columns of 1000 nodes), so the halo each tile reads around itself adds little (1.4 times the
 * source's reads for a halo of 15 columns). Tiles are smoothed on as many threads as there are
 * cores, fewer when a quarter of the heap would not hold about 3 arrays of a tile and its halo per
 * thread (some 500 MiB each for tiles of 1000-node columns). Measured on the development machine:
 * about 50 ns per node on one core for a 50 m Gaussian on 10 m cells (a 2.5e8-node model in 12 s),
 * so a 25e9-node model takes some 20 minutes of one core, under 2 minutes on 16.
 */
public final class SmoothedVelocityField implements VelocityField {

    /** Nodes per tile when the range is computed: 32 Mi, 128 MiB per copy of a tile. */
    static final long TILE_NODES = 1L << 25;

    private final VelocityField source;
    private final double lengthM;
    private final long tileNodes;
    private final int haloX;
    private final int haloY;
    private volatile float[] range;

    /**
     * @param source the field to smooth
     * @param lengthM standard deviation of the Gaussian in metres, more than 0
     * @throws IllegalArgumentException when {@code lengthM} is not more than 0 and finite
     */
    public SmoothedVelocityField(VelocityField source, double lengthM) {
        this(source, lengthM, TILE_NODES);
    }

    /** With its own tile size in nodes for the range (tests). */
    SmoothedVelocityField(VelocityField source, double lengthM, long tileNodes) {
        if (!(lengthM > 0) || !Double.isFinite(lengthM)) {
            throw new IllegalArgumentException("smoothing length must be > 0 m and finite, got " + lengthM);
        }
        Grid g = source.grid();
        this.source = source;
        this.lengthM = lengthM;
        this.tileNodes = tileNodes;
        // No node reads further than the grid is long (VelocitySmoother): neither does a window's halo.
        this.haloX = Math.min(VelocitySmoother.haloCells(lengthM, g.dx()), g.nx() - 1);
        this.haloY = g.is2d() ? 0 : Math.min(VelocitySmoother.haloCells(lengthM, g.dy()), g.ny() - 1);
    }

    /** The field that is smoothed. */
    public VelocityField source() {
        return source;
    }

    /** Standard deviation of the Gaussian, metres. */
    public double lengthM() {
        return lengthM;
    }

    @Override
    public Grid grid() {
        return source.grid();
    }

    @Override
    public float min() {
        return range()[0];
    }

    @Override
    public float max() {
        return range()[1];
    }

    /**
     * @throws IllegalArgumentException also when the window grown by the halo does not fit one array
     */
    @Override
    public VelocityModel window(int x0, int y0, Grid window) {
        VelocityField.requireWindow(grid(), x0, y0, window);
        Grown grown = smoothedAround(x0, y0, window);
        return grown.model().window(grown.dx(), grown.dy(), window);
    }

    /** A window smoothed with its halo around it; the window starts at column (dx, dy) of it. */
    private record Grown(VelocityModel model, int dx, int dy) { }

    private Grown smoothedAround(int x0, int y0, Grid window) {
        Grid g = grid();
        int gx0 = Math.max(0, x0 - haloX);
        int gy0 = Math.max(0, y0 - haloY);
        int gx1 = (int) Math.min(g.nx(), (long) x0 + window.nx() + haloX);
        int gy1 = (int) Math.min(g.ny(), (long) y0 + window.ny() + haloY);
        Grid grown = new Grid(gx1 - gx0, gy1 - gy0, g.nz(), g.dx(), g.dy(), g.dz());
        if (!grown.fitsInArray()) {
            throw new IllegalArgumentException("window " + window + " at (" + x0 + ", " + y0 + ") with the smoothing"
                    + " halo of " + haloX + " x " + haloY + " columns is " + grown.nodes() + " nodes, more than one array"
                    + " holds (" + Grid.MAX_POINTS + ")");
        }
        return new Grown(VelocitySmoother.gaussian(source.window(gx0, gy0, grown), lengthM), x0 - gx0, y0 - gy0);
    }

    private float[] range() {
        float[] r = range;
        if (r == null) {
            synchronized (this) {
                r = range;
                if (r == null) {
                    r = computeRange();
                    range = r;
                }
            }
        }
        return r;
    }

    /** Smooths the grid tile by tile, on several threads, and keeps the extremes. */
    private float[] computeRange() {
        Grid g = grid();
        long columns = Math.max(1, tileNodes / g.nz());
        int side = g.is2d() ? (int) Math.min(Integer.MAX_VALUE, columns) : (int) Math.max(1, Math.sqrt(columns));
        int tileX = Math.min(g.nx(), side);
        int tileY = (int) Math.max(1, Math.min(g.ny(), columns / tileX));
        int tilesX = (g.nx() + tileX - 1) / tileX;
        long tiles = (long) tilesX * ((g.ny() + tileY - 1) / tileY);
        // About three arrays of a tile and its halo live at once per thread; use at most a quarter of the heap.
        // The grown tile is clipped to the grid (a halo as wide as the grid does not make it wider).
        long bytesPerThread = 3L * Float.BYTES * Math.min(g.nx(), tileX + 2L * haloX) * Math.min(g.ny(), tileY + 2L * haloY)
                * g.nz();
        long byMemory = Runtime.getRuntime().maxMemory() / 4 / bytesPerThread;
        int threads = Math.clamp(Math.min(byMemory, tiles), 1, Runtime.getRuntime().availableProcessors());
        AtomicLong next = new AtomicLong();
        List<Future<float[]>> parts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().factory())) {
            for (int t = 0; t < threads; t++) {
                parts.add(pool.submit(() -> {
                    try {
                        return tileRange(g, next, tiles, tilesX, tileX, tileY);
                    } catch (RuntimeException e) {
                        next.set(tiles); // the other threads stop after their current tile
                        throw e;
                    }
                }));
            }
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (Future<float[]> part : parts) {
                float[] r = part.get();
                min = Math.min(min, r[0]);
                max = Math.max(max, r[1]);
            }
            return new float[] {min, max};
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while smoothing the migration velocity for its range", e);
        }
    }

    /** Smooths tiles taken from {@code next} until none is left; the extremes of their values, {min, max}. */
    private float[] tileRange(Grid g, AtomicLong next, long tiles, int tilesX, int tileX, int tileY) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (long i = next.getAndIncrement(); i < tiles; i = next.getAndIncrement()) {
            int x0 = (int) (i % tilesX) * tileX;
            int y0 = (int) (i / tilesX) * tileY;
            Grid tile = new Grid(Math.min(tileX, g.nx() - x0), Math.min(tileY, g.ny() - y0), g.nz(), g.dx(), g.dy(),
                    g.dz());
            Grown grown = smoothedAround(x0, y0, tile);
            float[] v = grown.model().values();
            Grid around = grown.model().grid();
            for (int iy = 0; iy < tile.ny(); iy++) {
                for (int ix = 0; ix < tile.nx(); ix++) {
                    int from = around.index(grown.dx() + ix, grown.dy() + iy, 0);
                    for (int k = from; k < from + g.nz(); k++) {
                        min = Math.min(min, v[k]);
                        max = Math.max(max, v[k]);
                    }
                }
            }
        }
        return new float[] {min, max};
    }
}
