package io.seiswork.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.json.JsonSyntax;
import java.nio.file.Path;
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
        return SpecFileText.read(file);
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
            root = MAPPER.readTree(SpecFileText.withoutByteOrderMark(json));
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

    /**
     * One pass over one document: the spec's top-level fields in order, each section read by its
     * own reader ({@link GridReader}, {@link VelocityReader}, {@link WaveletReader},
     * {@link TimeReader}, {@link LayoutReader}, {@link SpreadReader}, {@link PhysicsReader},
     * {@link ImagingReader}).
     */
    private static final class Walk {
        private final JsonObject root;
        private final Problems problems;

        Walk(JsonObject root, Problems problems) {
            this.root = root;
            this.problems = problems;
        }

        /** Whether the spec read is whole: every error found is independent of the resolver's checks. */
        boolean complete() {
            return problems.onlyIndependentErrors();
        }

        JobSpec spec(String defaultName) {
            String name = root.string("name", defaultName);
            String badName = name == null ? null : JobName.problem(name);
            if (badName != null) {
                problems.independentError(root.pathOf("name"), badName);
            }
            String taskName = root.choice("task", null, List.of("model", "rtm"));
            Task task = taskName == null ? null : Task.valueOf(taskName.toUpperCase());
            if (task == Task.MODEL) {
                warnIgnoredFields();
            }
            GridReader grids = new GridReader(problems);
            Grid grid = grids.grid(root.object("grid", true));
            VelocityReader velocities = new VelocityReader(problems);
            VelocitySpec velocity = velocities.velocity(root.object("velocity", true), false);
            VelocitySpec migration = root.has("migrationVelocity")
                    ? velocities.velocity(root.object("migrationVelocity", false), true)
                    : new VelocitySpec.Smoothed(DEFAULT_SMOOTH_M);
            WaveletReader wavelets = new WaveletReader(problems);
            WaveletSpec wavelet = wavelets.wavelet(root.object("wavelet", true));
            TimeSpec time = new TimeReader(problems).time(root.object("time", true));
            if (wavelet != null && time != null) {
                wavelets.checkPeakInRecord(root, wavelet, time);
            }
            LayoutReader layouts = new LayoutReader(problems);
            Layout sources = layouts.layout(root.object("sources", true), "shot", grid);
            JsonObject rec = root.object("receivers", true);
            Layout receivers = layouts.layout(rec, "receiver", grid);
            Spread spread = rec == null ? new Spread.Fixed() : new SpreadReader(problems).spread(rec);
            if (rec != null) {
                rec.rejectUnknownKeys();
            }
            String data = root.string("data", JobSpec.SYNTHETIC);
            if (task == Task.RTM && grid != null) {
                grids.checkImageDepthStep(root, grid);
            }
            PhysicsSpec physics = new PhysicsReader(problems).physics(root.object("physics", false));
            ImagingSpec imaging = ImagingReader.imaging(root.object("imaging", false));
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
    }
}
