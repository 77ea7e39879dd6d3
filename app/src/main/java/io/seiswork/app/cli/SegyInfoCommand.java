package io.seiswork.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.app.text.TerminalText;
import io.seiswork.app.volume.SegyWarnings;
import io.seiswork.app.volume.SegyZUnit;
import io.seiswork.core.segy.ByteOrders;
import io.seiswork.core.segy.SegyGeometry;
import io.seiswork.core.segy.SegyInfo;
import io.seiswork.core.segy.ScaleCard;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.TraceHeader;
import io.seiswork.core.volume.SegyToSwv;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seiswork segy info FILE [--json] [--z-unit auto|m|s]}: the summary of a SEG-Y or SU file. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Traces, samples, interval (time, or depth when the text header says so, as seiswork view"
                + " reads it), first sample (delay), format, a scale factor seiswork segy convert"
                + " recorded, byte order, revision, inline/crossline ranges, text header.")
final class SegyInfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "SEG-Y or SU file.")
    Path file;

    @Option(names = "--json", description = "Print JSON: traces, samplesPerTrace, sampleIntervalUs,"
            + " sampleIntervalFallback (true when the file gives no interval and 4000 is assumed), delayMs (time of"
            + " the first sample), format, byteOrder, revision, inlines, crosslines ([min, max] or null when not a"
            + " sorted cube), textHeader, zUnit (s: time; m: depth when the text header says so, the interval"
            + " and delay fields then holding mm and m, as seiswork view and convert read them).")
    boolean json;

    @Option(names = "--z-unit", paramLabel = SegyZUnit.VALUES, defaultValue = "auto", converter = ZUnitOption.class,
            description = {"Trace axis, as seiswork view and convert take it: m (depth: the interval field read as mm,"
                + " the delay as m), s (time), or auto: depth when the text header says so in a phrase (DEPTH IMAGE,"
                + " Depth min:, PSDM) and never time, else time. Default: ${DEFAULT-VALUE}."})
    String zUnit = "auto";

    @Mixin
    SegyFileOptions fileOptions = new SegyFileOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SegyInfo info;
        TraceHeader first;
        PrintWriter err = spec.commandLine().getErr();
        try (SegyReader r = fileOptions.open(file)) {
            // The header scan reads every trace header (45 s for 10^7 traces): said past 64 MiB, as run says its passes.
            info = r.info(PassLines.said(err, "seiswork: reading the trace headers of " + file.getFileName()));
            first = r.traceCount() > 0 ? r.header(0) : null;
            SegyWarnings.print(r, err);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = JsonControlEscapes.on(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(toJson(mapper, info, zUnit)));
        } else {
            printSummary(out, info, first, zUnit);
        }
        out.flush();
        return 0;
    }

    /** The {@code --json} object, with exactly the documented keys. */
    static ObjectNode toJson(ObjectMapper mapper, SegyInfo info) {
        return toJson(mapper, info, "auto");
    }

    /** The {@code --json} object under {@code --z-unit zUnitOption}. */
    static ObjectNode toJson(ObjectMapper mapper, SegyInfo info, String zUnitOption) {
        ObjectNode o = mapper.createObjectNode();
        o.put("traces", info.traces());
        o.put("samplesPerTrace", info.samplesPerTrace());
        o.put("sampleIntervalUs", info.sampleIntervalUs());
        o.put("sampleIntervalFallback", info.sampleIntervalFallback());
        o.put("delayMs", info.delayMs());
        o.put("format", info.format().shortName());
        o.put("byteOrder", ByteOrders.name(info.byteOrder()));
        o.put("revision", info.revision());
        SegyGeometry g = info.geometry();
        if (info.isCube()) {
            o.putArray("inlines").add(g.inlineMin()).add(g.inlineMax());
            o.putArray("crosslines").add(g.crosslineMin()).add(g.crosslineMax());
        } else {
            o.putNull("inlines");
            o.putNull("crosslines");
        }
        o.put("textHeader", info.textHeader());
        o.put("zUnit", zUnit(info, zUnitOption));
        return o;
    }

    private static void printSummary(PrintWriter out, SegyInfo info, TraceHeader first, String zUnitOption) {
        out.printf("File:             %s%n", TerminalText.line(info.file().toString()));
        out.printf("Kind:             %s%n", info.seismicUnix() ? "Seismic Unix" : "SEG-Y rev " + info.revision());
        out.printf("Traces:           %d%n", info.traces());
        out.printf("Samples/trace:    %d%n", info.samplesPerTrace());
        String fallback = info.sampleIntervalFallback() ? "; assumed: the file gives no positive interval, "
                + (info.seismicUnix() ? "dt (trace-header byte 117) is 0 or negative"
                        : "binary header 3217 and trace header 117 are 0 or negative") : "";
        long lengthUs = (long) info.sampleIntervalUs() * Math.max(0, info.samplesPerTrace() - 1);
        String delayFrom = delayFrom(info, first);
        if ("m".equals(zUnit(info, zUnitOption))) {
            // The interval field holds dz in mm and the delay the first depth in m (SegyToSwv): µs / 1000 is metres.
            out.printf("Sample interval:  %s m (depth, %s: the interval field's %d read as mm%s),"
                    + " length %s m%n", ms(info.sampleIntervalUs()),
                    "auto".equals(zUnitOption) ? "from the text header" : "--z-unit m", info.sampleIntervalUs(), fallback, ms(lengthUs));
            out.printf("First sample:     %s m (%s)%n", number(info.delayMs()), delayFrom);
        } else {
            out.printf("Sample interval:  %d µs (%s ms%s), trace length %s ms%n", info.sampleIntervalUs(),
                    ms(info.sampleIntervalUs()), fallback, ms(lengthUs));
            out.printf("First sample:     %s ms (%s)%n", number(info.delayMs()), delayFrom);
        }
        out.printf("Format:           %s (code %d)%n", info.format().shortName(), info.format().code());
        double scaled = info.seismicUnix() ? Double.NaN : ScaleCard.factor(info.textHeader());
        if (!Double.isNaN(scaled)) {
            out.printf("Samples scaled:   x %s (text header card %d, seiswork segy convert --scale): divide by it for"
                    + " the input's values%n", ScaleCard.number(scaled), ScaleCard.cardOf(info.textHeader()));
        }
        out.printf("Byte order:       %s%n", ByteOrders.name(info.byteOrder()));
        out.printf("Trace size:       %d bytes from byte %d%s%n", info.traceBytes(), info.firstTraceOffset(),
                info.traceHeaderExtensions() > 0 ? " (" + info.traceHeaderExtensions() + " header extensions)" : "");
        out.printf("Geometry:         %s%n", geometry(info));
        if (!info.seismicUnix()) {
            out.printf("Textual header:   %s%s%n", info.textEncoding(),
                    info.extendedTextHeaders().isEmpty() ? "" : ", " + info.extendedTextHeaders().size() + " extended");
            // NUL pads many headers and reads as a blank; any other control is shown as '.' (TerminalText).
            String text = TerminalText.line(info.textHeader().replace('\0', ' '));
            for (int i = 0; i + 80 <= text.length(); i += 80) {
                String line = text.substring(i, i + 80).stripTrailing();
                if (!line.isEmpty()) {
                    out.println("  " + line);
                }
            }
        }
    }

    /**
     * Where the first sample's time comes from, with the stored numbers: "trace-header bytes
     * 109–110: delay 10000, time scalar (bytes 215–216) -10 applied: ÷ 10". Rev 0 and SU files
     * have no time scalar there ({@link SegyReader#delayMs(long)}).
     */
    private static String delayFrom(SegyInfo info, TraceHeader first) {
        if (first == null) {
            return "no traces";
        }
        String delay = "trace-header bytes " + TraceHeader.DELAY + "–" + (TraceHeader.DELAY + 1) + ": delay "
                + first.getInt16(TraceHeader.DELAY);
        if (info.seismicUnix()) {
            return delay;
        }
        if (info.revision().startsWith("0")) {
            return delay + "; rev 0 has no time scalar";
        }
        int scalar = first.getInt16(TraceHeader.TIME_SCALAR);
        String field = ", time scalar (bytes " + TraceHeader.TIME_SCALAR + "–" + (TraceHeader.TIME_SCALAR + 1) + ") ";
        return delay + field + scalar + (scalar == 0 ? ": none" : scalar > 0 ? " applied: × " + scalar
                : " applied: ÷ " + -scalar);
    }

    /**
     * The unit of the trace axis as {@code seiswork view} and {@code convert} take it under
     * {@code --z-unit}: the option's m or s, else, for {@code auto} ({@link SegyZUnit}): "m" (depth) when the text header says depth in
     * a phrase (a run's image.sgy does, in its DEPTH AXIS card), else "s" (time, SEG-Y's own axis).
     */
    private static String zUnit(SegyInfo info, String zUnitOption) {
        if (!"auto".equals(zUnitOption)) {
            return zUnitOption;
        }
        return info.seismicUnix() ? "s" : SegyToSwv.likelyZUnitOf(info.textHeader());
    }

    /** {@code v} without a trailing ".0" when it is whole. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String ms(long us) {
        return us % 1000 == 0 ? Long.toString(us / 1000) : Double.toString(us / 1000.0);
    }

    private static String geometry(SegyInfo info) {
        SegyGeometry g = info.geometry();
        if (g == null) {
            return "no traces";
        }
        String ranges = "inlines %d..%d (%s), crosslines %d..%d (%s)".formatted(g.inlineMin(), g.inlineMax(),
                count(g.inlineCount()), g.crosslineMin(), g.crosslineMax(), count(g.crosslineCount()));
        if (g.isCube()) {
            return (g.sorting() == SegyGeometry.Sorting.INLINE_SORTED ? "inline" : "crossline") + "-sorted cube, "
                    + ranges + (g.offsetCount() > 1 ? ", " + g.offsetCount() + " offsets" : "");
        }
        String occupancy = g.missingPositions() < 0 ? ""
                : "; %d of %d positions hold traces (%d empty)".formatted(g.occupiedPositions(),
                        (long) g.inlineCount() * g.crosslineCount(), g.missingPositions());
        return "not a sorted cube, " + ranges + occupancy + shared(info.traces(), g.occupiedPositions());
    }

    /**
     * ", 202 traces on 1 position (...)" when traces share positions: a 2D line whose inline and
     * crossline words are 0 (Volve's Petrel export) reads "1 of 1 positions hold traces (0 empty)"
     * otherwise, as if the file held one trace; empty when each position holds one trace.
     */
    private static String shared(long traces, long occupied) {
        if (occupied <= 0 || traces <= occupied) {
            return "";
        }
        return ", %d traces on %d position%s (gathers of several offsets, or the line numbers are not in these bytes:"
                .formatted(traces, occupied, occupied == 1 ? "" : "s") + " --iline-byte, --xline-byte)";
    }

    private static String count(int n) {
        return n < 0 ? "too many to count" : Integer.toString(n);
    }
}
