package io.seiswork.core.spec;

import java.nio.ByteOrder;
import java.util.List;

/**
 * Where a velocity model comes from. Exactly one form per spec object; file paths are relative to
 * the directory of the spec file.
 */
public sealed interface VelocitySpec {

    /** The same velocity in m/s everywhere. */
    record Constant(double vMps) implements VelocitySpec { }

    /** Horizontal layers; each starts at {@code topM} metres depth and runs to the next. */
    record Layers(List<Layer> layers) implements VelocitySpec {
        public Layers {
            layers = List.copyOf(layers);
        }
    }

    /** One layer of {@link Layers}: top depth in metres and velocity in m/s. */
    record Layer(double topM, double vMps) { }

    /**
     * Raw float32 samples with no header.
     *
     * @param path file path
     * @param order axis order from fastest to slowest, a permutation of "xyz" (for example "zxy":
     *     z contiguous, then x, then y)
     * @param endian byte order of the floats
     * @param scale factor applied to every sample to give m/s (1 for files in m/s, 1000 for km/s
     *     such as Devito's Marmousi)
     */
    record Raw(String path, String order, ByteOrder endian, double scale) implements VelocitySpec {

        /** A file already in m/s (scale 1). */
        public Raw(String path, String order, ByteOrder endian) {
            this(path, order, endian, 1.0);
        }
    }

    /** A SEG-Y file with one trace per (x, y) column and nz samples per trace, m/s. */
    record Segy(String path) implements VelocitySpec { }

    /** A model Seiswork ships, built on the spec's grid (see {@code BuiltinModels}). */
    record Builtin(String name) implements VelocitySpec { }

    /**
     * For {@code migrationVelocity} only: the job's {@code velocity} smoothed with a Gaussian of
     * this half-width in metres.
     */
    record Smoothed(double lengthM) implements VelocitySpec { }
}
