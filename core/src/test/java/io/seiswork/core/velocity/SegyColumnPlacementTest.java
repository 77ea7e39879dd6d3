package io.seiswork.core.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.SegyWriteOptions;
import io.seiswork.core.segy.SegyWriter;
import io.seiswork.core.segy.TraceHeader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A velocity SEG-Y of the wrong size is refused from its counts, before any header scan. */
class SegyColumnPlacementTest {

    @TempDir
    Path dir;

    /**
     * 10^9 traces of 4 samples (a sparse file of 256 GB) against a 10 x 10 grid: the scan of every
     * trace header that info() makes took 18.8 s for 10^7 traces and hung a run --check for 3 x 10^9;
     * the counts are known from the file size, so the refusal needs none of it.
     */
    @Test
    void aHugeTraceCountIsRefusedWithoutScanningTheHeaders() throws IOException {
        Path f = dir.resolve("huge.sgy");
        try (SegyWriter w = SegyWriter.create(f, SegyWriteOptions.of(4, 4000))) {
            w.write(new TraceHeader(ByteOrder.BIG_ENDIAN), new float[] {1500, 1500, 1500, 1500});
        }
        long traces = 1_000_000_000L;
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(SegyReader.FILE_HEADER_BYTES + traces * (TraceHeader.SIZE + 4 * Float.BYTES));
        }
        Grid grid = new Grid(10, 10, 4, 10, 10, 10);
        try (SegyReader r = SegyReader.open(f)) {
            assertEquals(traces, r.traceCount());
            var e = assertThrows(IllegalArgumentException.class, () -> SegyColumnPlacement.of(f, r, grid));
            assertEquals("file " + f + " has 1000000000 traces of 4 samples but the grid needs 100 traces (nx 10"
                    + " x ny 10) of 4 samples (nz)", e.getMessage());
            assertFalse(r.headersScanned(), "refused before info() read the trace headers");
        }
    }

    /** The same for a sample count that does not fit: refused from the counts alone. */
    @Test
    void aWrongSampleCountIsRefusedWithoutScanningTheHeaders() {
        Path f = dir.resolve("short.sgy");
        try (SegyWriter w = SegyWriter.create(f, SegyWriteOptions.of(3, 4000))) {
            for (int i = 0; i < 4; i++) {
                w.write(new TraceHeader(ByteOrder.BIG_ENDIAN), new float[] {1500, 1500, 1500});
            }
        }
        Grid grid = new Grid(2, 2, 5, 10, 10, 10);
        try (SegyReader r = SegyReader.open(f)) {
            var e = assertThrows(IllegalArgumentException.class, () -> SegyColumnPlacement.of(f, r, grid));
            assertEquals("file " + f + " has 4 traces of 3 samples but the grid needs 4 traces (nx 2 x ny 2) of 5"
                    + " samples (nz)", e.getMessage());
            assertFalse(r.headersScanned(), "refused before info() read the trace headers");
        }
    }
}
