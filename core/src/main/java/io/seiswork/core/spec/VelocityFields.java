package io.seiswork.core.spec;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.BuiltinVelocityField;
import io.seiswork.core.velocity.InvalidVelocityException;
import io.seiswork.core.velocity.LayeredVelocityField;
import io.seiswork.core.velocity.RawVelocityField;
import io.seiswork.core.velocity.SegyVelocityField;
import io.seiswork.core.velocity.SmoothedVelocityField;
import io.seiswork.core.velocity.VelocityField;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens a job's velocity as a {@link VelocityField} from its spec, for any grid size: every form
 * gives, window by window, exactly the values the whole model loaded in memory has, and is
 * checked (positive and finite) when opened. A model file opened again unchanged, for the same
 * grid and options, gives the field opened before without reading the file again
 * ({@link VelocityFileCache}).
 *
 * <p>Failures, for the resolver to report under the spec's path:
 * <ul>
 *   <li>{@link NoSuchFileException}: the model file does not exist;
 *   <li>{@link InvalidVelocityException} (an {@link IllegalArgumentException}): a value is not
 *       positive and finite, with the count and the first bad node;
 *   <li>other {@link IllegalArgumentException}s: the file does not fit the grid (sizes named), an
 *       unknown built-in model, a bad axis order, {@code "smooth"} given for the job's velocity;
 *   <li>{@link io.seiswork.core.segy.SegyException}: a SEG-Y file that cannot be read;
 *   <li>other {@link IOException}s: a file that cannot be read.
 * </ul>
 */
public final class VelocityFields {

    private VelocityFields() {
    }

    /**
     * The velocity {@code spec} describes on {@code grid}; files are resolved against {@code baseDir}.
     *
     * @throws IllegalArgumentException for {@link VelocitySpec.Smoothed}, which needs a field to smooth
     *     ({@link #migration})
     */
    public static VelocityField open(VelocitySpec spec, Grid grid, Path baseDir) throws IOException {
        return switch (spec) {
            case VelocitySpec.Constant c -> LayeredVelocityField.constant(grid, c.vMps());
            case VelocitySpec.Layers l -> LayeredVelocityField.layers(grid,
                    l.layers().stream().mapToDouble(VelocitySpec.Layer::topM).toArray(),
                    l.layers().stream().mapToDouble(VelocitySpec.Layer::vMps).toArray());
            case VelocitySpec.Builtin b -> new BuiltinVelocityField(b.name(), grid);
            case VelocitySpec.Raw r -> {
                Path file = baseDir.resolve(r.path());
                yield VelocityFileCache.get(file, grid, "raw " + r.order() + " " + r.endian() + " " + r.scale(),
                        real -> RawVelocityField.open(real, grid, r.order(), r.endian(), r.scale()));
            }
            case VelocitySpec.Segy s -> {
                Path file = baseDir.resolve(s.path());
                yield VelocityFileCache.get(file, grid, "segy", real -> SegyVelocityField.open(real, grid));
            }
            case VelocitySpec.Smoothed s -> throw new IllegalArgumentException(
                    "\"smooth\" is only allowed for migrationVelocity");
        };
    }

    /**
     * The migration velocity {@code spec} describes: for {@code {"smooth": L}} the job's
     * {@code velocity} smoothed with a Gaussian of L metres ({@code velocity} itself when L is 0),
     * else the field {@code spec} names, on the same grid.
     */
    public static VelocityField migration(VelocitySpec spec, VelocityField velocity, Path baseDir) throws IOException {
        if (spec instanceof VelocitySpec.Smoothed s) {
            return s.lengthM() > 0 ? new SmoothedVelocityField(velocity, s.lengthM()) : velocity;
        }
        return open(spec, velocity.grid(), baseDir);
    }
}
