package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;
import java.util.List;

/**
 * Velocity models Seiswork ships for demos and tests. Each is defined relative to the extent of
 * the grid it is built on, so it fits any grid; a 2D grid (ny = 1) gets the section through the
 * middle of the 3D model.
 *
 * <ul>
 *   <li>{@code layered}: water (1500 m/s) over three sediment layers (2000, 2500, 3000 m/s), the
 *       second interface gently dipping: reflectors at known depths for migration checks.
 *   <li>{@code salt3d}: water over sediments whose velocity grows with depth (1800 m/s plus
 *       0.6 s⁻¹ × depth below the sea floor), pierced by a 4500 m/s salt body with a rugose top and
 *       a stem: the kind of model where imaging below salt is hard.
 * </ul>
 */
public final class BuiltinModels {

    /** Every built-in model name, as written in a spec ({@code "builtin": "salt3d"}). */
    public static final List<String> NAMES = List.of("layered", "salt3d");

    /** Velocity of sea water in m/s. */
    public static final float WATER_MPS = 1500f;
    /** Velocity of salt in m/s. */
    public static final float SALT_MPS = 4500f;

    private BuiltinModels() {
    }

    /** Builds model {@code name} on {@code grid}. */
    public static VelocityModel build(String name, Grid grid) {
        Columns model = columns(name, grid);
        float[] v = new float[grid.points()];
        for (int iy = 0; iy < grid.ny(); iy++) {
            for (int ix = 0; ix < grid.nx(); ix++) {
                model.fill(ix, iy, v, grid.index(ix, iy, 0));
            }
        }
        return new VelocityModel(grid, v);
    }

    /**
     * Model {@code name} on the job's grid {@code grid}, evaluated a column at a time: the one
     * definition behind {@link #build} and {@link BuiltinVelocityField}, so that both give the same
     * values bit for bit.
     */
    static Columns columns(String name, Grid grid) {
        return switch (name) {
            case "layered" -> new Layered(grid);
            case "salt3d" -> new Salt3d(grid);
            default -> throw new IllegalArgumentException("builtin model must be one of " + NAMES + ", got \"" + name + "\"");
        };
    }

    /** A built-in model on one grid, column by column. */
    sealed interface Columns {

        /** Writes the {@code nz} velocities (m/s) of column (ix, iy) of the grid to {@code out[offset ..]}. */
        void fill(int ix, int iy, float[] out, int offset);

        /**
         * The smallest and largest velocity of the model over the whole grid, m/s, as {min, max}:
         * exact (the values {@link #fill} gives), found from the model's structure without
         * evaluating every node.
         */
        float[] range();
    }

    /** Depths in metres of the layered model's interfaces at horizontal position x (fraction 0..1). */
    static double[] layeredInterfaces(double depthM, double xFraction) {
        return new double[] {0.2 * depthM, (0.45 + 0.05 * (xFraction - 0.5)) * depthM, 0.7 * depthM};
    }

    /** {@code layered}: every column depends on x only, and the velocity grows with depth. */
    private record Layered(Grid g, double depth, double width) implements Columns {

        private static final float[] SPEEDS = {WATER_MPS, 2000f, 2500f, 3000f};

        Layered(Grid g) {
            this(g, g.zAxis().last(), Math.max(g.xAxis().last(), 1e-9));
        }

        @Override
        public void fill(int ix, int iy, float[] out, int offset) {
            double[] tops = layeredInterfaces(depth, ix * g.dx() / width);
            for (int iz = 0; iz < g.nz(); iz++) {
                out[offset + iz] = SPEEDS[layer(tops, iz)];
            }
        }

        private int layer(double[] tops, int iz) {
            double z = iz * g.dz();
            int layer = 0;
            while (layer < tops.length && z >= tops[layer]) {
                layer++;
            }
            return layer;
        }

        /** Layers deepen with z and are faster the deeper they are: a column's extremes are its top and bottom nodes. */
        @Override
        public float[] range() {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int ix = 0; ix < g.nx(); ix++) {
                double[] tops = layeredInterfaces(depth, ix * g.dx() / width);
                min = Math.min(min, SPEEDS[layer(tops, 0)]);
                max = Math.max(max, SPEEDS[layer(tops, g.nz() - 1)]);
            }
            return new float[] {min, max};
        }
    }

    /**
     * {@code salt3d}: a background that depends on depth only (water, then sediments), replaced by
     * salt over one interval of depths in each column that the body crosses.
     */
    private record Salt3d(Grid g, double lx, double ly, double depth, double seaFloor) implements Columns {

        Salt3d(Grid g) {
            this(g, g.xAxis().last(), g.yAxis().last(), g.zAxis().last(), 0.12 * g.zAxis().last());
        }

        private double fy(int iy) {
            // A 2D grid is the section through the middle of the body.
            return g.is2d() ? 0.5 : iy * g.dy() / Math.max(ly, 1e-9);
        }

        private double fx(int ix) {
            return ix * g.dx() / Math.max(lx, 1e-9);
        }

        @Override
        public void fill(int ix, int iy, float[] out, int offset) {
            double fx = fx(ix);
            double fy = fy(iy);
            double saltTop = saltTopM(fx, fy, depth);
            double saltBase = saltBaseM(fx, fy, depth);
            for (int iz = 0; iz < g.nz(); iz++) {
                double z = iz * g.dz();
                float vz;
                if (z < seaFloor) {
                    vz = WATER_MPS;
                } else if (z >= saltTop && z <= saltBase) {
                    vz = SALT_MPS;
                } else {
                    vz = background(z);
                }
                out[offset + iz] = vz;
            }
        }

        /** The velocity outside the salt at depth z metres (below the sea floor: sediments). */
        private float background(double z) {
            return z < seaFloor ? WATER_MPS : (float) Math.min(4200, 1800 + 0.6 * (z - seaFloor));
        }

        /**
         * Each column is the background with salt over the nodes iz in [first node at or below
         * both the sea floor and the salt top, first node below the salt base): the conditions of
         * {@link #fill} are monotonic in depth, so binary searches find the interval, and prefix
         * and suffix extremes of the background give the column's extremes in O(log nz).
         */
        @Override
        public float[] range() {
            int nz = g.nz();
            float[] preMin = new float[nz + 1];
            float[] preMax = new float[nz + 1];
            float[] sufMin = new float[nz + 1];
            float[] sufMax = new float[nz + 1];
            preMin[0] = sufMin[nz] = Float.POSITIVE_INFINITY;
            preMax[0] = sufMax[nz] = Float.NEGATIVE_INFINITY;
            for (int iz = 0; iz < nz; iz++) {
                float b = background(iz * g.dz());
                preMin[iz + 1] = Math.min(preMin[iz], b);
                preMax[iz + 1] = Math.max(preMax[iz], b);
            }
            for (int iz = nz - 1; iz >= 0; iz--) {
                float b = background(iz * g.dz());
                sufMin[iz] = Math.min(sufMin[iz + 1], b);
                sufMax[iz] = Math.max(sufMax[iz + 1], b);
            }
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int iy = 0; iy < g.ny(); iy++) {
                double fy = fy(iy);
                for (int ix = 0; ix < g.nx(); ix++) {
                    double fx = fx(ix);
                    double saltTop = saltTopM(fx, fy, depth);
                    double saltBase = saltBaseM(fx, fy, depth);
                    int first = firstDepth(z -> !(z < seaFloor) && z >= saltTop);
                    int end = Math.max(first, firstDepth(z -> !(z <= saltBase)));
                    min = Math.min(min, Math.min(preMin[first], sufMin[end]));
                    max = Math.max(max, Math.max(preMax[first], sufMax[end]));
                    if (first < end) {
                        min = Math.min(min, SALT_MPS);
                        max = Math.max(max, SALT_MPS);
                    }
                }
            }
            return new float[] {min, max};
        }

        /** The first node iz (nz if none) at whose depth {@code iz · dz} a condition false above and true below holds. */
        private int firstDepth(java.util.function.DoublePredicate holds) {
            int lo = 0;
            int hi = g.nz();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (holds.test(mid * g.dz())) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }
    }

    /** Depth in metres of the salt top at (fx, fy) fractions of the model, or +∞ outside the body. */
    private static double saltTopM(double fx, double fy, double depth) {
        double rx = (fx - 0.5) / 0.28;
        double ry = (fy - 0.5) / 0.24;
        double r2 = rx * rx + ry * ry;
        if (r2 >= 1) {
            return stemTopM(fx, fy, depth);
        }
        double crest = 0.32 * depth;
        double rugose = 0.025 * depth * Math.sin(9 * fx) * Math.cos(7 * fy);
        double dome = crest + 0.16 * depth * r2 + rugose;
        return Math.min(dome, stemTopM(fx, fy, depth));
    }

    /** The base of the body: the overhanging canopy ends at 0.62 of the depth, the stem continues. */
    private static double saltBaseM(double fx, double fy, double depth) {
        return isInStem(fx, fy) ? Double.POSITIVE_INFINITY : 0.62 * depth;
    }

    private static double stemTopM(double fx, double fy, double depth) {
        return isInStem(fx, fy) ? 0.55 * depth : Double.POSITIVE_INFINITY;
    }

    private static boolean isInStem(double fx, double fy) {
        double sx = (fx - 0.47) / 0.08;
        double sy = (fy - 0.5) / 0.08;
        return sx * sx + sy * sy < 1;
    }
}
