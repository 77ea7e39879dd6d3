package io.seiswork.app.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * Jackson's JSON escapes plus DEL (U+007F) and the C1 controls (U+0080–U+009F) as
 * {@code \}{@code u00XX}. JSON itself needs only U+0000–U+001F escaped, but file-derived text
 * (a SEG-Y text header) printed as JSON on a terminal would otherwise carry U+009B, which some
 * terminals take as CSI, the start of an escape sequence ({@link io.seiswork.app.text.TerminalText}).
 */
final class JsonControlEscapes extends CharacterEscapes {

    private static final long serialVersionUID = 1L;

    private static final int DEL = 0x7F;
    private static final int LAST_C1 = 0x9F;

    private final int[] ascii;

    private JsonControlEscapes() {
        ascii = standardAsciiEscapesForJSON();
        ascii[DEL] = ESCAPE_STANDARD;
    }

    /** {@code mapper}, its output escaping controls as this class says. */
    static ObjectMapper on(ObjectMapper mapper) {
        mapper.getFactory().setCharacterEscapes(new JsonControlEscapes());
        return mapper;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return ch > DEL && ch <= LAST_C1 ? new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch)) : null;
    }
}
