package io.seiswork.core.segy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes and encodes 3200-byte textual headers (the main one and rev-1 extended ones).
 *
 * <p>EBCDIC uses code page 037 like segyio, with one change: byte 0x6A, which cp037 maps to
 * '¦', is read as '|' because SEG-Y headers use it as a column separator; and bytes 0xAD and 0xBD,
 * cp037's 'Ý' and '¨', are read as '[' and ']', which is what they are in code page 1047 (the
 * Volve headers Petrel wrote have "[m]" so), and neither letter belongs in a SEG-Y header. Detection of the
 * encoding counts the bytes that look like text in each: EBCDIC text is mostly 0x40 (space) and
 * letters/digits at 0xC1-0xF9, ASCII text is mostly 0x20 and 0x30-0x7A; a tie (for example an
 * all-NUL block) counts as EBCDIC, the standard's choice.
 */
public final class TextHeaderCodec {

    /** Size of a textual header in bytes (40 lines of 80 characters). */
    public static final int SIZE = 3200;

    private static final char[] EBCDIC_TO_CHAR = new char[256];
    private static final byte[] CHAR_TO_EBCDIC = new byte[65536];

    static {
        Charset cp037 = Charset.forName("IBM037");
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String decoded = new String(all, cp037);
        Arrays.fill(CHAR_TO_EBCDIC, (byte) 0x6F); // '?' for characters cp037 cannot hold
        for (int i = 255; i >= 0; i--) {
            EBCDIC_TO_CHAR[i] = decoded.charAt(i);
            CHAR_TO_EBCDIC[decoded.charAt(i)] = (byte) i;
        }
        EBCDIC_TO_CHAR[0x6A] = '|'; // cp037 has '|' at 0x4F too; encoding keeps 0x4F
        EBCDIC_TO_CHAR[0xAD] = '['; // code page 1047's brackets (Petrel writes them); cp037 has 'Ý' and '¨' there
        EBCDIC_TO_CHAR[0xBD] = ']'; // and its own brackets at 0xBA/0xBB, which encoding keeps
    }

    private TextHeaderCodec() {
    }

    /** Guesses the encoding of a textual header (see the class comment). */
    public static TextEncoding detect(byte[] block) {
        int ebcdic = 0;
        int ascii = 0;
        for (byte b : block) {
            int v = b & 0xFF;
            if (v == 0x40 || (v >= 0xC1 && v <= 0xF9)) {
                ebcdic++;
            } else if (v == 0x20 || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)) {
                ascii++;
            }
        }
        return ascii > ebcdic ? TextEncoding.ASCII : TextEncoding.EBCDIC;
    }

    /** Decodes {@code block} (every byte becomes one character, NUL included) in {@code encoding}. */
    public static String decode(byte[] block, TextEncoding encoding) {
        if (encoding == TextEncoding.ASCII) {
            return new String(block, StandardCharsets.ISO_8859_1);
        }
        char[] c = new char[block.length];
        for (int i = 0; i < block.length; i++) {
            c[i] = EBCDIC_TO_CHAR[block[i] & 0xFF];
        }
        return new String(c);
    }

    /**
     * Encodes {@code text} into a 3200-byte block: longer text is cut, shorter text is padded with
     * spaces; characters the encoding cannot hold become '?'.
     */
    public static byte[] encode(String text, TextEncoding encoding) {
        byte[] out = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            char ch = i < text.length() ? text.charAt(i) : ' ';
            out[i] = encoding == TextEncoding.ASCII
                    ? (ch < 128 ? (byte) ch : (byte) '?')
                    : CHAR_TO_EBCDIC[ch];
        }
        return out;
    }

    /**
     * Lays out lines as a textual header: each line is cut or padded to 80 characters, at most 40
     * lines. Handy to build a header from a few lines such as {@code "C 1 CLIENT ..."}.
     */
    public static String fromLines(String... lines) {
        StringBuilder sb = new StringBuilder(SIZE);
        for (int i = 0; i < Math.min(40, lines.length); i++) {
            String l = lines[i];
            sb.append(l.length() > 80 ? l.substring(0, 80) : l);
            sb.append(" ".repeat(80 - Math.min(80, l.length())));
        }
        return sb.toString();
    }

    /** Whether a decoded block is the "((SEG: EndText))" stanza (case and blanks ignored). */
    public static boolean isEndTextStanza(String decoded) {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < decoded.length() && sb.length() < 15; i++) {
            char c = decoded.charAt(i);
            if (!Character.isWhitespace(c) && c != 0) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString().equals("((seg:endtext))");
    }
}
