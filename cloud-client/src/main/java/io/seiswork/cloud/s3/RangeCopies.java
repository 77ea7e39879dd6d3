package io.seiswork.cloud.s3;

import io.seiswork.core.volume.SwvException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Byte ranges of an object copied to a channel by ranged GETs of one pinned version
 * ({@link S3RangeReader}), planned by {@link RangeGets}: a few shots' traces of a recorded data
 * file of terabytes, never the whole of it.
 */
final class RangeCopies {

    /** Ranges of one copy closer than this share a GET: 4 MiB ({@link ArtifactStore#copyRanges} says why). */
    static final long COALESCE_GAP_BYTES = 4L << 20;

    private final S3Client s3;
    private final BucketObjects objects;
    private final int partBytes;
    private final int parallelParts;

    /**
     * @param objects where the objects lie, by key
     * @param partBytes the most bytes of one GET
     * @param parallelParts GETs at once, each into a buffer of its own
     */
    RangeCopies(S3Client s3, BucketObjects objects, int partBytes, int parallelParts) {
        this.s3 = s3;
        this.objects = objects;
        this.partBytes = partBytes;
        this.parallelParts = parallelParts;
    }

    /** As {@link ArtifactStore#openRanges}. */
    S3RangeReader open(String key) {
        S3Location at = objects.at(key);
        try {
            return S3RangeReader.open(s3, at);  // the one HEAD
        } catch (SwvException e) {
            if (e.getCause() instanceof S3Exception s3e && s3e.statusCode() == 404) {
                throw new IllegalArgumentException(at + " does not exist", e);
            }
            throw e;
        }
    }

    /** As {@link ArtifactStore#copyRanges(S3RangeReader, long[], WritableByteChannel)}. */
    void copy(S3RangeReader reader, long[] ranges, WritableByteChannel out) {
        // The ranges checked against the object first, to name it; an odd count RangeGets.plan refuses.
        for (int i = 0; i + 1 < ranges.length; i += 2) {
            if (ranges[i] < 0 || ranges[i + 1] < 0 || ranges[i] > reader.size() - ranges[i + 1]) {
                throw new IllegalArgumentException(reader.name() + ": bytes " + ranges[i] + " + " + ranges[i + 1]
                        + " lie past its end (" + reader.size() + " bytes)");
            }
        }
        List<RangeGets.Get> gets = RangeGets.plan(ranges, COALESCE_GAP_BYTES, partBytes);
        if (gets.isEmpty()) {
            return;
        }
        // The GETs go parallelParts at a time, each into a buffer of its own, their kept bytes
        // written in order before the buffers take the next batch.
        int slots = Math.min(parallelParts, gets.size());
        long largest = gets.stream().mapToLong(RangeGets.Get::length).max().orElseThrow();
        ByteBuffer[] buffers = GetBuffers.take(slots, Math.toIntExact(largest));
        ExecutorService pool = ParallelParts.pool(slots);
        PartStop stop = PartStop.onFailure();
        boolean copied = false;
        try {
            for (int b = 0; b < gets.size(); b += slots) {
                List<RangeGets.Get> batch = gets.subList(b, Math.min(gets.size(), b + slots));
                ParallelParts.run(pool, batch.size(), k -> {
                    RangeGets.Get g = batch.get(k);
                    ByteBuffer buf = buffers[k].clear().limit(Math.toIntExact(g.length()));
                    reader.read(g.offset(), buf, stop);
                }, stop);
                for (int k = 0; k < batch.size(); k++) {
                    long[] keep = batch.get(k).keep();
                    for (int p = 0; p < keep.length; p += 2) {
                        ByteBuffer piece = buffers[k].slice((int) keep[p], (int) keep[p + 1]);
                        while (piece.hasRemaining()) {
                            out.write(piece);
                        }
                    }
                }
            }
            copied = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + reader.name() + "'s bytes: " + e.getMessage(), e);
        } finally {
            pool.shutdown();
            if (copied) {
                // Every GET has returned (each batch was waited for): no other thread holds them.
                GetBuffers.giveBack(buffers);
            }
        }
    }
}
