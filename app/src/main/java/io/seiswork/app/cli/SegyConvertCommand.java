package io.seiswork.app.cli;

import io.seiswork.core.segy.BinaryHeader;
import io.seiswork.core.segy.ByteOrders;
import io.seiswork.core.segy.SampleFormat;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.SegyWriteOptions;
import io.seiswork.core.segy.SegyWriter;
import io.seiswork.core.segy.TextEncoding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * updated); samples are converted, so IBM files become IEEE in one step.
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
                    + " saturated). Default: ${DEFAULT-VALUE}.")
    SampleFormat format;

    @Option(names = "--endian", paramLabel = "big|little",
            description = "Output byte order. Default: the input's.")
    String endian;

    @Mixin
    SegyFileOptions fileOptions = new SegyFileOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Parses {@code --format} names with the list of writable ones in the error. */
    static final class FormatConverter implements CommandLine.ITypeConverter<SampleFormat> {
        @Override
        public SampleFormat convert(String value) {
            SampleFormat f;
            try {
                f = SampleFormat.fromShortName(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            if (!f.writable()) {
                throw new CommandLine.TypeConversionException(
                        "format " + value + " can be read but not written; use ibm32, ieee32, int32, int16 or int8");
            }
            return f;
        }
    }

    @Override
    public Integer call() throws IOException {
        if (Files.exists(out) && Files.isSameFile(in, out)) {
            throw new IllegalArgumentException("OUT is the same file as IN (" + in + "); write to another file");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        long traces;
        ByteOrder order;
        try (SegyReader r = SegyReader.open(in, fileOptions.readOptions(in))) {
            order = endian == null ? r.byteOrder() : ByteOrders.parse(endian);
            SegyWriteOptions options = SegyWriteOptions.of(r.samplesPerTrace(), r.sampleIntervalUs())
                    .withFormat(format).withByteOrder(order);
            BinaryHeader template = r.binaryHeader();
            List<byte[]> texts = r.rawTextHeaders();
            if (template != null) {
                options = options.withBinaryHeaderTemplate(template).withRawTextHeaders(texts)
                        .withTextHeader(r.info().textHeader(), r.info().textEncoding() == TextEncoding.ASCII
                                ? TextEncoding.ASCII : TextEncoding.EBCDIC);
            }
            float[] samples = new float[r.samplesPerTrace()];
            try (SegyWriter w = SegyWriter.create(out, options)) {
                for (long t = 0; t < r.traceCount(); t++) {
                    w.write(r.readHeaderAndTrace(t, samples), samples);
                }
                traces = w.tracesWritten();
            }
        }
        stdout.printf("%s: %d traces written as %s, %s-endian%n", out, traces, format.shortName(), ByteOrders.name(order));
        stdout.flush();
        return 0;
    }
}
