package io.seiswork.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.spec.JobSpecWriter;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.velocity.RawVelocityField;
import io.seiswork.core.velocity.SegyVelocityField;
import io.seiswork.core.velocity.VelocityField;
import io.seiswork.core.velocity.VelocityModel;
import io.seiswork.kernels.engine.cpu.KernelChoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * What decides a run's results to the bit, so that a run going on from another's outputs
 * ({@link LocalRunner#resume}) can check it is the same run: the resolved spec (every default
 * spelled out, as {@code run.json} records it) without its engine choice, fingerprints of its
 * inputs, the shots run in their order, the engine and, for a migration, how the source wavefield
 * is kept. Kept as JSON in the run's checkpoint ({@link RunCheckpoint}).
 *
 * <p>The engine is compared by name ("cpu (2 threads, Vector API)", "gpu (NVIDIA H200, cc 9.0;
 * stencil ...)"), not by the spec's choice: "auto" may pick the GPU on one machine and the CPU on
 * another, and the CPU and GPU engines agree to about 1e-4, the CPU's vector and scalar kernels to
 * 1e-5, not bit for bit, so a run resumed on another engine would not be the uninterrupted run and
 * is refused. The thread count is left out: the CPU engine computes each point the same whichever
 * thread does it (tests resume a run of one thread on two).
 *
 * <p>Inputs: a velocity model held in memory by its CRC-32C (0.05–0.07 s a GB measured); one read a window
 * at a time (out of core) by its range only, since a checksum would read the whole survey; recorded
 * data by the file's size and modification time.
 *
 * @param json the identity as the checkpoint stores it
 */
record RunIdentity(ObjectNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The identity of a run of {@code job} over {@code shots} (in the order they run) on
     * {@code engine}.
     *
     * @param selection the selection as given ({@code --shots}), for messages
     */
    static RunIdentity of(ResolvedJob job, ShotSelection selection, List<Shot> shots, String engine) {
        ObjectNode o = JSON.createObjectNode();
        o.put("task", job.spec().task().json());
        ObjectNode spec = JobSpecWriter.toJson(job.spec());
        spec.remove("engine");
        o.set("spec", spec);
        ObjectNode inputs = o.putObject("inputs");
        inputs.put("velocity", fingerprint(job.velocity()));
        if (job.migrationVelocity() != null) {
            inputs.put("migrationVelocity", fingerprint(job.migrationVelocity()));
        }
        if (job.dataFile() != null) {
            inputs.put("data", fileStamp(job.dataFile()));
        }
        o.put("shotsSelection", selection.toString());
        ArrayNode numbers = o.putArray("shots");
        shots.forEach(s -> numbers.add(s.number()));
        o.put("engine", engine);
        return new RunIdentity(o);
    }

    /**
     * The same identity with how a migration runs: the engine that migrates (the CPU when "auto"
     * finds the GPU too small), the source-wavefield strategy and the imaging interval.
     */
    RunIdentity withMigration(String engine, String wavefield, int intervalSteps) {
        ObjectNode o = json.deepCopy();
        o.putObject("migration").put("engine", engine).put("wavefield", wavefield)
                .put("imagingIntervalSteps", intervalSteps);
        return new RunIdentity(o);
    }

    /** The shot numbers run, in order. */
    List<Integer> shots() {
        List<Integer> out = new ArrayList<>();
        json.get("shots").forEach(n -> out.add(n.asInt()));
        return out;
    }

    /**
     * Why a run with this identity cannot go on from the outputs of {@code before}'s, in one line,
     * or null when they are the same run (the migration compared only when both have one).
     */
    String differenceFrom(RunIdentity before) {
        ObjectNode was = before.json;
        if (!was.path("task").equals(json.path("task"))) {
            return "the run there is task " + was.path("task").asText() + ", this one " + json.path("task").asText();
        }
        String field = firstDifference(was.path("spec"), json.path("spec"), "");
        if (field != null) {
            return "the spec differs from the one the run there ran: " + field;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = json.path("inputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> input = it.next();
            JsonNode old = was.path("inputs").path(input.getKey());
            if (!old.equals(input.getValue())) {
                return "the " + inputName(input.getKey()) + " differs from the one the run there used (" + old.asText()
                        + ", now " + input.getValue().asText() + ")";
            }
        }
        if (!was.path("shots").equals(json.path("shots"))) {
            String selected = was.path("shotsSelection").asText();
            return "the run there runs shots " + selected + " (" + count(was) + "), this one "
                    + json.path("shotsSelection").asText() + " (" + count(json) + "); "
                    + ("all".equals(selected) ? "leave out --shots" : "give --shots " + selected) + " to resume it";
        }
        String engine = engineDifference("ran", was.path("engine").asText(), json.path("engine").asText());
        if (engine != null) {
            return engine;
        }
        JsonNode m = json.path("migration");
        JsonNode oldM = was.path("migration");
        if (m.isObject() && oldM.isObject()) {
            String e = engineDifference("migrated", oldM.path("engine").asText(), m.path("engine").asText());
            if (e != null) {
                return e;
            }
            if (!oldM.path("wavefield").equals(m.path("wavefield"))
                    || !oldM.path("imagingIntervalSteps").equals(m.path("imagingIntervalSteps"))) {
                return String.format(Locale.ROOT, "the run there kept the source wavefield by \"%s\" every %d steps, this "
                        + "one would by \"%s\" every %d steps (a memory plan for another heap?): their images agree to "
                        + "rounding, not bit for bit", oldM.path("wavefield").asText(), oldM.path("imagingIntervalSteps")
                        .asInt(), m.path("wavefield").asText(), m.path("imagingIntervalSteps").asInt());
            }
        }
        return null;
    }

    private static String engineDifference(String verb, String before, String now) {
        if (withoutThreads(before).equals(withoutThreads(now))) {
            return null;
        }
        String was = "the run there " + verb + " on " + before + ", this one would on " + now;
        String ranOnVector = cpuKernelsVector(before);
        if (ranOnVector != null && cpuKernelsVector(now) != null) {
            return was + ": the CPU's vector and scalar kernels agree to about 1e-5, not bit for bit, so the result "
                    + "would not be the uninterrupted run's; resume with SEISWORK_JAVA_OPTS=-D" + KernelChoice.PROPERTY
                    + "=" + ranOnVector + " (the kernels it ran on), or start over with --restart";
        }
        String choice = now.startsWith("gpu") == before.startsWith("gpu") ? ""
                : "; resume with --engine " + (before.startsWith("gpu") ? "gpu" : "cpu");
        return was + ": engines agree to about 1e-4, not bit for bit, so the result would not be the uninterrupted "
                + "run's" + choice;
    }

    /**
     * For a CPU engine's name ("cpu (2 threads, Vector API)", "cpu (1 thread, scalar)"): "true"
     * when it names the vector kernels, "false" the scalar ones, as {@link KernelChoice#PROPERTY}
     * forces them; null for any other engine. A run stopped on an older build always names
     * "Vector API".
     */
    private static String cpuKernelsVector(String engine) {
        if (!engine.startsWith("cpu (")) {
            return null;
        }
        return engine.endsWith(", Vector API)") ? "true" : engine.endsWith(", scalar)") ? "false" : null;
    }

    /** An engine's name without its thread count, which does not change a result. */
    private static String withoutThreads(String engine) {
        return engine.replaceAll("\\d+ threads?\\b", "threads");
    }

    private static int count(JsonNode identity) {
        return identity.path("shots").size();
    }

    private static String inputName(String key) {
        return switch (key) {
            case "velocity" -> "velocity model";
            case "migrationVelocity" -> "migration velocity model";
            case "data" -> "data file";
            default -> key;
        };
    }

    /**
     * The first field where {@code now} differs from {@code was}, as "time.lengthS is 0.5, was 0.4",
     * or null when they are equal.
     */
    static String firstDifference(JsonNode was, JsonNode now, String path) {
        if (was.isObject() && now.isObject()) {
            for (Iterator<String> it = now.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                String d = firstDifference(was.path(f), now.get(f), path.isEmpty() ? f : path + "." + f);
                if (d != null) {
                    return d;
                }
            }
            for (Iterator<String> it = was.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!now.has(f)) {
                    return (path.isEmpty() ? f : path + "." + f) + " is not set now, was " + was.get(f);
                }
            }
            return null;
        }
        if (was.isArray() && now.isArray() && was.size() == now.size()) {
            for (int i = 0; i < now.size(); i++) {
                String d = firstDifference(was.get(i), now.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        boolean same = was.isNumber() && now.isNumber() ? was.asDouble() == now.asDouble() : was.equals(now);
        if (same) {
            return null;
        }
        return path + (was.isMissingNode() ? " is new: " + now : " is " + now + ", was " + was);
    }

    /**
     * A velocity field's fingerprint: "crc32c 1a2b3c4d of 3321 values" in memory, else its range
     * and its file's size and time, "1500.0 .. 4500.0 m/s (out of core: range only; 4000 bytes,
     * modified ...)".
     */
    static String fingerprint(VelocityField v) {
        if (v instanceof VelocityModel m) {
            float[] values = m.values();
            CRC32C crc = new CRC32C();
            ByteBuffer block = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < values.length; ) {
                int n = Math.min(block.capacity() / Float.BYTES, values.length - i);
                block.clear();
                block.asFloatBuffer().put(values, i, n);
                block.limit(n * Float.BYTES);
                crc.update(block);
                i += n;
            }
            return String.format(Locale.ROOT, "crc32c %08x of %d values", crc.getValue(), values.length);
        }
        Path file = v instanceof RawVelocityField r ? r.file()
                : v instanceof SegyVelocityField g ? g.file() : null;
        // Read a window at a time, it is never whole here to be summed: its range, and the file's
        // size and time, catch a model replaced or edited in place.
        return v.min() + " .. " + v.max() + " m/s (out of core: range only" + (file != null ? "; " + fileStamp(file) : "")
                + ")";
    }

    private static String fileStamp(Path file) {
        try {
            return Files.size(file) + " bytes, modified " + Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
