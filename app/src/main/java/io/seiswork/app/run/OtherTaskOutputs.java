package io.seiswork.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import io.seiswork.core.velocity.RawVelocityField;
import io.seiswork.core.velocity.SegyVelocityField;
import io.seiswork.core.velocity.VelocityField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The outputs of the other task that a run started over in an output folder would leave beside
 * its own: a model run into a folder that held a migration would otherwise leave the old
 * {@code image.sgy} and {@code image.swv} next to the new {@code shots.sgy} and {@code run.json},
 * which no longer describes them.
 *
 * <p>A run without {@code --resume} replaces what a previous run left in its folder (its own
 * outputs are written over, a stopped run's checkpoint deleted), so these go too, with one line
 * saying so, but only when the folder's {@code run.json} is a Seiswork run report: then the files
 * by those names are a Seiswork run's outputs. Without one they may be anyone's files: they are
 * left, and the line says that. A file the job itself reads (a migration of the {@code shots.sgy}
 * a model run left in the same folder) is kept. Nothing else in the folder is touched.
 */
public final class OtherTaskOutputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OtherTaskOutputs() {
    }

    /**
     * Removes the other task's output files from {@code outDir} before a run of {@code task}
     * starts there, as described above.
     *
     * @return one line saying what was removed, or left and why; null when there were none
     * @throws UncheckedIOException when a file cannot be removed
     */
    public static String removeBefore(ResolvedJob job, Path outDir) {
        Task task = job.spec().task();
        List<String> others = present(job, outDir);
        if (others.isEmpty()) {
            return null;
        }
        String names = String.join(", ", others);
        String previous = reportedTask(outDir);
        if (previous == null) {
            return outDir + " also holds " + names + ", which a " + task.json() + " run does not write and no Seiswork "
                    + LocalRunner.REPORT_FILE + " there names: left as they are";
        }
        for (String f : others) {
            try {
                Files.deleteIfExists(outDir.resolve(f));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + outDir.resolve(f) + " (the outputs of the "
                        + previous + " run this " + task.json() + " run replaces): " + e.getMessage(), e);
            }
        }
        return "replacing the " + previous + " run in " + outDir + ": removed its " + names;
    }

    /**
     * The other task's output files a run of {@code job} into {@code outDir} would remove: those
     * there, not read by the job, when a Seiswork {@code run.json} there vouches for them (empty
     * otherwise). Reads the folder: not for the JavaFX thread.
     */
    public static List<String> removedBy(ResolvedJob job, Path outDir) {
        return reportedTask(outDir) == null ? List.of() : present(job, outDir);
    }

    /** The other task's output files in {@code outDir} that {@code job} does not read. */
    private static List<String> present(ResolvedJob job, Path outDir) {
        List<String> mine = LocalRunner.outputFiles(job.spec().task());
        List<String> others = new ArrayList<>();
        for (Task t : Task.values()) {
            for (String f : LocalRunner.outputFiles(t)) {
                Path file = outDir.resolve(f);
                if (!mine.contains(f) && !others.contains(f) && Files.isRegularFile(file) && !readBy(job, file)) {
                    others.add(f);
                }
            }
        }
        return others;
    }

    /**
     * Whether the job reads {@code file}: its recorded data (a migration of the gathers a model run
     * left in the same folder), or a velocity model read from its file as the run goes.
     */
    private static boolean readBy(ResolvedJob job, Path file) {
        List<Path> inputs = new ArrayList<>();
        if (job.dataFile() != null) {
            inputs.add(job.dataFile());
        }
        for (VelocityField v : new VelocityField[] {job.velocity(), job.migrationVelocity()}) {
            if (v instanceof RawVelocityField r) {
                inputs.add(r.file());
            } else if (v instanceof SegyVelocityField g) {
                inputs.add(g.file());
            }
        }
        for (Path in : inputs) {
            try {
                if (Files.exists(in) && Files.isSameFile(in, file)) {
                    return true;
                }
            } catch (IOException e) {
                return true;  // cannot tell: keep it
            }
        }
        return false;
    }

    /** The task of the Seiswork run report in {@code outDir} ("model", "rtm"), or null when there is none. */
    public static String reportedTask(Path outDir) {
        Path report = outDir.resolve(LocalRunner.REPORT_FILE);
        if (!Files.isRegularFile(report)) {
            return null;
        }
        try {
            JsonNode r = JSON.readTree(report.toFile());
            if (r == null || !r.has("seiswork") || !r.path("task").isTextual()) {
                return null;
            }
            return r.get("task").asText();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
