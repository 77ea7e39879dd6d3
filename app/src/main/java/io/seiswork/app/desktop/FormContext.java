package io.seiswork.app.desktop;

/**
 * What the parts of the spec form share: the text they write into, how a model file is chosen,
 * and whether the form is showing the text's values (then controls firing on their own must not
 * write them back).
 */
final class FormContext {

    final SpecText text;
    final ModelFileChooser files;
    boolean refreshing;

    FormContext(SpecText text, ModelFileChooser files) {
        this.text = text;
        this.files = files;
    }
}
