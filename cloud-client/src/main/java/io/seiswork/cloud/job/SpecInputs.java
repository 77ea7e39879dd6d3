package io.seiswork.cloud.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.spec.JobSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a job spec that name files (architecture: job spec): {@code velocity.segy},
 * {@code velocity.raw.path}, the same under {@code migrationVelocity}, and {@code data} unless it
 * is {@code "synthetic"}. The dispatcher uploads each file and rewrites its field to the input's
 * key; a worker downloads exactly those keys and nothing else, and refuses a spec whose file
 * fields are not input keys, so a spec can never make a worker read its own disk.
 */
public final class SpecInputs {

    private SpecInputs() {
    }

    /**
     * One file field of a spec.
     *
     * @param owner the object holding the field
     * @param field its name
     * @param path its JSON path, for messages ({@code velocity.raw.path})
     */
    public record FileField(ObjectNode owner, String field, String path) {

        public String value() {
            return owner.get(field).asText();
        }

        public void set(String value) {
            owner.put(field, value);
        }
    }

    /** The file fields present in {@code spec}. */
    public static List<FileField> of(ObjectNode spec) {
        List<FileField> out = new ArrayList<>();
        for (String v : new String[] {"velocity", "migrationVelocity"}) {
            if (spec.get(v) instanceof ObjectNode vel) {
                text(vel, "segy", v + ".segy", out);
                if (vel.get("raw") instanceof ObjectNode raw) {
                    text(raw, "path", v + ".raw.path", out);
                }
            }
        }
        JsonNode data = spec.get("data");
        if (data != null && data.isTextual() && !JobSpec.SYNTHETIC.equals(data.asText())) {
            out.add(new FileField(spec, "data", "data"));
        }
        return out;
    }

    private static void text(ObjectNode o, String field, String path, List<FileField> out) {
        if (o.get(field) != null && o.get(field).isTextual()) {
            out.add(new FileField(o, field, path));
        }
    }
}
