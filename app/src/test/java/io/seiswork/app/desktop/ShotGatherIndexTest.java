package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.SegyWriteOptions;
import io.seiswork.core.segy.SegyWriter;
import io.seiswork.core.segy.TraceHeader;
import io.seiswork.render.gather.Gather;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gathers' index ({@link ShotGatherFile}) on files of 7 shots of 600 receivers (4 200 traces,
 * more than one {@link ShotGatherFile#CHECK_TRACES} block), written shot by shot and interleaved
 * (trace t of shot t mod 7, as data sorted by receiver), shot 3's traces starting at 0 or 4 ms in
 * turn: each gather is the traces an independent pass of the SEG-Y reader finds with that FFID, at
 * their own delays; the index's arrays stay within a few bytes a trace; the pass reports the whole
 * file and stops when cancelled. A file of more than two read-ahead buffers of traces has headers
 * that a buffer's end cuts in two and a last buffer partly full: its gathers are the reader's too.
 * A file whose tail is zeros is refused as a run refuses it; segyio's complete 1x1.sgy, whose first
 * trace header is zeros, is shown.
 */
class ShotGatherIndexTest {

    private static final int SHOTS = 7;
    private static final int RECEIVERS = 600;
    private static final int NT = 50;
    private static final int DT_US = 2000;
    /** The shot whose traces start at different times: 0 ms and 4 ms (2 samples) in turn. */
    private static final int DELAYED_SHOT = 3;

    @TempDir
    Path dir;

    @Test
    void eachGatherIsItsShotsTracesAsTheReaderReadsThem() {
        for (Path file : List.of(written("in-order", t -> t / RECEIVERS + 1), interleaved())) {
            try (ShotGatherFile gathers = new ShotGatherFile(file); SegyReader reader = SegyReader.open(file)) {
                assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), List.copyOf(gathers.shots().stream().sorted().toList()));
                for (int shot : gathers.shots()) {
                    assertGatherIsTheReaders(gathers.read(shot, ShotGatherFile.TraceAxis.RECEIVER), reader, shot, file);
                }
            }
        }
    }

    @Test
    void theIndexKeepsAFewBytesATraceAtMost() {
        long traces = (long) SHOTS * RECEIVERS;
        try (ShotGatherFile inOrder = new ShotGatherFile(written("in-order", t -> t / RECEIVERS + 1))) {
            // One run a shot (16 bytes) and shot 3's own delays (4 bytes a trace): nothing for the others' traces.
            assertTrue(inOrder.indexArrayBytes() <= 16L * SHOTS + 4L * RECEIVERS,
                    inOrder.indexArrayBytes() + " bytes for shots written in one piece");
        }
        try (ShotGatherFile mixed = new ShotGatherFile(interleaved())) {
            // An int a trace, and a float a trace of shot 3: under 16 bytes a trace by far.
            double perTrace = (double) mixed.indexArrayBytes() / traces;
            assertTrue(perTrace <= 4 + 4.0 / SHOTS + 1e-9, perTrace + " bytes a trace for interleaved shots");
        }
    }

    @Test
    void thePassReportsTheWholeFileAndStopsWhenCancelled() throws Exception {
        Path file = interleaved();
        long size = Files.size(file);
        List<long[]> reports = new ArrayList<>();
        new ShotGatherFile(file, (done, total) -> reports.add(new long[] {done, total}), CancellationToken.none()).close();
        assertEquals(SegyReader.FILE_HEADER_BYTES, reports.getFirst()[0], "the first report at the first trace");
        assertEquals(size, reports.getLast()[0], "the last report: every byte");
        reports.forEach(r -> assertEquals(size, r[1], "the total is the file's size"));

        CancellationToken cancel = new CancellationToken();
        List<Long> seen = new ArrayList<>();
        CancelledException stopped = assertThrows(CancelledException.class,
                () -> new ShotGatherFile(file, (done, total) -> {
                    seen.add(done);
                    cancel.cancel();
                }, cancel));
        assertTrue(stopped.getMessage().contains("trace " + (ShotGatherFile.CHECK_TRACES + 1)),
                "stops at the first check after Cancel: " + stopped.getMessage());
        assertEquals(List.of((long) SegyReader.FILE_HEADER_BYTES), seen, "no report after Cancel, not the end");
    }

    @Test
    void headersThatStraddleTwoReadBuffersAndALastPartialOneAreReadWhole() {
        long traceBytes = TraceHeader.SIZE + 4L * NT;
        long cut = SegyReader.READ_AHEAD_BYTES % traceBytes;
        assertTrue(cut > 0 && cut < TraceHeader.SIZE, "a buffer's end falls " + cut + " bytes into a header");
        // The pass reads trace 0's header alone, then a buffer at a time from trace 1: the header of
        // trace 1 + k * whole is cut in two by the k-th buffer's end; the third buffer is partly full.
        long whole = SegyReader.READ_AHEAD_BYTES / traceBytes;
        long[] straddling = {1 + whole, 1 + 2 * whole};
        long traces = 1 + 2 * whole + whole / 3;
        Path file = written("buffers", traces, t -> t == straddling[0] || t == straddling[1] ? DELAYED_SHOT : t % SHOTS + 1);
        try (SegyReader inPass = SegyReader.open(file); SegyReader each = SegyReader.open(file)) {
            for (long t = 0; t < traces; t++) {
                assertArrayEquals(each.header(t).toBytes(), inPass.headerInPass(t).toBytes(), "header of trace " + t);
            }
        }
        try (ShotGatherFile gathers = new ShotGatherFile(file); SegyReader reader = SegyReader.open(file)) {
            assertEquals(traces, gathers.traceCount());
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), List.copyOf(gathers.shots().stream().sorted().toList()));
            for (int shot : gathers.shots()) {
                assertGatherIsTheReaders(gathers.read(shot, ShotGatherFile.TraceAxis.RECEIVER), reader, shot, file);
            }
        }
    }

    /**
     * A file whose tail is zeros (preallocated, still being written, or cut short while copied) is
     * refused at its first trace of zeros, by number and byte offset, as a run refuses it, rather
     * than shown with one more shot, FFID 0, of its zeros: 20 traces written, 3 of zeros appended.
     */
    @Test
    void aFileWithAZeroTailIsRefusedAtItsFirstZeroTrace() throws Exception {
        Path file = zeroTail(dir, "tail");
        long traceBytes = TraceHeader.SIZE + 4L * NT;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ShotGatherFile(file));
        assertTrue(e.getMessage().startsWith(file + ": trace 21 of 23 (its header at byte "
                + (SegyReader.FILE_HEADER_BYTES + 20 * traceBytes) + ") is zeros only, header and samples"), e.getMessage());
        assertTrue(e.getMessage().endsWith("give the complete file"), e.getMessage());
    }

    /**
     * segyio's 1x1.sgy, a complete file whose first trace header is zeros over real samples (segyio
     * leaves the fields it is not given at 0), is shown: its 4 traces, the first as the reader reads it.
     */
    @Test
    void aCompleteFileWhoseFirstHeaderIsZerosIsShown() {
        Path file = refdata("segyio/1x1.sgy");
        try (ShotGatherFile gathers = new ShotGatherFile(file); SegyReader reader = SegyReader.open(file)) {
            assertTrue(reader.header(0).isZeros(), "the first trace header is zeros");
            float[] first = reader.readTrace(0);
            assertTrue(first[1] != 0, "over real samples");
            assertEquals(4, gathers.traceCount());
            int traces = 0;
            for (int shot : gathers.shots()) {
                traces += gathers.read(shot, ShotGatherFile.TraceAxis.RECEIVER).gather().traces().count();
            }
            assertEquals(4, traces, "every trace in a gather");
            Gather g = gathers.read(gathers.shots().getFirst(), ShotGatherFile.TraceAxis.RECEIVER).gather();
            for (int i = 0; i < first.length; i++) {
                assertEquals(first[i], g.value(0, i), 0, "sample " + i + " of the first trace");
            }
        }
    }

    /** The third-party file {@code name} under the reference data (system property {@code seiswork.refdata}). */
    static Path refdata(String name) {
        Path file = Path.of(System.getProperty("seiswork.refdata", "../../shared/refdata")).resolve(name)
                .toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(file), "reference data " + file + " not found (set -Dseiswork.refdata=...)");
        return file;
    }

    /** A file of 20 traces, 4 shots of 5, then 3 traces of zeros, header and samples, appended. */
    static Path zeroTail(Path dir, String name) throws java.io.IOException {
        Path file = written(dir, name, 20, t -> t / 5 + 1);
        Files.write(file, new byte[3 * (TraceHeader.SIZE + 4 * NT)], StandardOpenOption.APPEND);
        return file;
    }

    /** {@code read} is the traces of FFID {@code shot} in file order, each read by {@code reader} on its own. */
    private static void assertGatherIsTheReaders(ShotGatherFile.Read read, SegyReader reader, int shot, Path file) {
        Gather g = read.gather();
        float[] samples = new float[NT];
        int k = 0;
        for (long t = 0; t < reader.traceCount(); t++) {
            TraceHeader h = reader.readHeaderAndTrace(t, samples);
            if (h.getInt32(TraceHeader.FIELD_RECORD) != shot) {
                continue;
            }
            int shift = (int) Math.round(reader.delayMs(h) / (DT_US * 1e-3));
            for (int i = 0; i < NT; i++) {
                assertEquals(samples[i], g.value(k, i + shift), 0, file.getFileName() + " shot " + shot + " trace "
                        + k + " sample " + i);
            }
            k++;
        }
        assertEquals(k, g.traces().count(), "traces of shot " + shot);
        assertEquals(shot == DELAYED_SHOT ? NT + 2 : NT, g.time().count(), "time axis of shot " + shot);
        assertEquals(shot == DELAYED_SHOT, !read.note().isEmpty(), read.note());
    }

    private Path interleaved() {
        return written("interleaved", t -> t % SHOTS + 1);
    }

    /** {@link #written(String, long, LongUnaryOperator)} of {@value #SHOTS} × {@value #RECEIVERS} traces. */
    private Path written(String name, LongUnaryOperator shotOf) {
        return written(name, (long) SHOTS * RECEIVERS, shotOf);
    }

    /**
     * {@code traces} traces whose FFID is {@code shotOf(t)}; samples that name the trace; shot 3's
     * delays differ; the header's last 4 bytes (unassigned) hold the trace's index.
     */
    private Path written(String name, long traces, LongUnaryOperator shotOf) {
        return written(dir, name, traces, shotOf);
    }

    /** As {@link #written(String, long, LongUnaryOperator)}, in {@code dir}. */
    private static Path written(Path dir, String name, long traces, LongUnaryOperator shotOf) {
        Path file = dir.resolve(name + ".sgy");
        if (Files.exists(file)) {
            return file;
        }
        int[] written = new int[SHOTS + 1];
        try (SegyWriter w = SegyWriter.create(file, SegyWriteOptions.of(NT, DT_US))) {
            for (long t = 0; t < traces; t++) {
                int shot = (int) shotOf.applyAsLong(t);
                int receiver = written[shot]++;
                TraceHeader h = new TraceHeader(java.nio.ByteOrder.BIG_ENDIAN);
                h.setInt32(TraceHeader.FIELD_RECORD, shot);
                h.setInt32(TraceHeader.SIZE - 3, (int) t);
                h.setDelayMs(shot == DELAYED_SHOT && receiver % 2 == 1 ? 4 : 0);
                float[] s = new float[NT];
                for (int i = 0; i < NT; i++) {
                    s[i] = shot * 10_000 + receiver + i * 1e-3f;
                }
                w.write(h, s);
            }
        }
        return file;
    }
}
