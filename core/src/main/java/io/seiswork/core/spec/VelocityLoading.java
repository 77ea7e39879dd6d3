package io.seiswork.core.spec;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.SegyException;
import io.seiswork.core.velocity.InvalidVelocityException;
import io.seiswork.core.velocity.SegyVelocityField;
import io.seiswork.core.velocity.SmoothedVelocityField;
import io.seiswork.core.velocity.VelocityField;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.velocity.VelocitySmoother;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens a spec's velocity models for the resolver, as fields read a window at a time
 * ({@link VelocityFields}), so that their values and range (m/s) are checked without holding a
 * whole model: a file missing, of the wrong size or with bad values is a problem under the spec
 * field that names it, and a range that cannot be seismic velocities one under the model's
 * ({@link VelocityPlausibility}). Also builds a migration velocity given as a smoothing of the
 * model ({@code {"smooth": L}}, L in metres).
 */
final class VelocityLoading {

    private final Path baseDir;

    /** @param baseDir directory that relative model paths in the spec are resolved against */
    VelocityLoading(Path baseDir) {
        this.baseDir = baseDir;
    }

    /**
     * The velocity {@code v} on {@code grid} as a field, when it opens and its velocities are
     * plausible; else null, with the problem recorded under the paths of the spec's fields:
     * {@code velocity.raw.path} or {@code velocity.segy} for a file missing or of the wrong size,
     * {@code velocity} for bad or implausible values (a warning there for near-surface ones).
     *
     * @param path "velocity" or "migrationVelocity"
     */
    VelocityField open(VelocitySpec v, Grid grid, String path, Problems problems) {
        VelocityField field = field(v, grid, path, problems);
        if (field == null) {
            return null;
        }
        return VelocityPlausibility.check(v, path, field.min(), field.max(), problems) ? field : null;
    }

    /**
     * A migration velocity given as {@code {"smooth": L}}: {@code velocity} smoothed with a
     * Gaussian of L metres (slowness smoothed), in memory when {@code velocity} is, else window by
     * window; {@code velocity} itself for L = 0.
     */
    static VelocityField smoothedMigration(JobSpec spec, VelocityField velocity) {
        double lengthM = smoothingM(spec);
        if (lengthM == 0) {
            return velocity;
        }
        return velocity instanceof VelocityModel m ? VelocitySmoother.gaussian(m, lengthM)
                : new SmoothedVelocityField(velocity, lengthM);
    }

    /**
     * The length L, metres, of the Gaussian that smooths the migration velocity of {@code spec},
     * given as {@code {"smooth": L}}; 0 when L is not above 0 (the model itself, unsmoothed).
     *
     * @throws ClassCastException when the migration velocity is not given as a smoothing
     */
    static double smoothingM(JobSpec spec) {
        double lengthM = ((VelocitySpec.Smoothed) spec.migrationVelocity()).lengthM();
        return lengthM > 0 ? lengthM : 0;
    }

    /** {@code v} opened and its values checked ({@link #open} less the plausibility); null with a problem on failure. */
    private VelocityField field(VelocitySpec v, Grid grid, String path, Problems problems) {
        try {
            VelocityField f = VelocityFields.open(v, grid, baseDir);
            if (f instanceof SegyVelocityField segy && segy.depthStepNote() != null) {
                problems.warning(filePath(v, path), segy.depthStepNote());
            }
            return f;
        } catch (InvalidVelocityException e) {
            problems.error(path, shown(v, e.getMessage())
                    + VelocityPlausibility.likelyCauseOfInvalid(v, path, e.minValue(), e.maxValue()));
        } catch (NoSuchFileException e) {
            problems.error(filePath(v, path), ShownPaths.notAFile(Path.of(e.getFile())));
        } catch (IllegalArgumentException | SegyException e) {
            problems.error(filePath(v, path), shown(v, e.getMessage()));
        } catch (IOException e) {
            problems.error(path, "cannot read the model: " + shown(v, e.getMessage()));
        }
        return null;
    }

    /** {@code message} with the model file named as the spec gives it ({@link ShownPaths#asGiven}). */
    private String shown(VelocitySpec v, String message) {
        String given = switch (v) {
            case VelocitySpec.Raw r -> r.path();
            case VelocitySpec.Segy s -> s.path();
            default -> null;
        };
        if (given == null || message == null) {
            return message;
        }
        return ShownPaths.asGiven(baseDir.resolve(given), message);
    }

    /** Where in the spec a velocity form names its file ("velocity.raw.path", "velocity.segy"); {@code path} for the others. */
    private static String filePath(VelocitySpec v, String path) {
        return switch (v) {
            case VelocitySpec.Raw r -> path + ".raw.path";
            case VelocitySpec.Segy s -> path + ".segy";
            default -> path;
        };
    }
}
