package io.seiswork.kernels.job;

import io.seiswork.core.geometry.Position;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a {@link ShotIndex}: compact big-endian binary, the same bytes for the same
 * file, so that the index is stored by its content ({@code inputs/sha256/<hash>}) and a second
 * submission of the same data finds it stored.
 *
 * <pre>
 * "SWSI" magic, int version (2), byte flags (1: Seismic Unix),
 * long headerBytes, int traceBytes, long dataBytes, 32 bytes SHA-256 of the headers, int shots,
 * then per shot:
 *   int ffid, 3 doubles source x y z (m), 4 doubles receivers' minX maxX minY maxY (m),
 *   int ranges, then per range long first trace (from 0), int trace count,
 *   32 bytes SHA-256 of the shot's traces (its ranges' bytes one after the other)
 * </pre>
 *
 * 108 bytes per shot of one run of traces: 20 000 shots take about 2.2 MB. Version 2 added the
 * digests, which a worker checks each fetch against (version 1 had none; it is refused).
 */
public final class ShotIndexFormat {

    /** The format's version; a reader refuses another. */
    public static final int VERSION = 2;
    /** Largest index read, bytes: 20 000 shots of 1 000 ranges each. */
    public static final long MAX_BYTES = 256L << 20;

    private static final int MAGIC = 0x53575349;  // "SWSI"

    private ShotIndexFormat() {
    }

    /** Bytes of the fixed part before the shots. */
    static final int HEAD_BYTES = 33 + ShotIndex.DIGEST_BYTES;
    /** Bytes of a shot of one range; each further range takes 12 more. */
    public static final int SHOT_BYTES = 76 + ShotIndex.DIGEST_BYTES;

    /** The encoded size of an index of {@code shots} shots of {@code ranges} ranges in all. */
    public static long encodedBytes(long shots, long ranges) {
        return HEAD_BYTES + SHOT_BYTES * shots + 12 * (ranges - shots);
    }

    /**
     * The index's bytes.
     *
     * @throws IllegalArgumentException when it has no digests ({@link ShotIndex#withDigests})
     */
    public static byte[] encode(ShotIndex index) {
        if (!index.hasDigests()) {
            throw new IllegalArgumentException("a shot index is stored with its digests (ShotIndex.withDigests)");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEAD_BYTES + SHOT_BYTES * index.shots().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeByte(index.seismicUnix() ? 1 : 0);
            out.writeLong(index.headerBytes());
            out.writeInt(index.traceBytes());
            out.writeLong(index.dataBytes());
            out.write(index.headerSha256());
            out.writeInt(index.shots().size());
            for (ShotIndex.Entry e : index.shots()) {
                out.writeInt(e.ffid());
                out.writeDouble(e.source().x());
                out.writeDouble(e.source().y());
                out.writeDouble(e.source().z());
                out.writeDouble(e.minX());
                out.writeDouble(e.maxX());
                out.writeDouble(e.minY());
                out.writeDouble(e.maxY());
                long[] r = e.ranges();
                out.writeInt(r.length / 2);
                for (int i = 0; i < r.length; i += 2) {
                    out.writeLong(r[i]);
                    out.writeInt(Math.toIntExact(r[i + 1]));
                }
                out.write(e.sha256());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads an index.
     *
     * @param what names the index in errors (its key)
     * @throws IllegalArgumentException in one line naming {@code what} when the bytes are not an
     *     index of this version, or describe no valid file
     */
    public static ShotIndex decode(byte[] bytes, String what) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException(what + ": not a shot index");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException(what + ": shot index version " + version + ", this build reads "
                        + VERSION);
            }
            boolean su = in.readByte() == 1;
            long headerBytes = in.readLong();
            int traceBytes = in.readInt();
            long dataBytes = in.readLong();
            byte[] headerSha256 = in.readNBytes(ShotIndex.DIGEST_BYTES);
            int n = in.readInt();
            if (n < 1 || (long) n * SHOT_BYTES > bytes.length) {
                throw new IllegalArgumentException(what + ": " + n + " shots in " + bytes.length + " bytes");
            }
            List<ShotIndex.Entry> shots = new ArrayList<>(n);
            for (int s = 0; s < n; s++) {
                int ffid = in.readInt();
                Position source = new Position(in.readDouble(), in.readDouble(), in.readDouble());
                double minX = in.readDouble(), maxX = in.readDouble(), minY = in.readDouble(), maxY = in.readDouble();
                int ranges = in.readInt();
                if (ranges < 1 || (long) ranges * 12 + ShotIndex.DIGEST_BYTES > in.available()) {
                    throw new IllegalArgumentException(what + ": FFID " + ffid + " has " + ranges + " trace ranges");
                }
                long[] r = new long[2 * ranges];
                for (int i = 0; i < r.length; i += 2) {
                    r[i] = in.readLong();
                    r[i + 1] = in.readInt();
                }
                byte[] sha256 = in.readNBytes(ShotIndex.DIGEST_BYTES);
                shots.add(new ShotIndex.Entry(ffid, source, minX, maxX, minY, maxY, r, sha256));
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException(what + ": " + in.available() + " bytes after its last shot");
            }
            if (headerSha256.length != ShotIndex.DIGEST_BYTES) {
                throw new EOFException();
            }
            return new ShotIndex(headerBytes, traceBytes, su, dataBytes, headerSha256, shots);
        } catch (EOFException e) {
            throw new IllegalArgumentException(what + ": shot index cut short (" + bytes.length + " bytes)", e);
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(what) ? e
                    : new IllegalArgumentException(what + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
