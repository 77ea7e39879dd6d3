package io.seiswork.core.segy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Bulk conversion between the bytes of a trace's samples and {@code float[]}, for one sample
 * format and byte order.
 *
 * <p>Copies go through {@link MemorySegment#copy(MemorySegment, ValueLayout, long, Object, int,
 * int)}, which swaps bytes in bulk, into primitive scratch arrays; the per-sample loops then work
 * on primitives only (no per-sample objects). One codec keeps its scratch arrays between calls,
 * so it is not thread-safe: give each reader or writer its own.
 *
 * <p>Integer formats are converted to float exactly where float can hold the value (all of int8,
 * int16, uint8, uint16, int24, uint24) and otherwise rounded to the nearest float. Encoding to an
 * integer format rounds to nearest and saturates at the type's range; NaN becomes 0.
 */
final class SampleCodec {

    private final SampleFormat format;
    private final ByteOrder order;
    private final ValueLayout.OfShort shortLayout;
    private final ValueLayout.OfInt intLayout;
    private final ValueLayout.OfLong longLayout;
    private final ValueLayout.OfFloat floatLayout;
    private final ValueLayout.OfDouble doubleLayout;
    private short[] shorts = new short[0];
    private int[] ints = new int[0];
    private long[] longs = new long[0];
    private double[] doubles = new double[0];
    private byte[] bytes = new byte[0];

    SampleCodec(SampleFormat format, ByteOrder order) {
        this.format = format;
        this.order = order;
        this.shortLayout = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order);
        this.intLayout = ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
        this.longLayout = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order);
        this.floatLayout = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order);
        this.doubleLayout = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(order);
    }

    SampleFormat format() {
        return format;
    }

    /** Decodes {@code n} samples starting at byte {@code offset} of {@code src} into {@code dst[0..n)}. */
    void decode(MemorySegment src, long offset, float[] dst, int n) {
        switch (format) {
            case IEEE32 -> MemorySegment.copy(src, floatLayout, offset, dst, 0, n);
            case IBM32 -> {
                int[] w = ints(n);
                MemorySegment.copy(src, intLayout, offset, w, 0, n);
                IbmFloat.toFloats(w, dst, n);
            }
            case INT32 -> {
                int[] w = ints(n);
                MemorySegment.copy(src, intLayout, offset, w, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[i] = w[i];
                }
            }
            case UINT32 -> {
                int[] w = ints(n);
                MemorySegment.copy(src, intLayout, offset, w, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[i] = w[i] & 0xFFFFFFFFL;
                }
            }
            case INT16 -> {
                short[] w = shorts(n);
                MemorySegment.copy(src, shortLayout, offset, w, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[i] = w[i];
                }
            }
            case UINT16 -> {
                short[] w = shorts(n);
                MemorySegment.copy(src, shortLayout, offset, w, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[i] = w[i] & 0xFFFF;
                }
            }
            case INT8 -> {
                byte[] w = bytes(n);
                MemorySegment.copy(src, ValueLayout.JAVA_BYTE, offset, w, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[i] = w[i];
                }
            }
            case UINT8 -> {
                byte[] w = bytes(n);
                MemorySegment.copy(src, ValueLayout.JAVA_BYTE, offset, w, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[i] = w[i] & 0xFF;
                }
            }
            case INT64 -> {
                long[] w = longs(n);
                MemorySegment.copy(src, longLayout, offset, w, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[i] = w[i];
                }
            }
            case UINT64 -> {
                long[] w = longs(n);
                MemorySegment.copy(src, longLayout, offset, w, 0, n);
                for (int i = 0; i < n; i++) {
                    long v = w[i];
                    // Unsigned: halve (keeping the low bit so rounding stays right), convert, double.
                    dst[i] = v >= 0 ? (float) v : 2f * (float) ((v >>> 1) | (v & 1));
                }
            }
            case IEEE64 -> {
                double[] w = doubles(n);
                MemorySegment.copy(src, doubleLayout, offset, w, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[i] = (float) w[i];
                }
            }
            case INT24, UINT24 -> decode24(src, offset, dst, n, format == SampleFormat.INT24);
        }
    }

    private void decode24(MemorySegment src, long offset, float[] dst, int n, boolean signed) {
        byte[] w = bytes(3 * n);
        MemorySegment.copy(src, ValueLayout.JAVA_BYTE, offset, w, 0, 3 * n);
        boolean big = order == ByteOrder.BIG_ENDIAN;
        for (int i = 0, j = 0; i < n; i++, j += 3) {
            int hi = big ? w[j] : w[j + 2];
            int mid = w[j + 1] & 0xFF;
            int lo = (big ? w[j + 2] : w[j]) & 0xFF;
            int v = (signed ? hi << 16 : (hi & 0xFF) << 16) | mid << 8 | lo;
            dst[i] = v;
        }
    }

    /** Encodes {@code src[0..n)} into bytes starting at {@code offset} of {@code dst}. */
    void encode(float[] src, int n, MemorySegment dst, long offset) {
        switch (format) {
            case IEEE32 -> MemorySegment.copy(src, 0, dst, floatLayout, offset, n);
            case IBM32 -> {
                int[] w = ints(n);
                IbmFloat.fromFloats(src, w, n);
                MemorySegment.copy(w, 0, dst, intLayout, offset, n);
            }
            case INT32 -> {
                int[] w = ints(n);
                for (int i = 0; i < n; i++) {
                    w[i] = Math.round(src[i]); // saturates at the int range, NaN gives 0
                }
                MemorySegment.copy(w, 0, dst, intLayout, offset, n);
            }
            case INT16 -> {
                short[] w = shorts(n);
                for (int i = 0; i < n; i++) {
                    w[i] = (short) Math.clamp(Math.round(src[i]), Short.MIN_VALUE, Short.MAX_VALUE);
                }
                MemorySegment.copy(w, 0, dst, shortLayout, offset, n);
            }
            case INT8 -> {
                byte[] w = bytes(n);
                for (int i = 0; i < n; i++) {
                    w[i] = (byte) Math.clamp(Math.round(src[i]), Byte.MIN_VALUE, Byte.MAX_VALUE);
                }
                MemorySegment.copy(w, 0, dst, ValueLayout.JAVA_BYTE, offset, n);
            }
            default -> throw new IllegalStateException("sample format " + format.shortName()
                    + " (code " + format.code() + ") cannot be written; writable: ibm32, int32, int16, ieee32, int8");
        }
    }

    private int[] ints(int n) {
        if (ints.length < n) {
            ints = new int[n];
        }
        return ints;
    }

    private short[] shorts(int n) {
        if (shorts.length < n) {
            shorts = new short[n];
        }
        return shorts;
    }

    private long[] longs(int n) {
        if (longs.length < n) {
            longs = new long[n];
        }
        return longs;
    }

    private double[] doubles(int n) {
        if (doubles.length < n) {
            doubles = new double[n];
        }
        return doubles;
    }

    private byte[] bytes(int n) {
        if (bytes.length < n) {
            bytes = new byte[n];
        }
        return bytes;
    }
}
