package io.seiswork.core.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The percentile clip of heavy-tailed images (an RTM image: a few huge values) from the header's
 * histograms, against the exact percentile of the sorted samples: the logarithmic bins give it
 * within 2 % where the 256 equal bins over [min, max] miss it.
 */
class HeavyTailClipTest {

    private static final int NX = 64;
    private static final int NY = 32;
    private static final int NZ = 500;

    @TempDir
    Path dir;

    /** Unit Gaussian with 0.1 % of samples spikes of ±1000 (times a Gaussian): the RTM image's look. */
    static float[] gaussianWithSpikes(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[NX * NY * NZ];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextDouble() < 0.001 ? 1000 * gaussian(r) : gaussian(r));
        }
        return a;
    }

    /** Standard Cauchy samples: tan(π (u − 1/2)). */
    static float[] cauchy(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[NX * NY * NZ];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.tan(Math.PI * (r.nextDouble() - 0.5));
        }
        return a;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Sample quantile of sorted values: the smallest value with at least {@code f} of them at or below it. */
    private static double exactQuantile(float[] sorted, double f) {
        return sorted[(int) Math.clamp(Math.ceil(f * sorted.length) - 1, 0, sorted.length - 1)];
    }

    /** The symmetric clip as {@link Histogram#symmetricClip} defines it, from the sorted samples. */
    private static double exactSymmetricClip(float[] values, double percent) {
        float[] s = values.clone();
        Arrays.sort(s);
        double tail = (100 - percent) / 200;
        return Math.max(Math.abs(exactQuantile(s, tail)), Math.abs(exactQuantile(s, 1 - tail)));
    }

    private static Histogram histogramOf(float[] values) {
        HistogramBuilder b = new HistogramBuilder();
        b.add(values, 0, values.length);
        return b.build(SwvFormat.HISTOGRAM_BINS);
    }

    private static double relative(double estimate, double exact) {
        return Math.abs(estimate - exact) / exact;
    }

    private static void assertClipsWithinTwoPercent(float[] values, String what) {
        Histogram h = histogramOf(values);
        Histogram linearOnly = new Histogram(h.min(), h.max(), h.counts());
        for (double pct : new double[] {90, 98, 99, 99.5}) {
            double exact = exactSymmetricClip(values, pct);
            double log = h.symmetricClip(pct);
            double linear = linearOnly.symmetricClip(pct);
            assertTrue(relative(log, exact) < 0.02, what + " " + pct + " % clip from the log bins: " + log
                    + ", exact " + exact);
            assertTrue(relative(linear, exact) > 0.02, what + " " + pct + " % clip from the equal bins was expected"
                    + " to miss (the fault fixed): " + linear + ", exact " + exact);
        }
    }

    @Test
    void gaussianWithSpikesClipsWithinTwoPercentWhereTheEqualBinsMiss() {
        assertClipsWithinTwoPercent(gaussianWithSpikes(7), "Gaussian with 0.1 % spikes at 1000x:");
    }

    @Test
    void cauchyClipsWithinTwoPercentWhereTheEqualBinsMiss() {
        assertClipsWithinTwoPercent(cauchy(11), "Cauchy:");
    }

    @Test
    void asymmetricQuantilesOfAVelocityLikeRangeStayAccurate() {
        // Velocities: one sign, a narrow range; the unsymmetric clip takes both tails' quantiles.
        SplittableRandom r = new SplittableRandom(3);
        float[] v = new float[100_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (1500 + 3000 * r.nextDouble());
        }
        Histogram h = histogramOf(v);
        float[] s = v.clone();
        Arrays.sort(s);
        for (double f : new double[] {0.005, 0.5, 0.995}) {
            assertEquals(exactQuantile(s, f), h.quantile(f), 0.005 * exactQuantile(s, f), "quantile " + f);
        }
    }

    @Test
    void magnitudesSmallerThanTheKeptOctavesCountAsSmall() {
        float[] v = {1e-12f, -1e-12f, 0f, -0f, 1f, -1f, 0.5f};
        LogHistogram m = histogramOf(v).magnitudes();
        assertEquals(2, m.negativeSmall(), "-1e-12 and -0");
        assertEquals(2, m.positiveSmall(), "1e-12 and +0");
        assertEquals(7, m.total());
        assertEquals((LogHistogram.OCTAVES - 1) * LogHistogram.BINS_PER_OCTAVE + 1, m.positive().length, "23 octaves below 1, and 1's bin");
        assertEquals(1.0, LogHistogram.lowerEdge(m.firstKey() + m.positive().length - 1), 0, "top bin starts at 1");
        assertEquals(Math.scalb(1.0, 1 - LogHistogram.OCTAVES), LogHistogram.lowerEdge(m.firstKey()), 0);
    }

    @Test
    void theLogHistogramRoundTripsThroughTheSwvHeader() {
        float[] data = gaussianWithSpikes(5);
        Path file = VolumeFixtures.writeSwv(dir.resolve("heavy.swv"), VolumeFixtures.axes(NX, NY, NZ), data, 64);
        Histogram expected = histogramOf(data);
        try (SwvReader r = SwvReader.open(file)) {
            assertNotNull(r.histogram().magnitudes());
            assertEquals(expected, r.histogram(), "both histograms as written");
            double exact = exactSymmetricClip(data, 99);
            assertTrue(relative(r.histogram().symmetricClip(99), exact) < 0.02);
        }
    }

    @Test
    void anOlderHeaderWithoutTheRecordOpensWithTheEqualBinEstimate() throws IOException {
        float[] data = gaussianWithSpikes(5);
        Path file = VolumeFixtures.writeSwv(dir.resolve("old.swv"), VolumeFixtures.axes(NX, NY, NZ), data, 64);
        String json = header(file);
        int at = json.indexOf(",\"magnitudeHistogram\":");
        assertTrue(at > 0, json);
        int end = json.indexOf('}', at) + 1;
        String old = json.substring(0, at) + json.substring(end);
        assertTrue(!old.contains("magnitude") && old.endsWith("}"), old);
        rewriteHeader(file, old);
        Histogram expected = histogramOf(data);
        try (SwvReader r = SwvReader.open(file)) {
            assertNull(r.histogram().magnitudes());
            assertEquals(new Histogram(expected.min(), expected.max(), expected.counts()), r.histogram());
            assertEquals(new Histogram(expected.min(), expected.max(), expected.counts()).symmetricClip(99),
                    r.histogram().symmetricClip(99), 0, "the equal-bin estimate, as before");
        }
    }

    private static String header(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] head = new byte[SwvFormat.DATA_OFFSET];
            f.readFully(head);
            int length = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
            return new String(head, SwvFormat.JSON_OFFSET, length, StandardCharsets.UTF_8);
        }
    }

    /** The header replaced by {@code json} (zero padding after it, length and CRC to match). */
    private static void rewriteHeader(Path file, String json) throws IOException {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(j);
        ByteBuffer b = ByteBuffer.allocate(SwvFormat.DATA_OFFSET - 12).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(j.length).putInt((int) crc.getValue()).put(j);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(12);
            f.write(b.array());
        }
    }
}
