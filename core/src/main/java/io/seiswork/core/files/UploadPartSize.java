package io.seiswork.core.files;

import io.seiswork.core.spec.MemoryEstimate;
import java.util.Locale;

/**
 * The part size of a multipart upload, from the file's size and S3's limits: at most
 * {@link #MAX_PARTS} parts of at most 5 GiB, objects of at most {@link #MAX_OBJECT_BYTES}. A fixed
 * 64 MiB part stops at 625 GiB (its 10 001st part is refused, after 625 GiB sent), short of a
 * survey's recorded data of several TB or a 1 TiB output; so a larger file takes larger parts,
 * the fewest whole MiB that keep it within 10 000 of them (105 MiB for 1 TiB, 525 MiB for 5 TiB).
 *
 * <p>The size is a function of the file's size and the store's minimum alone, so an upload that
 * broke and is begun again (same key, same content, same size) takes the parts it took before,
 * and those S3 holds can be reused ({@code UnfinishedUpload}); and a pass over the file made
 * before the upload (a submission's over its data file, {@link FileSha256#read}) knows the parts
 * the upload will take ({@link #of(long)}) and records each one's SHA-256 for it to check.
 * Here, in the core, for that pass; the cloud client's job bucket uploads by it.
 */
public final class UploadPartSize {

    /** S3's most parts of one multipart upload. */
    public static final int MAX_PARTS = 10_000;
    /** S3's largest object: 5 TiB. */
    public static final long MAX_OBJECT_BYTES = 5L << 40;
    /**
     * The least part of an upload of the job bucket as configured by default: 64 MiB, so a 100 GB
     * volume takes about 1 600 parts, and a file of at most this goes up by one PUT.
     */
    public static final int LEAST_PART_BYTES = 64 << 20;

    private static final long MIB = 1L << 20;

    private UploadPartSize() {
    }

    /**
     * The part size, in bytes, of an upload of {@code size} bytes: {@code minPartBytes}, or
     * {@code ceil(size / maxParts)} rounded up to a whole MiB when that is larger.
     *
     * @param minPartBytes the store's part size, the least any upload takes
     * @param maxParts the most parts an upload may take ({@link #MAX_PARTS}; fewer in tests, so
     *     that a small file takes parts above the least)
     */
    public static int of(long size, int minPartBytes, int maxParts) {
        long perPart = (size + maxParts - 1) / maxParts;
        long wholeMiB = (perPart + MIB - 1) / MIB * MIB;
        return Math.toIntExact(Math.max(minPartBytes, wholeMiB));
    }

    /**
     * The part size, in bytes, of an upload of {@code size} bytes by a store of the default part
     * size ({@link #LEAST_PART_BYTES}, {@link #MAX_PARTS}): {@code LEAST_PART_BYTES} up to 625 GiB,
     * 105 MiB for 1 TiB, 525 MiB for 5 TiB.
     */
    public static int of(long size) {
        return of(size, LEAST_PART_BYTES, MAX_PARTS);
    }

    /**
     * How many parts of {@code partBytes} hold {@code size} bytes, the last maybe shorter: the parts
     * of an upload, or the ranged GETs of a download.
     */
    public static int count(long size, int partBytes) {
        return Math.toIntExact((size + partBytes - 1) / partBytes);
    }

    /**
     * Refuses, in one line naming the file, its size and the limit, a file S3 cannot store as one
     * object: said before its hashing read and its upload, not after hours of them.
     *
     * @throws IllegalArgumentException when {@code size} exceeds {@link #MAX_OBJECT_BYTES}
     */
    public static void checkStorable(String name, long size) {
        if (size > MAX_OBJECT_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s is %s (%,d bytes), more than the 5 TiB S3 stores in one object: split it into files of at most 5 TiB (a survey's data into several jobs)",
                    name, MemoryEstimate.human(size), size));
        }
    }
}
