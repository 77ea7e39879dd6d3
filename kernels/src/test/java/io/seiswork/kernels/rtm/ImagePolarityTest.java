package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.ShotRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The polarity and phase of the image of a flat velocity step, in 2D and 3D: SEG normal polarity,
 * a positive reflection coefficient (impedance, here velocity, increasing downwards) images as a
 * positive zero-phase peak on the interface, a negative one as a trough (docs/rtm.md "Image
 * polarity and phase").
 *
 * <p>One shot above the middle of the model, receivers all over the surface, the direct wave
 * removed from the data (modelled in the homogeneous top layer). The image is read on the middle
 * column, averaged over ±3 columns (in x and, in 3D, y). The step lies between two nodes: the last
 * node above it {@code a} and the first below {@code b = a + 1} (the discrete interface is half a
 * cell above the first node of the lower layer). What is measured:
 *
 * <ul>
 *   <li>sign: the image on a and b has the sign of the reflection coefficient;
 *   <li>position: the largest |image| within ±6 cells of the interface is on a or b;
 *   <li>zero phase: about the interface, the odd part {@code (I[b+j] − I[a−j]) / 2} against the
 *       even part {@code (I[b+j] + I[a−j]) / 2}, j = 0, 1, 2 (rms over j): 0 for a zero-phase
 *       image, about 1 or more for a dipole (a 90° rotation, which the 3D image was before);
 *   <li>amplitude: under the same overburden the images of a decrease and an increase of the same
 *       |R| are opposite, and half R gives half the image.
 * </ul>
 *
 * <p>Every image is read four ways: plain cross-correlation, the same with the Laplacian filter,
 * source-normalised, and source-normalised with the filter (the demo's).
 *
 * <p>Two settings. "True": migrated with the true, sharp model, as the audit did; the image then
 * also holds the backscatter of the sharp interface (low wavenumbers, the reason for the Laplacian
 * filter), the stretch of the wavelet in the faster layer and, normalised, the interference of the
 * reflected source wave in the illumination, so the shape is checked loosely there. "Overburden":
 * migrated with the top layer's velocity, exact down to the reflector and free of those, the
 * receivers weighted by a Hann window over the aperture (cos²(πr / 2a)): there the shape is
 * checked tightly. A hard-edged aperture adds an edge diffraction with a phase of its own (for a
 * circular one in 3D it focuses on the middle column); with the window what is left is the phase
 * of an aperture of few Fresnel zones, smaller the shallower the reflector and the higher the
 * frequency (measured: odd/even 0.5 for a 3D reflector 280 m deep under 2000 m/s at 15 Hz, 0.12
 * at 150 m under 1500 m/s at 20 Hz; the same geometry in 2D gives about the same).
 */
class ImagePolarityTest {

    /** The four readings of an image. */
    private enum Finish {
        CROSS_CORRELATION("cross-correlation", ImagingCondition.CROSS_CORRELATION, false),
        CROSS_CORRELATION_FILTERED("cross-correlation + Laplacian", ImagingCondition.CROSS_CORRELATION, true),
        NORMALISED("source-normalized", ImagingCondition.SOURCE_NORMALIZED, false),
        NORMALISED_FILTERED("source-normalized + Laplacian", ImagingCondition.SOURCE_NORMALIZED, true);

        final String label;
        final ImagingCondition condition;
        final boolean laplacian;

        Finish(String label, ImagingCondition condition, boolean laplacian) {
            this.label = label;
            this.condition = condition;
            this.laplacian = laplacian;
        }
    }

    /** Half the window (cells) in which the largest |image| must be the interface's. */
    private static final int HALF_WINDOW = 6;

    /**
     * How far (cells) the reflector's peak may lie from the interface depth. A peak, not a zero
     * crossing, is what belongs there: the cross-correlation image is Σ S·R over time, and on the
     * interface the receiver wavefield is the source wavefield times the reflection coefficient,
     * so there the image is R·Σ S², an extremum of R's sign (a zero-phase peak); dividing by the
     * illumination Σ S² (source-normalised) keeps it, and the Laplacian filter multiplies each
     * wavenumber by a positive k², which keeps zero phase. A zero crossing on the interface would
     * be a 90° image (the old 3D dipole), which the odd/even check rejects. The interface lies
     * half-way between nodes a and b (half a cell from each), and the peak is read between nodes
     * by a parabola through the three largest samples, whose error for a wavelet of 5-8 cells a
     * wavelength is a few tenths of a cell: 1 cell. A peak shifted by one node, or a side lobe
     * or backscatter of the same sign taken for it, is 1.5 cells or more off.
     */
    private static final double MAX_PEAK_OFFSET = 1.0;

    @TempDir
    Path scratch;

    /**
     * A step at {@code topM} from v1 to v2 under one shot; migrated with the true model or the
     * overburden's velocity (then with the Hann-weighted aperture of radius {@code apertureM}).
     */
    private record Step(boolean threeD, double v1, double v2, double topM, boolean migrateWithOverburden,
            double apertureM, double peakHz) {

        Grid grid() {
            int nz = (int) Math.round(topM / 10) + 20;
            return threeD ? Grid.of3d(60, 60, nz, 10) : Grid.of2d(161, nz, 10);
        }

        double reflection() {
            return (v2 - v1) / (v2 + v1);
        }

        /** The last node above the step (the first below is the next one). */
        int above() {
            return (int) Math.ceil(topM / grid().dz() - 1e-9) - 1;
        }

        String describe() {
            return String.format("%s %.0f->%.0f m/s at %.0f m (R %+.3f), %.0f Hz, %s", threeD ? "3D" : "2D", v1, v2,
                    topM, reflection(), peakHz, migrateWithOverburden ? "overburden velocity" : "true velocity");
        }
    }

    /** The middle column of the image, averaged over ±3 columns, for each finish. */
    private Map<Finish, double[]> migrate(Step s) {
        Grid g = s.grid();
        VelocityModel truth = Rtm.layers(g, new double[] {0, s.topM}, new double[] {s.v1, s.v2});
        VelocityModel top = VelocityModel.constant(g, (float) s.v1);
        double cx = (g.nx() / 2) * g.dx();
        double cy = s.threeD ? (g.ny() / 2) * g.dy() : 0;
        List<Position> receivers = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int iy = 0; iy < g.ny(); iy += 2) {
            for (int ix = 0; ix < g.nx(); ix += 2) {
                double r = Math.hypot(ix * g.dx() - cx, iy * g.dy() - cy) / s.apertureM;
                if (r < 1) {
                    receivers.add(new Position(ix * g.dx(), iy * g.dy(), 20));
                    double c = Math.cos(Math.PI / 2 * r);
                    weights.add(s.migrateWithOverburden ? c * c : 1.0);
                }
            }
        }
        ShotRequest r = Rtm.request(truth, new Position(cx, cy, 20), RickerWavelet.of(s.peakHz), receivers,
                2 * s.topM / s.v1 + 0.25);
        float[][] data = Rtm.minus(Rtm.model(r, truth), Rtm.model(r, top));
        for (int i = 0; i < data.length; i++) {
            for (int j = 0; j < data[i].length; j++) {
                data[i][j] *= weights.get(i).floatValue();
            }
        }
        ShotRequest m = s.migrateWithOverburden
                ? new ShotRequest(top, r.physics(), r.source(), r.wavelet(), r.receivers(), r.timing()) : r;
        Map<Finish, double[]> out = new EnumMap<>(Finish.class);
        try (ImageStacker stack = new ImageStacker(g, scratch)) {
            stack.add(Rtm.migrate(m, data, WavefieldStrategy.MEMORY, scratch));
            for (Finish f : Finish.values()) {
                out.put(f, column(stack, f));
            }
        }
        return out;
    }

    private static double[] column(ImageStacker stack, Finish f) {
        Grid g = stack.grid();
        float[] img = StackArrays.finished(new ImageFinisher(stack, f.condition, f.laplacian, 8, DepthMute.none()), g);
        int ix = g.nx() / 2;
        int iy = g.is2d() ? 0 : g.ny() / 2;
        int dy = g.is2d() ? 0 : 3;
        double[] out = new double[g.nz()];
        for (int iz = 0; iz < g.nz(); iz++) {
            double sum = 0;
            int n = 0;
            for (int jy = iy - dy; jy <= iy + dy; jy++) {
                for (int jx = ix - 3; jx <= ix + 3; jx++) {
                    sum += img[g.index(jx, jy, iz)];
                    n++;
                }
            }
            out[iz] = sum / n;
        }
        return out;
    }

    /**
     * What the tests assert on, for one finish's column.
     *
     * @param atInterface the mean of the image on the nodes either side of the step
     * @param peakOffset 0 when the largest |image| of the window lies on one of those two nodes,
     *     otherwise its distance in cells from the nearer (negative above)
     * @param peak the image at the largest |image|
     * @param oddToEven rms of the odd part about the step over rms of the even part, 3 pairs
     * @param reflectorOffset where the largest image of the sign {@code sign} lies, interpolated
     *     between nodes, in cells from the interface (half-way between a and b; negative above)
     */
    private record Measure(double atInterface, int peakOffset, double peak, double oddToEven, double reflectorOffset,
            String profile) {

        static Measure of(double[] c, int a, double dz, double sign) {
            int peakIz = a;
            int signedIz = a;
            for (int iz = a - HALF_WINDOW; iz <= a + 1 + HALF_WINDOW; iz++) {
                if (Math.abs(c[iz]) > Math.abs(c[peakIz])) {
                    peakIz = iz;
                }
                if (sign * c[iz] > sign * c[signedIz]) {
                    signedIz = iz;
                }
            }
            double below = c[signedIz + 1] - c[signedIz];
            double above = c[signedIz - 1] - c[signedIz];
            double curvature = above + below;
            double vertex = curvature == 0 ? 0 : 0.5 * (above - below) / curvature;
            double reflectorOffset = signedIz + vertex - (a + 0.5);
            double odd = 0;
            double even = 0;
            for (int j = 0; j <= 2; j++) {
                double up = c[a - j];
                double down = c[a + 1 + j];
                odd += (down - up) * (down - up);
                even += (down + up) * (down + up);
            }
            StringBuilder p = new StringBuilder();
            for (int iz = a - HALF_WINDOW; iz <= a + 1 + HALF_WINDOW; iz++) {
                p.append(String.format(" %.0f:%+.2f", iz * dz, c[iz] / Math.abs(c[peakIz])));
            }
            int offset = peakIz < a ? peakIz - a : peakIz > a + 1 ? peakIz - a - 1 : 0;
            return new Measure((c[a] + c[a + 1]) / 2, offset, c[peakIz], Math.sqrt(odd / even), reflectorOffset,
                    p.toString());
        }
    }

    private static Measure measure(Step s, Map<Finish, double[]> columns, Finish f) {
        Measure m = Measure.of(columns.get(f), s.above(), s.grid().dz(), Math.signum(s.reflection()));
        System.out.printf("  [polarity] %s, %s: interface %+.3g, peak %+.3g %d cells off, odd/even %.2f, "
                + "reflector's peak %+.2f cells from the interface;%s%n", s.describe(), f.label, m.atInterface,
                m.peak, m.peakOffset, m.oddToEven, m.reflectorOffset, m.profile);
        return m;
    }

    /**
     * Asserts the sign on the interface, the reflector's peak within {@link #MAX_PEAK_OFFSET} of
     * the interface depth, the odd/even limit and, when asked, that the largest |image| is the
     * interface's with the reflection coefficient's sign.
     */
    private static Measure check(Step s, Map<Finish, double[]> columns, Finish f, boolean peakAtInterface,
            double maxOddToEven) {
        Measure m = measure(s, columns, f);
        String what = s.describe() + ", " + f.label;
        assertEquals(Math.signum(s.reflection()), Math.signum(m.atInterface), what + ": sign at the interface "
                + m.atInterface + m.profile);
        assertTrue(Math.abs(m.reflectorOffset) <= MAX_PEAK_OFFSET, what + ": the reflector's peak lies "
                + m.reflectorOffset + " cells from the interface, limit " + MAX_PEAK_OFFSET + m.profile);
        if (peakAtInterface) {
            assertEquals(0, m.peakOffset, what + ": largest |image| off the interface" + m.profile);
            assertEquals(Math.signum(s.reflection()), Math.signum(m.peak), what + ": sign of the peak" + m.profile);
        }
        assertTrue(m.oddToEven < maxOddToEven, what + ": odd/even " + m.oddToEven + ", limit " + maxOddToEven
                + " (a dipole is about 1 or more)" + m.profile);
        return m;
    }

    /**
     * The audit's model in 2D: 1500 → 2500 m/s at 400 m, true velocity. Was a symmetric trough
     * (−0.94, −1.00 either side of the step). Filtered, the largest |image| is 2 cells above the
     * step (the illumination's and the backscatter's share, −1.00 against +0.93 on the step), so
     * the largest |image| is asserted on the interface for the unfiltered images only; the
     * reflector's own peak (+) is asserted within a cell of it for all four (measured −0.15 to
     * +0.09 cells).
     */
    @Test
    void velocityIncreaseImagesAsAPositivePeak2d() {
        Step s = new Step(false, 1500, 2500, 400, false, 1e9, 15);
        Map<Finish, double[]> c = migrate(s);
        check(s, c, Finish.CROSS_CORRELATION, true, 0.3);
        check(s, c, Finish.NORMALISED, true, 0.3);
        check(s, c, Finish.CROSS_CORRELATION_FILTERED, false, 0.7);
        check(s, c, Finish.NORMALISED_FILTERED, false, 0.7);
    }

    /**
     * The audit's model upside down in 2D: 2500 → 1500 m/s, true velocity. In the plain
     * cross-correlation the backscatter above a decrease outgrows the reflector (+1.00 at 40 m above
     * it, −0.49 on it), so there the largest |image| is not asserted on the interface, but the
     * reflector's own peak (−) is, within a cell (measured −0.02 cells; the others +0.03 to
     * +0.12).
     */
    @Test
    void velocityDecreaseImagesAsATrough2d() {
        Step s = new Step(false, 2500, 1500, 400, false, 1e9, 15);
        Map<Finish, double[]> c = migrate(s);
        check(s, c, Finish.CROSS_CORRELATION, false, 0.5);
        check(s, c, Finish.NORMALISED, true, 0.5);
        check(s, c, Finish.CROSS_CORRELATION_FILTERED, true, 0.5);
        check(s, c, Finish.NORMALISED_FILTERED, true, 0.5);
    }

    /**
     * The audit's model in 3D (60 × 60 × 50, the step at 300 m), true velocity. Was a dipole,
     * + above and − below the step.
     */
    @Test
    void velocityIncreaseImagesAsAPositivePeak3d() {
        Step s = new Step(true, 1500, 2500, 300, false, 1e9, 15);
        Map<Finish, double[]> c = migrate(s);
        for (Finish f : Finish.values()) {
            check(s, c, f, true, 0.6);
        }
    }

    /**
     * Zero phase and amplitude in 2D, migrated with the overburden's velocity: an increase, a
     * decrease of the same |R| and an increase of about half of it, under 2000 m/s.
     */
    @Test
    void zeroPhaseAndReflectionCoefficient2d() {
        Step up = new Step(false, 2000, 2500, 400, true, 800, 15);
        Step down = new Step(false, 2000, 1600, 400, true, 800, 15);
        Step half = new Step(false, 2000, 2250, 400, true, 800, 15);
        Map<Finish, double[]> cu = migrate(up);
        Map<Finish, double[]> cd = migrate(down);
        Map<Finish, double[]> ch = migrate(half);
        for (Finish f : Finish.values()) {
            Measure u = check(up, cu, f, true, 0.25);
            Measure d = check(down, cd, f, true, 0.25);
            Measure h = check(half, ch, f, true, 0.25);
            amplitude(up, u, down, d, f, 0.15);
            amplitude(up, u, half, h, f, 0.1);
        }
    }

    /**
     * Zero phase and amplitude in 3D (60 × 60 × 37), migrated with the overburden's velocity: an
     * increase and a decrease of the same |R| at 170 m under 1500 m/s, 20 Hz (a shallow reflector
     * and a higher frequency than the 2D test's, for an aperture of enough Fresnel zones on a
     * 600 m grid). With the Laplacian the largest |image| is not asserted on the interface: its
     * ω² lifts the image's highest wavenumbers (2·50 Hz / 1500 m/s: 1.5 cells a wavelength) above
     * the grid's, and the lower side lobe then matches the peak (−1.00 against +0.86); the
     * reflector's own peak is, within a cell, for all four (measured +0.13 to +0.30 cells).
     */
    @Test
    void zeroPhaseAndReflectionCoefficient3d() {
        Step up = new Step(true, 1500, 1875, 170, true, 300, 20);
        Step down = new Step(true, 1500, 1200, 170, true, 300, 20);
        Map<Finish, double[]> cu = migrate(up);
        Map<Finish, double[]> cd = migrate(down);
        for (Finish f : Finish.values()) {
            Measure u = check(up, cu, f, !f.laplacian, 0.45);
            Measure d = check(down, cd, f, !f.laplacian, 0.45);
            amplitude(up, u, down, d, f, 0.15);
        }
    }

    /** The ratio of the images on the step matches the ratio of the reflection coefficients. */
    private static void amplitude(Step a, Measure ma, Step b, Measure mb, Finish f, double tolerance) {
        double ratio = mb.atInterface / ma.atInterface;
        double expected = b.reflection() / a.reflection();
        System.out.printf("  [polarity] %s: image on the step %.0f->%.0f / %.0f->%.0f = %+.3f, R ratio %+.3f%n",
                f.label, b.v1, b.v2, a.v1, a.v2, ratio, expected);
        assertEquals(expected, ratio, tolerance * Math.abs(expected), f.label + ": image ratio " + ratio
                + " against R ratio " + expected);
    }
}
