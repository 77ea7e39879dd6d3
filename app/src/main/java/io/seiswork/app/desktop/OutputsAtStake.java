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
 * <p>A folder by a run output's name that no Seiswork run leaves ({@link RunOutputs#foreignFolders})
 * is nothing to ask about: nothing removes it, the run (or the cloud job's fetch) refuses the
 * folder, so Run is refused at once, with the line saying to move it.
 *
 * @param question what the window asks, naming the folder and the files; null when Run is refused
 * @param kept what the status bar says when the user keeps them, or why Run is refused
 * @param shown the task whose outputs are there to show in the Result tab, or null (a stopped run's)
 * @param agreed the run-output names the user agrees to have removed by answering yes: what a cloud
 *     job's fetch may remove, hours later, and nothing else
 */
record OutputsAtStake(String question, String kept, Task shown, List<String> agreed) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a run of {@code job} into {@code dir} would throw away, or null when nothing (reads the
     * folder: not on the JavaFX thread): for a run on this machine what it removes or writes over
     * as it starts ({@link PreviousOutputs}), for a cloud run every run output there, which its
     * fetch removes ({@code Dispatcher#fetch} replacing them); when the folder cannot be read for it, a question that
     * says so, so that nothing is lost unasked (for a cloud run, naming every run output's name, which yes
     * agrees to the fetch's removing).
     */
    static OutputsAtStake in(Path dir, ResolvedJob job, boolean cloud) {
        try {
            List<String> folders = RunOutputs.foreignFolders(dir);
            if (!folders.isEmpty()) {
                return new OutputsAtStake(null, "cannot run into " + dir + ": " + RunOutputs.movePlease(dir, folders)
                        + ".", null, List.of());
            }
            return cloud ? forCloud(dir) : read(dir, job);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            return cloud ? unreadableForCloud(dir, why)
                    : new OutputsAtStake("Cannot tell what " + dir + " holds (" + why + "). Run into it anyway? What a"
                            + " run replaces there would be lost.", dir + " stays as it is.", null, List.of());
        }
    }

    /**
     * The question for a cloud run into {@code dir} whose run outputs cannot be told ({@code why}):
     * yes agrees to the fetch's removing every run output it finds there hours later
     * ({@link RunOutputs#ALL}, named in the question), as {@code fetch --replace} would, since
     * agreeing to nothing would have the fetch refuse the folder when the job is done: "anyway"
     * taken back after the job ran. A folder by an output's name that no Seiswork run leaves still
     * refuses the fetch, and nothing else there is touched.
     */
    private static OutputsAtStake unreadableForCloud(Path dir, String why) {
        List<String> names = new ArrayList<>(RunOutputs.ALL);
        names.set(names.indexOf(RunOutputs.CHECKPOINT), RunOutputs.CHECKPOINT + "/");
        String any = String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
        return new OutputsAtStake("Cannot tell what " + dir + " holds (" + why + "). Run into it anyway? The cloud"
                + " job's fetch then removes any " + any + " it finds there before its files come (nothing else"
                + " there).", dir + " stays as it is.", null, RunOutputs.ALL);
    }

    private static OutputsAtStake read(Path dir, ResolvedJob job) {
        if (RunCheckpoint.resumeHint(dir) != null) {
            return new OutputsAtStake(RunCheckpoint.unfinishedRun(dir) + ". Start it over? Its finished shots are "
                    + "discarded (Resume goes on from them, if it is this spec's run).", "the stopped run in " + dir
                    + " stays.", null, List.of());
        }
        Task task = job.spec().task();
        // Exactly what the run removes as it starts (PreviousOutputs), named in the question.
        PreviousOutputs.Replaced r = PreviousOutputs.of(job, dir);
        if (PreviousOutputs.reportedTask(dir) != null && !r.removed().isEmpty()) {
            String names = RunOutputs.named(dir, r.removed());
            if (finished(dir, task)) {
                return new OutputsAtStake("Replace the finished " + what(task) + " in " + dir + "? The new run removes "
                        + names + " as it starts" + (task == Task.RTM
                                ? " and writes the new image when it finishes: cancelled, it leaves no image."
                                : ": cancelled, it leaves only the shots it finished."),
                        "the finished " + what(task) + " in " + dir + (task == Task.RTM ? " stays" : " stay")
                        + " (shown in the Result tab).", task, r.removed());
            }
            Task other = task == Task.RTM ? Task.MODEL : Task.RTM;
            return new OutputsAtStake("Replace the " + r.by() + "'s outputs in " + dir + "? This " + task.json()
                    + " run removes " + names + ".", "the " + names + " in " + dir
                    + (r.removed().size() == 1 ? " stays" : " stay") + " (shown in the Result tab).",
                    finished(dir, other) ? other : null, r.removed());
        }
        // No report: a fetch's outputs (which the run removes) or anyone's files by its outputs' names (written over).
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
        return kept(question, dir, going, fetchedTask(dir), r.removed());
    }

    /**
     * What a cloud run into {@code dir} throws away: every run output there ({@link RunOutputs}),
     * whoever wrote it, which the job's fetch removes before its files come; null when none.
     */
    private static OutputsAtStake forCloud(Path dir) {
        List<String> going = RunOutputs.in(dir);
        if (going.isEmpty()) {
            return null;
        }
        String stopped = RunCheckpoint.resumeHint(dir) != null ? RunCheckpoint.unfinishedRun(dir) + ". " : "";
        String names = RunOutputs.named(dir, going);
        Task shown = finished(dir, Task.RTM) ? Task.RTM : finished(dir, Task.MODEL) ? Task.MODEL : fetchedTask(dir);
        return kept(stopped + "Replace the run outputs in " + dir + "? The cloud job's fetch removes " + names
                + " before its files come (nothing else there).", dir, going, stopped.isEmpty() ? shown : null, going);
    }

    /**
     * The question about {@code going}, which stay in {@code dir} when the user keeps them; yes
     * agrees to removing {@code agreed}.
     */
    private static OutputsAtStake kept(String question, Path dir, List<String> going, Task shown, List<String> agreed) {
        return new OutputsAtStake(question, "the " + String.join(", ", RunOutputs.shown(dir, going)) + " in " + dir
                + (going.size() == 1 ? " stays" : " stay") + (shown != null ? " (shown in the Result tab)." : "."), shown,
                agreed);
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
