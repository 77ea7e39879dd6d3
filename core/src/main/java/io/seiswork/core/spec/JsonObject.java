package io.seiswork.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON object of the spec being read, with its path. Typed getters record a problem (never
 * throw) when a field is missing or of the wrong type, and remember which keys were read so that
 * misspelt keys can be reported as unknown.
 */
final class JsonObject {

    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final Set<String> known = new HashSet<>();

    JsonObject(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        known.add(key);
        return node.has(key) && !node.get(key).isNull();
    }

    JsonNode raw(String key) {
        known.add(key);
        return node.get(key);
    }

    /** A nested object, or null (with a problem recorded if required or of the wrong type). */
    JsonObject object(String key, boolean required) {
        JsonNode v = raw(key);
        if (v == null || v.isNull()) {
            if (required) {
                problems.error(pathOf(key), "is required");
            }
            return null;
        }
        if (!v.isObject()) {
            problems.error(pathOf(key), "must be an object, got " + describe(v));
            return null;
        }
        return new JsonObject(v, pathOf(key), problems);
    }

    /** A number, the default when absent, or NaN when required and absent or invalid. */
    double number(String key, Double defaultValue) {
        JsonNode v = raw(key);
        if (v == null || v.isNull()) {
            if (defaultValue == null) {
                problems.error(pathOf(key), "is required");
                return Double.NaN;
            }
            return defaultValue;
        }
        if (!v.isNumber()) {
            problems.error(pathOf(key), "must be a number, got " + describe(v));
            return Double.NaN;
        }
        return v.doubleValue();
    }

    /** An optional number: null when absent. */
    Double optionalNumber(String key) {
        if (!has(key)) {
            return null;
        }
        double v = number(key, null);
        return Double.isNaN(v) ? null : v;
    }

    /** A number that must be {@code > 0} and finite. */
    double positive(String key, Double defaultValue) {
        double v = number(key, defaultValue);
        if (!Double.isNaN(v) && !(v > 0 && Double.isFinite(v))) {
            problems.error(pathOf(key), "must be > 0, got " + Problems.num(v));
            return Double.NaN;
        }
        return v;
    }

    /** A whole number within [min, max]; {@code min - 1} when missing or invalid. */
    int integer(String key, Integer defaultValue, int min, int max) {
        JsonNode v = raw(key);
        if (v == null || v.isNull()) {
            if (defaultValue == null) {
                problems.error(pathOf(key), "is required");
                return min - 1;
            }
            return defaultValue;
        }
        if (!v.isNumber() || v.doubleValue() != Math.rint(v.doubleValue())) {
            problems.error(pathOf(key), "must be a whole number, got " + describe(v));
            return min - 1;
        }
        double d = v.doubleValue();
        if (d < min) {
            problems.error(pathOf(key), "must be >= " + min + ", got " + Problems.num(d));
            return min - 1;
        }
        if (d > max) {
            problems.error(pathOf(key), "must be <= " + max + ", got " + Problems.num(d));
            return min - 1;
        }
        return (int) d;
    }

    boolean bool(String key, boolean defaultValue) {
        JsonNode v = raw(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            problems.error(pathOf(key), "must be true or false, got " + describe(v));
            return defaultValue;
        }
        return v.booleanValue();
    }

    /** A string, the default when absent; null when required and absent or of the wrong type. */
    String string(String key, String defaultValue) {
        JsonNode v = raw(key);
        if (v == null || v.isNull()) {
            if (defaultValue == null) {
                problems.error(pathOf(key), "is required");
            }
            return defaultValue;
        }
        if (!v.isTextual()) {
            problems.error(pathOf(key), "must be a string, got " + describe(v));
            return null;
        }
        return v.textValue();
    }

    /** A string that must be one of {@code allowed}; null when invalid. */
    String choice(String key, String defaultValue, List<String> allowed) {
        String s = string(key, defaultValue);
        if (s != null && !allowed.contains(s)) {
            problems.error(pathOf(key), "must be one of " + String.join(", ", allowed) + ", got \"" + s + "\"");
            return null;
        }
        return s;
    }

    /** Records a problem for every key of this object that no getter asked for. */
    void rejectUnknownKeys() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                String near = nearest(k, known);
                problems.error(pathOf(k), "unknown field" + (near == null ? "" : ": did you mean \"" + near + "\"?")
                        + " (expected one of " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    /**
     * The known key {@code key} is most likely a misspelling of: the one fewest edits away
     * (letters inserted, deleted, changed or two swapped, case ignored), if that is at most a third
     * of its length (at least 1); null when none is that close. "peakHZ", "dzz", "lenghtS".
     */
    static String nearest(String key, java.util.Collection<String> known) {
        String best = null;
        int bestEdits = Integer.MAX_VALUE;
        for (String k : known) {
            int d = edits(key.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestEdits || d == bestEdits && best != null && k.compareTo(best) < 0) {
                best = k;
                bestEdits = d;
            }
        }
        return best != null && bestEdits <= Math.max(1, best.length() / 3) ? best : null;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    private static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * The one key of {@code forms} (the alternative ways of giving a field) this object has; null,
     * with an error naming them all and those given, when it has none or several.
     */
    String oneOf(List<String> forms) {
        List<String> present = keys().stream().filter(forms::contains).toList();
        if (present.size() == 1) {
            return present.get(0);
        }
        problems.error(path, "must have exactly one of " + String.join(", ", forms)
                + (present.isEmpty() ? ", got none" : ", got " + String.join(" and ", present)));
        return null;
    }

    /** The keys present in this object, in document order. */
    private List<String> keys() {
        List<String> out = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "\"" + v.textValue() + "\"";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        return v.toString();
    }
}
