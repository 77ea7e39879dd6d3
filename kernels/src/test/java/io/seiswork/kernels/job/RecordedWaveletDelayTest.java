package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.segy.TextHeaderCodec;
import io.seiswork.core.segy.WaveletDelayCard;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.SpecException;
import io.seiswork.core.spec.SpecProblem;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model run's shots.sgy says when its wavelet peaks after time zero (a text-header card), and
 * a migration of it whose {@code wavelet.delayS} differs by more than half a sample is refused
 * under that field, naming both times and the depth shift; one that agrees runs.
 */
class RecordedWaveletDelayTest {

    /** A 20 Hz wavelet, peak at the default 1 / 20 = 0.05 s; one shot, 4 ms samples; 1500 over 2200 m/s. */
    private static final String SPEC = """
        {
          "name": "peak", "task": "%s",
          "grid": { "nx": 61, "nz": 31, "dx": 10, "dz": 10 },
          "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 200, "vp": 2200 } ] },
          %s
          "wavelet": { %s },
          "time": { "lengthS": 0.4, "sampleS": 0.004 },
          "sources": { "line": { "x0": 300, "dx": 100, "n": 1, "z": 20 } },
          "receivers": { "line": { "x0": 100, "dx": 20, "n": 21, "z": 20 } },
          %s
          "engine": "cpu"
        }
        """;

    private static final CpuWaveEngine ENGINE = new CpuWaveEngine();

    @TempDir
    static Path dir;

    @BeforeAll
    static void model() {
        ResolvedJob job = job("model", "", "\"peakHz\": 20", "");
        try (ShotComputer computer = new ShotComputer(job, ENGINE, dir.resolve("scratch"));
                ShotGatherWriter out = GatherFiles.open(dir, job)) {
            for (Shot s : computer.shots()) {
                out.write(s, computer.model(s, ProgressListener.NONE, CancellationToken.none()).traces());
            }
        }
    }

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    private static ResolvedJob job(String task, String migrationVelocity, String wavelet, String data) {
        String text = SPEC.formatted(task, migrationVelocity, wavelet, data);
        return JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(text, "spec", "peak"), "spec");
    }

    private static ResolvedJob migration(String wavelet) {
        return job("rtm", "\"migrationVelocity\": { \"constant\": 1500 },", wavelet,
                "\"data\": \"" + GatherFiles.SHOTS_FILE + "\",");
    }

    @Test
    void shotsSgySaysWhenItsWaveletPeaks() {
        try (SegyReader r = SegyReader.open(dir.resolve(GatherFiles.SHOTS_FILE))) {
            byte[] raw = r.rawTextHeaders().get(0);
            String text = TextHeaderCodec.decode(raw, TextHeaderCodec.detect(raw));
            assertEquals("C 9 WAVELET PEAK AT 0.05 S AFTER TIME ZERO (RICKER 20 HZ)", text.substring(8 * 80, 9 * 80).strip());
            assertEquals(0.05, WaveletDelayCard.delayS(text).getAsDouble());
            assertEquals(0, r.delayMs(0), "its traces start at time zero (byte 109)");
        }
    }

    /** 12 Hz by default peaks at 1 / 12 s: 33.3 ms after the data's wavelet, 25 m too shallow at 1500 m/s. */
    @Test
    void aMigrationAssumingAnotherPeakTimeIsRefusedUnderWaveletDelayS() {
        ResolvedJob job = migration("\"peakHz\": 12");
        SpecException e = assertThrows(SpecException.class,
                () -> new ShotComputer(job, ENGINE, dir.resolve("scratch")).close());
        assertEquals(1, e.problems().size());
        SpecProblem p = e.problems().get(0);
        assertEquals("wavelet.delayS", p.path());
        assertTrue(p.isError());
        assertEquals("the data file shots.sgy says its wavelet peaks 0.05 s after time zero (its text header), the"
                + " spec's wavelet at 0.0833333333 s (1 / peakHz, the default): 33.3333333 ms apart (more than half"
                + " its 4 ms sample), which would image every reflector v·Δt/2 shallower, 25.0 m at 1500 m/s; set"
                + " wavelet.delayS to 0.05", p.message());
        // A cloud submission counts the file's shots first: refused there too, before its headers are read.
        int scans = SegyShotGathers.HEADER_SCANS.get();
        SegyShotGathers.forgetScans();
        assertThrows(SpecException.class, () -> ShotComputer.shotsAndNotes(job));
        assertEquals(scans, SegyShotGathers.HEADER_SCANS.get(), "refused before the trace headers are scanned");
        // Earlier than the data's by 4 ms (more than half of 4 ms): refused, deeper the other way round.
        SpecException earlier = assertThrows(SpecException.class,
                () -> new ShotComputer(migration("\"peakHz\": 20, \"delayS\": 0.046"), ENGINE, dir.resolve("s2")));
        assertTrue(earlier.problems().get(0).message().contains("spec's wavelet at 0.046 s: 4 ms apart (more than"
                + " half its 4 ms sample), which would image every reflector v·Δt/2 deeper, 3.0 m at 1500 m/s"),
                earlier.getMessage());
    }

    /** The same peak time, given or within half a sample (1.5 ms of 4 ms), runs and images something. */
    @Test
    void aMigrationAssumingTheDataPeakTimeRuns() {
        for (String wavelet : new String[] {"\"peakHz\": 20", "\"peakHz\": 12, \"delayS\": 0.05",
            "\"peakHz\": 20, \"delayS\": 0.0515"}) {
            try (ShotComputer computer = new ShotComputer(migration(wavelet), ENGINE, dir.resolve("scratch"))) {
                MigratedShot m = computer.migrate(computer.shots().get(0), ProgressListener.NONE,
                        CancellationToken.none());
                float max = 0;
                for (float v : m.image().image()) {
                    max = Math.max(max, Math.abs(v));
                }
                assertTrue(max > 0, wavelet + ": migrated something");
            }
        }
    }
}
