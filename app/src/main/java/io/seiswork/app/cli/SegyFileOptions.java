package io.seiswork.app.cli;

import io.seiswork.core.segy.SegyReadOptions;
import io.seiswork.core.segy.TraceHeader;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options shared by the commands that read a SEG-Y file: where the line numbers are, SU or not. */
final class SegyFileOptions {

    @Option(names = "--iline-byte", paramLabel = "BYTE", defaultValue = "189",
            description = "Trace-header byte of the inline number (int32, 1-based). Default: ${DEFAULT-VALUE}.")
    int inlineByte = TraceHeader.INLINE;

    @Option(names = "--xline-byte", paramLabel = "BYTE", defaultValue = "193",
            description = "Trace-header byte of the crossline number (int32, 1-based). Default: ${DEFAULT-VALUE}.")
    int crosslineByte = TraceHeader.CROSSLINE;

    @Option(names = "--su", description = "Read as Seismic Unix (no textual/binary header). Default for *.su files.")
    boolean seismicUnix;

    /** The reader options for {@code file}. */
    SegyReadOptions readOptions(Path file) {
        boolean su = seismicUnix || file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".su");
        return SegyReadOptions.defaults().withSeismicUnix(su).withInlineByte(inlineByte).withCrosslineByte(crosslineByte);
    }
}
