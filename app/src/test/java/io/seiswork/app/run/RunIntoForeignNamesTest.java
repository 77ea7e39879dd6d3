package io.seiswork.app.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.testing.SmallSpec;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.ResolvedJob;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local run into a folder whose run-output names are not the run's files: a link
 * ({@code shots.sgy -> field/survey.sgy}) is replaced by the run's own file, never written
 * through onto the user's survey; a folder by an output's name that no Seiswork run leaves (a
 * training run's {@code checkpoint/} of weights) refuses the run before anything changes.
 */
class RunIntoForeignNamesTest {

    private static final SmallSpec MODEL = SmallSpec.named("links").grid(41, 21).reflectorAt(150).lengthS(0.2)
            .shots(100, 200, 1).receivers(0, 10, 41, 10);

    @TempDir
    Path dir;

    private ResolvedJob job() {
        return JobResolver.withHeapBudget(dir).resolve(JobSpecReader.read(MODEL.json(), "spec", "links"), "spec");
    }

    @Test
    void linksByOutputNamesAreReplacedNeverWrittenThrough() throws Exception {
        Path field = Files.createDirectories(dir.resolve("field"));
        byte[] survey = "the user's survey, which no run may touch".getBytes();
        Files.write(field.resolve("survey.sgy"), survey);
        Files.writeString(field.resolve("notes.json"), "{\"mine\": true}");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("shots.sgy"), field.resolve("survey.sgy"));
        Files.createSymbolicLink(out.resolve("run.json"), field.resolve("notes.json"));

        StoppedRuns.run(job(), out, 1);

        assertArrayEquals(survey, Files.readAllBytes(field.resolve("survey.sgy")));
        assertEquals("{\"mine\": true}", Files.readString(field.resolve("notes.json")));
        assertFalse(Files.isSymbolicLink(out.resolve("shots.sgy")));
        assertFalse(Files.isSymbolicLink(out.resolve("run.json")));
        assertTrue(Files.size(out.resolve("shots.sgy")) > 3600, "the run's gathers in the folder");
        assertEquals("done", StoppedRuns.report(out).path("status").asText());
    }

    @Test
    void aCheckpointFolderOfAnotherProgramRefusesTheRunBeforeAnythingChanges() throws Exception {
        Path out = Files.createDirectories(dir.resolve("training"));
        Path weights = Files.createDirectories(out.resolve("checkpoint")).resolve("model-epoch-40.pt");
        Files.writeString(weights, "weights");
        Files.writeString(out.resolve("shots.sgy"), "an old file");

        var cpu = StoppedRuns.cpu(job(), 1);
        try (var engine = cpu.engine()) {
            FolderInTheWay e = assertThrows(FolderInTheWay.class,
                    () -> new LocalRunner(cpu, new StoppedRuns.Watch(), CancellationToken.none()).run(job(), out));
            assertEquals("cannot run into " + out + ": move checkpoint/ out of " + out + ": a folder no Seiswork"
                    + " run leaves (only checkpoint/ holding state.json is a run's), which nothing here removes;"
                    + " nothing was written", e.getMessage());
        }
        assertEquals("weights", Files.readString(weights));
        assertEquals("an old file", Files.readString(out.resolve("shots.sgy")));
        assertFalse(Files.exists(out.resolve("run.json")));
    }
}
