package io.seiswork.app.cli;

import io.seiswork.app.volume.SegyWarnings;
import io.seiswork.app.volume.SegyZUnit;
import io.seiswork.core.volume.SegyToSwv;
import io.seiswork.core.volume.SwvToSegy;
import io.seiswork.core.volume.SwvWriteOptions;
import io.seiswork.core.volume.VolumeHeader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code seiswork convert IN OUT}: SEG-Y cube to bricked {@code .swv} volume or back, the
 * direction picked from the file extensions. Both directions stream (memory is one brick-row).
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a post-stack SEG-Y cube (.sgy/.segy) to a bricked volume (.swv) or back;"
                + " the direction comes from the extensions.")
final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "Input .sgy/.segy or .swv file.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output .swv or .sgy/.segy file (overwritten).")
    Path out;

    @Option(names = "--brick", paramLabel = "N",
            description = "Brick edge in samples for .swv output, a power of two in 4..256. Default: as runs choose"
                    + " it, 64, or for a cube of fewer than 64 inlines the power of two at least the inline count and"
                    + " at least 8 (8 for a 2D section).")
    Integer brick;

    @Option(names = "--z-unit", paramLabel = SegyZUnit.VALUES, defaultValue = "auto", converter = ZUnitOption.class,
            description = {"Trace axis of a SEG-Y cube written as .swv: m (depth; the interval field read as mm), s"
                + " (time), or auto: depth when its text header says so in a phrase (DEPTH IMAGE, Depth min:, PSDM)"
                + " and never time, else time (SEG-Y has no field for it; a line says which was taken)."
                + " Default: ${DEFAULT-VALUE}."})
    String zUnit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(in) && Files.exists(out) && Files.isSameFile(in, out)) {
            throw new IllegalArgumentException("OUT is the same file as IN (" + in + "); write to another file");
        }
        if (brick != null) {
            try {
                SwvWriteOptions.defaults().withBrickSize(brick);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--brick: " + e.getMessage());
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        long start = System.nanoTime();
        if (isSegy(in) && isSwv(out)) {
            SegyWarnings.print(in, spec.commandLine().getErr());
            SegyZUnit z = SegyZUnit.of(in, zUnit);
            spec.commandLine().getErr().println("seiswork: " + in + ": its trace axis taken as " + z.axis() + " ("
                    + z.why() + ")");
            spec.commandLine().getErr().flush();
            VolumeHeader h = SegyToSwv.convert(in, out, ny -> (brick == null ? SwvWriteOptions.defaultsFor(ny)
                    : SwvWriteOptions.defaults().withBrickSize(brick)).withZUnit(z.unit()));
            stdout.printf("%s -> %s: %d x %d x %d samples, %d levels, %.1f MB in %.1f s%n", in, out,
                    h.axes().x().count(), h.axes().y().count(), h.axes().z().count(), h.layout().levels().size(),
                    Files.size(out) / 1e6, (System.nanoTime() - start) / 1e9);
        } else if (isSwv(in) && isSegy(out)) {
            long traces = SwvToSegy.convert(in, out);
            stdout.printf("%s -> %s: %d traces, %.1f MB in %.1f s%n", in, out, traces, Files.size(out) / 1e6,
                    (System.nanoTime() - start) / 1e9);
        } else {
            throw new IllegalArgumentException("cannot tell the direction from the extensions of " + in + " and " + out
                    + ": convert .sgy/.segy to .swv or .swv to .sgy/.segy");
        }
        return 0;
    }

    private static String lower(Path p) {
        return p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isSegy(Path p) {
        return lower(p).endsWith(".sgy") || lower(p).endsWith(".segy");
    }

    private static boolean isSwv(Path p) {
        return lower(p).endsWith(".swv");
    }
}
