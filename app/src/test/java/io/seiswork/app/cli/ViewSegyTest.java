package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.volume.VolumeAxes;
import io.seiswork.core.volume.VolumeSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code seiswork view} of a SEG-Y cube: its trace axis in time unless its text header says
 * depth (SEG-Y has no field for it), said in a line with how to choose the other, and the volume
 * named after the file the user gave, not the temporary one it is converted to. Reference files
 * from ../shared/refdata: F3 (time, 4 ms samples from 4 ms) and Volve's velocity (depth, 20 m,
 * though its header says "Time min:"). Which phrases say depth: LikelyZUnitTest.
 */
class ViewSegyTest {

    private static VolumeSource open(String file, String zUnit, StringWriter said) {
        Path dir = Path.of(System.getProperty("seiswork.refdata", "../../shared/refdata")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(dir.resolve("segyio")), "refdata not found at " + dir + "; view tests not run");
        return ViewCommand.openSegy(dir.resolve(file), zUnit, new PrintWriter(said, true));
    }

    @Test
    void aTimeCubeIsReadInTime() {
        StringWriter said = new StringWriter();
        try (VolumeSource v = open("segyio/f3.sgy", "auto", said)) {
            assertEquals("s", v.zUnit());
            assertEquals("f3.sgy", v.name());
            VolumeAxes a = v.axes(0);
            assertEquals(0.004, a.z().first(), 1e-12, "from its 4 ms delay");
            assertEquals(0.004, a.z().delta(), 1e-12, "4 ms samples");
        }
        assertTrue(said.toString().contains("its trace axis in time (s) (its text header does not say depth; --z-unit m"
                + " if it is)"), said.toString());
    }

    @Test
    void eitherAxisCanBeChosen() {
        // Volve's migration velocity is in depth (20 m samples), but its Petrel header says "Time min:".
        StringWriter said = new StringWriter();
        try (VolumeSource v = open("segysak/volve10-migvel-depth-sub3d.sgy", "auto", said)) {
            assertEquals("s", v.zUnit(), "its header's word");
        }
        try (VolumeSource v = open("segysak/volve10-migvel-depth-sub3d.sgy", "m", said)) {
            assertEquals("m", v.zUnit(), "as chosen");
            assertEquals(20, v.axes(0).z().delta(), 1e-9, "the interval field 20000 read as mm");
        }
        assertTrue(said.toString().contains("its trace axis in depth (m) (--z-unit m)"), said.toString());
        assertThrows(IllegalArgumentException.class, () -> open("segyio/f3.sgy", "ms", new StringWriter()));
    }
}
