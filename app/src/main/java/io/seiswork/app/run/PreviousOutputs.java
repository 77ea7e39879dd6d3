package io.seiswork.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.core.files.FetchRecord;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import io.seiswork.core.velocity.RawVelocityField;
import io.seiswork.core.velocity.SegyVelocityField;
import io.seiswork.core.velocity.VelocityField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outputs a previous Seiswork run left in an output folder that a run started over there
 * (without {@code --resume}) removes before it starts, with the report that describes them, so
 * that the folder never holds a {@code run.json} beside files it does not describe, even when the
 * new run is cancelled, fails or is refused (no room for its gathers): a migration writes its image
 * only when it finishes, so a cancelled re-run would otherwise leave the previous run's complete
 * image, stale, beside the report of the run that was cancelled. Removed before the run checks
 * its free disk space, they count as free (deleting a 100 GB image is cheap; nothing is copied).
 *
 * <p>Only a Seiswork run report ({@code run.json} with its {@code seiswork} and {@code task} keys)
 * makes the files by the outputs' names a run's: both tasks' outputs go then. Without one, the
 * record of a fetch into the folder ({@link FetchRecord}) vouches for the files it wrote that
 * nothing wrote since (another job's fetched image beside a model run's gathers would make a
 * folder shown as one run): those go, both tasks', and the record forgets them. Other files by
 * the outputs' names may be anyone's (a vendor's {@code image.sgy}): none is removed, a line names them, and those
 * by this task's names are written over as the run writes them (a model run's gathers as it
 * starts, a migration's image when it finishes), as before. A file the job itself reads (a
 * migration of the {@code shots.sgy} a model run left in the same folder) is kept. Nothing else in
 * the folder is touched.
 */
public final class PreviousOutputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PreviousOutputs() {
    }

    /**
     * Removes the previous outputs from {@code outDir} before a run of {@code job} starts there
     * afresh, as described above, and forgets in the fetch record ({@link FetchRecord}) every
     * output the run removes or writes over, so that no later fetch takes the run's files for a job's.
     *
     * @return lines saying what was removed, or left and why; empty when there were none
     * @throws UncheckedIOException when a file cannot be removed
     */
    public static List<String> removeBefore(ResolvedJob job, Path outDir) {
        Replaced r = of(job, outDir);
        String task = job.spec().task().json();
        List<String> lines = new ArrayList<>();
        for (String f : r.removed()) {
            try {
                Files.deleteIfExists(outDir.resolve(f));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + outDir.resolve(f) + " (the outputs of the " + r.by()
                        + " this " + task + " run replaces): " + e.getMessage(), e);
            }
        }
        if (!r.removed().isEmpty()) {
            lines.add("replacing the " + r.by() + " in " + outDir + ": removed its " + String.join(", ", r.removed()));
        }
        if (!r.writtenOver().isEmpty()) {
            lines.add(outDir + " holds " + String.join(", ", r.writtenOver()) + ", which no Seiswork "
                    + LocalRunner.REPORT_FILE + " or fetch there names: this " + task + " run writes over "
                    + (r.writtenOver().size() == 1 ? "it" : "them"));
        }
        if (!r.left().isEmpty()) {
            lines.add(outDir + " also holds " + String.join(", ", r.left()) + ", which a " + task + " run does"
                    + " not write and no Seiswork " + LocalRunner.REPORT_FILE + " or fetch there names: left as they are");
        }
        List<String> forgotten = new ArrayList<>(r.removed());
        forgotten.addAll(LocalRunner.outputFiles(job.spec().task()));
        FetchRecord.forget(outDir, forgotten);
        return lines;
    }

    /**
     * What a run of {@code job} into {@code outDir} started afresh would do with the run outputs
     * there (reads the folder: not for the JavaFX thread): the desktop asks about it first.
     *
     * @param removed the outputs it removes as it starts (with the report, when one vouches for them)
     * @param by whose they are: "model run", "rtm run" (a Seiswork report's task), "outputs fetched
     *     from job J" or "fetched outputs" (a fetch's record); null when none are removed
     * @param writtenOver outputs by this task's names that nothing vouches for: written over as
     *     the run writes its own
     * @param left the other task's outputs that nothing vouches for: left as they are
     */
    public record Replaced(List<String> removed, String by, List<String> writtenOver, List<String> left) {
    }

    /** What a run of {@code job} into {@code outDir} would replace there ({@link Replaced}). */
    public static Replaced of(ResolvedJob job, Path outDir) {
        Task task = job.spec().task();
        List<String> own = present(job, outDir, LocalRunner.outputFiles(task));
        List<String> others = present(job, outDir, otherFiles(task));
        String previous = reportedTask(outDir);
        if (previous != null) {
            List<String> removed = new ArrayList<>(own);
            removed.addAll(others);
            if (removed.isEmpty()) {
                return new Replaced(List.of(), null, List.of(), List.of());
            }
            // The report goes with the outputs it describes; the new run writes its own.
            removed.add(LocalRunner.REPORT_FILE);
            return new Replaced(removed, previous + " run", List.of(), List.of());
        }
        // A fetch's record vouches for the files it wrote (nothing wrote them since): a run's outputs too.
        Map<String, String> fetched = FetchRecord.fetchedIn(outDir);
        List<String> removed = new ArrayList<>();
        List<String> writtenOver = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (String f : own) {
            (fetched.containsKey(f) ? removed : writtenOver).add(f);
        }
        for (String f : others) {
            (fetched.containsKey(f) ? removed : left).add(f);
        }
        Set<String> jobs = new HashSet<>();
        removed.forEach(f -> jobs.add(fetched.get(f)));
        String by = removed.isEmpty() ? null : jobs.size() == 1 && !jobs.contains(null)
                ? "outputs fetched from job " + jobs.iterator().next() : "fetched outputs";
        return new Replaced(removed, by, writtenOver, left);
    }

    /** The output files of the task other than {@code task}, the report left out. */
    private static List<String> otherFiles(Task task) {
        List<String> mine = LocalRunner.outputFiles(task);
        List<String> others = new ArrayList<>();
        for (Task t : Task.values()) {
            for (String f : LocalRunner.outputFiles(t)) {
                if (!mine.contains(f) && !others.contains(f)) {
                    others.add(f);
                }
            }
        }
        return others;
    }

    /** Those of {@code names} (the report left out) that are files in {@code outDir} which {@code job} does not read. */
    private static List<String> present(ResolvedJob job, Path outDir, List<String> names) {
        List<String> there = new ArrayList<>();
        for (String f : names) {
            Path file = outDir.resolve(f);
            // A link by the name counts (the run replaces the link, never what it points to); a folder is never a run's file.
            if (!f.equals(LocalRunner.REPORT_FILE) && Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) && !readBy(job, file)) {
                there.add(f);
            }
        }
        return there;
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
