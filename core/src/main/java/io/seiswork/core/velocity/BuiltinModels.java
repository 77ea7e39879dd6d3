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
        return switch (name) {
            case "layered" -> layered(grid);
            case "salt3d" -> salt3d(grid);
            default -> throw new IllegalArgumentException("builtin model must be one of " + NAMES + ", got \"" + name + "\"");
        };
    }

    /** Depths in metres of the layered model's interfaces at horizontal position x (fraction 0..1). */
    static double[] layeredInterfaces(double depthM, double xFraction) {
        return new double[] {0.2 * depthM, (0.45 + 0.05 * (xFraction - 0.5)) * depthM, 0.7 * depthM};
    }

    private static VelocityModel layered(Grid g) {
        float[] v = new float[g.points()];
        float[] speeds = {WATER_MPS, 2000f, 2500f, 3000f};
        double depth = g.zAxis().last();
        double width = Math.max(g.xAxis().last(), 1e-9);
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int ix = 0; ix < g.nx(); ix++) {
                double[] tops = layeredInterfaces(depth, ix * g.dx() / width);
                int base = g.index(ix, iy, 0);
                for (int iz = 0; iz < g.nz(); iz++) {
                    double z = iz * g.dz();
                    int layer = 0;
                    while (layer < tops.length && z >= tops[layer]) {
                        layer++;
                    }
                    v[base + iz] = speeds[layer];
                }
            }
        }
        return new VelocityModel(g, v);
    }

    private static VelocityModel salt3d(Grid g) {
        float[] v = new float[g.points()];
        double lx = g.xAxis().last();
        double ly = g.yAxis().last();
        double depth = g.zAxis().last();
        double seaFloor = 0.12 * depth;
        for (int iy = 0; iy < g.ny(); iy++) {
            // A 2D grid is the section through the middle of the body.
            double fy = g.is2d() ? 0.5 : iy * g.dy() / Math.max(ly, 1e-9);
            for (int ix = 0; ix < g.nx(); ix++) {
                double fx = ix * g.dx() / Math.max(lx, 1e-9);
                double saltTop = saltTopM(fx, fy, depth);
                double saltBase = saltBaseM(fx, fy, depth);
                int base = g.index(ix, iy, 0);
                for (int iz = 0; iz < g.nz(); iz++) {
                    double z = iz * g.dz();
                    float vz;
                    if (z < seaFloor) {
                        vz = WATER_MPS;
                    } else if (z >= saltTop && z <= saltBase) {
                        vz = SALT_MPS;
                    } else {
                        vz = (float) Math.min(4200, 1800 + 0.6 * (z - seaFloor));
                    }
                    v[base + iz] = vz;
                }
            }
        }
        return new VelocityModel(g, v);
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
