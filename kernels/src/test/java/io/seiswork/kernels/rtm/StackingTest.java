package io.seiswork.kernels.rtm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.core.wavelet.RickerWavelet;
import io.seiswork.kernels.engine.ShotRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stacking N shots, in memory or from partial-image files, equals the sum of N single images. */
class StackingTest {

    @TempDir
    Path dir;

    @Test
    void stackOfShotFilesEqualsSumOfSingleShotImages() {
        Grid g = Grid.of2d(81, 51, 10);
        VelocityModel m = Rtm.layers(g, new double[] {0, 250}, new double[] {1500, 2000});
        VelocityModel top = VelocityModel.constant(g, 1500);
        PartialImage[] singles = new PartialImage[3];
        ImageStacker fromFiles = new ImageStacker(g);
        for (int s = 0; s < singles.length; s++) {
            ShotRequest r = Rtm.request(m, new Position(200 + 200 * s, 0, 20), RickerWavelet.of(15),
                    Rtm.line(g, 2, 20), 0.5);
            float[][] data = Rtm.minus(Rtm.model(r, m), Rtm.model(r, top));
            singles[s] = Rtm.migrate(r, data, WavefieldStrategy.MEMORY, dir);
            Path file = dir.resolve("shot-" + (s + 1) + ".bin");
            PartialImageFile.write(singles[s], file);
            fromFiles.add(file);
        }
        float[] sumImage = new float[g.points()];
        float[] sumIllum = new float[g.points()];
        ImageStacker inMemory = new ImageStacker(g);
        for (PartialImage p : singles) {
            inMemory.add(p);
            for (int i = 0; i < sumImage.length; i++) {
                sumImage[i] += p.image()[i];
                sumIllum[i] += p.illumination()[i];
            }
        }
        assertEquals(3, fromFiles.shots());
        assertArrayEquals(sumImage, fromFiles.result().image());
        assertArrayEquals(sumIllum, fromFiles.result().illumination());
        assertArrayEquals(sumImage, inMemory.result().image());
        PartialImage back = PartialImageFile.read(dir.resolve("shot-2.bin"));
        assertArrayEquals(singles[1].image(), back.image());
        assertEquals(1, back.shots());
    }

    @Test
    void stackerRefusesAnImageOnAnotherGrid() {
        ImageStacker s = new ImageStacker(Grid.of2d(10, 10, 5));
        Path file = dir.resolve("other.bin");
        PartialImageFile.write(PartialImage.empty(Grid.of2d(10, 12, 5)), file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.add(file));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("grid"), e.getMessage());
    }
}
