package io.seiswork.core.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads which receivers record which shot ({@code receivers.spread}): all of them ("fixed", the
 * default), or those within a moving spread's offsets of the source (metres).
 */
final class SpreadReader {

    private final Problems problems;

    /** @param problems where the problems found are recorded */
    SpreadReader(Problems problems) {
        this.problems = problems;
    }

    /** The spread of the receivers' object {@code rec}: fixed when not given; null when it cannot be read. */
    Spread spread(JsonObject rec) {
        JsonNode s = rec.raw("spread");
        String path = rec.pathOf("spread");
        if (s == null || s.isNull() || (s.isTextual() && s.textValue().equals("fixed"))) {
            return new Spread.Fixed();
        }
        if (s.isObject()) {
            JsonObject o = new JsonObject(s, path, problems);
            JsonObject m = o.object("moving", true);
            o.rejectUnknownKeys();
            if (m == null) {
                return null;
            }
            double min = m.number("minOffset", 0.0);
            double max = m.number("maxOffset", null);
            m.rejectUnknownKeys();
            if (!Double.isNaN(min) && min < 0) {
                problems.error(m.pathOf("minOffset"), "must be >= 0 metres, got " + Problems.num(min));
            } else if (!Double.isNaN(min) && !Double.isNaN(max) && max <= min) {
                problems.error(m.pathOf("maxOffset"), "must be > minOffset (" + Problems.num(min, max) + " m), got "
                        + Problems.num(max, min));
            }
            return new Spread.Moving(min, max);
        }
        problems.error(path, "must be \"fixed\" or {\"moving\": {\"minOffset\": m, \"maxOffset\": m}}, got " + JsonObject.describe(s));
        return null;
    }
}
