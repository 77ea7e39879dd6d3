package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.app.testing.SmallSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seiswork view} of a SEG-Y file, as the command line refuses what it cannot view: a
 * modelling run's shot gathers and a VOLUME that is not a regular file. The conversion of a cube
 * for viewing itself: {@code io.seiswork.app.volume.SegyViewVolumeTest}.
 */
class ViewSegyTest {

    /**
     * A modelling run's shots.sgy is shot gathers, which view does not show: said so, with where
     * gathers are shown, before the display is looked for (it was "trace axis taken as time", then
     * "geometry is UNSTRUCTURED").
     */
    @Test
    void aModellingRunsShotGathersAreNotTakenForAVolume(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("model.json"), SmallSpec.named("gathers").shots(100, 200, 2).json());
        CliRun ran = CliRun.run("run", spec.toString(), "--out", dir.resolve("run").toString());
        assertEquals(0, ran.exit(), ran.err());
        Path shots = dir.resolve("run/shots.sgy");
        CliRun r = CliRun.run("view", shots.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals("seiswork: " + shots + " holds shot gathers (traces by shot and offset, as a modelling run's"
                + " shots.sgy), not an image volume: view shows image volumes (.swv, or a post-stack SEG-Y cube such as"
                + " a run's image.sgy); the desktop shows shot gathers in its Result tab after a modelling run"
                + " (seiswork desktop SPEC.json)", r.err().strip());
    }

    /** A VOLUME that is not a regular file is refused saying what it is (it was "does not exist" for a folder). */
    @Test
    void aVolumeThatIsNoFileIsSaidToBeWhatItIs(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("dir.sgy"));
        CliRun r = CliRun.run("view", folder.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals("seiswork: volume " + folder + " is a folder, not a volume file (.swv, .sgy or .segy)",
                r.err().strip());
        Path missing = dir.resolve("missing.sgy");
        assertEquals("seiswork: volume " + missing + " does not exist", CliRun.run("view", missing.toString()).err().strip());
        Path device = Path.of("/dev/null");
        assumeTrue(Files.exists(device), "no /dev/null here");
        assertEquals("seiswork: volume /dev/null is not a regular file (a device, pipe or socket), not a volume file",
                CliRun.run("view", device.toString()).err().strip());
    }
}
