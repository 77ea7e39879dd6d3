package io.seiswork.app.desktop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.core.spec.JobSpec;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The files a spec names (its velocity models and recorded data), which are relative to the
 * spec's folder when not written whole: a spec saved into another folder must name them anew, or
 * the copy would point at files that are not there.
 */
final class SpecFiles {

    /** Where a spec names a file. */
    static final List<String> POINTERS = List.of("/velocity/segy", "/velocity/raw/path", "/migrationVelocity/segy",
            "/migrationVelocity/raw/path", "/data");

    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecFiles() {
    }

    /**
     * The files {@code json} names, relative names resolved against {@code dir} (the spec's
     * folder), in {@link #POINTERS}' order; none for text that does not parse, synthetic data or
     * a name this machine cannot read as a path.
     */
    static List<Path> named(String json, Path dir) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (IOException e) {
            return List.of();
        }
        List<Path> out = new java.util.ArrayList<>();
        for (String pointer : POINTERS) {
            JsonNode v = tree.at(pointer);
            if (!v.isTextual() || pointer.equals("/data") && JobSpec.SYNTHETIC.equals(v.asText())) {
                continue;
            }
            try {
                out.add(dir.toAbsolutePath().resolve(v.asText()).normalize());
            } catch (InvalidPathException e) {
                // not a file name here: the spec's check says so when it is opened
            }
        }
        return out;
    }

    /**
     * The spec text with every relative file name it holds rewritten for a spec in folder
     * {@code to} instead of {@code from}: relative to {@code to} when the file lies under it, else
     * whole (a spec saved in its own folder keeps its names). Everything else in the text
     * (layout, other values) is kept; text that does not parse
     * is returned as it is.
     */
    static String rebase(String json, Path from, Path to) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (IOException e) {
            return json;
        }
        Path fromDir = from.toAbsolutePath().normalize();
        Path toDir = to.toAbsolutePath().normalize();
        if (fromDir.equals(toDir)) {
            return json;  // the names hold as they are, "../" ones too
        }
        String out = json;
        for (String pointer : POINTERS) {
            JsonNode v = tree.at(pointer);
            if (!v.isTextual() || pointer.equals("/data") && JobSpec.SYNTHETIC.equals(v.asText())) {
                continue;
            }
            Path named;
            try {
                named = Path.of(v.asText());
            } catch (InvalidPathException e) {
                continue;  // not a file name this machine can read either way: the check will say so
            }
            if (named.isAbsolute()) {
                continue;
            }
            String renamed = DialogFileChooser.specName(toDir, fromDir.resolve(named).normalize());
            if (!renamed.equals(v.asText())) {
                out = JsonValueEdit.put(out, pointer, SpecText.quote(renamed)).applyTo(out);
            }
        }
        return out;
    }
}
