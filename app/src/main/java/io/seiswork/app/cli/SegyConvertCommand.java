package io.seiswork.app.cli;

import io.seiswork.app.volume.SegyWarnings;
import io.seiswork.core.segy.BinaryHeader;
import io.seiswork.core.segy.ByteOrders;
import io.seiswork.core.segy.IntegerFit;
import io.seiswork.core.segy.SampleFormat;
import io.seiswork.core.segy.ScaleCard;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.SegyWriteOptions;
import io.seiswork.core.segy.SegyWriter;
import io.seiswork.core.segy.TextEncoding;
import io.seiswork.core.segy.TextHeaderCodec;
import io.seiswork.core.segy.TraceHeader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code seiswork segy convert IN OUT}: rewrites a file in another sample format and/or byte order,
 * trace by trace. Textual headers are copied byte for byte, the binary header and every trace
 * header are kept (converted to the new byte order, with the format code and sample fields
 * updated); samples are converted, so IBM files become IEEE in one step. {@code --scale}
 * multiplies the samples first ({@code auto}: the data's largest |value| onto the integer
 * format's largest, from a first pass over the file) and records the factor in the first textual
 * header ({@link ScaleCard}), since no other header field can hold it; the other textual headers
 * are still copied byte for byte. For an integer format the samples rounded
 * to 0 and saturated are counted ({@link IntegerFit}); when that loses the data (any saturated,
 * or more than 1 % of the non-zero samples gone to 0) a warning with the numbers goes to
 * standard error. A factor that makes a sample infinite (beyond float32's 3.4e38, through which
 * every format is written) is refused naming the largest factor the data can take, and the
 * output, written up to that trace, is removed.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Rewrite a SEG-Y/SU file in another sample format and/or byte order, keeping all headers.")
final class SegyConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "Input SEG-Y or SU file.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output SEG-Y file (overwritten).")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "ieee32", converter = FormatConverter.class,
            description = "Output sample format: ibm32, ieee32, int32, int16 or int8 (integers are rounded and"
                    + " saturated; see --scale). Default: ${DEFAULT-VALUE}.")
    SampleFormat format;

    @Option(names = "--scale", paramLabel = "auto|FACTOR", converter = SampleScale.Converter.class,
            description = "Multiply every sample by FACTOR before writing, or with auto (integer formats) by the factor"
                    + " that maps the data's largest |value| to the format's largest (32767 for int16; one more pass"
                    + " over the file). The factor is printed and recorded in the text header (a card 'SAMPLES SCALED"
                    + " BY FACTOR'; divide by it for the input's values). Default: no scaling.")
    SampleScale scale;

    @Option(names = "--endian", paramLabel = "big|little", converter = OptionValues.Endian.class,
            description = "Output byte order. Default: the input's.")
    ByteOrder endian;

    @Mixin
    SegyFileOptions fileOptions = new SegyFileOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Largest finite |sample| of the input, found by {@code --scale auto}. */
    private double maxAbs;

    /**
     * Parses {@code --format} names, refusing any other (a format this command only reads, such as
     * int24, included) with the list of the ones it writes: listing every format it knows would
     * offer ones it then refuses.
     */
    static final class FormatConverter implements CommandLine.ITypeConverter<SampleFormat> {
        @Override
        public SampleFormat convert(String value) {
            SampleFormat f;
            try {
                f = SampleFormat.fromShortName(value);
            } catch (IllegalArgumentException unknown) {
                f = null;
            }
            String writable = OptionValues.oneOf(java.util.Arrays.stream(SampleFormat.values())
                    .filter(SampleFormat::writable).map(SampleFormat::shortName).toArray(String[]::new));
            if (f == null) {
                throw new OptionValues.Refused(OptionValues.message("--format", writable + " (the formats convert"
                        + " writes)", value));
            }
            if (!f.writable()) {
                throw new OptionValues.Refused(OptionValues.message("--format", writable + " (" + value
                        + " can be read but not written)", value));
            }
            return f;
        }
    }

    @Override
    public Integer call() throws IOException {
        if (Files.exists(in) && Files.exists(out) && Files.isSameFile(in, out)) {
            throw new IllegalArgumentException("OUT is the same file as IN (" + in + "); write to another file");
        }
        if (scale != null && scale.auto() && !format.isInteger()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale auto maps the data onto an integer"
                    + " format's range; with --format " + format.shortName() + " give a factor (--scale FACTOR)");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        long traces;
        ByteOrder order;
        double factor;
        IntegerFit fit;
        ScaleCard.Written card = null;
        boolean intervalAssumed;
        int intervalWritten;
        try (SegyReader r = fileOptions.open(in)) {
            SegyWarnings.print(r, spec.commandLine().getErr());
            order = endian == null ? r.byteOrder() : endian;
            intervalAssumed = r.sampleIntervalIsFallback();
            intervalWritten = r.sampleIntervalUs();
            SegyWriteOptions options = SegyWriteOptions.of(r.samplesPerTrace(), r.sampleIntervalUs())
                    .withFormat(format).withByteOrder(order);
            BinaryHeader template = r.binaryHeader();
            List<byte[]> texts = new ArrayList<>(r.rawTextHeaders());
            factor = factor(r);
            String option = scale == null ? null : scale.auto() ? "auto" : compact(scale.factor(), 9);
            if (template != null) {
                if (factor != 1) {
                    // The factor recorded in the first text header, in its own encoding; the rest kept byte for byte.
                    TextEncoding enc = TextHeaderCodec.detect(texts.get(0));
                    String was = TextHeaderCodec.decode(texts.get(0), enc);
                    card = ScaleCard.write(was, factor, option);
                    texts.set(0, cardsChanged(texts.get(0), was, card.text(), enc));
                }
                options = options.withBinaryHeaderTemplate(template).withRawTextHeaders(texts)
                        .withTextHeader(r.info().textHeader(), r.info().textEncoding() == TextEncoding.ASCII
                                ? TextEncoding.ASCII : TextEncoding.EBCDIC);
            } else if (factor != 1) {
                card = ScaleCard.write(options.textHeader(), factor, option);  // SU: Seiswork's own header
                options = options.withTextHeader(card.text(), options.textEncoding());
            }
            fit = format.isInteger() ? new IntegerFit(format) : null;
            float[] samples = new float[r.samplesPerTrace()];
            boolean overflowed = false;
            try (SegyWriter w = SegyWriter.create(out, options)) {
                for (long t = 0; t < r.traceCount() && !overflowed; t++) {
                    TraceHeader h = r.readHeaderAndTrace(t, samples);
                    if (factor != 1 && !scaled(samples, factor)) {
                        overflowed = true;
                        break;
                    }
                    if (fit != null) {
                        fit.add(samples, samples.length);
                    }
                    w.write(h, samples);
                }
                traces = w.tracesWritten();
            }
            if (overflowed) {
                // Learnt part-way through the stream: no half-written file is left to be taken for the data.
                Files.deleteIfExists(out);
                throw new CommandLine.ParameterException(spec.commandLine(), overflow(factor, largestFiniteAbs(r)));
            }
        }
        stdout.printf("%s: %d traces written as %s, %s-endian%s%n", out, traces, format.shortName(),
                ByteOrders.name(order), factor != 1 ? ", samples x " + compact(factor, 6) + (scale.auto()
                        ? " (--scale auto: largest |value| " + compact(maxAbs, 4) + " to " + format.integerMax() + ")"
                        : "") : "");
        if (card != null) {
            stdout.printf("  recorded in text header card %d%s: %s%n", card.card(), card.replaced() == null ? ""
                    : " (in place of \"" + card.replaced() + "\", no card was free)",
                    card.text().substring((card.card() - 1) * 80, card.card() * 80).strip());
        }
        if (intervalAssumed && !fileOptions.intervalGiven()) {
            spec.commandLine().getErr().println("seiswork: warning: " + in + " gives no sample interval: " + out
                    + " says " + intervalWritten + " µs, the default; give the real one with --interval-us US");
        }
        String range = factor != 1 ? "the scaled data's range" : "the data's range";
        if (fit != null && !fit.lossy()) {
            stdout.println("  " + fit.summary(range));
        }
        stdout.flush();
        if (fit != null && fit.lossy()) {
            spec.commandLine().getErr().println("seiswork: warning: " + out + ": " + fit.summary(range) + ": "
                    + hint(fit));
            spec.commandLine().getErr().flush();
        }
        return 0;
    }

    /**
     * {@code raw} with only the 80-byte cards whose text changed from {@code was} to {@code now}
     * encoded anew: the others stay byte for byte (decoding is not always reversible: EBCDIC 0x6A
     * reads as '|', which encodes as 0x4F).
     */
    private static byte[] cardsChanged(byte[] raw, String was, String now, TextEncoding enc) {
        byte[] out = raw.clone();
        byte[] encoded = TextHeaderCodec.encode(now, enc);
        for (int at = 0; at + 80 <= out.length; at += 80) {
            if (!was.regionMatches(at, now, at, 80)) {
                System.arraycopy(encoded, at, out, at, 80);
            }
        }
        return out;
    }

    /** {@code v} to {@code digits} significant digits without trailing zeros: (1e9, 6) → "1.00000e+09" → "1e+09". */
    static String compact(double v, int digits) {
        String s = String.format(Locale.ROOT, "%." + digits + "g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    /** The factor samples are multiplied by: 1 without --scale, the given one, or auto's from a pass over {@code r}. */
    private double factor(SegyReader r) {
        if (scale == null) {
            return 1;
        }
        if (!scale.auto()) {
            return scale.factor();
        }
        maxAbs = largestFiniteAbs(r);
        return IntegerFit.autoScale(format, maxAbs);
    }

    /** The largest finite |sample| of {@code r}, from a pass over every trace; 0 when there is none. */
    private static double largestFiniteAbs(SegyReader r) {
        float[] s = new float[r.samplesPerTrace()];
        double m = 0;
        for (long t = 0; t < r.traceCount(); t++) {
            r.readTrace(t, s);
            for (float v : s) {
                if (Float.isFinite(v)) {
                    m = Math.max(m, Math.abs(v));
                }
            }
        }
        return m;
    }

    /**
     * Multiplies {@code samples} by {@code factor} in place; false, at the first, when a finite
     * sample becomes infinite: the samples are float32 on their way to every format (ibm32 could
     * hold up to 7.2e75, but not from float32), so beyond {@link Float#MAX_VALUE} (3.4e38) the
     * value is lost, as inf in ieee32, 0x7fffffff in ibm32 and a saturation of no known size in
     * the integer formats. Samples that were already infinite or NaN stay as they were.
     */
    private static boolean scaled(float[] samples, double factor) {
        for (int i = 0; i < samples.length; i++) {
            float v = (float) (samples[i] * factor);
            if (Float.isInfinite(v) && Float.isFinite(samples[i])) {
                return false;
            }
            samples[i] = v;
        }
        return true;
    }

    /**
     * The refusal of a {@code --scale} that made a sample infinite: the factor, the data's largest
     * |value| ({@code maxAbs}) and the largest factor it can take, float32's largest over it
     * (rounded down, so that the factor printed is safe to give); for an integer format also
     * the factor that keeps every sample within its range ({@code --scale auto}'s).
     */
    private String overflow(double factor, double maxAbs) {
        String largest = "the largest factor this data can take is " + compactDown(Float.MAX_VALUE / maxAbs, 4);
        String limit = format.isInteger() ? largest + ", and the largest that keeps every sample within "
                + format.shortName() + "'s " + format.integerMin() + ".." + format.integerMax() + " is "
                + compactDown(IntegerFit.autoScale(format, maxAbs), 4) + " (--scale auto)" : largest;
        return "--scale " + compact(factor, 9) + " makes samples of " + in + " infinite (float32 holds |values| up to "
                + compact(Float.MAX_VALUE, 4) + ", the data's largest |value| is " + compact(maxAbs, 4) + "): "
                + limit + "; " + out + " not written";
    }

    /** {@code v} > 0 to {@code digits} significant digits, rounded down: (6.4967e37, 4) → "6.496e+37". */
    static String compactDown(double v, int digits) {
        double unit = Math.pow(10, Math.floor(Math.log10(v)) - (digits - 1));
        return compact(Math.floor(v / unit) * unit, digits);
    }

    /** What to do about a lossy conversion. */
    private String hint(IntegerFit fit) {
        if (fit.lossyForInfinitiesAlone()) {
            return "an integer format has no infinity; use ieee32 to keep the infinite samples";
        }
        if (scale == null) {
            return "use --scale auto (the largest |value| to " + format.integerMax() + ") or --scale FACTOR";
        }
        if (fit.saturated() > 0) {
            return "use a smaller --scale" + (format != SampleFormat.INT32 ? " or a wider format (int32, ieee32)" : "");
        }
        return format.shortName() + " has too few levels for this data; use a wider format (int32, ieee32)";
    }
}
