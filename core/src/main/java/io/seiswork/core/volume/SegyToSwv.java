package io.seiswork.core.volume;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.segy.BinaryHeader;
import io.seiswork.core.segy.SegyGeometry;
import io.seiswork.core.segy.SegyInfo;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.TextHeaderCodec;
import io.seiswork.core.segy.TraceHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Converts a post-stack SEG-Y cube to {@code .swv}, streaming: traces are read in the order the
 * writer wants them (y slow, x fast; that is file order for an inline-sorted cube) and handed to
 * {@link SwvWriter}, which holds one brick-row per level. Inline = y, crossline = x.
 *
 * <p>Axes: x and y spacing are the CDP distances between neighbouring traces (1 m when the file
 * has no coordinates); the origin is CDP (X, Y) of the first trace when the grid is aligned with
 * the coordinate axes (as Seiswork's own images are), else 0 with the grid's own axes; z starts at
 * the first trace's delay ({@link SegyReader#delayMs}: byte 109 with the time scalar 215) with
 * the sample interval as step, both in the volume's z unit: seconds for time data (z unit "s",
 * so that a viewer's "z (s)" axis reads 0.004, not 4), metres for depth data (the interval's µs
 * field read as mm, the SEG-Y convention for depth). The inline/crossline/CDP mapping, coordinate scalar and sample
 * interval go into the header's {@code segy} block and the delay into the z origin, so
 * {@link SwvToSegy} writes them back.
 *
 * <p>A volume has one z axis, so every trace must start where the first does: a trace whose
 * delay differs is refused, naming it, its delay and the first trace's, and the partial output
 * is removed. The delays are checked on the corner traces read for the CDP map before anything
 * is written (a cube merged from two flows usually differs there), then on the trace headers read
 * with the samples, no second pass over the file; the message gives a depth cube's delays in the
 * file's length unit (ft when its measurement system, binary header bytes 3255-3256, is feet). Why not shift such traces onto a common axis padded with zeros: the axis has
 * to be fixed before the first column is written (the writer bricks as it goes), which would
 * take a pass over every header first, and it is well defined only for delays a whole number
 * of samples apart; a post-stack cube whose traces start at different times is more often a
 * mistake (files of two processing flows merged) than something to pad silently. The
 * CDP map is fitted from the corner traces (0, 0), (nx − 1, 0) and (0, ny − 1): exact for grids
 * whose stored coordinates are affine in the indices, within one stored unit otherwise.
 */
public final class SegyToSwv {

    private SegyToSwv() {
    }

    /**
     * Converts {@code in} to {@code out}.
     *
     * @return the header written
     * @throws SwvException when {@code in} is not a post-stack cube (one trace per inline and
     *     crossline, sorted), naming what it is instead
     */
    public static VolumeHeader convert(Path in, Path out, SwvWriteOptions options) {
        return convert(in, out, ny -> options);
    }

    /**
     * Converts {@code in} to {@code out} with the options {@code optionsForNy} gives for the cube's
     * number of inlines (y planes), for example {@link SwvWriteOptions#defaultsFor} to choose the
     * brick size as runs do (thin bricks for a 2D section).
     *
     * @return the header written
     * @throws SwvException when {@code in} is not a post-stack cube, as {@link #convert(Path, Path, SwvWriteOptions)}
     */
    public static VolumeHeader convert(Path in, Path out, IntFunction<SwvWriteOptions> optionsForNy) {
        return convert(in, out, optionsForNy, ByteProgress.NONE);
    }

    /**
     * As {@link #convert(Path, Path, IntFunction)}, telling {@code progress} after each inline the
     * bytes of {@code in} converted so far (in proportion to its traces) of its size: a cube of
     * 100 GB takes many minutes.
     */
    public static VolumeHeader convert(Path in, Path out, IntFunction<SwvWriteOptions> optionsForNy,
            ByteProgress progress) {
        try (SegyReader r = SegyReader.open(in)) {
            SegyInfo info = r.info();
            SegyGeometry g = info.geometry();
            if (g == null || !g.isCube() || g.offsetCount() != 1) {
                throw new SwvException(in.toString(), "not a post-stack cube (one trace per inline and crossline,"
                        + " sorted by inline or crossline): " + whyNotACube(r, info));
            }
            int nx = g.crosslineCount();
            int ny = g.inlineCount();
            boolean inlineSorted = g.sorting() == SegyGeometry.Sorting.INLINE_SORTED;
            TraceIndex index = (ix, iy) -> inlineSorted ? (long) iy * nx + ix : (long) ix * ny + iy;
            TraceHeader h00 = r.header(0);
            TraceHeader hx = r.header(index.of(nx - 1, 0));
            TraceHeader hy = r.header(index.of(0, ny - 1));
            int sx = Math.max(1, nx - 1);
            int sy = Math.max(1, ny - 1);
            double xPerX = (hx.cdpXM() - h00.cdpXM()) / sx;
            double yPerX = (hx.cdpYM() - h00.cdpYM()) / sx;
            double xPerY = (hy.cdpXM() - h00.cdpXM()) / sy;
            double yPerY = (hy.cdpYM() - h00.cdpYM()) / sy;
            SegyGrid segy = new SegyGrid(h00.inline(), (hy.inline() - h00.inline()) / sy, h00.crossline(),
                    (hx.crossline() - h00.crossline()) / sx, h00.cdpXM(), xPerX, xPerY, h00.cdpYM(), yPerX, yPerY,
                    h00.getInt16(TraceHeader.COORDINATE_SCALAR), r.sampleIntervalUs());
            boolean aligned = xPerY == 0 && yPerX == 0;
            SwvWriteOptions options = optionsForNy.apply(ny).withSegy(segy);
            double unitsPerMicro = zUnitsPerMicro(options.zUnit());
            double dx = spacing(Math.hypot(xPerX, yPerX));
            double dy = spacing(Math.hypot(xPerY, yPerY));
            VolumeAxes axes = new VolumeAxes(
                    new Sampling(nx, dx, aligned ? h00.cdpXM() : 0),
                    new Sampling(ny, dy, aligned ? h00.cdpYM() : 0),
                    new Sampling(r.samplesPerTrace(), r.sampleIntervalUs() * unitsPerMicro, r.delayMs(0) * 1000 * unitsPerMicro));
            float[] trace = new float[r.samplesPerTrace()];
            double firstDelayMs = r.delayMs(h00);
            String unit = delayUnit(r, options.zUnit());
            // The corners read for the CDP map: a cube merged from two flows is refused before the long write.
            if (r.delayMs(hx) != firstDelayMs) {
                throw otherDelay(in, index.of(nx - 1, 0), hx, r.delayMs(hx), firstDelayMs, options.zUnit(), unit);
            }
            if (r.delayMs(hy) != firstDelayMs) {
                throw otherDelay(in, index.of(0, ny - 1), hy, r.delayMs(hy), firstDelayMs, options.zUnit(), unit);
            }
            SwvException refused = null;
            long fileBytes = sizeOf(in);
            try (SwvWriter w = SwvWriter.create(out, axes, options)) {
                for (int iy = 0; iy < ny; iy++) {
                    for (int ix = 0; ix < nx; ix++) {
                        long t = index.of(ix, iy);
                        TraceHeader h = r.readHeaderAndTrace(t, trace);
                        double delayMs = r.delayMs(h);
                        if (delayMs != firstDelayMs) {
                            refused = otherDelay(in, t, h, delayMs, firstDelayMs, options.zUnit(), unit);
                            throw refused;
                        }
                        w.writeColumn(trace);
                    }
                    progress.onBytes(fileBytes * (iy + 1) / ny, fileBytes);
                }
            } catch (SwvException e) {
                if (e == refused) {
                    deleteQuietly(out);  // the writer left it without a header: not a volume, and of no use
                }
                throw e;
            }
            try (SwvReader check = SwvReader.open(out)) {
                return check.header();
            }
        }
    }

    private static long sizeOf(Path in) {
        try {
            return Files.size(in);
        } catch (IOException e) {
            throw new SwvException(in.toString(), "cannot read its size: " + e.getMessage(), e);
        }
    }

    /**
     * The refusal of trace {@code t} (0-based), whose first sample is at {@code delayMs} while the
     * first trace's is at {@code firstDelayMs} (ms for time data, the file's length unit for depth
     * data: {@code unit}, from {@link #delayUnit}).
     */
    private static SwvException otherDelay(Path in, long t, TraceHeader h, double delayMs, double firstDelayMs,
            String zUnit, String unit) {
        return new SwvException(in.toString(), String.format(Locale.ROOT, "trace %,d (inline %d, crossline %d)"
                + " starts at %s %s but trace 1 at %s %s: a volume has one %s axis; give every trace the same delay (trace"
                + " header byte 109, time scalar 215) or convert the traces of each delay apart", t + 1, h.inline(),
                h.crossline(), number(delayMs), unit, number(firstDelayMs), unit, "s".equals(zUnit) ? "time" : "depth"));
    }

    /**
     * The unit of a trace's delay as the volume reads it: ms for time data; for depth data the
     * file's length unit, ft when its binary header's measurement system (bytes 3255-3256) is 2,
     * else m.
     */
    private static String delayUnit(SegyReader r, String zUnit) {
        if ("s".equals(zUnit)) {
            return "ms";
        }
        BinaryHeader b = r.binaryHeader();
        return b != null && b.getInt16(BinaryHeader.MEASUREMENT_SYSTEM) == 2 ? "ft" : "m";
    }

    /** {@code v} without a trailing ".0" when whole. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v)
                : Double.toString(v);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            // left headerless by the writer, so no viewer takes it for a volume
        }
    }

    private static double spacing(double d) {
        return d > 0 ? d : 1.0;
    }

    /**
     * The card Seiswork's shot gathers (a modelling run's {@code shots.sgy}) open their text header
     * with ({@code GatherFiles}).
     */
    private static final String SHOT_GATHERS_CARD = "SEISWORK SHOT GATHERS";

    /**
     * Whether {@code segy} says it holds shot gathers rather than an image: Seiswork's own (its text
     * header's {@value #SHOT_GATHERS_CARD} card). Reads the text header only, so a command can say
     * so before it starts on the file. Other files' gathers are recognised only once the file is
     * known not to be a post-stack cube ({@link #looksLikeShotGathers}): a vendor cube may put the
     * inline in the FFID field and anything in the offset field.
     */
    public static boolean holdsShotGathers(Path segy) {
        try (SegyReader r = SegyReader.open(segy)) {
            return saysShotGathers(r);
        }
    }

    private static boolean saysShotGathers(SegyReader r) {
        List<byte[]> raw = r.rawTextHeaders();
        return !raw.isEmpty() && TextHeaderCodec.decode(raw.get(0), TextHeaderCodec.detect(raw.get(0)))
                .contains(SHOT_GATHERS_CARD);
    }

    /**
     * For a file that is not a post-stack cube: whether it holds shot gathers, by its card or its
     * first two traces being of one field record (FFID, byte 9, not 0) at two offsets (byte 37).
     */
    private static boolean looksLikeShotGathers(SegyReader r) {
        if (saysShotGathers(r)) {
            return true;
        }
        if (r.traceCount() < 2) {
            return false;
        }
        TraceHeader first = r.header(0);
        TraceHeader second = r.header(1);
        int ffid = first.getInt32(TraceHeader.FIELD_RECORD);
        return ffid != 0 && ffid == second.getInt32(TraceHeader.FIELD_RECORD) && first.offset() != second.offset();
    }

    /** Why a file is not a post-stack cube, in words (never the scanner's internal names). */
    private static String whyNotACube(SegyReader r, SegyInfo info) {
        SegyGeometry g = info.geometry();
        if (g == null) {
            return "it holds no traces";
        }
        if (looksLikeShotGathers(r)) {
            return "it holds shot gathers (traces by shot and offset), not an image volume";
        }
        if (g.isCube()) {
            return "it is a prestack cube, " + g.offsetCount() + " traces (offsets) at each inline and crossline";
        }
        int[] bytes = r.geometryKeyBytes();
        if (g.missingPositions() > 0) {
            long positions = (long) g.inlineCount() * g.crosslineCount();
            return g.missingPositions() + " of its " + positions + " inline/crossline positions have no trace ("
                    + g.inlineCount() + " inlines " + g.inlineMin() + ".." + g.inlineMax() + " x " + g.crosslineCount()
                    + " crosslines " + g.crosslineMin() + ".." + g.crosslineMax() + ", " + g.occupiedPositions()
                    + " with traces; dead traces left out?); fill them with zero traces to make a cube (the inline"
                    + " number read from trace-header byte " + bytes[0] + ", the crossline from byte " + bytes[1] + ")";
        }
        return "its traces are not one per inline and crossline sorted by one of them (the inline number read from"
                + " trace-header byte " + bytes[0] + ", the crossline from byte " + bytes[1] + "; seiswork segy info"
                + " shows what they hold)";
    }

    /**
     * Phrases of a text header that say its traces are in depth: a depth image or migration, a
     * depth domain or axis, Petrel's "Depth min:". A word "depth" alone does not: a time cube's
     * header often gives the water depth.
     */
    private static final java.util.regex.Pattern SAYS_DEPTH = java.util.regex.Pattern.compile(
            "\\bDEPTH\\s+(IMAGE|AXIS|MIGRAT\\w*|DOMAIN|MIN\\b|SECTION|CUBE|VOLUME)|\\bDOMAIN\\W{0,3}DEPTH\\b|\\bPSDM\\b"
                    + "|\\bZ\\W{0,3}DEPTH\\b|\\bIN\\s+DEPTH\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Phrases that say time: they win over depth phrases, time being SEG-Y's own axis. */
    private static final java.util.regex.Pattern SAYS_TIME = java.util.regex.Pattern.compile(
            "\\bTIME\\s+(MIGRAT\\w*|DOMAIN|MIN\\b|SECTION)|\\bDOMAIN\\W{0,3}TIME\\b|\\bPSTM\\b|\\bTWT\\b"
                    + "|\\bTWO[- ]WAY\\s+TIME\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * The z unit {@code segy}'s trace axis most likely has ({@link #likelyZUnitOf} its first text
     * header). SEG-Y has no field for it, so callers say which they took and how to choose the
     * other.
     */
    public static String likelyZUnit(Path segy) {
        try (SegyReader r = SegyReader.open(segy)) {
            List<byte[]> raw = r.rawTextHeaders();
            return raw.isEmpty() ? "s" : likelyZUnitOf(TextHeaderCodec.decode(raw.get(0), TextHeaderCodec.detect(raw.get(0))));
        }
    }

    /**
     * "m" (depth) when {@code textHeader} says depth in a phrase ("DEPTH IMAGE", "Depth min:",
     * "PSDM", "domain: depth") and never time ("TIME MIGRATED", "Time min:", "PSTM", "TWT"), else
     * "s": SEG-Y's sample interval is in µs, and most post-stack cubes are in time.
     */
    public static String likelyZUnitOf(String textHeader) {
        return SAYS_DEPTH.matcher(textHeader).find() && !SAYS_TIME.matcher(textHeader).find() ? "m" : "s";
    }

    /** Trace number of grid position (ix, iy) in the file's sort order. */
    private interface TraceIndex {
        long of(int ix, int iy);
    }

    /**
     * The z unit per µs of a SEG-Y sample interval or delay: 10⁻⁶ for seconds ("s"), 10⁻³ for
     * metres ("m", the µs field read as mm for depth data).
     */
    static double zUnitsPerMicro(String zUnit) {
        return "s".equals(zUnit) ? 1e-6 : 1e-3;
    }
}
