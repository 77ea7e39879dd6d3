package io.seiswork.cloud.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A job spec as a JSON tree, the form the dispatcher submits: its file fields are rewritten to
 * input keys and an engine override is written in, with every other key kept as the user wrote it.
 * (The spec's meaning is checked by {@code JobSpecReader} before it gets here.)
 */
public final class SpecTree {

    /** Strict as the spec reader: text after the spec's object is an error, not ignored. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SpecTree() {
    }

    /** Reads a spec file. */
    public static ObjectNode read(Path specFile) {
        try {
            return object(JSON.readTree(specFile.toFile()), specFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + specFile + ": " + e.getMessage(), e);
        }
    }

    /** Parses a spec's text ({@code source} names it in messages). */
    public static ObjectNode parse(String text, String source) {
        try {
            return object(JSON.readTree(text), source);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not JSON: " + e.getOriginalMessage());
        }
    }

    private static ObjectNode object(Object tree, String source) {
        if (tree instanceof ObjectNode o) {
            return o;
        }
        throw new IllegalArgumentException(source + ": a job spec must be a JSON object");
    }
}
