package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.rtm.PartialImageFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The most bytes the stacking worker accepts for one shot's stored result: a partial image on the
 * largest window of the job's shots under a migration aperture, the whole grid otherwise.
 */
class JobStackerTest {

    /** A 3 km line, shots every 1 km recording 400 m either side; %s is the imaging block, %s the data. */
    private static final String SPEC = """
        {
          "name": "bound",
          "task": "rtm",
          "grid": { "nx": 301, "nz": 81, "dx": 10, "dz": 10 },
          "velocity": { "layers": [ { "top": 0, "vp": 1500 }, { "top": 300, "vp": 2000 } ] },
          "migrationVelocity": { "smooth": 50 },
          "wavelet": { "peakHz": 15 },
          "time": { "lengthS": 0.8, "sampleS": 0.004 },
          "sources": { "line": { "x0": 500, "dx": 1000, "n": 3, "z": 20 } },
          "receivers": { "line": { "x0": 0, "dx": 10, "n": 301, "z": 20 },
                         "spread": { "moving": { "minOffset": 0, "maxOffset": 400 } } },
          "imaging": { %s },
          "data": "%s",
          "engine": "cpu"
        }
        """;

    @TempDir
    Path dir;

    private ResolvedJob job(String imaging, String data) {
        return JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(SPEC.formatted(imaging, data), "spec", "bound"),
                "spec");
    }

    @Test
    void withAnApertureAResultIsBoundedByTheLargestShotWindowNotTheGrid() {
        ResolvedJob job = job("\"aperture\": 100", "synthetic");
        // The shot at x = 500 m: receivers 100 .. 900 m, 100 m aperture: columns 0 .. 100, 101 of the 301.
        Grid window = new Grid(101, 1, 81, 10, 10, 10);
        assertEquals(PartialImageFile.HEADER_BYTES + 8L * window.points(), JobStacker.resultBytesBound(job));
        assertTrue(JobStacker.resultBytesBound(job) < PartialImageFile.bytes(job.spec().grid()) / 2);
    }

    @Test
    void withoutAnApertureAResultIsBoundedByTheWholeGrid() {
        ResolvedJob job = job("", "synthetic");
        assertEquals(PartialImageFile.HEADER_BYTES + 8L * 301 * 81, JobStacker.resultBytesBound(job));
    }

    @Test
    void forRecordedDataAResultIsBoundedByTheWholeGrid() throws Exception {
        Files.writeString(dir.resolve("gathers.sgy"), "shots recorded elsewhere");
        ResolvedJob job = job("\"aperture\": 100", "gathers.sgy");
        assertEquals(PartialImageFile.HEADER_BYTES + 8L * 301 * 81, JobStacker.resultBytesBound(job),
                "the geometry's shots are not the file's");
    }
}
