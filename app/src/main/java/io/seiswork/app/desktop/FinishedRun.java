package io.seiswork.app.desktop;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.app.run.LocalRunner;
import io.seiswork.core.spec.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The finished run an output folder holds: its {@code run.json} says "done" and the task's
 * output files are there. Run into that folder would replace them, so the window asks first.
 *
 * @param dir the output folder
 * @param task the task whose outputs it holds
 */
record FinishedRun(Path dir, Task task) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The finished run of {@code task} in {@code dir}, or null (reads the folder: not on the JavaFX thread). */
    static FinishedRun in(Path dir, Task task) {
        Path report = dir.resolve(LocalRunner.REPORT_FILE);
        if (!Files.isRegularFile(report)) {
            return null;
        }
        try {
            if (!"done".equals(JSON.readTree(report.toFile()).path("status").asText())) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;  // not a report this program wrote: nothing finished to lose
        }
        List<String> outputs = LocalRunner.outputFiles(task);
        for (String f : outputs) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                return null;
            }
        }
        return new FinishedRun(dir, task);
    }

    /** The question asked before Run replaces it. */
    String question() {
        return "Replace the finished " + (task == Task.RTM ? "image" : "shot gathers") + " in " + dir + "? "
                + String.join(", ", LocalRunner.outputFiles(task).subList(0, LocalRunner.outputFiles(task).size() - 1))
                + " will be written over by the new run (and a cancelled run leaves them incomplete).";
    }
}
