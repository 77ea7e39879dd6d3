package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seiswork.cloud.job.JobId;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.rtm.ScratchSpace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's engine for a job of some of its spec's shots ({@code submit --shots}) takes the
 * kernels of the spec's whole survey (docs/engine.md "Small jobs"), as a local run of the spec
 * does, so a shot's bytes do not depend on which shots were submitted or which worker ran it.
 * (The worker's tests leave {@code seiswork.cpu.vector} unset.)
 */
class ActiveJobKernelsTest {

    /** {@code n} small shots (a few million point-steps each) on a 101 x 81 grid of 10 m. */
    private static String spec(int n) {
        return "{\"name\": \"kernels\", \"task\": \"model\", \"engine\": \"cpu\","
                + " \"grid\": {\"nx\": 101, \"nz\": 81, \"dx\": 10, \"dz\": 10}, \"velocity\": {\"constant\": 2000},"
                + " \"wavelet\": {\"peakHz\": 15}, \"time\": {\"lengthS\": 0.5},"
                + " \"sources\": {\"line\": {\"x0\": 0, \"dx\": 5, \"n\": " + n + ", \"z\": 20}},"
                + " \"receivers\": {\"line\": {\"x0\": 0, \"dx\": 10, \"n\": 101, \"z\": 20}}}";
    }

    @TempDir
    Path dir;

    /** Whether the job's engine takes the vector kernels for every shot (where the JVM has them). */
    private Boolean vectorOf(int specShots, List<Integer> submitted) {
        ResolvedJob job = JobResolver.withHeapBudget(dir).resolve(
                JobSpecReader.read(spec(specShots), "spec", "kernels"), "spec");
        JobId id = JobId.newFor("kernels", Instant.now(), new Random(1));
        try (ActiveJob active = new ActiveJob(id, job, submitted, dir.resolve("job"), null, ScratchSpace.process())) {
            return ((CpuWaveEngine) active.engine()).kernels().vectorForEvery();
        }
    }

    @Test
    void oneSubmittedShotOfALargeSurveyRunsOnTheSurveysKernels() {
        assertEquals(Boolean.TRUE, vectorOf(200, List.of(8)), "one shot submitted of 200");
        assertEquals(Boolean.TRUE, vectorOf(200, List.of()), "all 200 shots");
        assertEquals(Boolean.FALSE, vectorOf(1, List.of()), "a spec of one small shot");
    }
}
