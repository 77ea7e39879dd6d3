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
    /** Where a value being typed is checked against the rest of the spec (off the JavaFX thread). */
    final java.util.concurrent.Executor checks;
    boolean refreshing;
    /**
     * Whether the text is too long for the form to edit ({@link SpecEditor#FORM_MAX_CHARS}), as
     * of the last key: no form edit then reads or writes the text.
     */
    boolean readOnly;
    /** Told when a field starts or stops holding a refused value, or a typed value's problem changes. */
    Runnable typingChanged = () -> { };

    /** The form's edits of the text, worked out off the JavaFX thread and made in order. */
    final FormEdits edits;

    FormContext(SpecText text, org.fxmisc.richtext.CodeArea area, ModelFileChooser files,
            java.util.concurrent.Executor checks) {
        this.text = text;
        this.files = files;
        this.checks = checks;
        this.edits = new FormEdits(area, text, checks);
    }

    /**
     * {@code json} parsed, or null when it does not parse: what an edit made from values shown
     * earlier is checked against (in {@link FormEdits}' work, off the JavaFX thread), since the
     * user may have typed in the JSON since the form last showed it.
     */
    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * The outcome of setting the value at {@code pointer} of {@code json} to {@code literal}:
     * nothing when it already reads so or the text cannot take it (it does not parse, a
     * non-object in the way); then {@code refused} runs, when not null.
     */
    static FormEdits.Outcome put(String json, String pointer, String literal, Runnable refused) {
        try {
            return new FormEdits.Outcome(SpecText.put(json, pointer, literal), null);
        } catch (IllegalArgumentException notThere) {
            return FormEdits.Outcome.none(refused);
        }
    }
}
