package io.seiswork.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.app.volume.SegyWarnings;
import io.seiswork.core.segy.SegyReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code seiswork segy scan FILE}: reads and decodes every trace through {@link SegyReader} and
 * reports the read throughput; the measuring stick of {@code scripts/bench-segy-read.sh}.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Read every trace of a file (a read-throughput benchmark) and print MB/s.")
final class SegyScanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "SEG-Y or SU file.")
    Path file;

    @Option(names = "--json", description = "Print JSON: traces, bytes, seconds, mbPerS, checksum.")
    boolean json;

    @Mixin
    SegyFileOptions fileOptions = new SegyFileOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long bytes = Files.size(file);
        long start = System.nanoTime();
        long traces;
        double checksum = 0;
        try (SegyReader r = fileOptions.open(file)) {
            SegyWarnings.print(r, spec.commandLine().getErr());
            float[] s = new float[r.samplesPerTrace()];
            traces = r.traceCount();
            for (long t = 0; t < traces; t++) {
                r.readTrace(t, s);
                checksum += s[s.length / 2]; // keeps the decode from being optimised away
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double mbPerS = bytes / 1e6 / seconds;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode().put("traces", traces).put("bytes", bytes).put("seconds", seconds)
                    .put("mbPerS", mbPerS).put("checksum", checksum);
            out.println(m.writeValueAsString(o));
        } else {
            out.printf("%s: %d traces, %.1f MB in %.3f s = %.1f MB/s (checksum %.6g)%n", file, traces, bytes / 1e6,
                    seconds, mbPerS, checksum);
        }
        out.flush();
        return 0;
    }
}
