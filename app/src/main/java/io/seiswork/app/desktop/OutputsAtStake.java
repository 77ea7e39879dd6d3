package io.seiswork.app.desktop;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.app.run.LocalRunner;
import io.seiswork.app.run.PreviousOutputs;
import io.seiswork.app.run.RunCheckpoint;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What Run would throw away in the output folder, so the window asks first: a stopped run's kept
 * shots (Run starts over where Resume would go on), a finished run of the same task, or a finished
 * run of the other task: the run removes their outputs as it starts ({@link PreviousOutputs}), so
 * that a cancelled run never leaves them, stale, beside its report. Hours of shots are lost to one
 * click otherwise.
 *
 * @param question what the window asks, naming the folder and the files
 * @param kept what the status bar says when the user keeps them
 * @param shown the task whose outputs are there to show in the Result tab, or null (a stopped run's)
 */
record OutputsAtStake(String question, String kept, Task shown) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a run of {@code job} into {@code dir} would throw away, or null when nothing (reads the
     * folder: not on the JavaFX thread); when the folder cannot be read for it, a question that
     * says so, so that nothing is lost unasked.
     */
    static OutputsAtStake in(Path dir, ResolvedJob job) {
        try {
            return read(dir, job);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            return new OutputsAtStake("Cannot tell what " + dir + " holds (" + why + "). Run into it anyway? What a run"
                    + " replaces there would be lost.", dir + " stays as it is.", null);
        }
    }

    private static OutputsAtStake read(Path dir, ResolvedJob job) {
        if (RunCheckpoint.resumeHint(dir) != null) {
            return new OutputsAtStake(RunCheckpoint.unfinishedRun(dir) + ". Start it over? Its finished shots are "
                    + "discarded (Resume goes on from them, if it is this spec's run).", "the stopped run in " + dir
                    + " stays.", null);
        }
        Task task = job.spec().task();
        if (finished(dir, task)) {
            List<String> outputs = LocalRunner.outputFiles(task);
            return new OutputsAtStake("Replace the finished " + what(task) + " in " + dir + "? The new run removes "
                    + String.join(", ", outputs.subList(0, outputs.size() - 1)) + " as it starts"
                    + (task == Task.RTM ? " and writes the new image when it finishes: cancelled, it leaves no image."
                            : ": cancelled, it leaves only the shots it finished."),
                    "the finished " + what(task) + " in " + dir + (task == Task.RTM ? " stays" : " stay")
                    + " (shown in the Result tab).", task);
        }
        List<String> removed = PreviousOutputs.otherTasksRemovedBy(job, dir);
        if (!removed.isEmpty()) {
            Task other = task == Task.RTM ? Task.MODEL : Task.RTM;
            String names = String.join(", ", removed);
            return new OutputsAtStake("Replace the " + other.json() + " run's outputs in " + dir + "? This "
                    + task.json() + " run removes " + names + ".", "the " + names + " in " + dir
                    + (removed.size() == 1 ? " stays" : " stay") + " (shown in the Result tab).",
                    finished(dir, other) ? other : null);
        }
        return null;
    }

    /** Whether {@code dir}'s report says "done" and the task's outputs are all there. */
    private static boolean finished(Path dir, Task task) {
        Path report = dir.resolve(LocalRunner.REPORT_FILE);
        if (!Files.isRegularFile(report)) {
            return false;
        }
        try {
            var r = JSON.readTree(report.toFile());
            if (!"done".equals(r.path("status").asText()) || !task.json().equals(r.path("task").asText(task.json()))) {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            return false;  // not a report this program wrote: nothing finished to lose
        }
        return LocalRunner.outputFiles(task).stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    private static String what(Task task) {
        return task == Task.RTM ? "image" : "shot gathers";
    }
}
