package io.seiswork.core.volume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.json.JsonSyntax;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes and reads the JSON header of a {@code .swv} file (Jackson tree model, so every missing or
 * wrong field is reported by name rather than defaulted). Reading also checks the levels listed in
 * the header against the layout the dimensions imply.
 */
final class SwvHeaderJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String FORMAT_NAME = "seiswork-volume";
    static final String SAMPLE_FORMAT = "float32le";

    private SwvHeaderJson() {
    }

    /** The header as compact UTF-8 JSON. */
    static byte[] write(VolumeHeader h) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT_NAME);
        root.put("version", SwvFormat.VERSION);
        VolumeAxes a = h.axes();
        ObjectNode dims = root.putObject("dimensions");
        dims.put("nx", a.x().count());
        dims.put("ny", a.y().count());
        dims.put("nz", a.z().count());
        ObjectNode spacing = root.putObject("spacing");
        spacing.put("dx", a.x().delta());
        spacing.put("dy", a.y().delta());
        spacing.put("dz", a.z().delta());
        ObjectNode origin = root.putObject("origin");
        origin.put("x", a.x().first());
        origin.put("y", a.y().first());
        origin.put("z", a.z().first());
        ObjectNode units = root.putObject("units");
        units.put("length", h.lengthUnit());
        units.put("z", h.zUnit());
        units.put("values", h.valueUnit());
        root.put("sampleFormat", SAMPLE_FORMAT);
        root.put("brickSize", h.brickSize());
        root.put("dataOffset", h.dataOffset());
        ArrayNode levels = root.putArray("levels");
        for (BrickLayout.Level l : h.layout().levels()) {
            ObjectNode n = levels.addObject();
            n.put("nx", l.nx());
            n.put("ny", l.ny());
            n.put("nz", l.nz());
            n.put("offset", l.offset());
        }
        Histogram hist = h.histogram();
        ObjectNode range = root.putObject("valueRange");
        range.put("min", hist.min());
        range.put("max", hist.max());
        ObjectNode hn = root.putObject("histogram");
        hn.put("min", hist.min());
        hn.put("max", hist.max());
        ArrayNode counts = hn.putArray("counts");
        for (long c : hist.counts()) {
            counts.add(c);
        }
        LogHistogram mags = hist.magnitudes();
        if (mags != null) {
            ObjectNode mn = root.putObject("magnitudeHistogram");
            mn.put("binsPerOctave", LogHistogram.BINS_PER_OCTAVE);
            mn.put("firstKey", mags.firstKey());
            mn.put("negativeSmall", mags.negativeSmall());
            ArrayNode neg = mn.putArray("negative");
            for (long c : mags.negative()) {
                neg.add(c);
            }
            mn.put("positiveSmall", mags.positiveSmall());
            ArrayNode pos = mn.putArray("positive");
            for (long c : mags.positive()) {
                pos.add(c);
            }
        }
        if (h.segy() != null) {
            root.set("segy", MAPPER.valueToTree(h.segy()));
        }
        try {
            return MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a .swv header", e);
        }
    }

    /**
     * Parses and checks a header read from {@code source}.
     *
     * @throws SwvException naming the field and what was expected when anything is missing,
     *     malformed or inconsistent
     */
    static VolumeHeader read(String source, byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SwvException(source, "header is not valid JSON" + JsonSyntax.describe(e), e);
        } catch (java.io.IOException e) {
            throw new SwvException(source, "header could not be read: " + e.getMessage(), e);
        }
        Fields f = new Fields(source, root);
        String format = f.text(root, "format");
        if (!FORMAT_NAME.equals(format)) {
            throw SwvException.mismatch(source, "header field format", "\"" + FORMAT_NAME + "\"", "\"" + format + "\"");
        }
        int version = f.integer(root, "version");
        if (version != SwvFormat.VERSION) {
            throw SwvException.mismatch(source, "header field version (this Seiswork reads)", SwvFormat.VERSION, version);
        }
        String sampleFormat = f.text(root, "sampleFormat");
        if (!SAMPLE_FORMAT.equals(sampleFormat)) {
            throw SwvException.mismatch(source, "header field sampleFormat", SAMPLE_FORMAT, sampleFormat);
        }
        JsonNode dims = f.object(root, "dimensions");
        JsonNode spacing = f.object(root, "spacing");
        JsonNode origin = f.object(root, "origin");
        JsonNode units = f.object(root, "units");
        VolumeAxes axes;
        try {
            axes = new VolumeAxes(
                    new Sampling(f.integer(dims, "nx"), f.number(spacing, "dx"), f.number(origin, "x")),
                    new Sampling(f.integer(dims, "ny"), f.number(spacing, "dy"), f.number(origin, "y")),
                    new Sampling(f.integer(dims, "nz"), f.number(spacing, "dz"), f.number(origin, "z")));
        } catch (IllegalArgumentException e) {
            throw new SwvException(source, "invalid dimensions, spacing or origin in the header: " + e.getMessage(), e);
        }
        int brickSize = f.integer(root, "brickSize");
        long dataOffset = f.integer(root, "dataOffset");
        if (dataOffset != SwvFormat.DATA_OFFSET) {
            throw SwvException.mismatch(source, "header field dataOffset", SwvFormat.DATA_OFFSET, dataOffset);
        }
        BrickLayout layout;
        try {
            layout = BrickLayout.of(axes.x().count(), axes.y().count(), axes.z().count(), brickSize, dataOffset);
        } catch (IllegalArgumentException e) {
            throw new SwvException(source, "invalid header: " + e.getMessage(), e);
        }
        checkLevels(source, f, f.array(root, "levels"), layout.levels());
        JsonNode hn = f.object(root, "histogram");
        long[] counts = counts(source, f.array(hn, "counts"), "histogram.counts");
        LogHistogram magnitudes = root.has("magnitudeHistogram") ? magnitudes(source, f) : null;
        Histogram histogram;
        try {
            histogram = new Histogram(f.number(hn, "min"), f.number(hn, "max"), counts, magnitudes);
        } catch (IllegalArgumentException e) {
            throw new SwvException(source, "invalid histogram in the header: " + e.getMessage(), e);
        }
        SegyGrid segy = null;
        if (root.has("segy")) {
            JsonNode s = f.object(root, "segy");
            segy = new SegyGrid(f.integer(s, "inlineFirst"), f.integer(s, "inlineStep"), f.integer(s, "crosslineFirst"),
                    f.integer(s, "crosslineStep"), f.number(s, "cdpX0"), f.number(s, "cdpXPerX"), f.number(s, "cdpXPerY"),
                    f.number(s, "cdpY0"), f.number(s, "cdpYPerX"), f.number(s, "cdpYPerY"),
                    f.integer(s, "coordinateScalar"), f.integer(s, "sampleIntervalUs"));
        }
        return new VolumeHeader(axes, f.text(units, "length"), f.text(units, "z"), f.text(units, "values"),
                brickSize, dataOffset, histogram, segy);
    }

    /** The optional logarithmic histogram (files before it have none: their clips use the equal bins). */
    private static LogHistogram magnitudes(String source, Fields f) {
        JsonNode mn = f.object(f.root(), "magnitudeHistogram");
        int perOctave = f.integer(mn, "binsPerOctave");
        if (perOctave != LogHistogram.BINS_PER_OCTAVE) {
            throw SwvException.mismatch(source, "header field magnitudeHistogram.binsPerOctave",
                    LogHistogram.BINS_PER_OCTAVE, perOctave);
        }
        try {
            return new LogHistogram(f.integer(mn, "firstKey"), f.longInteger(mn, "negativeSmall"),
                    counts(source, f.array(mn, "negative"), "magnitudeHistogram.negative"),
                    f.longInteger(mn, "positiveSmall"),
                    counts(source, f.array(mn, "positive"), "magnitudeHistogram.positive"));
        } catch (IllegalArgumentException e) {
            throw new SwvException(source, "invalid magnitudeHistogram in the header: " + e.getMessage(), e);
        }
    }

    private static long[] counts(String source, JsonNode cn, String field) {
        long[] counts = new long[cn.size()];
        for (int i = 0; i < counts.length; i++) {
            if (!cn.get(i).canConvertToExactIntegral() || cn.get(i).asLong() < 0) {
                throw new SwvException(source, "header field " + field + "[" + i + "] must be a count >= 0, found "
                        + cn.get(i));
            }
            counts[i] = cn.get(i).asLong();
        }
        return counts;
    }

    private static void checkLevels(String source, Fields f, JsonNode levels, List<BrickLayout.Level> expected) {
        if (levels.size() != expected.size()) {
            throw SwvException.mismatch(source, "number of pyramid levels in the header (for these dimensions and brick size)",
                    expected.size(), levels.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            BrickLayout.Level e = expected.get(i);
            JsonNode n = levels.get(i);
            String found = f.integer(n, "nx") + " x " + f.integer(n, "ny") + " x " + f.integer(n, "nz") + " at byte "
                    + f.longInteger(n, "offset");
            String want = e.nx() + " x " + e.ny() + " x " + e.nz() + " at byte " + e.offset();
            if (!found.equals(want)) {
                throw SwvException.mismatch(source, "header levels[" + i + "]", want, found);
            }
        }
    }

    /** Typed field access that names the missing or malformed field. */
    private record Fields(String source, JsonNode root) {

        JsonNode get(JsonNode parent, String name) {
            JsonNode n = parent.get(name);
            if (n == null || n.isNull()) {
                throw new SwvException(source, "header field \"" + path(parent, name) + "\" is missing");
            }
            return n;
        }

        private String path(JsonNode parent, String name) {
            if (parent == root) {
                return name;
            }
            var it = root.properties().iterator();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getValue() == parent) {
                    return e.getKey() + "." + name;
                }
            }
            return name;
        }

        JsonNode object(JsonNode parent, String name) {
            JsonNode n = get(parent, name);
            if (!n.isObject()) {
                throw new SwvException(source, "header field \"" + path(parent, name) + "\" must be an object, found " + n);
            }
            return n;
        }

        JsonNode array(JsonNode parent, String name) {
            JsonNode n = get(parent, name);
            if (!n.isArray()) {
                throw new SwvException(source, "header field \"" + path(parent, name) + "\" must be an array, found " + n);
            }
            return n;
        }

        String text(JsonNode parent, String name) {
            JsonNode n = get(parent, name);
            if (!n.isTextual()) {
                throw new SwvException(source, "header field \"" + path(parent, name) + "\" must be a string, found " + n);
            }
            return n.asText();
        }

        double number(JsonNode parent, String name) {
            JsonNode n = get(parent, name);
            if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
                throw new SwvException(source, "header field \"" + path(parent, name) + "\" must be a finite number, found " + n);
            }
            return n.asDouble();
        }

        int integer(JsonNode parent, String name) {
            long v = longInteger(parent, name);
            if (v != (int) v) {
                throw new SwvException(source, "header field \"" + path(parent, name) + "\" is out of range: " + v);
            }
            return (int) v;
        }

        long longInteger(JsonNode parent, String name) {
            JsonNode n = get(parent, name);
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw new SwvException(source, "header field \"" + path(parent, name) + "\" must be an integer, found " + n);
            }
            return n.asLong();
        }
    }
}
