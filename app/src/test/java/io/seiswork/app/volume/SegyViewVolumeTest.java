package io.seiswork.app.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.core.volume.SwvException;
import io.seiswork.core.volume.VolumeAxes;
import io.seiswork.core.volume.VolumeSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SEG-Y cube made viewable ({@code seiswork view} and the desktop's Open volume): its trace axis
 * in time unless its text header says depth (SEG-Y has no field for it), said in a line with how
 * to choose the other, and the volume
 * named after the file the user gave, not the temporary one it is converted to. Reference files
 * from ../shared/refdata: F3 (time, 4 ms samples from 4 ms) and Volve's velocity (depth, 20 m,
 * though its header says "Time min:"). Which phrases say depth: LikelyZUnitTest.
 */
class SegyViewVolumeTest {

    private static VolumeSource open(String file, String zUnit, StringWriter said) {
        Path dir = Path.of(System.getProperty("seiswork.refdata", "../../shared/refdata")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(dir.resolve("segyio")), "refdata not found at " + dir + "; view tests not run");
        return SegyViewVolume.openSegy(dir.resolve(file), zUnit, new PrintWriter(said, true));
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

    /**
     * Headers that disagree are warned of, first, as {@code segy info} and {@code convert} do:
     * F3's crop kept the full survey's 462 samples in its trace headers (bytes 115–116) while its
     * binary header and its size say 75, which the view uses.
     */
    @Test
    void headersThatDisagreeAreWarnedOfBeforeTheConversion() {
        StringWriter said = new StringWriter();
        try (VolumeSource v = open("segyio/f3.sgy", "auto", said)) {
            assertEquals(75, v.axes(0).z().count(), "the binary header's count, which the file's size fits");
        }
        String f3 = Path.of(System.getProperty("seiswork.refdata", "../../shared/refdata")).toAbsolutePath().normalize()
                .resolve("segyio/f3.sgy").toString();
        assertEquals("seiswork: warning: " + f3 + ": the first trace header says 462 samples per trace (bytes 115–116),"
                + " the binary header 75: 75 is used, the binary header's (bytes 3221–3222), the count the file's size"
                + " fits", said.toString().lines().findFirst().orElseThrow(), said.toString());
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

    /**
     * The temporary volume is as large as the cube: a folder with less room than it refuses the
     * view before anything is written, in one line naming the bytes needed, the folder, its free
     * space and how to choose another, and leaves nothing there; a file system that does not say
     * (0 bytes free) is not taken as full. The conversion's progress, as the lines past 64 MiB
     * say it, reaches the whole file.
     */
    @Test
    void theTemporaryVolumeNeedsRoomAndItsConversionSaysHowFarItIs(@TempDir Path temp) throws Exception {
        Path dir = Path.of(System.getProperty("seiswork.refdata", "../../shared/refdata")).toAbsolutePath().normalize();
        Path f3 = dir.resolve("segyio/f3.sgy");
        assumeTrue(Files.isRegularFile(f3), "refdata not found at " + dir + "; view tests not run");
        StringWriter said = new StringWriter();
        IllegalArgumentException full = assertThrows(IllegalArgumentException.class,
                () -> SegyViewVolume.openSegy(f3, "auto", new PrintWriter(said, true), temp, p -> 1000));
        assertTrue(full.getMessage().matches("viewing " + java.util.regex.Pattern.quote(f3.toString())
                + " converts it to a bricked volume first, [0-9.]+ [KMG]i?B, in " + java.util.regex.Pattern.quote(
                        temp.toString()) + "/seiswork-view-[0-9]+, whose file system has 1000 B free: make room there,"
                + " or give a folder with room as SEISWORK_JAVA_OPTS=-Djava.io.tmpdir=/a/folder"), full.getMessage());
        try (var left = Files.list(temp)) {
            assertEquals(0, left.count(), "nothing left in the folder");
        }
        try (VolumeSource v = SegyViewVolume.openSegy(f3, "auto", new PrintWriter(said, true), temp, p -> 0)) {
            assertEquals("f3.sgy", v.name(), "a file system that does not say is not taken as full");
        }
        java.util.List<long[]> reports = new java.util.ArrayList<>();
        io.seiswork.core.volume.SegyToSwv.convert(f3, temp.resolve("f3.swv"),
                ny -> io.seiswork.core.volume.SwvWriteOptions.defaults(), (done, total) -> reports.add(new long[] {done,
                        total}));
        long size = Files.size(f3);
        assertEquals(size, reports.getLast()[0], "the last report: the whole file");
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i)[0] > reports.get(i - 1)[0], "growing");
        }
        assertTrue(reports.size() > 1, "a report an inline");
    }

    /** A file that is no cube (F3 with dead traces left out) is refused in words, before any line about its axis. */
    @Test
    void aFileThatIsNoCubeIsRefusedInWords() {
        StringWriter said = new StringWriter();
        SwvException e = assertThrows(SwvException.class, () -> open("segysak/f3-withdead.sgy", "auto", said));
        assertTrue(e.getMessage().endsWith("f3-withdead.sgy: not a post-stack cube (one trace per inline and crossline,"
                + " sorted by inline or crossline): 175 of its 414 inline/crossline positions have no trace (23 inlines"
                + " 111..133 x 18 crosslines 875..892, 239 with traces; dead traces left out?); fill them with zero"
                + " traces to make a cube (the inline number read from trace-header byte 189, the crossline from byte"
                + " 193)"), e.getMessage());
        assertEquals("", said.toString(), "no word of converting a file that is not converted");
    }

    /**
     * Closing a viewed SEG-Y cube deletes the temporary volume it was converted to, folder and all
     * (three 100 GB cubes viewed in one desktop session held 300 GB of the temporary folder until
     * exit); a user's own {@code .swv}, opened and closed, stays.
     */
    @Test
    void closingTheViewDeletesItsTemporaryVolumeOnly(@TempDir Path temp) throws Exception {
        Path dir = Path.of(System.getProperty("seiswork.refdata", "../../shared/refdata")).toAbsolutePath().normalize();
        Path f3 = dir.resolve("segyio/f3.sgy");
        assumeTrue(Files.isRegularFile(f3), "refdata not found at " + dir + "; view tests not run");
        Path tempRoot = Files.createDirectories(temp.resolve("tmp"));
        VolumeSource v = SegyViewVolume.openSegy(f3, "auto", new PrintWriter(new StringWriter(), true), tempRoot,
                p -> 0);
        Path made;
        try (var in = Files.list(tempRoot)) {
            made = in.findFirst().orElseThrow();
        }
        assertTrue(Files.isRegularFile(made.resolve("volume.swv")), "converted to " + made);
        assertEquals(75, v.axes(0).z().count());
        v.close();
        assertFalse(Files.exists(made), "the temporary volume's folder is gone once the view closes");
        v.close();  // closed twice (a window's close, then the app's): no error

        Path own = temp.resolve("f3.swv");
        io.seiswork.core.volume.SegyToSwv.convert(f3, own, ny -> io.seiswork.core.volume.SwvWriteOptions.defaults(),
                (done, total) -> { });
        long size = Files.size(own);
        try (VolumeSource mine = io.seiswork.core.volume.SwvReader.open(own)) {
            assertEquals(75, mine.axes(0).z().count());
        }
        assertEquals(size, Files.size(own), "a user's .swv stays as it was");
    }
}
