package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.segy.TextHeaderCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recorded data that is not shot gathers is refused when its geometry is read, naming the header
 * bytes; zero-offset data with its positions is read; an unchanged file's headers are read once;
 * every trace starts at its own delay, and traces outside the modelled time are said or refused.
 */
class SegyShotGathersTest {

    private static final Grid GRID = Grid.of2d(101, 51, 10);
    private static final Sampling TIME = new Sampling(11, 0.004, 0);

    @TempDir
    Path dir;

    private Path write(String name, List<Shot> shots) {
        return write(name, "C 1 TEST", shots);
    }

    private static Shot shot(int number, Position source, List<Position> receivers) {
        return new Shot(number, source, receivers);
    }

    private Path write(String name, String textHeader, List<Shot> shots) {
        Path file = dir.resolve(name);
        try (ShotGatherWriter out = new ShotGatherWriter(file, TIME, true, 1000, textHeader)) {
            for (Shot s : shots) {
                out.write(s, new float[s.receivers().size()][TIME.count()]);
            }
        }
        return file;
    }

    /** A depth image as `run` writes it for task rtm: FFID 0, every coordinate 0. */
    @Test
    void anImageWithEveryCoordinateZeroIsRefused() {
        Position origin = new Position(0, 0, 0);
        Path file = write("image.sgy", List.of(shot(0, origin, List.of(origin, origin, origin, origin))));
        var e = assertThrows(IllegalArgumentException.class, () -> new SegyShotGathers(file, GRID, TIME).close());
        assertEquals("data: " + file + ": every one of its 4 traces has its source (trace header bytes 73/77) and its"
                + " receiver (bytes 81/85) at (0, 0): geometry headers not filled, or not shot gathers (a stack or a"
                + " migrated image); give shot gathers with their positions, as a task model run writes them",
                e.getMessage());
    }

    /** Headers never filled but for the depths (source depth 49, receiver elevation 41): still (0, 0), refused. */
    @Test
    void gathersWithOnlyDepthsFilledAreRefused() {
        Path file = write("depths.sgy", List.of(shot(1, new Position(0, 0, 5), List.of(new Position(0, 0, 0),
                new Position(0, 0, 0)))));
        var e = assertThrows(IllegalArgumentException.class, () -> new SegyShotGathers(file, GRID, TIME).close());
        assertTrue(e.getMessage().contains("at (0, 0): geometry headers not filled"), e.getMessage());
    }

    /**
     * Review item 4: zero-offset data with its positions filled (a single-channel boomer line, or
     * a section for a zero-offset migration) is read, each FFID a shot of one trace, with a line
     * saying so; it used to be refused as "not shot gathers".
     */
    @Test
    void aZeroOffsetSurveyIsRead() {
        List<Shot> shots = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Position p = new Position(100 * i, 0, 0);
            shots.add(shot(i, p, List.of(p)));
        }
        Path file = write("boomer.sgy", "C 1 SINGLE CHANNEL BOOMER LINE 12  ZERO OFFSET", shots);
        try (SegyShotGathers data = new SegyShotGathers(file, GRID, TIME)) {
            assertEquals(5, data.shots().size());
            assertEquals(300, data.shots().get(2).source().x(), 1e-6);
            assertEquals(1, data.shots().get(2).receivers().size());
            assertEquals(300, data.shots().get(2).receivers().get(0).x(), 1e-6);
            assertEquals(List.of("data: boomer.sgy: every one of its 5 traces has its source and its receiver at the same"
                    + " place: read as zero-offset data, 5 shots"), data.notes());
        }
    }

    /** A stack (zero offset) whose text header says so is refused, quoting the header's line. */
    @Test
    void aStackWhoseTextHeaderSaysSoIsRefused() {
        List<Shot> shots = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Position p = new Position(100 * i, 0, 0);
            shots.add(shot(i, p, List.of(p)));
        }
        Path file = write("stack.sgy", TextHeaderCodec.fromLines("C 1 CLIENT NONE", "C 2 LINE 12 BRUTE STACK"), shots);
        var e = assertThrows(IllegalArgumentException.class, () -> new SegyShotGathers(file, GRID, TIME).close());
        assertEquals("data: " + file + ": every one of its 5 traces has its source (bytes 73/77) and its receiver"
                + " (bytes 81/85) at the same place and its text header says \"C 2 LINE 12 BRUTE STACK\": a stack or an"
                + " image, not shot gathers; give the shot gathers", e.getMessage());
    }

    /** The words that make a zero-offset file a stack or an image, and those that do not. */
    @Test
    void theTextHeaderWordsOfAStackOrAnImage() {
        for (String yes : List.of("C 1 SEISWORK RTM DEPTH IMAGE  JOB x", "C 2 STACKED SECTION", "C 3 post-stack time"
                + " migrated", "C 4 NMO STACK", "C 5 TIME IMAGE")) {
            assertEquals(yes.strip(), SegyShotGathersTest.stackOrImage(yes), yes);
        }
        for (String no : List.of("C 1 PRE-STACK DATA", "C 2 PRESTACK GATHERS", "C 3 UNSTACKED", "C 4 SINGLE CHANNEL"
                + " BOOMER", "C 5 BEFORE STACK", "C 6 STACKING VELOCITIES NOT APPLIED", "C 7 IMAGES OF THE SITE")) {
            assertEquals(null, SegyShotGathersTest.stackOrImage(no), no);
        }
    }

    private static String stackOrImage(String card) {
        return SegyShotGathers.stackOrImage(TextHeaderCodec.fromLines(card));
    }

    /** Gathers with one trace at the source among others (a receiver over the shot) are shot gathers, no note. */
    @Test
    void gathersWithATraceAtTheSourceAreRead() {
        Position source = new Position(500, 0, 0);
        Path file = write("shots.sgy", List.of(shot(1, source, List.of(new Position(400, 0, 0), source,
                new Position(600, 0, 0)))));
        try (SegyShotGathers data = new SegyShotGathers(file, GRID, TIME)) {
            assertEquals(1, data.shots().size());
            assertEquals(3, data.shots().get(0).receivers().size());
            assertEquals(List.of(), data.notes());
        }
    }

    /**
     * Review item 5: the file's trace headers are read once while it stays the same and is read on
     * the same grid; a file written since, or another grid, is read again.
     */
    @Test
    void theHeadersOfAnUnchangedFileAreReadOnce() throws Exception {
        Position source = new Position(500, 0, 0);
        Path file = write("once.sgy", List.of(shot(1, source, List.of(new Position(400, 0, 0), new Position(600, 0, 0)))));
        SegyShotGathers.forgetScans();
        int before = SegyShotGathers.HEADER_SCANS.get();
        try (SegyShotGathers a = new SegyShotGathers(file, GRID, TIME); SegyShotGathers b = new SegyShotGathers(file, GRID, TIME)) {
            assertEquals(a.shots(), b.shots());
        }
        assertEquals(before + 1, SegyShotGathers.HEADER_SCANS.get(), "read once");
        new SegyShotGathers(file, Grid.of2d(121, 51, 10), TIME).close();
        assertEquals(before + 2, SegyShotGathers.HEADER_SCANS.get(), "another grid: read again");
        Path again = write("once.sgy", List.of(shot(7, source, List.of(new Position(300, 0, 0)))));
        try (SegyShotGathers c = new SegyShotGathers(again, GRID, TIME)) {
            assertEquals(7, c.shots().get(0).number(), "the file written since is read anew");
        }
        assertEquals(before + 3, SegyShotGathers.HEADER_SCANS.get());
    }

    /** Shots of 1000 traces each, receivers every metre from x = 0: {@code shots} × 1000 traces. */
    private Path manyTraces(String name, int shots) {
        List<Shot> list = new ArrayList<>();
        for (int s = 1; s <= shots; s++) {
            List<Position> receivers = new ArrayList<>();
            for (int r = 0; r < 1000; r++) {
                receivers.add(new Position(r, 0, 0));
            }
            list.add(shot(s, new Position(10 * s, 0, 0), receivers));
        }
        return write(name, list);
    }

    /**
     * The pass over the headers says how far it has read into the file, in bytes of the file's
     * size, growing, from its first trace (however short the pass) to the whole file; a geometry
     * kept from an earlier pass says nothing.
     */
    @Test
    void theHeaderPassSaysHowFarItHasRead() throws Exception {
        Path file = manyTraces("watched.sgy", 20);
        long size = java.nio.file.Files.size(file);
        SegyShotGathers.forgetScans();
        List<long[]> said = new ArrayList<>();
        new SegyShotGathers(file, GRID, TIME, (done, total) -> said.add(new long[] {done, total}),
                io.seiswork.core.progress.CancellationToken.none()).close();
        assertTrue(said.size() >= 2, "the pass said where it began and where it ended: " + said.size());
        assertEquals(3600, said.getFirst()[0], "it begins at the first trace, after the text and binary headers");
        assertEquals(size, said.getLast()[0], "it ends at the whole file");
        for (int i = 0; i < said.size(); i++) {
            assertEquals(size, said.get(i)[1], "of the file's size");
            assertTrue(i == 0 || said.get(i)[0] >= said.get(i - 1)[0], "growing");
        }
        List<long[]> again = new ArrayList<>();
        new SegyShotGathers(file, GRID, TIME, (done, total) -> again.add(new long[] {done, total}),
                io.seiswork.core.progress.CancellationToken.none()).close();
        assertEquals(0, again.size(), "the kept geometry is not read again");
    }

    /**
     * A cancelled pass stops within {@link SegyShotGathers#CHECK_TRACES} traces, keeps nothing (the
     * next pass reads the file again, whole) and leaves the file closed to its reader.
     */
    @Test
    void aCancelledHeaderPassStopsAndKeepsNothing() {
        Path file = manyTraces("cancelled.sgy", 10);
        SegyShotGathers.forgetScans();
        var cancel = new io.seiswork.core.progress.CancellationToken();
        cancel.cancel();
        int before = SegyShotGathers.HEADER_SCANS.get();
        var e = assertThrows(io.seiswork.core.progress.CancelledException.class,
                () -> new SegyShotGathers(file, GRID, TIME, (done, total) -> { }, cancel).close());
        assertEquals("cancelled while reading the trace headers of cancelled.sgy at trace 1", e.getMessage());
        try (SegyShotGathers read = new SegyShotGathers(file, GRID, TIME)) {
            assertEquals(10, read.shots().size());
        }
        assertEquals(before + 2, SegyShotGathers.HEADER_SCANS.get(), "the cancelled pass kept nothing: read again");
    }

    /**
     * A file whose tail is zeros (preallocated, still being written, or cut short while copied) is
     * refused at its first trace of zeros, naming its number and byte offset, rather than read as one
     * more shot, FFID 0 at (0, 0), of traces of 0 samples. Written with the project's writer, then
     * 3 traces of zeros appended (each 240 + 11 * 4 bytes); a trace whose header is filled but for its
     * sample count is still read.
     */
    @Test
    void aFileWithAZeroFilledTailIsRefusedAtItsFirstZeroTrace() throws Exception {
        Path file = twoShots("tail.sgy");
        long size = java.nio.file.Files.size(file);
        int traceBytes = 240 + TIME.count() * 4;
        assertEquals(3600 + 5L * traceBytes, size, "5 traces written");
        java.nio.file.Files.write(file, new byte[3 * traceBytes], java.nio.file.StandardOpenOption.APPEND);
        SegyShotGathers.forgetScans();
        var e = assertThrows(IllegalArgumentException.class, () -> new SegyShotGathers(file, GRID, TIME).close());
        assertEquals("data: " + file + ": trace 6 of 8 (its header at byte " + size + ") is zeros only, header and"
                + " samples, as is the file's last (no FFID, no positions, 0 samples where the file's traces have 11):"
                + " not a shot; the file is likely still being written, or was cut short while it was copied (a"
                + " preallocated or sparse tail): give the complete file", e.getMessage());
    }

    /**
     * A complete file whose first trace header is zeros (segyio leaves fields it is not given at 0:
     * a line numbered from FFID 0 with its first source and receiver at x = 0) is read, whether that
     * trace's samples are zeros (a dead trace) or not: the file does not end in zeros.
     */
    @Test
    void aCompleteFileWhoseFirstTraceHeaderIsZerosIsRead() throws Exception {
        for (float first : new float[] {0f, 0.25f}) {
            Path file = twoShots("zero-first-" + first + ".sgy");
            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.allocate(240), 3600L);
                channel.write(java.nio.ByteBuffer.allocate(4).putFloat(0, first), 3600L + 240);
            }
            SegyShotGathers.forgetScans();
            try (SegyShotGathers read = new SegyShotGathers(file, GRID, TIME)) {
                assertEquals(List.of(0, 1, 2), read.shots().stream().map(Shot::number).sorted().toList(),
                        "sample " + first);
            }
        }
    }

    /** A trace header with only its sample count left at 0 (some writers do) is a trace, not a tail of zeros. */
    @Test
    void aTraceWhoseHeaderLacksOnlyItsSampleCountIsRead() throws Exception {
        Path file = twoShots("ns0.sgy");
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            for (int trace = 0; trace < 5; trace++) {  // bytes 115-116 of every trace header
                channel.write(java.nio.ByteBuffer.allocate(2), 3600L + trace * (240 + TIME.count() * 4) + 114);
            }
        }
        SegyShotGathers.forgetScans();
        try (SegyShotGathers read = new SegyShotGathers(file, GRID, TIME)) {
            assertEquals(List.of(1, 2), read.shots().stream().map(Shot::number).toList());
        }
    }

    private static final Position AT_200 = new Position(200, 0, 0);
    private static final Position AT_400 = new Position(400, 0, 0);
    private static final Position AT_600 = new Position(600, 0, 0);

    /** Two shots of 2 and 3 traces (file traces 0-1 and 2-4), every sample 0, no delay. */
    private Path twoShots(String name) {
        return write(name, List.of(shot(1, new Position(500, 0, 0), List.of(AT_400, AT_600)),
                shot(2, new Position(300, 0, 0), List.of(AT_200, AT_400, AT_600))));
    }

    /**
     * The first sample of each trace is at its delay (byte 109 with the time scalar 215, here
     * 17.5 ms stored as 175 with −10): shot 1's traces share 32 ms, shot 2's differ (5, 17.5 and
     * 30 ms); no note, since every trace overlaps the modelled 0 .. 40 ms.
     */
    @Test
    void eachTraceStartsAtItsOwnDelay() {
        Path file = DelayedCopy.write(twoShots("plain.sgy"), dir.resolve("delayed.sgy"),
                t -> DelayedCopy.Delay.of(t < 2 ? 32 : -20 + 12.5 * t, 0));
        try (SegyShotGathers data = new SegyShotGathers(file, GRID, TIME)) {
            Shot first = data.shots().get(0);
            Shot second = data.shots().get(1);
            double[] expected = {0.032, 0.032, 0.005, 0.0175, 0.030};
            for (int r = 0; r < 2; r++) {
                assertEquals(expected[r], data.timeS(first, r).first(), 1e-12, "shot 1 trace " + r);
                assertEquals(TIME.count(), data.timeS(first, r).count());
                assertEquals(TIME.delta(), data.timeS(first, r).delta(), 1e-12);
            }
            for (int r = 0; r < 3; r++) {
                assertEquals(expected[2 + r], data.timeS(second, r).first(), 1e-12, "shot 2 trace " + r);
            }
            assertEquals(List.of(), data.notes());
            assertTrue(data.describe().endsWith("11 samples at 4.0 ms, the first at 5 .. 32 ms (delays differ)"),
                    data.describe());
        }
    }

    /**
     * A trace whose delay puts it wholly after the modelled 0 .. 40 ms (60 .. 100 ms) or wholly
     * before it (−50 .. −10 ms) adds nothing and is counted, the first named; one ending at 0 ms
     * (−40 .. 0 ms) still touches it.
     */
    @Test
    void tracesOutsideTheModelledTimeAreCountedAndTheFirstNamed() {
        double[] delays = {0, 60, -50, -40, 20};
        Path file = DelayedCopy.write(twoShots("plain.sgy"), dir.resolve("late.sgy"),
                t -> DelayedCopy.Delay.of(delays[(int) t], 0));
        try (SegyShotGathers data = new SegyShotGathers(file, GRID, TIME)) {
            assertEquals(List.of("data: late.sgy: 2 of its 5 traces lie wholly outside the modelled time 0 .. 40 ms and"
                    + " add nothing to the image; the first, trace 2 (FFID 1) records 60 .. 100 ms (by its delay: trace"
                    + " header byte 109, time scalar 215)"), data.notes());
        }
    }

    /** A file whose every trace starts after the modelled time is refused: nothing would be migrated. */
    @Test
    void aFileWhollyAfterTheModelledTimeIsRefused() {
        Path file = DelayedCopy.write(twoShots("plain.sgy"), dir.resolve("late.sgy"), t -> DelayedCopy.Delay.of(1000, 0));
        var e = assertThrows(IllegalArgumentException.class, () -> new SegyShotGathers(file, GRID, TIME).close());
        assertEquals("data: " + file + ": every one of its 5 traces lies outside the modelled time 0 .. 40 ms (trace 1"
                + " (FFID 1) records 1,000 .. 1,040 ms, by its delay: trace header byte 109, time scalar 215): nothing to"
                + " migrate; check the delays or lengthen time.lengthS", e.getMessage());
    }
}
