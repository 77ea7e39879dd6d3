package io.seiswork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped part-way says which shot it stopped in: the engine knows only its step ("cancelled
 * at step 24 of 1501", the audit's line for a SIGTERM'd run), the runner which shot that was.
 */
class CancelledRunTest {

    @TempDir
    Path dir;

    @Test
    void aCancelNamesTheShotItStoppedIn() throws Exception {
        ResolvedJob job = JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(ResumeTest.MODEL, "spec", "stop"),
                "spec");
        CancellationToken cancel = new CancellationToken();
        RunListener cancelsInShot2 = new RunListener() {
            @Override
            public void shotProgress(int shot, int step, int steps) {
                if (shot == 2 && step >= 10) {
                    cancel.cancel();
                }
            }
        };
        Path out = dir.resolve("out");
        try (CpuWaveEngine engine = new CpuWaveEngine()) {
            LocalRunner runner = new LocalRunner(new EngineSelection(engine, "test"), cancelsInShot2, cancel);
            var e = assertThrows(CancelledException.class, () -> runner.run(job, out));
            assertTrue(e.getMessage().matches("cancelled while modelling shot 2 \\(2 of 4 to run\\), at step \\d+ of \\d+"),
                    e.getMessage());
            var report = new ObjectMapper().readTree(out.resolve(LocalRunner.REPORT_FILE).toFile());
            assertEquals("cancelled", report.get("status").asText());
            assertEquals(e.getMessage(), report.get("error").asText());
        }
    }
}
