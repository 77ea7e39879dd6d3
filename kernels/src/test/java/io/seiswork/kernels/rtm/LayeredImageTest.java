package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.ShotRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-layer 2D model migrated with its true velocity: after the Laplacian filter and source
 * normalisation the image peaks at the two interfaces, within 1.5 cells of their depths in every
 * column of the illuminated aperture, and nothing else in that aperture reaches 20 % of the peak.
 * "Else" is everything deeper than the source and receiver zone and more than 1.5 periods of the
 * image wavelet from an interface (the image's dominant vertical wavelength is {@code v / 2f₀},
 * two-way, with the velocity on that side): closer lie the side lobes of the reflector's own image
 * wavelet, whose spectrum the −∂/∂t imaging filter (ω) and the Laplacian (ω²) tilt upwards, so
 * that its first side lobe reaches about 60 % of the main lobe.
 * Data are reflections only: the direct wave (modelled in the top layer's velocity) is
 * subtracted, as the synthetic workflow does. Both interfaces are velocity (impedance) increases,
 * so every reflector peak must be positive (SEG normal polarity, {@link ImagePolarityTest}).
 */
class LayeredImageTest {

    private static final double[] TOPS = {0, 400, 700};
    private static final double[] VELOCITIES = {1500, 2000, 2600};
    private static final double PEAK_HZ = 15;
    /** Half-length of a reflector's image wavelet, in image periods. */
    private static final double WAVELET_PERIODS = 1.5;
    /** Above this depth (the source/receiver zone, a wavelength deep) nothing is checked. */
    private static final double SHALLOW_M = 120;

    @TempDir
    Path scratch;

    @Test
    void reflectorsImageAtTheirDepthsAndNothingElseStandsOut() {
        Grid g = Grid.of2d(201, 101, 10);
        VelocityModel m = Rtm.layers(g, TOPS, VELOCITIES);
        VelocityModel direct = VelocityModel.constant(g, (float) VELOCITIES[0]);
        float[] img;
        try (ImageStacker stack = new ImageStacker(g, scratch)) {
            long t0 = System.nanoTime();
            for (int s = 0; s < 5; s++) {
                ShotRequest r = Rtm.request(m, new Position(300 + 350 * s, 0, 20), RickerWavelet.of(PEAK_HZ),
                        Rtm.line(g, 2, 20), 1.3);
                float[][] data = Rtm.minus(Rtm.model(r, m), Rtm.model(r, direct));
                stack.add(Rtm.migrate(r, data, WavefieldStrategy.BOUNDARY, scratch));
            }
            System.out.printf("layered RTM: 5 shots in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            img = StackArrays.finished(new ImageFinisher(stack, ImagingCondition.SOURCE_NORMALIZED, true, 8,
                    DepthMute.none()), g);
        }

        int ixFrom = 40;   // 400 m .. 1600 m: inside the outer shots (300 m, 1700 m)
        int ixTo = 160;
        int izFrom = (int) Math.ceil(SHALLOW_M / g.dz());
        double peak = 0;
        for (int ix = ixFrom; ix <= ixTo; ix++) {
            for (int iz = izFrom; iz < g.nz(); iz++) {
                peak = Math.max(peak, Math.abs(img[g.index(ix, 0, iz)]));
            }
        }
        double worstDepthError = 0;
        double worstSpurious = 0;
        double mostNegativePeak = Double.POSITIVE_INFINITY;
        for (int ix = ixFrom; ix <= ixTo; ix++) {
            for (int l = 1; l < TOPS.length; l++) {
                double trueIz = TOPS[l] / g.dz();
                int best = -1;
                double bestV = -1;
                for (int iz = (int) trueIz - 6; iz <= (int) trueIz + 6; iz++) {
                    double v = Math.abs(img[g.index(ix, 0, iz)]);
                    if (v > bestV) {
                        bestV = v;
                        best = iz;
                    }
                }
                worstDepthError = Math.max(worstDepthError, Math.abs(best - trueIz));
                mostNegativePeak = Math.min(mostNegativePeak, img[g.index(ix, 0, best)] / peak);
            }
            for (int iz = izFrom; iz < g.nz(); iz++) {
                boolean nearReflector = false;
                for (int l = 1; l < TOPS.length; l++) {
                    double dz = iz * g.dz() - TOPS[l];
                    double imagePeriod = (dz < 0 ? VELOCITIES[l - 1] : VELOCITIES[l]) / (2 * PEAK_HZ);
                    nearReflector |= Math.abs(dz) <= WAVELET_PERIODS * imagePeriod;
                }
                if (!nearReflector) {
                    double v = Math.abs(img[g.index(ix, 0, iz)]) / peak;
                    worstSpurious = Math.max(worstSpurious, v);
                }
            }
        }
        System.out.printf("layered RTM: worst reflector depth error %.1f cells, largest amplitude away from "
                + "reflectors %.1f %% of the peak, smallest reflector peak %+.2f of the image's largest |value|%n",
                worstDepthError, 100 * worstSpurious, mostNegativePeak);
        assertTrue(mostNegativePeak > 0, "a reflector (velocity increase) imaged negative: " + mostNegativePeak);
        assertTrue(worstDepthError <= 1.5, "depth error " + worstDepthError + " cells");
        assertTrue(worstSpurious < 0.2, "spurious amplitude " + worstSpurious);
    }
}
