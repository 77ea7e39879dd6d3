package io.seiswork.app.cli;

import io.seiswork.core.segy.SegyException;
import io.seiswork.core.segy.SegyReadOptions;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.TraceHeader;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options shared by the commands that read a SEG-Y file: where the line numbers are, SU or not,
 * the sample interval of a file that gives none.
 * The line bytes default by kind: 189/193 for SEG-Y, 5 (tracr) / 21 (cdp) for Seismic Unix files
 * ({@link SegyReadOptions#seismicUnixDefaults()}); bytes given on the command line win.
 */
final class SegyFileOptions {

    @Option(names = "--iline-byte", paramLabel = "BYTE",
            description = "Trace-header byte of the inline number (int32, 1-based). Default: 189, or 5 (tracr) for SU.")
    Integer inlineByte;

    @Option(names = "--xline-byte", paramLabel = "BYTE",
            description = "Trace-header byte of the crossline number (int32, 1-based). Default: 193, or 21 (cdp) for SU.")
    Integer crosslineByte;

    @Option(names = "--su", description = "Read as Seismic Unix (no textual/binary header). Default for *.su files.")
    boolean seismicUnix;

    @Option(names = "--interval-us", paramLabel = "US",
            description = "Sample interval in microseconds for a file that gives none (binary header 3217 and trace"
                    + " header 117 not positive, SU dt 0). Default: 4000, as segyio.")
    Integer intervalUs;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Whether the sample interval a file may lack was given ({@code --interval-us}). */
    boolean intervalGiven() {
        return intervalUs != null;
    }

    /** {@code b}, refused unless a 4-byte field there lies inside the 240-byte trace header (1-based). */
    private int lineByte(String option, int b) {
        int last = TraceHeader.SIZE - 3;
        OptionValues.require(b >= 1 && b <= last, command, option, "1 to " + last + " (a 4-byte field inside the "
                + TraceHeader.SIZE + "-byte trace header)", b);
        return b;
    }

    /**
     * {@code file} opened with {@link #readOptions}; a file that does not look like SEG-Y at all is
     * refused with the hint that an SU file needs {@code --su} (the reader cannot give it: a job
     * spec has no such option).
     */
    SegyReader open(Path file) {
        SegyReadOptions options = readOptions(file);
        try {
            return SegyReader.open(file, options);
        } catch (SegyException e) {
            throw e.notSegyFile() && !options.seismicUnix() ? e.withHint("; an SU file needs --su") : e;
        }
    }

    /** The reader options for {@code file}: SU defaults for {@code --su} or a {@code .su} name, then the given bytes. */
    SegyReadOptions readOptions(Path file) {
        Path name = file.getFileName();
        boolean su = seismicUnix || (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".su"));
        SegyReadOptions o = su ? SegyReadOptions.seismicUnixDefaults() : SegyReadOptions.defaults();
        if (inlineByte != null) {
            o = o.withInlineByte(lineByte("--iline-byte", inlineByte));
        }
        if (crosslineByte != null) {
            o = o.withCrosslineByte(lineByte("--xline-byte", crosslineByte));
        }
        if (intervalUs != null) {
            OptionValues.require(intervalUs > 0, command, "--interval-us", "more than 0 µs", intervalUs);
            o = o.withFallbackIntervalUs(intervalUs);
        }
        return o;
    }
}
