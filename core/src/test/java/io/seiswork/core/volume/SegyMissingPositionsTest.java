package io.seiswork.core.volume;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.segy.SegyWriteOptions;
import io.seiswork.core.segy.SegyWriter;
import io.seiswork.core.segy.TraceHeader;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cube with dead traces left out (as segysak's f3-withdead.sgy, 175 of 414 positions empty) is
 * refused saying how many inline/crossline positions have no trace, with the figures segy info
 * gives, rather than only that the traces are not one per position.
 */
class SegyMissingPositionsTest {

    @TempDir
    Path dir;

    @Test
    void missingPositionsAreCountedInTheRefusal() {
        Path in = dir.resolve("holes.sgy");
        try (SegyWriter w = SegyWriter.create(in, SegyWriteOptions.of(5, 4000))) {
            for (int il = 1; il <= 3; il++) {
                for (int xl = 20; xl <= 23; xl++) {
                    if (il == 2 && (xl == 21 || xl == 22)) {
                        continue; // two dead traces left out
                    }
                    TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
                    h.setInt32(TraceHeader.INLINE, il);
                    h.setInt32(TraceHeader.CROSSLINE, xl);
                    w.write(h, new float[] {1, 2, 3, 4, 5});
                }
            }
        }
        Path out = dir.resolve("holes.swv");
        var e = assertThrows(SwvException.class,
                () -> SegyToSwv.convert(in, out, SwvWriteOptions.defaults().withZUnit("s")));
        assertTrue(e.getMessage().endsWith("holes.sgy: not a post-stack cube (one trace per inline and crossline,"
                + " sorted by inline or crossline): 2 of its 12 inline/crossline positions have no trace (3 inlines"
                + " 1..3 x 4 crosslines 20..23, 10 with traces; dead traces left out?); fill them with zero traces to"
                + " make a cube (the inline number read from trace-header byte 189, the crossline from byte 193)"),
                e.getMessage());
        assertFalse(Files.exists(out));
    }
}
