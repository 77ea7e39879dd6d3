package io.seiswork.app.text;

/**
 * Text read from a file, made safe to print on a terminal. A SEG-Y text header (or a name, or a
 * message quoting one) may hold control characters: ESC sequences that retitle the window, clear
 * the screen or recolour what follows, and EBCDIC decodes some of its codes to the C0 and C1
 * control ranges. Printed raw they act on the user's terminal instead of being read, so every
 * such character becomes a visible '.'. JSON output escapes them
 * ({@code JsonControlEscapes}). Here, not in the command line's package, because
 * the desktop's SEG-Y opening prints such text too ({@code io.seiswork.app.volume.SegyWarnings}).
 */
public final class TerminalText {

    /** What each control character is shown as. */
    public static final char PLACEHOLDER = '.';

    private TerminalText() {
    }

    /**
     * {@code s} with every C0 control (U+0000–U+001F), DEL (U+007F) and C1 control
     * (U+0080–U+009F) replaced by {@link #PLACEHOLDER}, line feeds included: for one line.
     */
    public static String line(String s) {
        return replaced(s, false);
    }

    /** As {@link #line}, keeping line feeds: for a message of several lines. */
    public static String lines(String s) {
        return replaced(s, true);
    }

    /** Whether {@code c} is a control character a terminal may act on. */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    private static String replaced(String s, boolean keepLineFeeds) {
        if (s == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c) && !(keepLineFeeds && c == '\n')) {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, PLACEHOLDER);
            }
        }
        return b == null ? s : b.toString();
    }
}
