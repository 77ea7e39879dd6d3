package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.rtm.ImageStacker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recorded data whose traces start at a delay (SEG-Y byte 109) are migrated at their true times,
 * checked against physics rather than against the code: one shot over a flat reflector (1500 m/s
 * water over 2200 m/s at 250 m) is modelled with the direct wave removed and written as
 * {@code shots.sgy}; the same traces recorded from a later time (the first samples dropped, the
 * delay set to what they spanned), or from per-trace times before and after the shot, must
 * migrate to the same image, while a file whose delay is set without moving its samples (mistimed
 * data) must image the reflector a depth v·delay/2 deeper (or shallower for a negative delay),
 * v the migration velocity, 1500 m/s.
 */
class RecordedDelayTest {

    /** The reflector's depth (m); the migration velocity above and below it (m/s). */
    private static final double REFLECTOR_M = 250;
    private static final double MIGRATION_VELOCITY = 1500;
    private static final double SAMPLE_S = 0.004;

    /**
     * One shot at x = 400 m, receivers within 200 m of it (short offsets, so that a time shift
     * moves the image by close to the zero-offset v·Δt/2), all at 20 m depth. Migrated with the
     * constant velocity above the reflector, so that the depth a time shift moves it is v·Δt/2.
     */
    private static final String RTM = """
        {
          "name": "delays",
          "task": "rtm",
          "grid": { "nx": 81, "nz": 51, "dx": 10, "dz": 10 },
          "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": %s, "vp": 2200 } ] },
          "migrationVelocity": { "constant": %s },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.6, "sampleS": %s },
          "sources": { "line": { "x0": 400, "dx": 250, "n": 1, "z": 20 } },
          "receivers": { "line": { "x0": 200, "dx": 10, "n": 41, "z": 20 } },
          "data": "recorded.sgy",
          "engine": "cpu"
        }
        """.formatted(REFLECTOR_M, MIGRATION_VELOCITY, SAMPLE_S);

    private static final CpuWaveEngine ENGINE = new CpuWaveEngine();

    @TempDir
    static Path dir;

    /** shots.sgy modelled to 0.7 s, 0.1 s beyond the migration's 0.6 s, and its image. */
    private static Path recorded;
    private static float[] reference;

    @BeforeAll
    static void modelAndMigrateTheReference() throws Exception {
        recorded = modelWithoutDirectWave();
        reference = migrate(recorded);
    }

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    /**
     * Recorded from 100 ms: the first 25 samples dropped (before any reflection: the first reaches
     * the receivers at about 300 ms) and the delay set to 100 ms. The image is the reference's.
     */
    @Test
    void tracesRecordedFromALaterTimeMigrateToTheSameImage() {
        Path late = DelayedCopy.write(recorded, dir.resolve("late.sgy"), t -> DelayedCopy.Delay.of(100, 25));
        float[] image = migrate(late);
        double misfit = relativeL2(image, reference);
        System.out.printf(Locale.ROOT, "%s: relative L2 difference %.3g%n", "later by 100 ms", misfit);
        assertTrue(misfit < 1e-3, "relative L2 difference to the undelayed data's image " + misfit);
    }

    /**
     * Every trace recorded from its own time, −80 .. +80 ms in 20 ms steps (shifts of −20 .. 20
     * samples): those before the shot carry large values before 0 s (10⁴ times the data), which
     * must not be injected. The image is the reference's.
     */
    @Test
    void tracesRecordedFromTheirOwnTimesMigrateToTheSameImage() {
        float before = 1e4f * maxAbs(recorded);
        Path varied = DelayedCopy.write(recorded, dir.resolve("varied.sgy"), t -> {
            int shift = (int) (t % 9) * 5 - 20;
            return new DelayedCopy.Delay(shift * SAMPLE_S * 1e3, shift, before);
        });
        float[] image = migrate(varied);
        double misfit = relativeL2(image, reference);
        System.out.printf(Locale.ROOT, "%s: relative L2 difference %.3g%n", "per-trace -80 .. 80 ms", misfit);
        assertTrue(misfit < 1e-3, "relative L2 difference to the undelayed data's image " + misfit);
    }

    /**
     * The same samples with a delay of +40 ms, or −40 ms, and nothing moved: the data are then
     * 40 ms late (early), and the reflector images 1500 × 0.040 / 2 = 30 m deeper (shallower).
     */
    @Test
    void mistimedDataImageTheReflectorShiftedByVelocityTimesDelayOverTwo() {
        Grid g = job(recorded).spec().grid();
        double at = peakDepthM(reference, g);
        assertEquals(REFLECTOR_M, at, 10, "the reference images the reflector");
        for (double delayMs : new double[] {40, -40}) {
            Path mistimed = DelayedCopy.write(recorded, dir.resolve("mistimed" + (int) delayMs + ".sgy"),
                    t -> DelayedCopy.Delay.of(delayMs, 0));
            double shifted = peakDepthM(migrate(mistimed), g);
            double expected = MIGRATION_VELOCITY * delayMs * 1e-3 / 2;
            System.out.printf(Locale.ROOT, "delay %+.0f ms: reflector at %.1f m, reference %.1f m: moved %.1f m,"
                    + " v*delay/2 = %.1f m%n", delayMs, shifted, at, shifted - at, expected);
            assertEquals(expected, shifted - at, 10, "moved by v·delay/2 for a delay of " + delayMs + " ms");
        }
    }

    /**
     * Traces recorded from 160 ms (aligned: the first 40 samples dropped) with a large level
     * added (10 times the data's largest value, down to 0 from 300 to 500 ms on a slow raised
     * cosine, so that its only step is the cut): the data jump from 0 to it at 160 ms, strictly
     * inside the modelled time. Injected as −∂d/∂t that step is a spike, imaged along the
     * isochron of 160 ms (about 120 m deep under the shot, above the reflector at 250 m); the
     * edge's taper must make that artefact far smaller than without it, relative to the
     * reflector's image.
     */
    @Test
    void aTraceCutInsideTheModelledTimeIsTaperedNotSpiked() {
        float big = 10 * maxAbs(recorded);
        // big until 300 ms, then down to 0 at 500 ms on a slow raised cosine: its only step is at the cut
        DoubleUnaryOperator level = ms -> ms <= 300 ? big
                : ms >= 500 ? 0 : big * 0.5 * (1 + Math.cos(Math.PI * (ms - 300) / 200));
        Path cut = DelayedCopy.write(recorded, dir.resolve("cut.sgy"), t -> DelayedCopy.Delay.of(160, 40), level);
        Grid g = job(recorded).spec().grid();
        double tapered = artefactOverReflector(migrate(cut), g);
        double spiked = artefactOverReflector(migrate(cut, false), g);
        double reference = artefactOverReflector(RecordedDelayTest.reference, g);
        System.out.printf(Locale.ROOT, "cut at 160 ms, step 10x the data: largest |image| above the reflector over"
                + " the reflector's: %.3g without the taper, %.3g with it (ratio %.3g); %.3g for the uncut data%n",
                spiked, tapered, tapered / spiked, reference);
        assertTrue(spiked > 1, "without the taper the cut's spike outshines the reflector: " + spiked);
        assertTrue(tapered < 0.15 * spiked, "the taper makes the cut's artefact far smaller: " + tapered + " vs " + spiked);
    }

    /**
     * The largest |value| of the image above the reflector (40 .. 180 m, x = 250 .. 550 m) over
     * the largest at the reflector (200 .. 300 m, same x).
     */
    private static double artefactOverReflector(float[] image, Grid g) {
        double above = 0;
        double at = 0;
        for (int ix = (int) (250 / g.dx()); ix <= (int) (550 / g.dx()); ix++) {
            for (int iz = (int) (40 / g.dz()); iz <= (int) (300 / g.dz()); iz++) {
                double v = Math.abs(image[g.index(ix, 0, iz)]);
                if (iz * g.dz() <= 180) {
                    above = Math.max(above, v);
                } else if (iz * g.dz() >= 200) {
                    at = Math.max(at, v);
                }
            }
        }
        return above / at;
    }

    private static ResolvedJob job(Path data) {
        String text = RTM.replace("\"recorded.sgy\"", "\"" + data.getFileName() + "\"");
        return JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(text, "spec", "delays"), "spec");
    }

    /**
     * Models the shot to 0.7 s in the layered model and in water alone and writes the difference
     * (the reflection, no direct wave) as shot gathers, delay 0.
     */
    private static Path modelWithoutDirectWave() throws Exception {
        String model = RTM.replace("\"task\": \"rtm\"", "\"task\": \"model\"").replace("\"data\": \"recorded.sgy\",", "")
                .replace("\"lengthS\": 0.6", "\"lengthS\": 0.7");
        String water = model.replaceAll("\"velocity\": \\{ \"layers\": [^\\n]*", "\"velocity\": { \"constant\": 1500 },");
        ResolvedJob layered = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(model, "spec", "m"), "spec");
        ResolvedJob direct = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(water, "spec", "w"), "spec");
        Path out = dir.resolve("model");
        Files.createDirectories(out);
        try (ShotComputer a = new ShotComputer(layered, ENGINE, dir.resolve("scratch"));
                ShotComputer b = new ShotComputer(direct, ENGINE, dir.resolve("scratch"));
                ShotGatherWriter w = GatherFiles.open(out, layered)) {
            for (Shot s : a.shots()) {
                float[][] d = a.model(s, ProgressListener.NONE, CancellationToken.none()).traces();
                float[][] w0 = b.model(s, ProgressListener.NONE, CancellationToken.none()).traces();
                for (int r = 0; r < d.length; r++) {
                    for (int i = 0; i < d[r].length; i++) {
                        d[r][i] -= w0[r][i];
                    }
                }
                w.write(s, d);
            }
        }
        return Files.copy(out.resolve(GatherFiles.SHOTS_FILE), dir.resolve("recorded.sgy"));
    }

    /** The final image (stacked, filtered, normalised, muted) of a migration of {@code data}. */
    private static float[] migrate(Path data) {
        return migrate(data, true);
    }

    /** The image of {@code data}'s one shot; {@code taper} false leaves cut traces untapered. */
    private static float[] migrate(Path data, boolean taper) {
        ResolvedJob job = job(data);
        ImageStacker stack = new ImageStacker(job.spec().grid(), dir.resolve("stack"));
        try (ShotComputer computer = taper ? new ShotComputer(job, ENGINE, dir.resolve("scratch"))
                : new ShotComputer(job, ENGINE, dir.resolve("scratch")).withoutEdgeTaper()) {
            List<Shot> shots = computer.shots();
            assertEquals(1, shots.size());
            stack.add(computer.migrate(shots.get(0), ProgressListener.NONE, CancellationToken.none()).image());
        }
        try (stack) {
            return ArrayImageFiles.finished(stack, job);
        }
    }

    /**
     * Depth (m) of the largest value of the image averaged over the 11 columns under the shot
     * (x = 350 .. 450 m), between 100 and 450 m, refined by a parabola through it and its
     * neighbours.
     */
    private static double peakDepthM(float[] image, Grid g) {
        int ix0 = (int) Math.round(400 / g.dx());
        double[] column = new double[g.nz()];
        for (int iz = 0; iz < g.nz(); iz++) {
            for (int ix = ix0 - 5; ix <= ix0 + 5; ix++) {
                column[iz] += image[g.index(ix, 0, iz)];
            }
        }
        int best = -1;
        for (int iz = (int) (100 / g.dz()); iz <= (int) (450 / g.dz()); iz++) {
            if (best < 0 || column[iz] > column[best]) {
                best = iz;
            }
        }
        double a = column[best - 1];
        double b = column[best];
        double c = column[best + 1];
        double offset = 0.5 * (a - c) / (a - 2 * b + c);
        return (best + offset) * g.dz();
    }

    private static double relativeL2(float[] a, float[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (double) (a[i] - b[i]) * (a[i] - b[i]);
            norm += (double) b[i] * b[i];
        }
        assertTrue(norm > 0, "the reference image is not empty");
        return Math.sqrt(diff / norm);
    }

    private static float maxAbs(Path file) {
        try (var r = io.seiswork.core.segy.SegyReader.open(file)) {
            float m = 0;
            for (long t = 0; t < r.traceCount(); t++) {
                for (float v : r.readTrace(t)) {
                    m = Math.max(m, Math.abs(v));
                }
            }
            return m;
        }
    }
}
