package io.seiswork.core.volume;

/**
 * Constants of the {@code .swv} container (byte layout in {@code docs/formats/swv.md}):
 * an 8-byte magic, a little-endian int32 format version, the int32 length and CRC-32 of the JSON
 * header that follows at byte {@value #JSON_OFFSET}, zero padding up to {@value #DATA_OFFSET}, then
 * the bricks.
 */
public final class SwvFormat {

    private SwvFormat() {
    }

    /** First 8 bytes: 0x89 'S' 'W' 'V' CR LF SUB LF (catches text-mode transfers, like PNG's). */
    public static final byte[] MAGIC = {(byte) 0x89, 'S', 'W', 'V', '\r', '\n', 0x1A, '\n'};
    /** The version this code writes and reads. */
    public static final int VERSION = 1;
    /** Byte offset of the JSON header. */
    public static final int JSON_OFFSET = 20;
    /**
     * Byte offset of the first brick: the JSON header must fit before it. 64 KiB holds the header
     * of any volume (its histograms have at most 256 + 2 × 1536 bins), keeps bricks page-aligned and lets
     * a remote reader fetch the whole header with one ranged GET.
     */
    public static final int DATA_OFFSET = 65536;
    /** Bins of the stored histogram. */
    public static final int HISTOGRAM_BINS = 256;
    /** File name extension. */
    public static final String EXTENSION = ".swv";
}
