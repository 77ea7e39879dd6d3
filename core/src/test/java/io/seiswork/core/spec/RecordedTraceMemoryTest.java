package io.seiswork.core.spec;

import static io.seiswork.core.spec.SpecFixtures.read;
import static io.seiswork.core.spec.SpecFixtures.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.ShotGatherWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration of recorded data holds each trace at the file's own interval and length, whatever
 * {@code time.sampleS} says: the estimate (the resolver's, and {@link JobResolver#shotsProblem}'s
 * that refuses a run) counts R × ns_file × 4 B for them. Checked against the file's own facts:
 * the spec (101 receivers, 0.5 s, sampleS 4 ms: 126 output samples) migrating a file of 1 ms
 * samples over 0.7 s (701 samples, 5.6 times as many), and one of 8 ms over 0.5 s (63 samples,
 * half as many). The same spec with synthetic data is the reference: both estimates count every
 * other term alike, so they differ by R × (ns_file − 126) × 4 B and the unitemised 1/64 of that.
 */
class RecordedTraceMemoryTest {

    private static final int RECEIVERS = 101;
    /** Output samples of the fixture's 0.5 s at 4 ms: 0 .. 0.5 s inclusive. */
    private static final int OUTPUT_SAMPLES = 126;

    @TempDir
    Path dir;

    @Test
    void fineDataAreCountedAtTheirOwnIntervalNotAtSampleS() {
        Path file = gathers("fine.sgy", new Sampling(701, 0.001, 0));
        assertEquals(OptionalInt.of(701), ShotTraces.samplesIn(file));
        assertTraceTerm(file, 701);
    }

    @Test
    void coarseDataAreCountedAtTheirOwnIntervalToo() {
        Path file = gathers("coarse.sgy", new Sampling(63, 0.008, 0));
        assertTraceTerm(file, 63);
    }

    /** A file whose headers cannot be read (the run says why) is estimated on the output axis. */
    @Test
    void unreadableHeadersFallBackToTheOutputAxis() throws Exception {
        Path file = java.nio.file.Files.write(dir.resolve("empty.sgy"), new byte[0]);
        assertEquals(OptionalInt.empty(), ShotTraces.samplesIn(file));
        assertEquals(memoryBytes(null), memoryBytes(file));
    }

    /**
     * The resolver's estimate and the run's check of the file's shots both differ from the
     * synthetic spec's by the traces' bytes at the file's rate, R × (ns_file − 126) × 4 B, plus
     * its 1/64 (rounded either way).
     */
    private void assertTraceTerm(Path file, int fileSamples) {
        long traceTerm = 4L * RECEIVERS * (fileSamples - OUTPUT_SAMPLES);
        long synthetic = memoryBytes(null);
        long recorded = memoryBytes(file);
        System.out.printf("data %s: estimate %d B, synthetic %d B, difference %d B, traces at the file's rate less"
                + " at sampleS %d B%n", file.getFileName(), recorded, synthetic, recorded - synthetic, traceTerm);
        assertEquals(traceTerm + traceTerm / 64.0, recorded - synthetic, 1.0, "the trace term at the file's rate");

        ResolvedJob job = new JobResolver(dir, 1L << 34).resolve(read(spec(file)), "test.json");
        List<Shot> shots = job.geometry().shots();
        long need = job.memoryBytes();
        String atNeed = JobResolver.shotsProblem(job, shots, fileSamples, need);
        assertEquals(null, atNeed, "the file's shots fit a budget of the resolver's estimate");
        String below = JobResolver.shotsProblem(job, shots, fileSamples, need - 1);
        assertTrue(below != null && below.startsWith("grid: one shot of the data file needs "), below);
    }

    /** The resolver's bytes a shot for the fixture as a migration of {@code file}, or of synthetic data for null. */
    private long memoryBytes(Path file) {
        return new JobResolver(dir, 1L << 34).resolve(read(spec(file)), "test.json").memoryBytes();
    }

    private ObjectNode spec(Path file) {
        ObjectNode j = valid();
        j.put("task", "rtm").put("data", file == null ? JobSpec.SYNTHETIC : file.getFileName().toString());
        j.put("engine", "cpu");
        return j;
    }

    /** One shot of the fixture's geometry (source at 200 m, receivers 0 .. 1000 m) on {@code axis}. */
    private Path gathers(String name, Sampling axis) {
        Path file = dir.resolve(name);
        List<Position> receivers = new ArrayList<>();
        for (int i = 0; i < RECEIVERS; i++) {
            receivers.add(new Position(10.0 * i, 0, 10));
        }
        try (ShotGatherWriter out = new ShotGatherWriter(file, axis, true, 1000, "C 1 TEST")) {
            out.write(new Shot(1, new Position(200, 0, 20), receivers), new float[RECEIVERS][axis.count()]);
        }
        return file;
    }
}
