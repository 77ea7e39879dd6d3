package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data file's {@link ShotIndex}: made from the pass over its headers, stored compactly, and a
 * file cut from it (the headers, then one shot's traces) migrates to the partial image the whole
 * file's shot gives, bit for bit, on the same memory plan.
 */
class ShotIndexTest {

    /** Three shots with an aperture (each on its own window), recorded with a delay. */
    private static final String RTM = """
        {
          "name": "shot-index",
          "task": "rtm",
          "grid": { "nx": 81, "nz": 41, "dx": 10, "dz": 10 },
          "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 250, "vp": 2200 } ] },
          "migrationVelocity": { "smooth": 50 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.5, "sampleS": 0.004 },
          "sources": { "line": { "x0": 150, "dx": 250, "n": 3, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 10, "n": 81, "z": 20 },
                         "spread": { "moving": { "minOffset": 0, "maxOffset": 200 } } },
          "imaging": { "aperture": 100 },
          "data": "synthetic",
          "engine": "cpu"
        }
        """;

    private static final CpuWaveEngine ENGINE = new CpuWaveEngine();

    @TempDir
    Path dir;

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    private ResolvedJob job(String text) {
        return JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(text, "spec", "index"), "spec");
    }

    /**
     * Writes the job's shots to {@code data/shots.sgy}, shot 2's traces split around shot 3's so
     * that it has two ranges.
     */
    private Path recorded() throws IOException {
        ResolvedJob modelJob = job(RTM.replace("\"task\": \"rtm\"", "\"task\": \"model\"").replace("\"data\": \"synthetic\",", ""));
        Path data = Files.createDirectories(dir.resolve("recorded"));
        try (ShotComputer c = new ShotComputer(modelJob, ENGINE, dir.resolve("scratch"));
                ShotGatherWriter out = GatherFiles.open(data, modelJob)) {
            List<Shot> shots = c.shots();
            float[][] t2 = c.model(shots.get(1), ProgressListener.NONE, CancellationToken.none()).traces();
            out.write(shots.get(0), c.model(shots.get(0), ProgressListener.NONE, CancellationToken.none()).traces());
            int half = t2.length / 2;
            out.write(part(shots.get(1), 0, half), Arrays.copyOfRange(t2, 0, half));
            out.write(shots.get(2), c.model(shots.get(2), ProgressListener.NONE, CancellationToken.none()).traces());
            out.write(part(shots.get(1), half, t2.length), Arrays.copyOfRange(t2, half, t2.length));
        }
        return data.resolve(GatherFiles.SHOTS_FILE);
    }

    private static Shot part(Shot s, int from, int to) {
        return new Shot(s.number(), s.source(), s.receivers().subList(from, to));
    }

    /** The headers of {@code file}, then the traces of {@code shot}'s ranges: what a worker fetches. */
    static Path cut(Path file, ShotIndex index, ShotIndex.Entry shot, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(file); OutputStream out = Files.newOutputStream(to)) {
            out.write(read(in, 0, index.headerBytes()));
            long[] r = shot.ranges();
            for (int i = 0; i < r.length; i += 2) {
                out.write(read(in, index.headerBytes() + r[i] * index.traceBytes(), r[i + 1] * index.traceBytes()));
            }
        }
        return to;
    }

    private static byte[] read(FileChannel in, long at, long n) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(Math.toIntExact(n));
        while (b.hasRemaining()) {
            in.read(b, at + b.position());
        }
        return b.array();
    }

    @Test
    void theIndexNamesEachShotsTraceRangesAndTheFilesLayout() throws Exception {
        Path file = recorded();
        ResolvedJob job = job(RTM.replace("\"synthetic\"", "\"recorded/" + GatherFiles.SHOTS_FILE + "\""));
        ShotComputer.Shots found = ShotComputer.shotsAndNotes(job);
        ShotIndex index = found.dataIndex();
        assertEquals(List.of(1, 2, 3), index.shots().stream().map(ShotIndex.Entry::ffid).toList());
        assertEquals(3600, index.headerBytes());
        assertEquals(240 + 4 * 126, index.traceBytes());
        assertEquals(Files.size(file), index.dataBytes());
        ShotIndex.Entry one = index.entry(1), two = index.entry(2), three = index.entry(3);
        assertArrayEquals(new long[] {0, one.traces()}, one.ranges());
        long half = two.traces() / 2;
        assertArrayEquals(new long[] {one.traces(), half, one.traces() + half + three.traces(), two.traces() - half},
                two.ranges(), "shot 2 split around shot 3");
        for (int i = 0; i < 3; i++) {
            Shot s = found.shots().get(i);
            assertEquals(s.receivers().size(), index.shots().get(i).traces());
            assertEquals(ShotWindowsOf.of(job, s), ShotWindowsOf.of(job, ShotIndex.planningShot(index.shots().get(i))),
                    "the stand-in plans on the shot's window");
        }
        assertThrows(IllegalArgumentException.class, () -> ShotIndexFormat.encode(index), "stored with digests only");
        ShotIndex hashed = index.withDigests(file);
        byte[] bytes = ShotIndexFormat.encode(hashed);
        assertEquals(65 + 96 * 3 + 12 * 4, bytes.length, "108 bytes a shot of one range, 12 more per range");
        assertEquals(ShotIndexFormat.encodedBytes(3, 4), bytes.length);
        // The digests: of the headers, and of each shot's traces in its ranges' order (shot 2's two ranges).
        byte[] all = Files.readAllBytes(file);
        java.security.MessageDigest md = io.seiswork.core.files.Sha256Pass.newSha256();
        assertArrayEquals(md.digest(Arrays.copyOf(all, 3600)), hashed.headerSha256());
        for (ShotIndex.Entry e : hashed.shots()) {
            byte[] cutBytes = Files.readAllBytes(cut(file, index, e, dir.resolve("digest-" + e.ffid() + ".sgy")));
            assertArrayEquals(md.digest(Arrays.copyOfRange(cutBytes, 3600, cutBytes.length)), e.sha256(),
                    "FFID " + e.ffid());
        }
        ShotIndex back = ShotIndexFormat.decode(bytes, "inputs/sha256/x");
        assertArrayEquals(bytes, ShotIndexFormat.encode(back));
        assertArrayEquals(hashed.entry(2).sha256(), back.entry(2).sha256());
        byte[] v1 = bytes.clone();
        v1[7] = 1;
        assertEquals("inputs/sha256/x: shot index version 1, this build reads 2",
                assertThrows(IllegalArgumentException.class, () -> ShotIndexFormat.decode(v1, "inputs/sha256/x"))
                        .getMessage());
        assertEquals(index.shotFileBytes(two), 3600 + two.traces() * index.traceBytes());
        var e = assertThrows(IllegalArgumentException.class,
                () -> ShotIndexFormat.decode(Arrays.copyOf(bytes, bytes.length - 3), "inputs/sha256/x"));
        assertTrue(e.getMessage().startsWith("inputs/sha256/x: "), e.getMessage());
    }

    /**
     * The digests' one pass over a file of several read blocks: each shot's digest over its ranges,
     * the headers', and the whole file's, gaps between ranges included (traces no shot names), left
     * known for the file's input key; and the file read once, whole.
     */
    @Test
    void theDigestsPassReadsTheWholeFileOnceAndLeavesItsSha256Known() throws Exception {
        int traceBytes = 744;
        long traces = 10_000;  // 7.4 MB: two 4 MiB blocks, a trace of shot 2 across their boundary
        byte[] all = new byte[Math.toIntExact(3600 + traceBytes * traces)];
        new java.util.Random(7).nextBytes(all);
        Path file = Files.write(dir.resolve("gaps.sgy"), all);
        ShotIndex index = new ShotIndex(3600, traceBytes, false, all.length, List.of(shot(1, 0, 4000),
                shot(2, 4500, 3000, 9000, 500), shot(3, 7600, 1000)));
        io.seiswork.core.files.FileSha256.forget();
        List<long[]> progress = new ArrayList<>();
        ShotIndex hashed = index.withDigests(file, (done, total) -> progress.add(new long[] {done, total}),
                CancellationToken.none());
        java.security.MessageDigest md = io.seiswork.core.files.Sha256Pass.newSha256();
        assertArrayEquals(md.digest(Arrays.copyOf(all, 3600)), hashed.headerSha256());
        assertArrayEquals(md.digest(bytesOf(all, traceBytes, 0, 4000)), hashed.entry(1).sha256());
        md.update(bytesOf(all, traceBytes, 4500, 3000));
        assertArrayEquals(md.digest(bytesOf(all, traceBytes, 9000, 500)), hashed.entry(2).sha256(), "both ranges");
        assertArrayEquals(md.digest(bytesOf(all, traceBytes, 7600, 1000)), hashed.entry(3).sha256());
        assertArrayEquals(md.digest(all), io.seiswork.core.files.FileSha256.known(file).orElseThrow(),
                "the whole file's, gaps included, known for its input key");
        assertEquals(all.length, progress.getLast()[0], "read to its end");
        assertEquals(all.length, progress.getLast()[1]);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i)[0] > progress.get(i - 1)[0], "once, forward");
        }
        assertEquals(2, progress.size(), "in two blocks");
        CancellationToken cancel = new CancellationToken();
        cancel.cancel();
        assertThrows(io.seiswork.core.progress.CancelledException.class,
                () -> index.withDigests(file, io.seiswork.core.progress.ByteProgress.NONE, cancel));
    }

    /** The bytes of {@code count} traces from trace {@code first} of a file of 3600 header bytes. */
    private static byte[] bytesOf(byte[] all, int traceBytes, long first, long count) {
        int from = Math.toIntExact(3600 + first * traceBytes);
        return Arrays.copyOfRange(all, from, Math.toIntExact(from + count * traceBytes));
    }

    @Test
    void aShotCutFromTheFileByItsIndexMigratesToTheWholeFilesPartialImageBitForBit() throws Exception {
        Path file = recorded();
        ResolvedJob job = job(RTM.replace("\"synthetic\"", "\"recorded/" + GatherFiles.SHOTS_FILE + "\"")
                .replace("\"sampleS\": 0.004", "\"sampleS\": 0.002"));
        ShotIndex index = ShotComputer.shotsAndNotes(job).dataIndex();
        List<float[]> whole = new ArrayList<>();
        String plan;
        try (ShotComputer c = new ShotComputer(job, ENGINE, dir.resolve("scratch-a"))) {
            for (Shot s : c.shots()) {
                whole.add(c.migrate(s, ProgressListener.NONE, CancellationToken.none()).image().image());
            }
            plan = c.memoryPlan().toString();
        }
        try (ShotComputer c = new ShotComputer(job, ENGINE, dir.resolve("scratch-b"), index)) {
            assertEquals(plan, c.memoryPlan().toString(), "planned as on the whole file");
            assertEquals(List.of(1, 2, 3), c.shots().stream().map(Shot::number).toList());
            for (int i = 0; i < 3; i++) {
                ShotIndex.Entry e = index.shots().get(i);
                Path gather = cut(file, index, e, dir.resolve("shot-" + e.ffid() + ".sgy"));
                assertEquals(index.shotFileBytes(e), Files.size(gather));
                float[] got = c.migrateGather(gather, e.ffid(), ProgressListener.NONE, CancellationToken.none())
                        .image().image();
                assertArrayEquals(whole.get(i), got, "shot " + e.ffid());
            }
            // Ranges of another shot: refused in one line naming the shot, not migrated.
            Path wrong = cut(file, index, index.entry(3), dir.resolve("wrong.sgy"));
            var e = assertThrows(WrongShotTracesException.class,
                    () -> c.migrateGather(wrong, 1, ProgressListener.NONE, CancellationToken.none()));
            assertEquals("shot FFID 1: the traces fetched for it are of FFID 3: the data file's shot index names the"
                    + " wrong traces", e.getMessage());
            // A file of shot 1's traces but one (every trace of FFID 1): refused by its trace count.
            ShotIndex.Entry one = index.entry(1);
            Path shortOne = cut(file, index, new ShotIndex.Entry(1, one.source(), 0, 0, 0, 0,
                    new long[] {0, one.traces() - 1}), dir.resolve("short.sgy"));
            var s = assertThrows(WrongShotTracesException.class,
                    () -> c.migrateGather(shortOne, 1, ProgressListener.NONE, CancellationToken.none()));
            assertEquals("shot FFID 1: its file has " + (one.traces() - 1) + " traces of " + index.traceBytes()
                    + " bytes from byte 3600, the data file's shot index gives it " + one.traces() + " of "
                    + index.traceBytes() + " bytes from byte 3600", s.getMessage());
        }
    }

    /** A shot's window on the job's grid with the job's aperture. */
    private static final class ShotWindowsOf {
        static io.seiswork.core.geometry.ShotWindow of(ResolvedJob job, Shot s) {
            return io.seiswork.core.geometry.ShotWindow.of(job.spec().grid(), s, job.spec().imaging().apertureM());
        }
    }

    @Test
    void rangesAreRunsOfConsecutiveTraces() {
        assertArrayEquals(new long[] {0, 3, 7, 1, 9, 2}, TraceIndices.runsOf(new long[] {0, 1, 2, 7, 9, 10}));
        assertThrows(IllegalArgumentException.class, () -> new ShotIndex(3600, 744, false, 3600 + 744 * 4,
                List.of(new ShotIndex.Entry(1, new Position(0, 0, 0), 0, 0, 0, 0, new long[] {2, 3}))),
                "traces past the file's end");
    }

    private static ShotIndex.Entry shot(int ffid, long... ranges) {
        return new ShotIndex.Entry(ffid, new Position(0, 0, 0), 0, 0, 0, 0, ranges);
    }

    private static String refused(long headerBytes, int traceBytes, boolean su, long dataBytes, ShotIndex.Entry... shots) {
        return assertThrows(IllegalArgumentException.class,
                () -> new ShotIndex(headerBytes, traceBytes, su, dataBytes, List.of(shots))).getMessage();
    }

    /** An index read from the bucket, where any submitter writes: every way it could lie is refused in one line. */
    @Test
    void hostileIndexesAreRefused() {
        long file = 3600 + 744L * 10;
        new ShotIndex(3600, 744, false, file, List.of(shot(1, 0, 4), shot(2, 4, 6)));
        // A range whose end overflows a long: first + count wraps negative, so "first + count > traces" would pass.
        // Traces are named from 1, as every message counts them: index 8 is trace 9.
        assertEquals("shot index: FFID 1 names 4 traces from trace 9223372036854775806, outside the file's 10 traces",
                refused(3600, 744, false, file, shot(1, Long.MAX_VALUE - 2, 4)));
        assertEquals("shot index: FFID 1 names 9223372036854775807 traces from trace 3, outside the file's 10 traces",
                refused(3600, 744, false, file, shot(1, 2, Long.MAX_VALUE)));
        assertEquals("shot index: FFID 1 names 3 traces from trace 9, outside the file's 10 traces",
                refused(3600, 744, false, file, shot(1, 8, 3)));
        assertEquals("shot index: FFID 1 names 1 trace from trace 0, outside the file's 10 traces",
                refused(3600, 744, false, file, shot(1, -1, 1)));
        // Layouts no reader makes: SU with file headers, SEG-Y headers not 3600 + 3200 k, too many extended
        // headers, traces too long, a file not a whole number of traces.
        refused(3600, 744, true, file, shot(1, 0, 4));
        refused(3601, 744, false, file + 1, shot(1, 0, 4));
        long k = ShotIndex.MAX_EXTENDED_TEXT_HEADERS + 1;
        refused(3600 + 3200 * k, 744, false, 3600 + 3200 * k + 744 * 10, shot(1, 0, 4));
        refused(0, (int) ShotIndex.MAX_SU_TRACE_BYTES + 4, true, (ShotIndex.MAX_SU_TRACE_BYTES + 4) * 2, shot(1, 0, 1));
        refused(3600, 744, false, file + 5, shot(1, 0, 4));
        refused(3600, 240, false, 3600 + 240 * 10, shot(1, 0, 4));
        // Two shots of one FFID; two shots naming one trace; one shot's ranges out of file order or overlapping.
        assertEquals("shot index: FFID 1 twice", refused(3600, 744, false, file, shot(1, 0, 4), shot(1, 4, 2)));
        assertEquals("shot index: two ranges name trace 4",
                refused(3600, 744, false, file, shot(1, 0, 4), shot(2, 3, 2)));
        assertEquals("shot index: FFID 1's trace ranges overlap or are not in file order at trace 1",
                refused(3600, 744, false, file, shot(1, 5, 2, 0, 2)));
        assertTrue(refused(3600, 744, false, file, shot(1, 0, 3, 2, 2)).contains("overlap"));
        assertEquals("shot index: no shot", refused(3600, 744, false, file));
    }

    /**
     * Shots interleaved in the file (sorted by offset: a run a trace) get no index, and a file too
     * fragmented for the index's limit neither; shots of one run each, or a few runs, get one.
     */
    @Test
    void fragmentedDataGetsNoIndex() {
        assertEquals(null, ShotIndex.noIndexBecause(3, 4, 360));
        assertEquals(null, ShotIndex.noIndexBecause(1000, 1000, 8000));
        assertEquals("its shots' traces are interleaved (7999 traces in 1000 runs, fewer than 8 a run on average)",
                ShotIndex.noIndexBecause(1000, 1000, 7999));
        assertTrue(ShotIndex.noIndexBecause(100, 30_000_000, 1L << 40).startsWith("its shot index would take"));
    }

    /** Shots written trace by trace in turn (as if sorted by offset): no index, said in one line for the submitter. */
    @Test
    void interleavedShotsAreSubmittedWithoutAnIndex() throws Exception {
        ResolvedJob modelJob = job(RTM.replace("\"task\": \"rtm\"", "\"task\": \"model\"").replace("\"data\": \"synthetic\",", ""));
        Path data = Files.createDirectories(dir.resolve("recorded"));
        try (ShotComputer c = new ShotComputer(modelJob, ENGINE, dir.resolve("scratch"));
                ShotGatherWriter out = GatherFiles.open(data, modelJob)) {
            List<Shot> shots = c.shots();
            List<float[][]> traces = new ArrayList<>();
            for (Shot s : shots) {
                traces.add(c.model(s, ProgressListener.NONE, CancellationToken.none()).traces());
            }
            for (int i = 0; i < traces.get(0).length; i++) {
                for (int s = 0; s < shots.size(); s++) {
                    if (i < traces.get(s).length) {
                        out.write(part(shots.get(s), i, i + 1), new float[][] {traces.get(s)[i]});
                    }
                }
            }
        }
        ResolvedJob job = job(RTM.replace("\"synthetic\"", "\"recorded/" + GatherFiles.SHOTS_FILE + "\""));
        ShotComputer.Shots found = ShotComputer.shotsAndNotes(job);
        assertEquals(3, found.shots().size());
        assertEquals(null, found.dataIndex());
        assertEquals(null, found.storedDataIndex());
        assertTrue(found.notes().stream().anyMatch(n -> n.startsWith("data file " + GatherFiles.SHOTS_FILE
                + ": no shot index, since its shots' traces are interleaved (") && n.endsWith(
                "; each cloud worker downloads the whole file")), String.valueOf(found.notes()));
    }

    /** The same through the stored form: a decoded index is checked as a made one, in one line naming its key. */
    @Test
    void aHostileStoredIndexIsRefusedNamingItsKey() throws IOException {
        byte[] digest = new byte[ShotIndex.DIGEST_BYTES];
        ShotIndex good = new ShotIndex(3600, 744, false, 3600 + 744L * 10, digest,
                List.of(new ShotIndex.Entry(1, new Position(0, 0, 0), 0, 0, 0, 0, new long[] {0, 4}, digest)));
        byte[] bytes = ShotIndexFormat.encode(good);
        assertEquals(good.shots().get(0).traces(), ShotIndexFormat.decode(bytes, "k").shots().get(0).traces());
        // The range's first trace (after magic, version, flags, header, trace and data bytes, digest and shot count,
        // which make HEAD_BYTES, then the ffid, 7 doubles and the range count) set near Long.MAX_VALUE.
        int first = ShotIndexFormat.HEAD_BYTES + 4 + 56 + 4;
        java.nio.ByteBuffer.wrap(bytes).putLong(first, Long.MAX_VALUE - 1);
        var e = assertThrows(IllegalArgumentException.class, () -> ShotIndexFormat.decode(bytes, "inputs/sha256/h"));
        assertEquals("inputs/sha256/h: shot index: FFID 1 names 4 traces from trace 9223372036854775807, outside the file's "
                + "10 traces", e.getMessage());
        assertTrue(ShotIndexFormat.MAX_BYTES < Integer.MAX_VALUE, "an index is read whole into an array");
    }
}
