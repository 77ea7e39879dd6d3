package io.seiswork.app.desktop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the parts of the spec form share: the text they write into, how a model file is chosen,
 * and whether the form is showing the text's values (then controls firing on their own must not
 * write them back).
 */
final class FormContext {

    /** As the spec reader: a key given twice is no spec (the form would edit one, the reader take the other). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    final SpecText text;
    final ModelFileChooser files;
    boolean refreshing;

    FormContext(SpecText text, ModelFileChooser files) {
        this.text = text;
        this.files = files;
    }

    /**
     * The text as it is now, parsed, or null when it does not parse: what an edit made from
     * values shown earlier must be checked against, since the user may have typed in the JSON
     * since the form last showed it.
     */
    JsonNode currentTree() {
        try {
            return JSON.readTree(text.text());
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
