package io.seiswork.core.segy;

import java.util.Locale;

/**
 * Data sample format codes of the SEG-Y binary header (bytes 3225-3226), with the short names
 * the command line uses.
 *
 * <p>Every format can be read; {@link #writable()} says which ones {@link SegyWriter} writes
 * (the five formats of SEG-Y rev 1 that segyio and most tools handle). Format 4 (fixed point
 * with gain, obsolete since rev 1) is not supported.
 */
public enum SampleFormat {
    /** 4-byte IBM hexadecimal floating point (code 1), the classic SEG-Y format. */
    IBM32(1, 4, "ibm32", true),
    /** 4-byte two's complement integer (code 2). */
    INT32(2, 4, "int32", true),
    /** 2-byte two's complement integer (code 3). */
    INT16(3, 2, "int16", true),
    /** 4-byte IEEE floating point (code 5). */
    IEEE32(5, 4, "ieee32", true),
    /** 8-byte IEEE floating point (code 6, rev 2); read as float, so precision beyond float is lost. */
    IEEE64(6, 8, "ieee64", false),
    /** 3-byte two's complement integer (code 7, rev 2). */
    INT24(7, 3, "int24", false),
    /** 1-byte two's complement integer (code 8). */
    INT8(8, 1, "int8", true),
    /** 8-byte two's complement integer (code 9, rev 2). */
    INT64(9, 8, "int64", false),
    /** 4-byte unsigned integer (code 10, rev 2). */
    UINT32(10, 4, "uint32", false),
    /** 2-byte unsigned integer (code 11, rev 2). */
    UINT16(11, 2, "uint16", false),
    /** 8-byte unsigned integer (code 12, rev 2). */
    UINT64(12, 8, "uint64", false),
    /** 3-byte unsigned integer (code 15, rev 2). */
    UINT24(15, 3, "uint24", false),
    /** 1-byte unsigned integer (code 16, rev 2). */
    UINT8(16, 1, "uint8", false);

    private final int code;
    private final int bytes;
    private final String shortName;
    private final boolean writable;

    SampleFormat(int code, int bytes, String shortName, boolean writable) {
        this.code = code;
        this.bytes = bytes;
        this.shortName = shortName;
        this.writable = writable;
    }

    /** The binary-header code (bytes 3225-3226). */
    public int code() {
        return code;
    }

    /** Bytes per sample. */
    public int bytesPerSample() {
        return bytes;
    }

    /** Short lower-case name, for example {@code ibm32}. */
    public String shortName() {
        return shortName;
    }

    /** Whether samples are integers (rounded to nearest and saturated when written from floats). */
    public boolean isInteger() {
        return this != IBM32 && this != IEEE32 && this != IEEE64;
    }

    /** Smallest integer this format holds (integer formats only). */
    public long integerMin() {
        return switch (this) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT24 -> -(1L << 23);
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            case UINT8, UINT16, UINT24, UINT32, UINT64 -> 0;
            case IBM32, IEEE32, IEEE64 -> throw new IllegalStateException(shortName + " is not an integer format");
        };
    }

    /** Largest integer this format holds (for uint64, {@link Long#MAX_VALUE}, below its true 2^64 − 1). */
    public long integerMax() {
        return switch (this) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT24 -> (1L << 23) - 1;
            case INT32 -> Integer.MAX_VALUE;
            case INT64, UINT64 -> Long.MAX_VALUE;
            case UINT8 -> 0xFF;
            case UINT16 -> 0xFFFF;
            case UINT24 -> (1L << 24) - 1;
            case UINT32 -> 0xFFFF_FFFFL;
            case IBM32, IEEE32, IEEE64 -> throw new IllegalStateException(shortName + " is not an integer format");
        };
    }

    /** Whether {@link SegyWriter} can write this format. */
    public boolean writable() {
        return writable;
    }

    /**
     * The format with this binary-header code.
     *
     * @throws IllegalArgumentException naming the code when it is unknown or unsupported
     */
    public static SampleFormat fromCode(int code) {
        for (SampleFormat f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        if (code == 4) {
            throw new IllegalArgumentException(
                    "sample format code 4 (fixed point with gain, obsolete since SEG-Y rev 1) is not supported");
        }
        throw new IllegalArgumentException("unknown sample format code " + code + " (known: " + knownCodes() + ")");
    }

    /**
     * The codes that are read, "1, 2, 3, 5, ..., 16", for messages refusing a code: 4, 13 and 14
     * are not among them, so no message may say "1 to 16".
     */
    public static String knownCodes() {
        StringBuilder known = new StringBuilder();
        for (SampleFormat f : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(f.code);
        }
        return known.toString();
    }

    /** "int24 (format code 7)": the name and code, for messages about a trace's size. */
    public String describe() {
        return shortName + " (format code " + code + ")";
    }

    /**
     * The format with this short name (case-insensitive), for example {@code ieee32}.
     *
     * @throws IllegalArgumentException listing the names when there is none such
     */
    public static SampleFormat fromShortName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (SampleFormat f : values()) {
            if (f.shortName.equals(n)) {
                return f;
            }
        }
        StringBuilder known = new StringBuilder();
        for (SampleFormat f : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(f.shortName);
        }
        throw new IllegalArgumentException("unknown sample format '" + name + "' (known: " + known + ")");
    }
}
