package io.seiswork.app.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.files.DurableFiles;
import io.seiswork.core.files.FileTrees;
import io.seiswork.core.files.RunOutputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkpoint of a local run in its output folder, {@code DIR/}{@value #FOLDER}{@code /}: what a
 * run that stops — cancelled, failed, or killed with the machine — needs to go on
 * ({@link LocalRunner#resume}) to the outputs of a run that never stopped, byte for byte.
 *
 * <ul>
 *   <li>{@value #STATE_FILE}: the run's {@link RunIdentity} (spec, inputs, shots, engine), when
 *       the attempt that wrote it started, the shots whose results are safely in the folder
 *       ({@code shotsKept}, in run order: always the first shots of the run) and, for task model,
 *       the length of {@code shots.sgy} after the last of them ({@code shotsFileBytes}, the file
 *       forced to disk first). Replaced atomically (written aside, forced, renamed) after every
 *       change, a few hundred bytes.
 *   <li>{@value #STACK_FILE} (task rtm): the stack of the kept shots, a
 *       {@link io.seiswork.kernels.rtm.StackFile} — saved from the heap now and then, or the
 *       memory-mapped stack itself ({@link MigrationRunner}). Its header's shot count is what a
 *       migration resumes from; {@code shotsKept} follows it.
 * </ul>
 * A run makes the folder when it starts (removing one a previous run left) and removes it when its
 * outputs are whole, so a folder that has one holds a run that stopped.
 */
public final class RunCheckpoint {

    /** The checkpoint's folder in the output directory. */
    public static final String FOLDER = RunOutputs.CHECKPOINT;
    /** The state file in the checkpoint's folder. */
    public static final String STATE_FILE = RunOutputs.CHECKPOINT_STATE;
    /** The stack of a migration in the checkpoint's folder. */
    public static final String STACK_FILE = "stack.swpi";

    /** Version of the state file's layout. */
    static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path outDir;
    private final ObjectNode state;

    private RunCheckpoint(Path outDir, ObjectNode state) {
        this.outDir = outDir;
        this.state = state;
    }

    /**
     * Starts the checkpoint of a new run of {@code identity} in {@code outDir}, replacing any a
     * previous run left there.
     *
     * @param started when the run started (its report's {@code started})
     */
    static RunCheckpoint start(Path outDir, RunIdentity identity, String started) {
        FileTrees.delete(outDir.resolve(FOLDER));
        ObjectNode s = JSON.createObjectNode();
        s.put("format", FORMAT);
        s.put("started", started);
        s.set("identity", identity.json());
        s.putArray("shotsKept");
        s.put("shotsFileBytes", 0L);
        RunCheckpoint c = new RunCheckpoint(outDir, s);
        c.write();
        return c;
    }

    /**
     * The checkpoint of the run that stopped in {@code outDir}, to resume it.
     *
     * @throws ResumeRefused when there is none: "nothing to resume" for a finished run, else that
     *     the folder holds no run to resume
     */
    static RunCheckpoint requireResumable(Path outDir) {
        RunCheckpoint c = read(outDir);
        if (c != null) {
            return c;
        }
        Path report = outDir.resolve(LocalRunner.REPORT_FILE);
        String status = null;
        if (Files.isRegularFile(report)) {
            try {
                status = JSON.readTree(report.toFile()).path("status").asText(null);
            } catch (IOException e) {
                status = null;  // unreadable: said below as no run to resume
            }
        }
        if ("done".equals(status)) {
            throw new ResumeRefused("nothing to resume: " + outDir + " holds a finished run (" + LocalRunner.REPORT_FILE
                    + ": done); run without --resume to run it again");
        }
        throw new ResumeRefused("cannot resume: " + outDir + " holds no run to resume (no " + FOLDER + "/" + STATE_FILE
                + (status != null ? "; its " + LocalRunner.REPORT_FILE + " says " + status : "") + ")");
    }

    /**
     * The checkpoint in {@code outDir}, or null when there is none.
     *
     * @throws ResumeRefused when its state file cannot be read or is of another format
     */
    static RunCheckpoint read(Path outDir) {
        Path file = outDir.resolve(FOLDER).resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode s;
        try {
            s = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ResumeRefused("cannot resume: " + file + " cannot be read: " + e.getMessage());
        }
        if (!(s instanceof ObjectNode o) || o.path("format").asInt() != FORMAT || !o.path("identity").isObject()) {
            throw new ResumeRefused("cannot resume: " + file + " is not a checkpoint of format " + FORMAT);
        }
        return new RunCheckpoint(outDir, o);
    }

    /**
     * One line on an unfinished run in {@code outDir} ("DIR holds a run that stopped with 2 of 4
     * shots done"), for a run without {@code --resume} that refuses or replaces it; null when there
     * is none.
     */
    public static String unfinishedRun(Path outDir) {
        try {
            RunCheckpoint c = read(outDir);
            if (c == null) {
                return null;
            }
            return outDir + " holds a run that stopped with " + c.shotsKept().size() + " of "
                    + c.identity().shots().size() + " shots done";
        } catch (ResumeRefused e) {
            return null;
        }
    }

    /**
     * One line for after a run in {@code outDir} failed or was cancelled, when its checkpoint
     * keeps finished shots: "the 2 finished shots are kept in DIR: run again with --resume to go
     * on from them" ("the finished shot is ... from it" for one); null when there is no checkpoint or it keeps none (a resume would redo all).
     */
    public static String resumeHint(Path outDir) {
        int kept = shotsKeptIn(outDir);
        if (kept == 0) {
            return null;
        }
        return "the " + (kept == 1 ? "finished shot is" : kept + " finished shots are") + " kept in " + outDir
                + ": run again with --resume to go on from " + (kept == 1 ? "it" : "them");
    }

    /** How many finished shots the checkpoint in {@code outDir} keeps: 0 when there is none, or it cannot be read. */
    static int shotsKeptIn(Path outDir) {
        try {
            RunCheckpoint c = read(outDir);
            return c == null ? 0 : c.shotsKept().size();
        } catch (ResumeRefused e) {
            return 0;
        }
    }

    /** What decides the run's results. */
    RunIdentity identity() {
        return new RunIdentity((ObjectNode) state.get("identity"));
    }

    /** When the attempt that last wrote the checkpoint started (ISO-8601). */
    String started() {
        return state.path("started").asText();
    }

    /**
     * A new attempt, started at {@code started} (its report's), goes on from this checkpoint: it is
     * the one that writes it now.
     */
    void resumedBy(String started) {
        state.put("started", started);
        write();
    }

    /**
     * A migration resumed by the attempt that started at {@code started}: its identity (with the
     * migration's engine and strategy, known once the shots are planned) and the shots its stack
     * holds, written at once.
     */
    void resumedBy(String started, RunIdentity identity, List<Integer> kept) {
        state.set("identity", identity.json());
        ArrayNode a = state.putArray("shotsKept");
        kept.forEach(a::add);
        state.put("shotsFileBytes", 0L);
        resumedBy(started);
    }

    /**
     * Refuses to go on unless {@code identity} is the run this checkpoint kept.
     *
     * @throws ResumeRefused naming the first difference
     */
    void requireSameRun(RunIdentity identity) {
        String difference = identity.differenceFrom(identity());
        if (difference != null) {
            throw new ResumeRefused("cannot resume " + outDir + ": " + difference);
        }
    }

    /** The shots whose results are safely in the output folder, in run order. */
    List<Integer> shotsKept() {
        List<Integer> out = new ArrayList<>();
        state.path("shotsKept").forEach(n -> out.add(n.asInt()));
        return out;
    }

    /** Task model: the length of {@code shots.sgy} holding the kept shots' gathers. */
    long shotsFileBytes() {
        return state.path("shotsFileBytes").asLong();
    }

    /**
     * Records that {@code shots} (in run order) are safely in the folder, with, for task model,
     * the length of {@code shots.sgy} after the last of them.
     */
    void keep(List<Integer> shots, long shotsFileBytes) {
        ArrayNode a = state.putArray("shotsKept");
        shots.forEach(a::add);
        state.put("shotsFileBytes", shotsFileBytes);
        write();
    }

    /** Whether {@code outDir} holds a run that stopped before its outputs were whole (its checkpoint's state). */
    public static boolean exists(Path outDir) {
        return RunOutputs.holdsCheckpoint(outDir);
    }

    /** Removes the checkpoint: the run's outputs are whole. */
    void delete() {
        FileTrees.delete(outDir.resolve(FOLDER));
    }

    /** Writes the state durably ({@link DurableFiles}): never half a state under its name. */
    private void write() {
        try {
            DurableFiles.write(outDir.resolve(FOLDER).resolve(STATE_FILE), JSON.writeValueAsBytes(state));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the run's checkpoint state cannot be written as JSON", e);
        }
    }
}
