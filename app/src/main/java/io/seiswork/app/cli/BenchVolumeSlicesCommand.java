package io.seiswork.app.cli;

import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.volume.FileRangeReader;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.SwvReader;
import io.seiswork.core.volume.VolumeAxes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seiswork bench-volume slices --swv FILE [--segy FILE]}: times the middle inline,
 * crossline and depth slice of a volume read from {@code .swv} (level 0) and, when given, from
 * the same volume as inline-sorted SEG-Y. Prints one markdown table row per orientation, in ms
 * per slice: cold (operating-system page cache dropped and a fresh brick cache; needs root,
 * else "n/a"), warm page cache (brick cache emptied), and warm brick cache; best of
 * {@code --repeat} for the warm figures. Columns: volume GB (level-0 samples × 4 bytes), .swv file
 * GB (with padding and pyramid), orientation, slice size, bricks read, then the timings.
 */
@Command(name = "slices", mixinStandardHelpOptions = true,
        description = "Time inline, crossline and depth slices from .swv and SEG-Y; prints markdown rows.")
final class BenchVolumeSlicesCommand implements Callable<Integer> {

    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    @Option(names = "--swv", paramLabel = "FILE", required = true, description = "The .swv volume.")
    Path swv;

    @Option(names = "--segy", paramLabel = "FILE", description = "The same volume as inline-sorted SEG-Y.")
    Path segy;

    @Option(names = "--repeat", defaultValue = "3", description = "Warm runs per figure (best is kept).")
    int repeat;

    @Option(names = "--cold", description = "Also time cold reads (drops the page cache: needs root).")
    boolean cold;

    @Option(names = "--cache-mb", defaultValue = "2048",
            description = "Brick cache for the warm figures, MiB (a 20 GB volume's depth slice touches 1.2 GiB)."
                    + " Default: ${DEFAULT-VALUE}.")
    long cacheMb;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        double fileGb = Files.size(swv) / 1e9;
        VolumeAxes a;
        try (SwvReader r = SwvReader.open(swv)) {
            a = r.axes(0);
        }
        double gb = a.samples() * 4 / 1e9;
        int nx = a.x().count();
        int ny = a.y().count();
        for (SliceOrientation o : SliceOrientation.values()) {
            int index = a.normal(o).count() / 2;
            String size = a.across(o).count() + " x " + a.down(o).count();
            String swvCold = "n/a";
            String segyCold = "n/a";
            long bricksRead;
            if (cold) {
                dropCaches();
                try (SwvReader r = SwvReader.open(FileRangeReader.open(swv), SwvReader.DEFAULT_CACHE_BYTES)) {
                    swvCold = ms(time(() -> r.slice(o, index, 0).values()));
                }
            }
            double swvPage;
            double swvHot;
            try (SwvReader r = SwvReader.open(FileRangeReader.open(swv), cacheMb << 20)) {
                r.slice(o, index, 0);
                bricksRead = r.cache().misses();
                swvPage = best(() -> {
                    r.cache().clear();
                    return r.slice(o, index, 0).values();
                });
                swvHot = best(() -> r.slice(o, index, 0).values());
            }
            String segyWarm = "—";
            if (segy != null) {
                if (cold) {
                    dropCaches();
                    try (SegyReader r = SegyReader.open(segy)) {
                        segyCold = ms(time(() -> SegySlices.slice(r, nx, ny, o, index)));
                    }
                }
                try (SegyReader r = SegyReader.open(segy)) {
                    SegySlices.slice(r, nx, ny, o, index);
                    segyWarm = ms(best(() -> SegySlices.slice(r, nx, ny, o, index)));
                }
            } else {
                segyCold = "—";
            }
            out.printf("| %.2f | %.2f | %s | %s | %d | %s | %s | %s | %s | %s |%n", gb, fileGb,
                    o.name().toLowerCase(java.util.Locale.ROOT),
                    size, bricksRead, swvCold, ms(swvPage), ms(swvHot), segyCold, segyWarm);
            out.flush();
        }
        return 0;
    }

    private double best(Supplier<float[]> slice) {
        double b = Double.MAX_VALUE;
        for (int i = 0; i < Math.max(1, repeat); i++) {
            b = Math.min(b, time(slice));
        }
        return b;
    }

    private static double time(Supplier<float[]> slice) {
        long t0 = System.nanoTime();
        float[] v = slice.get();
        double s = (System.nanoTime() - t0) / 1e6;
        if (Arrays.hashCode(v) == 42) {
            System.err.print(""); // keeps the slice from being optimised away
        }
        return s;
    }

    private static String ms(double v) {
        return v >= 100 ? String.format("%.0f", v) : String.format("%.1f", v);
    }

    private static void dropCaches() throws IOException, InterruptedException {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        try {
            Files.writeString(DROP_CACHES, "3");
        } catch (IOException e) {
            throw new IOException("--cold needs root to write " + DROP_CACHES + ": " + e.getMessage(), e);
        }
    }
}
