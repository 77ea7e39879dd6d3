package io.seiswork.core.segy;

/** Character encoding of a 3200-byte SEG-Y textual header. */
public enum TextEncoding {
    /** EBCDIC, code page 037 (the SEG-Y standard), with 0x6A read as '|'. */
    EBCDIC,
    /** ASCII (allowed since SEG-Y rev 1). */
    ASCII,
    /** No textual header (Seismic Unix files). */
    NONE
}
