package io.seiswork.kernels.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.BinaryHeader;
import io.seiswork.core.segy.ScaleCard;
import io.seiswork.core.segy.SegyReader;
import io.seiswork.core.segy.ShotGatherWriter;
import io.seiswork.core.segy.TextHeaderCodec;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.ResolvedJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The size of a model run's shots.sgy, known before it runs, and the free-space check made from it. */
class GatherFilesTest {

    @TempDir
    Path dir;

    /** Three shots of the same 41 receivers, 101 samples each. */
    private static final String MODEL = """
        {
          "name": "gathers", "task": "model",
          "grid": { "nx": 81, "nz": 41, "dx": 10, "dz": 10 },
          "velocity": { "constant": 2000 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.4, "sampleS": 0.004 },
          "sources": { "line": { "x0": 100, "dx": 300, "n": 3, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 20, "n": 41, "z": 10 } }
        }
        """;

    private ResolvedJob job() {
        return JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(MODEL, "spec", "gathers"), "spec");
    }

    /** Headers and every trace: the length of the file the writer then writes, byte for byte. */
    @Test
    void diskBytesIsTheLengthOfTheWrittenFile() throws Exception {
        ResolvedJob job = job();
        List<Shot> shots = job.geometry().shots();
        int samples = job.time().outputS().count();
        try (ShotGatherWriter w = GatherFiles.open(dir, job)) {
            for (Shot shot : shots) {
                w.write(shot, new float[shot.receivers().size()][samples]);
            }
        }
        assertEquals(Files.size(dir.resolve(GatherFiles.SHOTS_FILE)), GatherFiles.diskBytes(job, shots));
        assertEquals(3600 + 3 * 41 * (240 + 4L * samples), GatherFiles.diskBytes(job, shots));
        assertEquals(3600 + 41 * (240 + 4L * samples), GatherFiles.diskBytes(job, shots.subList(1, 2)), "--shots 2");
    }

    /**
     * shots.sgy's binary header says what it holds: metres (3255), sorted as recorded (3229 = 1)
     * and the 41 receivers of every shot as the traces per ensemble (3213); a job whose shots
     * record different numbers of traces says 0 there.
     */
    @Test
    void binaryHeaderSaysMetresSortingAndTheReceiversOfEveryShot() {
        ResolvedJob job = job();
        try (ShotGatherWriter w = GatherFiles.open(dir, job)) {
            w.write(job.geometry().shots().get(0), new float[41][job.time().outputS().count()]);
        }
        try (SegyReader r = SegyReader.open(dir.resolve(GatherFiles.SHOTS_FILE))) {
            BinaryHeader bh = r.binaryHeader();
            assertEquals(41, bh.getInt16(BinaryHeader.TRACES_PER_ENSEMBLE));
            assertEquals(BinaryHeader.SORTING_AS_RECORDED, bh.getInt16(BinaryHeader.SORTING));
            assertEquals(BinaryHeader.METRES, bh.getInt16(BinaryHeader.MEASUREMENT_SYSTEM));
        }
        ResolvedJob moving = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(
                MODEL.replace("\"z\": 10 } }", "\"z\": 10 }, \"spread\": { \"moving\": { \"minOffset\": 0, \"maxOffset\": 150 } } }"), "spec",
                "gathers"), "spec");
        List<Integer> counts = moving.geometry().shots().stream().map(s -> s.receivers().size()).distinct().toList();
        assertTrue(counts.size() > 1, "the spread gives the shots different receiver counts: " + counts);
        assertEquals(0, GatherFiles.tracesPerShot(moving));
        assertEquals(41, GatherFiles.tracesPerShot(job));
    }

    /**
     * The grid card prints spacings as given: 3.125 and 6.096 m read back from shots.sgy's text
     * header as written (they printed "3.13" and "6.10" with %.3g), and 1000 m as "1000" (it was
     * "1.00e+03"); image.sgy's card is the same.
     */
    @Test
    void theGridCardPrintsSpacingsAsGiven() {
        ResolvedJob job = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(MODEL
                .replace("\"dx\": 10, \"dz\": 10", "\"dx\": 3.125, \"dz\": 6.096")
                .replace("\"dx\": 20, \"n\": 41", "\"dx\": 6.25, \"n\": 41")
                .replace("\"dx\": 300, \"n\": 3", "\"dx\": 50, \"n\": 3"), "spec", "gathers"), "spec");
        try (ShotGatherWriter w = GatherFiles.open(dir, job)) {
            w.write(job.geometry().shots().get(0), new float[41][job.time().outputS().count()]);
        }
        try (SegyReader r = SegyReader.open(dir.resolve(GatherFiles.SHOTS_FILE))) {
            byte[] raw = r.rawTextHeaders().get(0);
            String card = TextHeaderCodec.decode(raw, TextHeaderCodec.detect(raw)).substring(2 * 80, 3 * 80).strip();
            assertEquals("C 3 GRID 81 x 1 x 41  SPACING 3.125 " + ScaleCard.number(job.spec().grid().dy()) + " 6.096 M",
                    card);
        }
        assertTrue(ImageFiles.textHeader(job).contains("C 2 GRID 81 x 1 x 41  SPACING 3.125 "), "image.sgy's card");
        assertEquals("GRID 2 x 3 x 4  SPACING 1000 0.5 12.5 M", GridCard.text(new Grid(2, 3, 4, 1000, 0.5, 12.5)));
    }

    /** One byte short is refused in one line naming the folder, the free space and the need; exactly enough runs. */
    @Test
    void gathersTheDiskCannotHoldAreRefusedBeforeAnyShot() {
        ResolvedJob job = job();
        List<Shot> shots = job.geometry().shots();
        long need = GatherFiles.diskBytes(job, shots);
        GatherFiles.requireDiskSpace(dir, job, shots, need);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GatherFiles.requireDiskSpace(dir, job, shots, need - 1));
        assertEquals(dir + " has " + MemoryEstimate.human(need - 1) + " free, but the shot gathers of the 3 shots need "
                + MemoryEstimate.human(need) + " there (shots.sgy: 123 traces of " + job.time().outputS().count()
                + " samples)", e.getMessage());
    }

    /**
     * 0 bytes usable is what statvfs gives where the file system cannot tell (some FUSE and
     * network mounts): the check is skipped (false) instead of refusing with "has 0 B free".
     */
    @Test
    void zeroBytesUsableMeansUnknownAndIsNotRefused() {
        ResolvedJob job = job();
        List<Shot> shots = job.geometry().shots();
        assertEquals(false, GatherFiles.requireDiskSpace(dir, job, shots, 0));
        assertThrows(IllegalStateException.class, () -> GatherFiles.requireDiskSpace(dir, job, shots, 1));
        assertEquals(true, GatherFiles.requireDiskSpace(dir, job, shots, GatherFiles.diskBytes(job, shots)));
    }

    /** A shots.sgy already there is replaced (or written on, resuming): its bytes count as room. */
    @Test
    void aShotsFileAlreadyThereCountsAsRoom() throws Exception {
        ResolvedJob job = job();
        List<Shot> shots = job.geometry().shots();
        long need = GatherFiles.diskBytes(job, shots);
        Files.write(dir.resolve(GatherFiles.SHOTS_FILE), new byte[1000]);
        GatherFiles.requireDiskSpace(dir, job, shots, need - 1000);
        assertThrows(IllegalStateException.class, () -> GatherFiles.requireDiskSpace(dir, job, shots, need - 1001));
    }
}
