package io.seiswork.core.segy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the XML layout stanzas in a file's extended textual headers and ties their layouts to
 * the trace-header extensions actually present. Package-private helper of {@link SegyReader}.
 *
 * <p>A stanza starts with a 3200-byte block whose text begins with "((SEG:Layout" (optionally
 * ":text/xml"; case and blanks ignored) and continues over the following blocks until a block
 * that starts another stanza. Each block is decoded in its own detected encoding, because
 * writers mix EBCDIC first headers with ASCII stanzas.
 */
final class LayoutStanzas {

    private LayoutStanzas() {
    }

    /**
     * Parses every layout stanza among {@code extendedBlocks} (the raw extended textual headers).
     *
     * @return the layouts in file order; empty when there is no layout stanza
     * @throws SegyException when a stanza is invalid (see {@link LayoutStanzaParser})
     */
    static List<TraceHeaderLayout> parse(Path file, List<byte[]> extendedBlocks) {
        List<TraceHeaderLayout> out = new ArrayList<>();
        StringBuilder body = null;
        for (byte[] raw : extendedBlocks) {
            String text = TextHeaderCodec.decode(raw, TextHeaderCodec.detect(raw));
            String stripped = text.stripLeading();
            if (stripped.startsWith("((")) {
                if (body != null) {
                    out.add(LayoutStanzaParser.parse(file, trim(body)));
                    body = null;
                }
                int close = stripped.indexOf("))");
                String header = close < 0 ? "" : compact(stripped.substring(2, close));
                if (header.startsWith("seg:layout")) {
                    String type = header.substring("seg:layout".length());
                    if (!type.isEmpty() && !type.equals(":text/xml")) {
                        throw new SegyException(file, LayoutStanzaParser.PREFIX + "unsupported layout stanza type \""
                                + stripped.substring(2, close).strip() + "\" (only XML layouts are read)", -1);
                    }
                    body = new StringBuilder(stripped.substring(close + 2));
                }
            } else if (body != null) {
                body.append(text);
            }
        }
        if (body != null) {
            out.add(LayoutStanzaParser.parse(file, trim(body)));
        }
        return out;
    }

    /**
     * Names of the trace-header layouts in use: "SEG00000" for the standard header, then one per
     * extension header in file order, named by the last 8 bytes of the first trace's extension.
     *
     * <p>The names are decoded in the first textual header's encoding, as rev 2.1 asks; the
     * standard "SEG00001" is also accepted in ASCII, as segyio does. A name no stanza declares is
     * an error, because its fields could not be interpreted.
     *
     * @param extensionHeaders the first trace's extension headers, 240 bytes each
     */
    static List<String> names(Path file, List<TraceHeaderLayout> layouts, List<byte[]> extensionHeaders,
            TextEncoding encoding, long firstTraceOffset) {
        List<String> names = new ArrayList<>();
        names.add(TraceHeaderLayout.STANDARD_NAME);
        for (int i = 0; i < extensionHeaders.size(); i++) {
            byte[] h = extensionHeaders.get(i);
            byte[] raw = Arrays.copyOfRange(h, TraceHeader.SIZE - 8, TraceHeader.SIZE);
            String name = clean(TextHeaderCodec.decode(raw, encoding));
            if (findExtension(layouts, name).isEmpty()) {
                String ascii = clean(new String(raw, StandardCharsets.ISO_8859_1));
                if (ascii.equals("SEG00001")) {
                    name = ascii;
                } else if (!name.equals("SEG00001")) {
                    throw new SegyException(file, LayoutStanzaParser.PREFIX + "trace-header extension " + (i + 1)
                            + " is named \"" + name + "\" (bytes " + HexFormat.of().formatHex(raw)
                            + ") but no layout stanza declares it (names are read in the textual header's "
                            + encoding + " encoding)", firstTraceOffset + (long) TraceHeader.SIZE
                            * (i + 2) - 8);
                }
            }
            names.add(name);
        }
        return names;
    }

    /** The extension named {@code name} in the first layout that declares it. */
    static Optional<TraceHeaderLayout> findExtension(List<TraceHeaderLayout> layouts, String name) {
        return layouts.stream().flatMap(l -> l.extension(name).stream()).findFirst();
    }

    /** The 1-based standard-header byte of {@code field} from the first layout that maps it. */
    static Optional<Integer> standardByte(List<TraceHeaderLayout> layouts, String field) {
        return layouts.stream().flatMap(l -> l.field(field).stream()).findFirst()
                .map(TraceHeaderLayout.Field::bytePosition);
    }

    private static String clean(String s) {
        return s.replace('\0', ' ').strip();
    }

    private static String compact(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (!Character.isWhitespace(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Drops the line break before the XML declaration (which must come first) and the blank and
     * NUL padding after the XML (NULs are not legal XML characters).
     */
    private static String trim(StringBuilder sb) {
        int start = 0;
        while (start < sb.length() && Character.isWhitespace(sb.charAt(start))) {
            start++;
        }
        int end = sb.length();
        while (end > 0 && (sb.charAt(end - 1) == ' ' || sb.charAt(end - 1) == '\0' || sb.charAt(end - 1) == '\n')) {
            end--;
        }
        return start >= end ? "" : sb.substring(start, end);
    }
}
