package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Sampling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file of shot gathers continued after its first shots ({@link ShotGatherWriter#append}, what a
 * resumed run does) is the file one writer makes without stopping, byte for byte: the headers
 * count nothing, the trace sequence numbers go on, a shot written in part is cut off.
 */
class ShotGatherAppendTest {

    private static final Sampling TIME = new Sampling(7, 0.004, 0);
    private static final String TEXT = TextHeaderCodec.fromLines("C 1 APPEND TEST");
    private static final List<Position> RECEIVERS = List.of(new Position(0, 0, 10), new Position(50, 0, 10),
            new Position(100, 0, 10));

    @TempDir
    Path dir;

    private static Shot shot(int n) {
        return new Shot(n, new Position(25 * n, 0, 5), RECEIVERS);
    }

    private static float[][] traces(int n) {
        float[][] t = new float[RECEIVERS.size()][TIME.count()];
        for (int r = 0; r < t.length; r++) {
            for (int k = 0; k < TIME.count(); k++) {
                t[r][k] = (float) Math.sin(n + 0.1 * r + 0.01 * k);
            }
        }
        return t;
    }

    /**
     * Trace sequence numbers (bytes 1-4, 5-8) are 32-bit: a file continued after 2,147,483,646
     * traces (sparse: 520 GB of holes, no disk) takes one more trace, and a shot of three that
     * would number past 2,147,483,647 is refused before any of its traces, naming the limit,
     * where the numbers used to wrap to negative values silently.
     */
    @Test
    void aShotWhoseTracesWouldNumberPastTheTraceSequenceFieldIsRefused() throws Exception {
        Sampling one = new Sampling(1, 0.004, 0);
        Path file = dir.resolve("full.sgy");
        try (ShotGatherWriter w = new ShotGatherWriter(file, one, true, 100, TEXT)) {
            // headers only
        }
        long traceBytes = TraceHeader.SIZE + 4;
        long before = Integer.MAX_VALUE - 1L;
        long keep = SegyReader.FILE_HEADER_BYTES + before * traceBytes;
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(keep);
        }
        Shot single = new Shot(7, new Position(25, 0, 5), RECEIVERS.subList(0, 1));
        try (ShotGatherWriter w = ShotGatherWriter.append(file, one, true, 100, TEXT, keep)) {
            assertEquals(before, w.tracesWritten());
            w.write(single, new float[1][1]);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.write(shot(8), new float[3][1]));
            assertEquals("full.sgy cannot take shot 8: its 3 traces after the 2,147,483,647 written would number past"
                    + " 2,147,483,647, the most SEG-Y's 32-bit trace sequence numbers (trace header bytes 1-4 and"
                    + " 5-8) count; model the survey's shots in parts (run --shots), each into its own file",
                    e.getMessage());
            assertEquals(Integer.MAX_VALUE, w.tracesWritten(), "none of the refused shot's traces written");
        }
        try (SegyReader r = SegyReader.open(file)) {
            assertEquals(Integer.MAX_VALUE, r.traceCount());
            TraceHeader last = r.header(Integer.MAX_VALUE - 1L);
            assertEquals(Integer.MAX_VALUE, last.getInt32(TraceHeader.TRACE_SEQUENCE_LINE));
            assertEquals(Integer.MAX_VALUE, last.getInt32(TraceHeader.TRACE_SEQUENCE_FILE));
            assertEquals(7, last.getInt32(TraceHeader.FIELD_RECORD));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aFileContinuedAfterItsFirstShotsIsTheUninterruptedFile() throws Exception {
        Path whole = dir.resolve("whole.sgy");
        try (ShotGatherWriter w = new ShotGatherWriter(whole, TIME, true, 100, TEXT)) {
            for (int n = 1; n <= 4; n++) {
                w.write(shot(n), traces(n));
            }
        }
        Path stopped = dir.resolve("stopped.sgy");
        long kept;
        try (ShotGatherWriter w = new ShotGatherWriter(stopped, TIME, true, 100, TEXT)) {
            w.write(shot(1), traces(1));
            w.write(shot(2), traces(2));
            w.sync();
            kept = w.bytesWritten();
            assertEquals(kept, Files.size(stopped), "synced: every byte written is in the file");
            assertEquals(6, w.tracesWritten());
        }
        // A crash in the middle of shot 3: part of a trace beyond the shots kept.
        Files.write(stopped, new byte[300], StandardOpenOption.APPEND);
        try (ShotGatherWriter w = ShotGatherWriter.append(stopped, TIME, true, 100, TEXT, kept)) {
            assertEquals(6, w.tracesWritten());
            w.write(shot(3), traces(3));
            w.write(shot(4), traces(4));
        }
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(stopped));
        try (SegyReader r = SegyReader.open(stopped)) {
            assertEquals(12, r.traceCount());
            assertEquals(7, r.header(6).getInt32(TraceHeader.TRACE_SEQUENCE_FILE), "sequence numbers go on");
        }
    }

    @Test
    void anotherJobsFileOrATornKeepIsRefused() throws Exception {
        Path file = dir.resolve("shots.sgy");
        long kept;
        try (ShotGatherWriter w = new ShotGatherWriter(file, TIME, true, 100, TEXT)) {
            w.write(shot(1), traces(1));
            w.sync();
            kept = w.bytesWritten();
        }
        SegyException other = assertThrows(SegyException.class, () -> ShotGatherWriter.append(file, TIME, true, 100,
                TextHeaderCodec.fromLines("C 1 ANOTHER JOB"), kept));
        assertTrue(other.getMessage().contains("its file headers are not the ones this run writes"), other.getMessage());
        SegyException torn = assertThrows(SegyException.class, () -> ShotGatherWriter.append(file, TIME, true, 100,
                TEXT, kept - 10));
        assertTrue(torn.getMessage().contains("cannot continue after byte " + (kept - 10)), torn.getMessage());
        SegyException longer = assertThrows(SegyException.class, () -> ShotGatherWriter.append(file, TIME, true, 100,
                TEXT, kept + 268));
        assertTrue(longer.getMessage().contains("the file has " + kept + " bytes"), longer.getMessage());
        assertEquals(kept, Files.size(file), "a refused append changes nothing");
    }
}
