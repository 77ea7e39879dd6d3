package io.seiswork.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.json.JsonSyntax;
import io.seiswork.core.stencil.SecondDerivative;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON job spec into a {@link JobSpec}, filling defaults and checking everything that
 * needs only the spec itself: types, required fields, ranges, unknown (misspelt) fields, and
 * sources and receivers inside the grid, the job's name ({@link JobName}), nothing after the
 * spec's object. Every problem is collected and reported together in one {@link SpecException}.
 * Checks that need the velocity model (CFL, points per wavelength, invalid or implausible
 * velocities, file sizes, memory) are done by {@link JobResolver}, which reports a
 * {@link SpecDraft}'s problems together with its own.
 */
public final class JobSpecReader {

    /** Default output sample interval in seconds. */
    public static final double DEFAULT_SAMPLE_S = 0.004;
    /** Default absorbing layer width in cells. */
    public static final int DEFAULT_BOUNDARY_WIDTH = 20;
    /** Default smoothing half-width in metres of the migration velocity. */
    public static final double DEFAULT_SMOOTH_M = 150;

    /** Largest output sample interval in seconds: SEG-Y's 15-bit microsecond field. */
    public static final double MAX_SAMPLE_S = 0.032767;
    /** Most output samples per trace: SEG-Y's unsigned 16-bit count. */
    public static final int MAX_SAMPLES = 65535;
    /**
     * Largest {@code grid.dz} of a migration that {@code image.sgy} holds exactly, metres (up to 32.7675 m excluded,
     * rounded, with a warning): it keeps the depth step in
     * millimetres in SEG-Y's 15-bit sample-interval field ({@link io.seiswork.core.segy.DepthVolumeWriter}).
     */
    public static final double MAX_IMAGE_DZ_M = 32.767;
    /**
     * The largest spec file read, bytes, here and by a cloud job's stored spec. A spec is a few
     * kilobytes; its longest part, a list of positions, takes about 28 bytes a position, so about
     * 600 000 listed sources and receivers fit. The models and data it names are files of their
     * own, so anything larger is not a spec, and reading it whole would only fill the heap before
     * saying so.
     */
    public static final long MAX_SPEC_BYTES = 16L << 20;

    /**
     * A {@code wavelet.delayS} below this many periods of the peak frequency starts the Ricker
     * wavelet cut: at 0.8 / peakHz its first sample is already 2 % of its peak (at the default,
     * 1 / peakHz, 0.1 %).
     */
    static final double MIN_UNCUT_DELAY_PERIODS = 0.8;

    /** The most nodes along each grid axis ({@code grid.nx}, {@code ny}, {@code nz}). */
    public static final int MAX_GRID_AXIS = 1_000_000;
    /** The most points of a {@code line} layout ({@code n}). */
    public static final int MAX_LINE_POINTS = 10_000_000;
    /** The most points along each axis of a {@code grid} layout ({@code nx}, {@code ny}). */
    public static final int MAX_LAYOUT_AXIS = 100_000;
    /** The most points of a {@code grid} layout ({@code nx x ny}). */
    public static final long MAX_LAYOUT_POINTS = 10_000_000;
    /**
     * The highest {@code wavelet.peakHz}: its band, to 2.5 x peakHz, must be sampled by a
     * {@code time.sampleS} of at least one microsecond, the finest SEG-Y stores (1 / (2 x 2.5 x 1 us)).
     */
    public static final double MAX_PEAK_HZ = 200_000;
    /** The fastest velocity a model may hold, m/s: velocities are held as 32-bit floats. */
    static final double MAX_FLOAT_VELOCITY = Float.MAX_VALUE;

    /** Fields only a migration reads, ignored (with a warning) by a modelling job. */
    static final List<String> RTM_ONLY_FIELDS = List.of("data", "imaging", "migrationVelocity");

    /**
     * A key given twice is refused (a reader would silently take one of the two values), and so is
     * anything after the spec's object (a second object pasted after the first, a stray word).
     */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JobSpecReader() {
    }

    /**
     * Reads a spec file; the default job name is the file name without extension.
     *
     * @throws IllegalArgumentException when the file does not exist
     * @throws SpecException listing every problem of the spec
     */
    public static JobSpec read(Path file) {
        return draft(file).orThrow(file.toString());
    }

    /**
     * Reads a spec file as far as it can be read, for {@link JobResolver#resolve(SpecDraft, String)}
     * to report its problems together with the checks that need the velocity model.
     *
     * @throws IllegalArgumentException when the file does not exist
     */
    public static SpecDraft draft(Path file) {
        return draft(readText(file), file.toString(), JobName.defaultFor(file.getFileName().toString()));
    }

    /**
     * The text of a spec file, without the UTF-8 byte-order mark some Windows editors write, for
     * every reader of spec files (the command line's and the desktop's editor alike). A pipe (a
     * shell's {@code <(...)}) is read as far as {@link #MAX_SPEC_BYTES} and one byte more.
     *
     * @throws IllegalArgumentException when the file does not exist, is a folder, larger than
     *     {@link #MAX_SPEC_BYTES} (a device such as {@code /dev/zero} included) or not UTF-8
     */
    public static String readText(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("spec file " + file.normalize() + " is a folder, not a file");
        }
        byte[] bytes;
        try {
            // Checked before reading: a huge file (or one given by mistake) would fill the heap first.
            long size = Files.isRegularFile(file) ? Files.size(file) : 0;
            if (size <= MAX_SPEC_BYTES) {
                try (var in = Files.newInputStream(file)) {
                    bytes = in.readNBytes((int) MAX_SPEC_BYTES + 1);
                }
                size = Math.max(size, bytes.length);
            } else {
                bytes = null;
            }
            if (size > MAX_SPEC_BYTES) {
                throw new IllegalArgumentException("spec file " + file.normalize()
                        + (Files.isRegularFile(file) ? " is " + MemoryEstimate.human(size)
                        : " goes on past " + MemoryEstimate.human(MAX_SPEC_BYTES)) + "; a job spec is a JSON text of at most " + MemoryEstimate.human(MAX_SPEC_BYTES)
                        + " (about 600 000 listed positions; models and data are files of their own)");
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("spec file " + file.normalize() + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec file " + file + ": " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("spec file " + file.normalize() + " is not UTF-8 text"
                    + (isUtf16(bytes) ? " (it is UTF-16: save it as UTF-8)" : "") + ": a spec is a JSON text file");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Whether {@code bytes} start with a UTF-16 byte-order mark (Windows Notepad's "Unicode"). */
    private static boolean isUtf16(byte[] head) {
        return head.length >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF));
    }

    /**
     * Reads a spec from JSON text.
     *
     * @param json the spec
     * @param source where it came from, for messages
     * @param defaultName the job name when the spec has none
     * @throws SpecException listing every problem of the spec
     */
    public static JobSpec read(String json, String source, String defaultName) {
        return draft(json, source, defaultName).orThrow(source);
    }

    /**
     * Reads a spec from JSON text as far as it can be read: every problem that needs only the
     * text, and the spec itself unless a problem leaves it incomplete (see {@link SpecDraft}).
     *
     * @param json the spec
     * @param source where it came from, for messages
     * @param defaultName the job name when the spec has none
     */
    public static SpecDraft draft(String json, String source, String defaultName) {
        JsonNode root;
        try {
            // A byte-order mark (Windows editors write one in UTF-8 too) is not part of the text.
            root = MAPPER.readTree(json.startsWith("\uFEFF") ? json.substring(1) : json);
        } catch (JsonProcessingException e) {
            // "is not valid JSON at line 2, column 1: ...", or without a place "is not valid JSON: ...".
            return new SpecDraft(null, List.of(SpecProblem.error("(json)", "is not valid JSON" + describe(e))));
        }
        Problems problems = new Problems();
        if (root == null || !root.isObject()) {
            problems.error("(root)", "must be a JSON object");
            return new SpecDraft(null, problems.all());
        }
        Walk walk = new JobSpecReader.Walk(new JsonObject(root, "", problems), problems);
        JobSpec spec = walk.spec(defaultName);
        return new SpecDraft(walk.complete() ? spec : null, problems.all());
    }

    /**
     * A syntax error in the user's words, to follow "is not valid JSON" ({@link JsonSyntax#describe});
     * text after the spec's object said as such.
     */
    private static String describe(JsonProcessingException e) {
        if (e instanceof MismatchedInputException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Trailing token")) {
            var loc = e.getLocation();
            return JsonSyntax.placed(loc == null ? -1 : loc.getLineNr(), loc == null ? -1 : loc.getColumnNr(),
                    "text after the spec's closing '}' (a spec is one JSON object)");
        }
        return JsonSyntax.describe(e);
    }

    /** One pass over one document. */
    private static final class Walk {
        private final JsonObject root;
        private final Problems problems;

        /**
         * Errors that leave the spec whole, so that the resolver's checks can still run on it
         * (a source outside the grid, {@code time.dtS} above {@code time.sampleS}).
         */
        private int independentErrors;

        Walk(JsonObject root, Problems problems) {
            this.root = root;
            this.problems = problems;
        }

        /** An error that leaves the spec whole: see {@link #independentErrors}. */
        private void independentError(String path, String message) {
            problems.error(path, message);
            independentErrors++;
        }

        /** Whether the spec read is whole: every error found is independent of the resolver's checks. */
        boolean complete() {
            return problems.all().stream().filter(SpecProblem::isError).count() == independentErrors;
        }

        JobSpec spec(String defaultName) {
            String name = root.string("name", defaultName);
            String badName = name == null ? null : JobName.problem(name);
            if (badName != null) {
                independentError(root.pathOf("name"), badName);
            }
            String taskName = root.choice("task", null, List.of("model", "rtm"));
            Task task = taskName == null ? null : Task.valueOf(taskName.toUpperCase());
            if (task == Task.MODEL) {
                warnIgnoredFields();
            }
            Grid grid = grid(root.object("grid", true));
            VelocitySpec velocity = velocity(root.object("velocity", true), false);
            VelocitySpec migration = root.has("migrationVelocity")
                    ? velocity(root.object("migrationVelocity", false), true)
                    : new VelocitySpec.Smoothed(DEFAULT_SMOOTH_M);
            WaveletSpec wavelet = wavelet(root.object("wavelet", true));
            TimeSpec time = time(root.object("time", true));
            if (wavelet != null && time != null) {
                checkPeakInRecord(wavelet, time);
            }
            Layout sources = layout(root.object("sources", true), "shot", grid);
            JsonObject rec = root.object("receivers", true);
            Layout receivers = layout(rec, "receiver", grid);
            Spread spread = rec == null ? new Spread.Fixed() : spread(rec);
            if (rec != null) {
                rec.rejectUnknownKeys();
            }
            String data = root.string("data", JobSpec.SYNTHETIC);
            if (task == Task.RTM && grid != null) {
                checkImageDepthStep(grid);
            }
            PhysicsSpec physics = physics(root.object("physics", false));
            ImagingSpec imaging = imaging(root.object("imaging", false));
            String engineName = root.choice("engine", "auto", List.of("auto", "cpu", "gpu"));
            EngineChoice engine = engineName == null ? EngineChoice.AUTO : EngineChoice.valueOf(engineName.toUpperCase());
            root.rejectUnknownKeys();
            if (!complete()) {
                return null;
            }
            return new JobSpec(name, task, grid, velocity, migration, wavelet, time, sources, receivers, spread,
                    data, physics, imaging, engine);
        }

        /**
         * A modelling spec's migration fields (specs get copied between tasks): one warning naming
         * them, rather than an error, since the spec still says what to model.
         */
        private void warnIgnoredFields() {
            List<String> given = RTM_ONLY_FIELDS.stream().filter(root::has).toList();
            if (!given.isEmpty()) {
                problems.warning(String.join(", ", given), "ignored for task model (read only by task rtm)");
            }
        }

        private Grid grid(JsonObject g) {
            if (g == null) {
                return null;
            }
            int nx = g.integer("nx", null, 1, MAX_GRID_AXIS);
            int ny = g.integer("ny", 1, 1, MAX_GRID_AXIS);
            int nz = g.integer("nz", null, 1, MAX_GRID_AXIS);
            double dx = g.positive("dx", null);
            double dy = g.positive("dy", Double.isNaN(dx) ? 1.0 : dx);
            double dz = g.positive("dz", null);
            g.rejectUnknownKeys();
            if (nx < 1 || ny < 1 || nz < 1 || Double.isNaN(dx) || Double.isNaN(dy) || Double.isNaN(dz)) {
                return null;
            }
            long points = (long) nx * ny * nz;
            if (points > Grid.MAX_NODES) {
                problems.error(g.path(), "has " + points + " nodes, more than a grid may have ("
                        + Grid.MAX_NODES + "); split the survey or coarsen the grid");
                return null;
            }
            if (nx < 2 || nz < 2) {
                if (nx < 2) {
                    problems.error(g.pathOf("nx"), "must be >= 2 (a grid needs at least 2 nodes along x and z), got " + nx);
                }
                if (nz < 2) {
                    problems.error(g.pathOf("nz"), "must be >= 2 (a grid needs at least 2 nodes along x and z), got " + nz);
                }
                return null;
            }
            return new Grid(nx, ny, nz, dx, dy, dz);
        }

        /**
         * A migration writes {@code image.sgy} with dz in millimetres in the sample-interval
         * field, rounded to a whole number from 1 to 32767: a dz outside that range (under 0.5 mm,
         * 32.7675 m or more) is refused here rather than after every shot; one that is not a whole
         * number of millimetres is warned of (the field says the rounded step; {@code image.swv}
         * keeps the exact dz).
         */
        private void checkImageDepthStep(Grid grid) {
            double mm = grid.dz() * 1000;
            long field = Math.round(mm);
            String path = root.pathOf("grid") + ".dz";
            String why = " for task rtm: image.sgy keeps the depth step in millimetres in SEG-Y's 15-bit sample"
                    + " interval field (1..32767 mm)";
            if (field > Short.MAX_VALUE) {
                independentError(path, "must be < 32.7675 m" + why + ", got " + Problems.num(grid.dz(), 32.7675));
            } else if (field < 1) {
                independentError(path, "must be >= 0.0005 m" + why + ", got " + Problems.num(grid.dz(), 0.0005));
            } else if (Math.abs(mm - field) > 1e-6) {
                problems.warning(path, Problems.num(grid.dz()) + " m is not a whole number of millimetres: image.sgy's"
                        + " sample interval field will say " + field + " (" + Problems.num(field / 1000.0) + " m);"
                        + " image.swv keeps the exact dz");
            }
        }

        /**
         * A Ricker wavelet's energy lies within about one period, 1 / peakHz, either side of its
         * peak at {@code delayS}. A {@code delayS} given at or past the record's end fires nothing
         * the record holds (its traces all but zero): refused, naming both values. A peak, given or
         * the default 1 / peakHz, that leaves less than one period of the record after it cuts the
         * wavelet at the record's end, and its waves have no time to reach the receivers: warned.
         */
        private void checkPeakInRecord(WaveletSpec wavelet, TimeSpec time) {
            double peak = wavelet.peakDelayS();
            double period = 1 / wavelet.peakHz();
            double length = time.lengthS();
            String lengthPath = root.pathOf("time") + ".lengthS";
            String delayPath = root.pathOf("wavelet") + ".delayS";
            if (wavelet.peakHz() * length < 1) {
                problems.error(root.pathOf("wavelet") + ".peakHz", "must be >= 1 / " + lengthPath + " = "
                        + round(1 / length, 6) + " Hz (at least one period within the " + Problems.num(length)
                        + " s record), got " + Problems.num(wavelet.peakHz()) + ": every trace would be (nearly) zero");
                return;
            }
            if (wavelet.delayS() != null && peak >= length) {
                independentError(delayPath, "must be < " + lengthPath + " (" + Problems.num(length, peak) + " s), got "
                        + Problems.num(peak, length) + ": the wavelet would peak after the record ends and every trace"
                        + " would be (nearly) zero");
            } else if (wavelet.delayS() == null && peak >= length) {
                independentError(lengthPath, "must be > the wavelet's peak at 1 / peakHz = " + round(peak, 6) + " s ("
                        + delayPath + " not given), got " + Problems.num(length) + ": the traces would hold only its onset");
            } else if (length - peak < period) {
                String at = wavelet.delayS() != null ? Problems.num(peak) + " s"
                        : "1 / peakHz = " + round(peak, 4) + " s (" + delayPath + " not given)";
                problems.warning(wavelet.delayS() != null ? delayPath : lengthPath, "the wavelet's peak at " + at
                        + " leaves " + round(length - peak, 4) + " s of the " + Problems.num(length) + " s record ("
                        + lengthPath + "), less than one period (1 / peakHz = " + round(period, 4) + " s): the wavelet"
                        + " is cut at the record's end and its waves have no time to reach the receivers");
            }
        }

        /** "is 0" for a spacing given as 0, "not given (0)" for one left out (it defaults to 0). */
        private static String zero(JsonObject o, String key) {
            return o.has(key) ? "is 0" : "not given (0)";
        }

        private VelocitySpec velocity(JsonObject v, boolean migration) {
            if (v == null) {
                return null;
            }
            List<String> forms = migration
                    ? List.of("constant", "layers", "segy", "raw", "builtin", "smooth")
                    : List.of("constant", "layers", "segy", "raw", "builtin");
            List<String> present = v.keys().stream().filter(forms::contains).toList();
            if (present.size() != 1) {
                problems.error(v.path(), "must have exactly one of " + String.join(", ", forms)
                        + (present.isEmpty() ? ", got none" : ", got " + String.join(" and ", present)));
                forms.forEach(v::has);
                v.rejectUnknownKeys();
                return null;
            }
            String form = present.get(0);
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

        private WaveletSpec wavelet(JsonObject w) {
            if (w == null) {
                return null;
            }
            String type = w.choice("type", "ricker", List.of("ricker"));
            double peak = w.positive("peakHz", null);
            Double delay = w.optionalNumber("delayS");
            w.rejectUnknownKeys();
            if (peak > MAX_PEAK_HZ) {
                problems.error(w.pathOf("peakHz"), "must be <= " + Problems.num(MAX_PEAK_HZ) + " Hz (its band, to 2.5 x"
                        + " peakHz, sampled by time.sampleS of at least 1 microsecond, the finest SEG-Y stores), got "
                        + Problems.num(peak, MAX_PEAK_HZ));
                peak = Double.NaN;
            }
            if (delay != null && !(delay >= 0)) {
                problems.error(w.pathOf("delayS"), "must be >= 0, got " + Problems.num(delay));
            } else if (delay != null && !Double.isNaN(peak) && delay < MIN_UNCUT_DELAY_PERIODS / peak) {
                double a = Math.PI * peak * delay;
                double first = (1 - 2 * a * a) * Math.exp(-a * a);
                problems.warning(w.pathOf("delayS"), Problems.num(delay) + " s is less than "
                        + Problems.num(MIN_UNCUT_DELAY_PERIODS) + " / peakHz = " + round(MIN_UNCUT_DELAY_PERIODS / peak, 4)
                        + " s: the Ricker wavelet starts cut (its value at 0 s is " + round(100 * first, 1)
                        + " % of its peak); leave delayS out for 1 / peakHz = " + round(1 / peak, 4) + " s");
            }
            return type == null || Double.isNaN(peak) ? null : new WaveletSpec(type, peak, delay);
        }

        private TimeSpec time(JsonObject t) {
            if (t == null) {
                return null;
            }
            double length = t.positive("lengthS", null);
            double sample = t.positive("sampleS", DEFAULT_SAMPLE_S);
            Double dt = t.has("dtS") ? t.positive("dtS", null) : null;
            t.rejectUnknownKeys();
            if (Double.isNaN(length) || Double.isNaN(sample) || (dt != null && Double.isNaN(dt))) {
                return null;
            }
            if (sample > length) {
                problems.error(t.pathOf("sampleS"), "must be <= time.lengthS (" + Problems.num(length, sample) + " s), got "
                        + Problems.num(sample, length));
                return null;
            }
            if (dt != null && dt > sample) {
                independentError(t.pathOf("dtS"), "must be <= time.sampleS (" + Problems.num(sample, dt) + " s), got "
                        + Problems.num(dt, sample));
            }
            if (sample > MAX_SAMPLE_S) {
                problems.error(t.pathOf("sampleS"), "must be <= " + MAX_SAMPLE_S + " s (SEG-Y stores the interval in "
                        + "microseconds in 15 bits), got " + Problems.num(sample, MAX_SAMPLE_S));
                return null;
            }
            if (Math.abs(sample * 1e6 - Math.rint(sample * 1e6)) > 1e-6) {
                problems.error(t.pathOf("sampleS"), "must be a whole number of microseconds (SEG-Y stores it so), got "
                        + Problems.num(sample, Math.rint(sample * 1e6) / 1e6));
                return null;
            }
            if (length / sample + 1 > MAX_SAMPLES) {
                problems.error(t.pathOf("lengthS"), "gives " + (long) (length / sample + 1) + " samples per trace at time.sampleS = "
                        + Problems.num(sample) + " s; SEG-Y holds at most " + MAX_SAMPLES + " (lengthS <= "
                        + Problems.num((MAX_SAMPLES - 1) * sample) + " s)");
                return null;
            }
            return new TimeSpec(length, sample, dt);
        }

        private Layout layout(JsonObject o, String what, Grid grid) {
            if (o == null) {
                return null;
            }
            List<String> forms = List.of("line", "grid", "list");
            List<String> present = o.keys().stream().filter(forms::contains).toList();
            forms.forEach(o::has);
            if (present.size() != 1) {
                problems.error(o.path(), "must have exactly one of line, grid, list"
                        + (present.isEmpty() ? ", got none" : ", got " + String.join(" and ", present)));
                return null;
            }
            String form = present.get(0);
            Layout layout = switch (form) {
                case "line" -> {
                    JsonObject l = o.object("line", true);
                    double x0 = l.number("x0", null);
                    double dx = l.number("dx", 0.0);
                    int n = l.integer("n", null, 1, MAX_LINE_POINTS);
                    double y = yOf(l, "y", grid);
                    double z = l.number("z", null);
                    l.rejectUnknownKeys();
                    if (dx == 0 && n > 1) {
                        independentError(l.pathOf("dx"), zero(l, "dx") + ": n = " + n + " " + what + "s at one point; give dx > 0,"
                                + " or n = 1");
                    }
                    yield anyNaN(x0, dx, y, z) || n < 1 ? null : new Layout.Line(x0, dx, n, y, z);
                }
                case "grid" -> {
                    JsonObject g = o.object("grid", true);
                    double x0 = g.number("x0", null);
                    double dx = g.number("dx", 0.0);
                    int nx = g.integer("nx", null, 1, MAX_LAYOUT_AXIS);
                    double y0 = yOf(g, "y0", grid);
                    double dy = g.number("dy", 0.0);
                    int ny = g.integer("ny", 1, 1, MAX_LAYOUT_AXIS);
                    double z = g.number("z", null);
                    g.rejectUnknownKeys();
                    if (dx == 0 && nx > 1) {
                        independentError(g.pathOf("dx"), zero(g, "dx") + ": nx = " + nx + " " + what + "s at one x; give dx > 0,"
                                + " or nx = 1");
                    }
                    if (grid != null && grid.is2d() && ny > 1) {
                        problems.error(g.pathOf("ny"), "must be 1 in a 2D grid (grid.ny 1): " + ny + " rows of " + what
                                + "s would all lie on the one y and repeat each other, got " + ny);
                        yield null;
                    }
                    if (dy == 0 && ny > 1) {
                        independentError(g.pathOf("dy"), zero(g, "dy") + ": ny = " + ny + " " + what + "s at one y; give dy > 0,"
                                + " or ny = 1");
                    }
                    if (nx >= 1 && ny >= 1 && (long) nx * ny > MAX_LAYOUT_POINTS) {
                        problems.error(g.path(), "has " + ((long) nx * ny) + " points, more than " + MAX_LAYOUT_POINTS);
                        yield null;
                    }
                    yield anyNaN(x0, dx, y0, dy, z) || nx < 1 || ny < 1 ? null : new Layout.Areal(x0, dx, nx, y0, dy, ny, z);
                }
                default -> points(o);
            };
            if (layout != null && grid != null) {
                checkInside(o.pathOf(form), what, layout, grid);
            }
            return layout;
        }

        private Layout points(JsonObject o) {
            JsonNode arr = o.raw("list");
            String path = o.pathOf("list");
            if (!arr.isArray() || arr.isEmpty()) {
                problems.error(path, "must be a non-empty array of [x, y, z] in metres");
                return null;
            }
            List<Position> pts = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < arr.size(); i++) {
                JsonNode p = arr.get(i);
                if (!p.isArray() || p.size() != 3 || !p.get(0).isNumber() || !p.get(1).isNumber() || !p.get(2).isNumber()) {
                    problems.error(path + "[" + i + "]", "must be [x, y, z] (three numbers, metres), got " + p);
                    ok = false;
                    continue;
                }
                pts.add(new Position(p.get(0).doubleValue(), p.get(1).doubleValue(), p.get(2).doubleValue()));
            }
            if (ok && !distinct(path, pts)) {
                return null;
            }
            return ok ? new Layout.Points(pts) : null;
        }

        /**
         * The y of a line, or the first y of a grid layout; when the spec leaves it out 0 in 2D,
         * where y means nothing; required (null) in 3D, where 0 would put every point on the grid's
         * y = 0 face, beside the absorbing layer.
         */
        private double yOf(JsonObject o, String key, Grid grid) {
            if (grid != null && !grid.is2d() && !o.has(key)) {
                problems.error(o.pathOf(key), "is required in 3D (grid.ny = " + grid.ny() + "): left out, every point"
                        + " would lie on the grid's y = 0 face, beside the absorbing layer");
                return Double.NaN;
            }
            return o.number(key, 0.0);
        }

        /**
         * Whether the listed points are distinct; else an error naming the first repeat's indices
         * (two shots or receivers at one point record the same traces twice).
         */
        private boolean distinct(String path, List<Position> pts) {
            java.util.Map<Position, Integer> seen = new java.util.HashMap<>();
            for (int i = 0; i < pts.size(); i++) {
                Position p = pts.get(i);
                // -0.0 and 0.0 are one place; a record compares doubles by their bits.
                Position key = new Position(p.x() + 0.0, p.y() + 0.0, p.z() + 0.0);
                Integer before = seen.putIfAbsent(key, i);
                if (before != null) {
                    problems.error(path + "[" + i + "]", "repeats " + path + "[" + before + "] ("
                            + Problems.num(p.x()) + ", " + Problems.num(p.y()) + ", " + Problems.num(p.z())
                            + "): each listed point must be distinct");
                    return false;
                }
            }
            return true;
        }

        private void checkInside(String path, String what, Layout layout, Grid grid) {
            List<Position> pts = layout.positions();
            int outside = 0;
            int first = -1;
            for (int i = 0; i < pts.size(); i++) {
                Position p = pts.get(i);
                if (!grid.contains(p.x(), p.y(), p.z())) {
                    if (first < 0) {
                        first = i;
                    }
                    outside++;
                }
            }
            if (outside > 0) {
                Position p = pts.get(first);
                Sampling x = grid.xAxis();
                Sampling y = grid.yAxis();
                Sampling z = grid.zAxis();
                String extent = "x 0.." + end(x, p.x()) + (grid.is2d() ? "" : ", y 0.." + end(y, p.y()))
                        + ", z 0.." + end(z, p.z()) + " m";
                String at = grid.is2d()
                        ? "(x " + coordinate(x, p.x()) + ", z " + coordinate(z, p.z()) + ")"
                        : "(x " + coordinate(x, p.x()) + ", y " + coordinate(y, p.y()) + ", z " + coordinate(z, p.z()) + ")";
                independentError(path, outside + " of " + pts.size() + " " + what + (pts.size() == 1 ? "" : "s")
                        + " outside the grid (" + extent + "); first: " + what + " " + (first + 1) + " at " + at);
            }
        }

        /**
         * The end of an axis, metres, for a message about a point at {@code c}: when {@code c} lies past it,
         * with as many digits as tell them apart ({@link Problems#num(double, double)}); else as a person
         * writes it, the float residue of (n - 1) x d rounded away.
         */
        private static String end(Sampling axis, double c) {
            return axis.contains(c) ? Problems.num(axis.last()) : Problems.num(axis.last(), c);
        }

        /** A point's coordinate {@code c}, metres, written as {@link #end} writes the axis's end. */
        private static String coordinate(Sampling axis, double c) {
            return axis.contains(c) ? Problems.num(c) : Problems.num(c, axis.last());
        }

        private Spread spread(JsonObject rec) {
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

        private PhysicsSpec physics(JsonObject p) {
            if (p == null) {
                return new PhysicsSpec(8, "cpml", DEFAULT_BOUNDARY_WIDTH, false);
            }
            int order = p.integer("spaceOrder", 8, 2, 8);
            if (order >= 2 && !SecondDerivative.isSupported(order)) {
                problems.error(p.pathOf("spaceOrder"), "must be one of 2, 4, 8, got " + order);
            }
            String type = "cpml";
            int width = DEFAULT_BOUNDARY_WIDTH;
            JsonObject b = p.object("boundary", false);
            if (b != null) {
                type = b.choice("type", "cpml", List.of("cpml"));
                width = b.integer("width", DEFAULT_BOUNDARY_WIDTH, Integer.MIN_VALUE + 1, Integer.MAX_VALUE);
                b.rejectUnknownKeys();
                int radius = SecondDerivative.isSupported(order) ? SecondDerivative.ofOrder(order).radius() : 1;
                if (width != Integer.MIN_VALUE && (width < radius || width > PhysicsSpec.MAX_BOUNDARY_WIDTH)) {
                    problems.error(b.pathOf("width"), "must be between " + radius + " (the stencil radius of space order "
                            + order + ", the least the engines take) and "
                            + PhysicsSpec.MAX_BOUNDARY_WIDTH + " cells, got " + width + "; 10 or more absorbs well, 20 by"
                            + " default");
                }
            }
            boolean free = p.bool("freeSurface", false);
            p.rejectUnknownKeys();
            return new PhysicsSpec(order, type, width, free);
        }

        private ImagingSpec imaging(JsonObject i) {
            if (i == null) {
                return ImagingSpec.defaults();
            }
            String condition = i.choice("condition", "source-normalized", List.of("cross-correlation", "source-normalized"));
            boolean laplacian = i.bool("laplacianFilter", true);
            String wavefield = i.choice("wavefield", "auto", List.of("auto", "memory", "boundary", "disk"));
            Double aperture = i.has("aperture") ? i.positive("aperture", null) : null;
            i.rejectUnknownKeys();
            return new ImagingSpec(condition, laplacian, wavefield, aperture);
        }

        /** {@code v} rounded to {@code digits} decimals, without a trailing ".0". */
        private static String round(double v, int digits) {
            return Problems.num(new java.math.BigDecimal(v).setScale(digits, java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros().doubleValue());
        }

        private static boolean anyNaN(double... v) {
            for (double d : v) {
                if (Double.isNaN(d)) {
                    return true;
                }
            }
            return false;
        }
    }
}
