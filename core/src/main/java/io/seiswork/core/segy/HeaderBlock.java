package io.seiswork.core.segy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A fixed-size header (trace header or binary header) held as raw bytes in the file's byte order,
 * with typed access by 1-based SEG-Y byte position.
 *
 * <p>Raw access keeps every field the file has, standard or not, so that a header read from one
 * file can be written unchanged to another; the subclasses add named fields and scaled values.
 * Positions outside the block, or a field running past its end, throw
 * {@link IllegalArgumentException}.
 */
public abstract sealed class HeaderBlock permits TraceHeader, BinaryHeader {

    private final byte[] bytes;
    private final ByteBuffer buffer;
    private final int firstPosition;

    HeaderBlock(byte[] bytes, ByteOrder order, int firstPosition) {
        this.bytes = bytes;
        this.buffer = ByteBuffer.wrap(bytes).order(order);
        this.firstPosition = firstPosition;
    }

    /** Byte order of the multi-byte fields. */
    public ByteOrder byteOrder() {
        return buffer.order();
    }

    /** A copy of the raw bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Whether every byte is 0: a header never written (no copy made, for passes over every trace). */
    public boolean isZeros() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The raw bytes themselves, for the reader and writer of this package. */
    byte[] rawBytes() {
        return bytes;
    }

    private int index(int position, int width) {
        int i = position - firstPosition;
        if (i < 0 || i + width > bytes.length) {
            throw new IllegalArgumentException("byte position " + position + " with width " + width
                    + " is outside the header (positions " + firstPosition + ".."
                    + (firstPosition + bytes.length - 1) + ")");
        }
        return i;
    }

    /** Signed 8-bit value at {@code position}. */
    public int getInt8(int position) {
        return bytes[index(position, 1)];
    }

    /** Unsigned 8-bit value at {@code position}. */
    public int getUInt8(int position) {
        return bytes[index(position, 1)] & 0xFF;
    }

    /** Signed 16-bit value at {@code position}. */
    public int getInt16(int position) {
        return buffer.getShort(index(position, 2));
    }

    /** Unsigned 16-bit value at {@code position} (for example sample counts above 32767). */
    public int getUInt16(int position) {
        return buffer.getShort(index(position, 2)) & 0xFFFF;
    }

    /** Signed 32-bit value at {@code position}. */
    public int getInt32(int position) {
        return buffer.getInt(index(position, 4));
    }

    /** Unsigned 32-bit value at {@code position}. */
    public long getUInt32(int position) {
        return buffer.getInt(index(position, 4)) & 0xFFFFFFFFL;
    }

    /** Signed 64-bit value at {@code position} (unsigned 64-bit fields: use {@link Long#toUnsignedString}). */
    public long getInt64(int position) {
        return buffer.getLong(index(position, 8));
    }

    /** IEEE 64-bit float at {@code position} (SEG-Y rev 2 binary-header fields such as 3273). */
    public double getFloat64(int position) {
        return buffer.getDouble(index(position, 8));
    }

    /** Sets the 8-bit field at {@code position} (the low 8 bits of {@code value}). */
    public void setInt8(int position, int value) {
        bytes[index(position, 1)] = (byte) value;
    }

    /** Sets the 16-bit field at {@code position} (the low 16 bits, so unsigned values up to 65535 fit). */
    public void setInt16(int position, int value) {
        buffer.putShort(index(position, 2), (short) value);
    }

    /** Sets the 32-bit field at {@code position}. */
    public void setInt32(int position, int value) {
        buffer.putInt(index(position, 4), value);
    }

    /** Sets the 64-bit field at {@code position}. */
    public void setInt64(int position, long value) {
        buffer.putLong(index(position, 8), value);
    }

    /** Sets the IEEE 64-bit float field at {@code position}. */
    public void setFloat64(int position, double value) {
        buffer.putDouble(index(position, 8), value);
    }

    /**
     * The bytes of this header in {@code order}: multi-byte fields of the standard layout
     * ({@code widths[i]} bytes at offset {@code i}, 0 = not the start of a field) reversed.
     */
    byte[] bytesInOrder(ByteOrder order, byte[] widths) {
        byte[] out = bytes.clone();
        if (order == byteOrder()) {
            return out;
        }
        for (int i = 0; i < widths.length; i++) {
            int w = widths[i];
            for (int k = 0; k < w / 2; k++) {
                byte t = out[i + k];
                out[i + k] = out[i + w - 1 - k];
                out[i + w - 1 - k] = t;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderBlock h && h.getClass() == getClass() && h.byteOrder() == byteOrder()
                && Arrays.equals(h.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
