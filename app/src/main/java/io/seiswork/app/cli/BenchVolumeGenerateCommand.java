package io.seiswork.app.cli;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.SegyWriteOptions;
import io.seiswork.core.segy.SegyWriter;
import io.seiswork.core.segy.TraceHeader;
import io.seiswork.core.volume.SwvWriteOptions;
import io.seiswork.core.volume.SwvWriter;
import io.seiswork.core.volume.SyntheticVolume;
import io.seiswork.core.volume.VolumeAxes;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seiswork bench-volume generate}: streams a {@link SyntheticVolume} of nx × ny × nz
 * samples (10 m grid, 4 m depth step) into a {@code .swv} and/or an inline-sorted SEG-Y file,
 * column by column, so volumes far larger than memory can be made.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic volume as .swv and/or SEG-Y (streaming).")
final class BenchVolumeGenerateCommand implements Callable<Integer> {

    @Option(names = "--nx", required = true, description = "Samples along x (crosslines).")
    int nx;

    @Option(names = "--ny", required = true, description = "Samples along y (inlines).")
    int ny;

    @Option(names = "--nz", required = true, description = "Samples per trace.")
    int nz;

    @Option(names = "--swv", paramLabel = "FILE", description = "Write the .swv here.")
    Path swv;

    @Option(names = "--segy", paramLabel = "FILE", description = "Write the SEG-Y here.")
    Path segy;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SyntheticVolume v = new SyntheticVolume(nx, ny, nz);
        VolumeAxes axes = new VolumeAxes(new Sampling(nx, 10, 0), new Sampling(ny, 10, 0), new Sampling(nz, 4, 0));
        long start = System.nanoTime();
        if (swv != null) {
            try (SwvWriter w = SwvWriter.create(swv, axes, SwvWriteOptions.defaults())) {
                v.writeTo(w);
            }
            spec.commandLine().getOut().printf("%s: written in %.1f s%n", swv, (System.nanoTime() - start) / 1e9);
        }
        start = System.nanoTime();
        if (segy != null) {
            float[] col = new float[nz];
            try (SegyWriter w = SegyWriter.create(segy, SegyWriteOptions.of(nz, 4000))) {
                TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
                for (int iy = 0; iy < ny; iy++) {
                    for (int ix = 0; ix < nx; ix++) {
                        v.column(ix, iy, col);
                        h.setInt32(TraceHeader.INLINE, iy + 1);
                        h.setInt32(TraceHeader.CROSSLINE, ix + 1);
                        h.setInt32(TraceHeader.CDP_X, 10 * ix);
                        h.setInt32(TraceHeader.CDP_Y, 10 * iy);
                        w.write(h, col);
                    }
                }
            }
            spec.commandLine().getOut().printf("%s: written in %.1f s%n", segy, (System.nanoTime() - start) / 1e9);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
