package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pass over a file's trace headers reads samples only where a header is zeros, and then the
 * file's last trace once before any trace's own: a file whose every header is zeros over real
 * samples (as segyio may write) is not read twice over.
 */
class UnwrittenTraceTest {

    private static final int TRACES = 50;
    private static final int SAMPLES = 11;

    @TempDir
    Path dir;

    /**
     * {@link #TRACES} traces of FFID 7, their samples all 1 but for the last {@code zeroTail}
     * traces' (0), then every header overwritten with zeros.
     */
    private Path zeroHeaders(String name, int zeroTail) throws Exception {
        Path file = dir.resolve(name);
        try (SegyWriter w = SegyWriter.create(file, SegyWriteOptions.of(SAMPLES, 4000))) {
            for (int t = 0; t < TRACES; t++) {
                TraceHeader h = new TraceHeader(ByteOrder.BIG_ENDIAN);
                h.setInt32(TraceHeader.FIELD_RECORD, 7);
                float[] s = new float[SAMPLES];
                java.util.Arrays.fill(s, t < TRACES - zeroTail ? 1f : 0f);
                w.write(h, s);
            }
        }
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int t = 0; t < TRACES; t++) {
                c.write(ByteBuffer.allocate(TraceHeader.SIZE), 3600L + t * (240L + SAMPLES * 4));
            }
        }
        return file;
    }

    private static long pass(SegyReader reader, UnwrittenTrace check) {
        for (long i = 0; i < reader.traceCount(); i++) {
            check.refuseIfZeros(reader.headerInPass(i), i);
        }
        return check.samplesRead();
    }

    /** Headers of zeros over real samples: one trace's samples read (the last), not every trace's. */
    @Test
    void zeroHeadersOverRealSamplesCostOneTraceRead() throws Exception {
        try (SegyReader reader = SegyReader.open(zeroHeaders("zero-headers.sgy", 0))) {
            assertEquals(TRACES, reader.traceCount());
            assertEquals(1, pass(reader, new UnwrittenTrace("f", reader)));
        }
    }

    /**
     * A tail of zeros: each zero header's samples are read once the last trace is found zeros,
     * up to the first zero trace, where the file is refused.
     */
    @Test
    void aZeroTailIsRefusedAtItsFirstTrace() throws Exception {
        try (SegyReader reader = SegyReader.open(zeroHeaders("tail.sgy", 3))) {
            UnwrittenTrace check = new UnwrittenTrace("f", reader);
            var e = assertThrows(IllegalArgumentException.class, () -> pass(reader, check));
            assertTrue(e.getMessage().startsWith("f: trace " + (TRACES - 2) + " of " + TRACES + " (its header at byte "
                    + (3600L + (TRACES - 3) * (240L + SAMPLES * 4)) + ") is zeros only"), e.getMessage());
            assertEquals(1 + (TRACES - 2), check.samplesRead(), "the last trace, then each trace up to the first zero");
        }
    }
}
