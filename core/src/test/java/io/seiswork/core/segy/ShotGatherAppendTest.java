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
