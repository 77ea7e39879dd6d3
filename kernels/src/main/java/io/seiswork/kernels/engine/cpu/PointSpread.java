package io.seiswork.kernels.engine.cpu;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.signal.KaiserSinc;

/**
 * How a point that may lie between grid nodes (a source or a receiver) couples to the padded
 * grid: a set of cell indices and weights. The same weights serve for injection and for
 * recording, so injection is the exact adjoint of recording (reciprocity, RTM).
 *
 * <p>Weights are Hicks' (2002) Kaiser-windowed sinc, a product of 1D weights
 * {@code sinc(x − xᵢ) · I0(b √(1 − ((x − xᵢ)/r)²)) / I0(b)} over the {@value #HALF_WIDTH}
 * nearest nodes on each side. A point on a node gets weight 1 on that node only (the sinc is
 * zero on the other nodes), so on-grid points are exact; off-grid points keep wavenumbers up to
 * about 2/3 of the grid Nyquist accurate, unlike trilinear weights whose error grows with
 * frequency. Under a free surface the weights above the surface are folded back with opposite
 * sign (the image of the point), and the weight on the surface itself is dropped, so that p = 0
 * there is honoured.
 */
public final class PointSpread {

    /** Half-width of the windowed sinc in nodes. */
    public static final int HALF_WIDTH = 4;

    /** Kaiser window parameter for half-width 4 (Hicks 2002, monopole). */
    public static final double KAISER_B = 4.14;

    private final int[] index;
    private final float[] weight;

    private PointSpread(int[] index, float[] weight) {
        this.index = index;
        this.weight = weight;
    }

    /**
     * The spread of a point of the user's grid.
     *
     * @param grid padded grid
     * @param p position in metres from the first user node, z down (y ignored in 2D)
     */
    public static PointSpread at(PaddedGrid grid, Position p) {
        Grid g = grid.user();
        Axis1 wx = Axis1.of(p.x() / g.dx(), grid.offX(), grid.radius(), grid.nx() - grid.radius(), false);
        Axis1 wy = g.is2d() ? Axis1.single(0) : Axis1.of(p.y() / g.dy(), grid.offY(), grid.radius(),
                grid.ny() - grid.radius(), false);
        Axis1 wz = Axis1.of(p.z() / g.dz(), grid.offZ(), grid.radius(), grid.nz() - grid.radius(),
                grid.freeSurface());
        int n = wx.n * wy.n * wz.n;
        int[] idx = new int[n];
        float[] w = new float[n];
        int k = 0;
        for (int j = 0; j < wy.n; j++) {
            for (int i = 0; i < wx.n; i++) {
                for (int l = 0; l < wz.n; l++) {
                    idx[k] = grid.index(wx.node[i], wy.node[j], wz.node[l]);
                    w[k] = (float) (wx.w[i] * wy.w[j] * wz.w[l]);
                    k++;
                }
            }
        }
        return new PointSpread(idx, w);
    }

    /** Number of cells touched. */
    public int size() {
        return index.length;
    }

    /**
     * The padded-grid flat indices of the touched cells, in the order {@link #sample} sums them
     * (a copy). For engines that keep the fields elsewhere, such as the GPU engine, which uploads
     * indices and weights once per shot.
     */
    public int[] indices() {
        return index.clone();
    }

    /** The weights matching {@link #indices()} (a copy), dimensionless. */
    public float[] weights() {
        return weight.clone();
    }

    /** Adds {@code amount · wᵢ · scale[idxᵢ]} to each touched cell of {@code field}. */
    public void inject(float[] field, float[] scale, float amount) {
        for (int i = 0; i < index.length; i++) {
            int c = index[i];
            field[c] += amount * weight[i] * scale[c];
        }
    }

    /** The weighted sum of {@code field} over the touched cells (the interpolated value). */
    public float sample(float[] field) {
        float s = 0;
        for (int i = 0; i < index.length; i++) {
            s += weight[i] * field[index[i]];
        }
        return s;
    }

    /** 1D weights along one axis, on padded indices. */
    private record Axis1(int n, int[] node, double[] w) {

        static Axis1 single(int node) {
            return new Axis1(1, new int[] {node}, new double[] {1});
        }

        /**
         * @param f fractional user index of the point
         * @param off padded index of user node 0
         * @param lo lowest padded index allowed (compute region)
         * @param hi end (exclusive) of allowed padded indices
         * @param mirror fold nodes above user node 0 back with opposite sign (free surface)
         */
        static Axis1 of(double f, int off, int lo, int hi, boolean mirror) {
            long nearest = Math.round(f);
            if (Math.abs(f - nearest) < 1e-6) {
                f = nearest;
            }
            int base = (int) Math.floor(f);
            double[] acc = new double[hi];
            for (int j = base - HALF_WIDTH + 1; j <= base + HALF_WIDTH; j++) {
                double x = f - j;
                double wgt = (f == nearest) ? (j == nearest ? 1 : 0) : KaiserSinc.sinc(x) * KaiserSinc.window(x / HALF_WIDTH, KAISER_B);
                if (wgt == 0) {
                    continue;
                }
                int user = j;
                if (mirror && user <= 0) {
                    if (user == 0) {
                        continue;
                    }
                    user = -user;
                    wgt = -wgt;
                }
                int padded = user + off;
                if (padded >= lo && padded < hi) {
                    acc[padded] += wgt;
                }
            }
            int count = 0;
            for (double a : acc) {
                if (a != 0) {
                    count++;
                }
            }
            int[] node = new int[count];
            double[] w = new double[count];
            int k = 0;
            for (int i = 0; i < acc.length; i++) {
                if (acc[i] != 0) {
                    node[k] = i;
                    w[k++] = acc[i];
                }
            }
            return new Axis1(count, node, w);
        }
    }
}
