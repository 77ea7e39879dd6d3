package io.seiswork.core.spec;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.SegyException;
import io.seiswork.core.velocity.BuiltinModels;
import io.seiswork.core.velocity.RawVelocityReader;
import io.seiswork.core.velocity.SegyVelocityReader;
import io.seiswork.core.velocity.VelocityModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Every velocity form loaded whole by the in-memory readers ({@link RawVelocityReader},
 * {@link SegyVelocityReader}, {@link BuiltinModels#build}), as the resolver loaded them before it
 * opened every model as a field: the reference that {@link VelocityFieldsMatchResolverTest} holds
 * the fields to, values, paths and messages alike.
 */
final class InMemoryVelocity {

    private InMemoryVelocity() {
    }

    /** Loads any velocity form except {@link VelocitySpec.Smoothed}; null with a problem on failure. */
    static VelocityModel load(Path baseDir, VelocitySpec v, Grid grid, String path, Problems problems) {
        try {
            return switch (v) {
                case VelocitySpec.Constant c -> VelocityModel.constant(grid, (float) c.vMps());
                case VelocitySpec.Layers l -> layers(l, grid);
                case VelocitySpec.Builtin b -> BuiltinModels.build(b.name(), grid);
                case VelocitySpec.Raw r -> {
                    Path file = baseDir.resolve(r.path());
                    if (!Files.isRegularFile(file)) {
                        problems.error(path + ".raw.path", "file " + file + " does not exist");
                        yield null;
                    }
                    try {
                        yield scaled(RawVelocityReader.read(file, grid, r.order(), r.endian()), r.scale());
                    } catch (IllegalArgumentException e) {
                        problems.error(path + ".raw.path", e.getMessage());
                        yield null;
                    }
                }
                case VelocitySpec.Segy s -> segy(baseDir, s, grid, path, problems);
                case VelocitySpec.Smoothed s -> throw new IllegalArgumentException(
                        path + ": \"smooth\" is only allowed for migrationVelocity");
            };
        } catch (NoSuchFileException e) {
            problems.error(path, "file " + e.getFile() + " does not exist");
        } catch (IOException e) {
            problems.error(path, "cannot read the model: " + e.getMessage());
        }
        return null;
    }

    private static VelocityModel scaled(VelocityModel m, double scale) {
        if (scale == 1.0) {
            return m;
        }
        float[] v = m.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * scale);
        }
        return new VelocityModel(m.grid(), v);
    }

    private static VelocityModel segy(Path baseDir, VelocitySpec.Segy s, Grid grid, String path, Problems problems) {
        Path file = baseDir.resolve(s.path());
        if (!Files.isRegularFile(file)) {
            problems.error(path + ".segy", "file " + file + " does not exist");
            return null;
        }
        try {
            return SegyVelocityReader.read(file, grid);
        } catch (IllegalArgumentException | SegyException e) {
            problems.error(path + ".segy", e.getMessage());
            return null;
        }
    }

    private static VelocityModel layers(VelocitySpec.Layers l, Grid g) {
        float[] v = new float[g.points()];
        float[] column = new float[g.nz()];
        for (int iz = 0; iz < g.nz(); iz++) {
            double z = iz * g.dz();
            double vp = l.layers().get(0).vMps();
            for (VelocitySpec.Layer layer : l.layers()) {
                if (z >= layer.topM() - 1e-9) {
                    vp = layer.vMps();
                }
            }
            column[iz] = (float) vp;
        }
        for (int c = 0; c < g.nx() * g.ny(); c++) {
            System.arraycopy(column, 0, v, c * g.nz(), g.nz());
        }
        return new VelocityModel(g, v);
    }

    /** Records an error when any velocity is not positive and finite, naming the first bad node. */
    static void checkValues(VelocityModel m, String path, Problems problems) {
        float[] v = m.values();
        int bad = 0;
        int first = -1;
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0) || !Float.isFinite(v[i])) {
                if (first < 0) {
                    first = i;
                }
                bad++;
            }
        }
        if (bad > 0) {
            Grid g = m.grid();
            int iz = first % g.nz();
            int ix = (first / g.nz()) % g.nx();
            int iy = first / (g.nz() * g.nx());
            problems.error(path, bad + " of " + v.length + " velocities are not positive and finite; first at node (ix "
                    + ix + ", iy " + iy + ", iz " + iz + "): " + v[first] + " m/s");
        }
    }
}
