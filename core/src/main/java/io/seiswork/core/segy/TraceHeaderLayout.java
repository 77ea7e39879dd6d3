package io.seiswork.core.segy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One trace-header layout from a SEG-Y rev 2.1 XML layout stanza ("((SEG:Layout:text/xml))"):
 * the standard 240-byte header (root {@code <segy-layout>}) or one named trace-header extension
 * ({@code <extension name=...>}). Immutable.
 *
 * <p>Why: rev 2.1 lets a file say where its header fields live instead of relying on the
 * standard bytes, so geometry keys (inline, crossline, offset) must be taken from here when present.
 *
 * @param name layout name: the root's {@code name} attribute, or the extension name such as "SEG00001"
 * @param fields the entries in stanza order
 * @param extensions the extension layouts declared inside the root (empty for an extension)
 */
public record TraceHeaderLayout(String name, List<Field> fields, List<TraceHeaderLayout> extensions) {

    /** Layout name segyio and Seiswork give the standard 240-byte trace header. */
    public static final String STANDARD_NAME = "SEG00000";

    public TraceHeaderLayout {
        fields = List.copyOf(fields);
        extensions = List.copyOf(extensions);
    }

    /** The entry named {@code fieldName}, if the layout maps it. */
    public Optional<Field> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** The extension layout named {@code extensionName}, if declared. */
    public Optional<TraceHeaderLayout> extension(String extensionName) {
        return extensions.stream().filter(e -> e.name().equals(extensionName)).findFirst();
    }

    /**
     * One header entry.
     *
     * @param name field name, for example "iline"
     * @param bytePosition 1-based byte of the field in its header
     * @param type value type
     */
    public record Field(String name, int bytePosition, FieldType type) {
    }

    /**
     * The value types rev 2.1 (Table 7) and segyio know, with their sizes in bytes. The names
     * are the stanza's spelling in lower case.
     */
    public enum FieldType {
        INT2(2), INT4(4), INT8(8), UINT2(2), UINT4(4), UINT8(8), IBMFP(4), IEEE32(4), IEEE64(8),
        LINETRC(4), REELTRC(4), LINETRC8(8), REELTRC8(8), COOR4(4), ELEV4(4), TIME2(2), SPNUM4(4), SCALE6(6);

        private final int size;

        FieldType(int size) {
            this.size = size;
        }

        /** Size of the value in bytes. */
        public int size() {
            return size;
        }

        /** Stanza spelling of the type. */
        public String stanzaName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type spelled {@code s} in a stanza, if it is one. */
        static Optional<FieldType> fromStanza(String s) {
            for (FieldType t : values()) {
                if (t.stanzaName().equals(s)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }
}
