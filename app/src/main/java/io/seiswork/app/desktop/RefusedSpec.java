package io.seiswork.app.desktop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.core.spec.JobName;
import java.nio.file.Path;

/**
 * What the window shows of a spec it refuses, read from its text alone: the job's name for the
 * title and its engine for the tool bar's choice, as opening the same text would show them had it
 * been accepted. Nothing of the last project's stays to be taken for this one's: a refused spec
 * that names no engine, or one the spec reader would refuse, shows the reader's default,
 * {@code auto}.
 *
 * @param name the job's name in the text, else the name a run gives it (from the spec file's
 *     name, "demo" without one)
 * @param engine the engine the text names, else {@link EngineChoice#AUTO}
 */
record RefusedSpec(String name, EngineChoice engine) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code json} (the text refused, maybe not JSON at all) of {@code file} (null for none). Off the JavaFX thread. */
    static RefusedSpec of(String json, Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException | RuntimeException e) {
            root = null;  // not JSON: named after its file, on the default engine
        }
        JsonNode name = root == null ? null : root.path("name");
        return new RefusedSpec(name != null && name.isTextual() && !name.asText().isBlank() ? name.asText()
                : file == null ? "demo" : JobName.defaultFor(file.getFileName().toString()),
                root == null ? EngineChoice.AUTO : engineIn(root.path("engine")));
    }

    /** The engine as the spec reader takes it: one of the spellings it accepts, exactly. */
    private static EngineChoice engineIn(JsonNode engine) {
        for (EngineChoice c : EngineChoice.values()) {
            if (engine.isTextual() && engine.asText().equals(c.json())) {
                return c;
            }
        }
        return EngineChoice.AUTO;
    }
}
