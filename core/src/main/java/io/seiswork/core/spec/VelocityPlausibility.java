package io.seiswork.core.spec;

import io.seiswork.core.text.SignificantDigits;
import java.nio.ByteOrder;

/**
 * Whether a velocity model's values can be seismic P-wave velocities in m/s, and if not, the
 * likely cause in one line. A model of the wrong unit or byte order is positive and finite all the
 * same: read as it is, a file in km/s gives 1.5–6 m/s and then a points-per-wavelength error
 * that advises refining the grid a thousandfold, and a big-endian file read as little-endian
 * gives values such as 9e-41 m/s. Those are told here instead, before the checks that take the
 * range at its word (CFL, points per wavelength, memory).
 *
 * <p>Only values that clearly mean a wrong unit or byte order are errors: below
 * {@value #MIN_MPS} m/s (a model in km/s gives 1.5–6) or above {@value #MAX_MPS} m/s (the fastest
 * rocks of the crust and upper mantle are about 8,500 m/s; a model in ft/s runs to 15,000–20,000),
 * or not finite. Values from {@value #MIN_MPS} to {@value #NEAR_SURFACE_MPS} m/s are real in
 * near-surface work (dry soil and weathered layers of engineering and high-resolution surveys run
 * 150–300 m/s; air is 343 m/s), so they are a warning that names the range, and the spec runs.
 * Each limit is compared with a relative tolerance of {@value #TOLERANCE}, so that a model in ft/s
 * scaled by 0.3048 whose 984.252 ft/s lands at 299.9994 m/s in float is not flagged.
 */
final class VelocityPlausibility {

    /** Slowest velocity that is not an error, m/s: below it the values are in another unit (km/s) or garbage. */
    static final float MIN_MPS = 100f;

    /** Slowest velocity that is not a warning, m/s: dry, unconsolidated soil is about 150–300 m/s. */
    static final float NEAR_SURFACE_MPS = 300f;

    /** Fastest plausible seismic velocity, m/s. */
    static final float MAX_MPS = 10_000f;

    /** Relative tolerance of the limits: float rounding of a scaled model (a few parts in 10^7) is far inside it. */
    static final double TOLERANCE = 1e-5;

    /** Metres per foot: a model in ft/s needs this scale. */
    private static final double FOOT_M = 0.3048;

    private VelocityPlausibility() {
    }

    /**
     * Checks a model whose velocities run from {@code minMps} to {@code maxMps}, recording under
     * {@code path} ("velocity", "migrationVelocity") an error when they cannot be seismic
     * velocities in m/s, or a warning when the slowest is a near-surface velocity.
     *
     * @return whether the range is usable (no error recorded): the checks that follow from it may run
     */
    static boolean check(VelocitySpec spec, String path, double minMps, double maxMps, Problems problems) {
        String error = problem(spec, path, minMps, maxMps);
        if (error != null) {
            problems.error(path, error);
            return false;
        }
        if (minMps < NEAR_SURFACE_MPS * (1 - TOLERANCE)) {
            problems.warning(path, "slowest value " + value(minMps) + " m/s is below " + Problems.num(NEAR_SURFACE_MPS)
                    + " m/s: plausible only for dry soil or weathered near-surface layers (" + Problems.num(MIN_MPS) + "-"
                    + Problems.num(NEAR_SURFACE_MPS) + " m/s); check the model's units if it is not a near-surface model");
        }
        return true;
    }

    /**
     * The error of a model whose velocities run from {@code minMps} to {@code maxMps}, in one
     * line for the field at {@code path}, or null when they lie in {@value #MIN_MPS}–{@value #MAX_MPS}
     * m/s (within {@link #TOLERANCE}) and are finite.
     */
    static String problem(VelocitySpec spec, String path, double minMps, double maxMps) {
        if (!Double.isFinite(minMps) || !Double.isFinite(maxMps)) {
            return "the range " + value(minMps) + " to " + value(maxMps) + " m/s is not finite"
                    + likelyCauseOfInvalid(spec, path);
        }
        if (inRange(minMps, maxMps)) {
            return null;
        }
        return "values " + value(minMps) + " to " + value(maxMps) + " m/s lie outside " + Problems.num(MIN_MPS) + "-"
                + Problems.num(MAX_MPS) + " m/s, the range of seismic velocities"
                + likelyCause(spec, path, minMps, maxMps);
    }

    /**
     * Largest magnitude, in the file's own values, that {@link #likelyCauseOfInvalid(VelocitySpec, String,
     * double, double)} takes for data of the right format: a misdeclared format or byte order gives
     * NaN, infinities and magnitudes such as 1e-40 or 1e30; amplitudes (int16 at most 32767, float
     * images rarely more) stay well inside it.
     */
    static final double PLAIN_DATA_LIMIT = 1e7;

    /**
     * As {@link #likelyCauseOfInvalid(VelocitySpec, String)}, knowing the model's whole range
     * {@code minValue..maxValue} (NaN when any value is NaN): a SEG-Y file whose values are finite,
     * of plain magnitude ({@value #PLAIN_DATA_LIMIT} at most) and run below zero holds data that are
     * not velocities (a seismic image's amplitudes), which is said with the range found against
     * the range of velocities; a misdeclared format or byte order is not blamed then.
     */
    static String likelyCauseOfInvalid(VelocitySpec spec, String path, double minValue, double maxValue) {
        if (spec instanceof VelocitySpec.Segy && Double.isFinite(minValue) && Double.isFinite(maxValue)
                && minValue < 0 && Math.max(-minValue, Math.abs(maxValue)) <= PLAIN_DATA_LIMIT) {
            return "; the file's values run from " + value(minValue) + " to " + value(maxValue) + ", which are not"
                    + " velocities (seismic velocities are " + Problems.num(MIN_MPS) + "-" + Problems.num(MAX_MPS)
                    + " m/s): is it a seismic image or other data rather than a velocity model?";
        }
        return likelyCauseOfInvalid(spec, path);
    }

    /** Why a model may hold values that are not positive and finite (NaN, infinite, zero or negative): "" when no guess. */
    static String likelyCauseOfInvalid(VelocitySpec spec, String path) {
        return switch (spec) {
            case VelocitySpec.Raw r -> "; " + path + ".raw.endian \"" + endian(r.endian()) + "\" may be wrong (try \""
                    + endian(opposite(r.endian())) + "\"), or the file may not hold float32 values";
            case VelocitySpec.Segy s -> "; the SEG-Y file's sample format or byte order may be misdeclared in its headers";
            default -> "";
        };
    }

    private static String likelyCause(VelocitySpec spec, String path, double minMps, double maxMps) {
        double factor = switch (spec) {
            case VelocitySpec.Raw r -> r.scale();
            default -> 1;
        };
        // The values as they were in the file, before any scale given.
        double fileMin = minMps / factor;
        double fileMax = maxMps / factor;
        boolean kilometres = inRange(fileMin * 1000, fileMax * 1000);
        boolean feet = inRange(fileMin * FOOT_M, fileMax * FOOT_M);
        return switch (spec) {
            case VelocitySpec.Raw r -> {
                if (kilometres) {
                    yield ": the file looks like km/s; give " + path + ".raw.scale 1000 (it is "
                            + Problems.num(r.scale()) + ")";
                }
                if (feet) {
                    yield ": the file looks like ft/s; give " + path + ".raw.scale 0.3048 (it is "
                            + Problems.num(r.scale()) + ")";
                }
                yield ": the file is likely read with the wrong byte order (" + path + ".raw.endian is \""
                        + endian(r.endian()) + "\"; try \"" + endian(opposite(r.endian())) + "\"), the wrong "
                        + path + ".raw.scale (" + Problems.num(r.scale()) + ") or does not hold float32 values";
            }
            case VelocitySpec.Segy s -> kilometres ? ": the file looks like km/s; convert it to m/s"
                    : feet ? ": the file looks like ft/s; convert it to m/s"
                    : ": check the file's sample format and units";
            default -> kilometres ? ": give velocities in m/s (km/s x 1000)"
                    : feet ? ": give velocities in m/s (ft/s x 0.3048)" : "";
        };
    }

    /** Four significant digits, plainly written where that is short ("1.5", "2200") and as "8.978e-41" where not. */
    static String value(double v) {
        return SignificantDigits.plainOrScientific(v, 4);
    }

    /** Whether {@code minMps .. maxMps} lies within the limits of an error, with their tolerance. */
    private static boolean inRange(double minMps, double maxMps) {
        return minMps >= MIN_MPS * (1 - TOLERANCE) && maxMps <= MAX_MPS * (1 + TOLERANCE);
    }

    private static ByteOrder opposite(ByteOrder order) {
        return order == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    private static String endian(ByteOrder order) {
        return order == ByteOrder.BIG_ENDIAN ? "big" : "little";
    }
}
