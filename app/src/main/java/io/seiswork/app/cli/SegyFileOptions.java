package io.seiswork.app.cli;

import io.seiswork.core.segy.SegyReadOptions;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

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

    /** Whether the sample interval a file may lack was given ({@code --interval-us}). */
    boolean intervalGiven() {
        return intervalUs != null;
    }

    /** The reader options for {@code file}: SU defaults for {@code --su} or a {@code .su} name, then the given bytes. */
    SegyReadOptions readOptions(Path file) {
        Path name = file.getFileName();
        boolean su = seismicUnix || (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".su"));
        SegyReadOptions o = su ? SegyReadOptions.seismicUnixDefaults() : SegyReadOptions.defaults();
        try {
            if (inlineByte != null) {
                o = o.withInlineByte(inlineByte);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--iline-byte: " + e.getMessage(), e);
        }
        try {
            if (crosslineByte != null) {
                o = o.withCrosslineByte(crosslineByte);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--xline-byte: " + e.getMessage(), e);
        }
        if (intervalUs != null) {
            if (intervalUs <= 0) {
                throw new IllegalArgumentException("--interval-us: must be > 0 µs, got " + intervalUs);
            }
            o = o.withFallbackIntervalUs(intervalUs);
        }
        return o;
    }
}
