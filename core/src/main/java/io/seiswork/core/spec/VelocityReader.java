package io.seiswork.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a velocity model as a spec gives it ({@code velocity}, {@code migrationVelocity}): exactly
 * one of a constant, layers (tops in metres, velocities in m/s), a SEG-Y or raw float32 file, a
 * built-in model, or for a migration a smoothing of the model (metres). Only the spec's own
 * figures are checked here; the files' values are checked by {@link JobResolver}.
 */
final class VelocityReader {

    /** The fastest velocity a model may hold, m/s: velocities are held as 32-bit floats. */
    static final double MAX_FLOAT_VELOCITY = Float.MAX_VALUE;

    private final Problems problems;

    /** @param problems where the problems found are recorded */
    VelocityReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * The velocity model of object {@code v}; null when {@code v} is null (its absence already reported) or a
     * problem leaves none.
     *
     * @param migration whether {@code v} is the migration velocity, which may also be {@code smooth}
     */
    VelocitySpec velocity(JsonObject v, boolean migration) {
        if (v == null) {
            return null;
        }
        List<String> forms = migration
                ? List.of("constant", "layers", "segy", "raw", "builtin", "smooth")
                : List.of("constant", "layers", "segy", "raw", "builtin");
        String form = v.oneOf(forms);
        if (form == null) {
            forms.forEach(v::has);
            v.rejectUnknownKeys();
            return null;
        }
        VelocitySpec out = switch (form) {
            case "constant" -> {
                double c = floatVelocity(v, "constant", v.positive("constant", null));
                yield Double.isNaN(c) ? null : new VelocitySpec.Constant(c);
            }
            case "smooth" -> {
                double s = v.number("smooth", null);
                if (!Double.isNaN(s) && !(s >= 0 && Double.isFinite(s))) {
                    problems.error(v.pathOf("smooth"), "must be >= 0 metres, got " + Problems.num(s));
                    yield null;
                }
                yield Double.isNaN(s) ? null : new VelocitySpec.Smoothed(s);
            }
            case "layers" -> layers(v);
            case "segy" -> {
                String p = v.string("segy", null);
                yield p == null ? null : new VelocitySpec.Segy(p);
            }
            case "raw" -> raw(v.object("raw", true));
            case "builtin" -> {
                String b = v.choice("builtin", null, io.seiswork.core.velocity.BuiltinModels.NAMES);
                yield b == null ? null : new VelocitySpec.Builtin(b);
            }
            default -> throw new IllegalStateException(form);
        };
        v.rejectUnknownKeys();
        return out;
    }

    /**
     * {@code value} of {@code key}, or NaN with an error naming the field and the value when it
     * is beyond a 32-bit float (the models' values), where it would become Infinity.
     */
    private double floatVelocity(JsonObject o, String key, double value) {
        if (value > MAX_FLOAT_VELOCITY) {
            problems.error(o.pathOf(key), "must be at most 3.4e38 m/s (velocities are"
                    + " held as 32-bit floats; seismic ones are 100-10000 m/s), got " + Problems.num(value));
            return Double.NaN;
        }
        return value;
    }

    private VelocitySpec layers(JsonObject v) {
        JsonNode arr = v.raw("layers");
        String path = v.pathOf("layers");
        if (!arr.isArray() || arr.isEmpty()) {
            problems.error(path, "must be a non-empty array of {\"top\": metres, \"vp\": m/s}");
            return null;
        }
        List<VelocitySpec.Layer> layers = new ArrayList<>();
        double previousTop = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < arr.size(); i++) {
            String p = path + "[" + i + "]";
            if (!arr.get(i).isObject()) {
                problems.error(p, "must be an object {\"top\": metres, \"vp\": m/s}, got " + JsonObject.describe(arr.get(i)));
                continue;
            }
            JsonObject l = new JsonObject(arr.get(i), p, problems);
            double top = l.number("top", null);
            double vp = floatVelocity(l, "vp", l.positive("vp", null));
            l.rejectUnknownKeys();
            if (i == 0 && !Double.isNaN(top) && top != 0) {
                problems.error(p + ".top", "must be 0 (the first layer starts at the surface), got " + Problems.num(top));
            } else if (!Double.isNaN(top) && top <= previousTop) {
                problems.error(p + ".top", "must be deeper than the layer above (" + Problems.num(previousTop, top)
                        + " m), got " + Problems.num(top, previousTop));
            }
            if (!Double.isNaN(top)) {
                previousTop = top;
            }
            layers.add(new VelocitySpec.Layer(top, vp));
        }
        return new VelocitySpec.Layers(layers);
    }

    private VelocitySpec raw(JsonObject r) {
        if (r == null) {
            return null;
        }
        String path = r.string("path", null);
        String order = r.string("order", "zxy");
        String endian = r.choice("endian", "little", List.of("little", "big"));
        double scale = r.positive("scale", 1.0);
        r.rejectUnknownKeys();
        if (order != null && !isAxisPermutation(order)) {
            problems.error(r.pathOf("order"), "must be a permutation of \"xyz\" from fastest to slowest axis (for example \"zxy\"), got \"" + order + "\"");
            return null;
        }
        if (path == null || order == null || endian == null || Double.isNaN(scale)) {
            return null;
        }
        return new VelocitySpec.Raw(path, order, endian.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN,
                scale);
    }

    private static boolean isAxisPermutation(String s) {
        return s.length() == 3 && s.chars().sorted().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append).toString().equals("xyz");
    }
}
