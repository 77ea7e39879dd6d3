package io.seiswork.app.desktop;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.app.run.LocalRunner;
import io.seiswork.app.run.PreviousOutputs;
import io.seiswork.app.run.RunCheckpoint;
import io.seiswork.core.files.FetchRecord;
import io.seiswork.core.files.RunOutputs;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Run would throw away in the output folder, so the window asks first: a stopped run's kept
 * shots (Run starts over where Resume would go on), a finished run of the same task, or a finished
 * run of the other task: the run removes their outputs as it starts ({@link PreviousOutputs}), so
 * that a cancelled run never leaves them, stale, beside its report; a fetched job's outputs, which
 * it removes as it removes a run's; files by its outputs' names, which it writes over. For a cloud
 * run, every run output in the folder, which the job's fetch removes. Hours of shots, or a 100 GB
 * fetched image, are lost to one click otherwise.
 *
 * @param question what the window asks, naming the folder and the files
 * @param kept what the status bar says when the user keeps them
 * @param shown the task whose outputs are there to show in the Result tab, or null (a stopped run's)
 */
record OutputsAtStake(String question, String kept, Task shown) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a run of {@code job} into {@code dir} would throw away, or null when nothing (reads the
     * folder: not on the JavaFX thread): for a run on this machine what it removes or writes over
     * as it starts ({@link PreviousOutputs}), for a cloud run every run output there, which its
     * fetch removes ({@code Dispatcher#fetch} replacing them); when the folder cannot be read for it, a question that
     * says so, so that nothing is lost unasked.
     */
    static OutputsAtStake in(Path dir, ResolvedJob job, boolean cloud) {
        try {
            return cloud ? forCloud(dir) : read(dir, job);
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
        // No report: a fetch's outputs (which the run removes) or anyone's files by its outputs' names (written over).
        PreviousOutputs.Replaced r = PreviousOutputs.of(job, dir);
        List<String> going = new ArrayList<>(r.removed());
        going.addAll(r.writtenOver());
        if (going.isEmpty()) {
            return null;
        }
        String question = r.by() != null
                ? "Replace the " + r.by() + " in " + dir + "? This " + task.json() + " run removes "
                        + String.join(", ", r.removed()) + (r.writtenOver().isEmpty() ? ""
                        : " and writes over " + String.join(", ", r.writtenOver())) + "."
                : "Replace " + String.join(", ", r.writtenOver()) + " in " + dir + "? No Seiswork "
                        + LocalRunner.REPORT_FILE + " or fetch there names " + (going.size() == 1 ? "it" : "them")
                        + ": this " + task.json() + " run writes over " + (going.size() == 1 ? "it." : "them.");
        return kept(question, dir, going, fetchedTask(dir));
    }

    /**
     * What a cloud run into {@code dir} throws away: every run output there ({@link RunOutputs}),
     * whoever wrote it, which the job's fetch removes before its files come; null when none.
     */
    private static OutputsAtStake forCloud(Path dir) {
        List<String> going = RunOutputs.in(dir).stream().map(RunOutputs::shown).toList();
        if (going.isEmpty()) {
            return null;
        }
        String stopped = RunCheckpoint.resumeHint(dir) != null ? RunCheckpoint.unfinishedRun(dir) + ". " : "";
        String names = going.size() == 1 ? going.get(0)
                : String.join(", ", going.subList(0, going.size() - 1)) + " and " + going.getLast();
        Task shown = finished(dir, Task.RTM) ? Task.RTM : finished(dir, Task.MODEL) ? Task.MODEL : fetchedTask(dir);
        return kept(stopped + "Replace the run outputs in " + dir + "? The cloud job's fetch removes " + names
                + " before its files come (nothing else there).", dir, going, stopped.isEmpty() ? shown : null);
    }

    /** The question about {@code going}, which stay in {@code dir} when the user keeps them. */
    private static OutputsAtStake kept(String question, Path dir, List<String> going, Task shown) {
        return new OutputsAtStake(question, "the " + String.join(", ", going) + " in " + dir
                + (going.size() == 1 ? " stays" : " stay") + (shown != null ? " (shown in the Result tab)." : "."), shown);
    }

    /** The task whose outputs a fetch left whole in {@code dir}, to show when they are kept; null when none. */
    private static Task fetchedTask(Path dir) {
        var fetched = FetchRecord.fetchedIn(dir).keySet();
        for (Task t : Task.values()) {
            List<String> files = LocalRunner.outputFiles(t).stream().filter(f -> !f.equals(LocalRunner.REPORT_FILE))
                    .toList();
            if (fetched.containsAll(files)) {
                return t;
            }
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
