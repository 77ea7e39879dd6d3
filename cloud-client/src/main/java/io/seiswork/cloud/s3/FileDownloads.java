package io.seiswork.cloud.s3;

import io.seiswork.core.files.UploadPartSize;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Objects downloaded to files by ranged GETs of a part each, {@code parallelParts} at a time,
 * all of the version one HEAD finds, through {@code <file>.part} renamed at the end
 * ({@link PartialDownload}): a broken download never leaves a truncated file under the real name,
 * and the next download of the same object goes on where it stopped.
 */
final class FileDownloads {

    private final S3Client s3;
    private final BucketObjects objects;
    private final int partBytes;
    private final int parallelParts;

    /**
     * @param partBytes bytes of one GET, each held in memory until written
     * @param parallelParts GETs at once
     */
    FileDownloads(S3Client s3, BucketObjects objects, int partBytes, int parallelParts) {
        this.s3 = s3;
        this.objects = objects;
        this.partBytes = partBytes;
        this.parallelParts = parallelParts;
    }

    /** As {@link ArtifactStore#getFile(String, Path, long, TransferProgress, CancellationToken)}. */
    StoredVersion getFile(String key, Path file, long maxBytes, TransferProgress progress, CancellationToken cancel) {
        long size = objects.requireSize(key, maxBytes);
        S3Location at = objects.at(key);
        S3RangeReader reader = S3RangeReader.open(s3, at);
        PartsDone progressOf = new PartsDone(size, progress);
        String doing = "fetching " + file.getFileName();
        int count = UploadPartSize.count(size, partBytes);
        PartStop stop = new PartStop(cancel);
        PartialDownload download = PartialDownload.open(file, reader.eTag(), size, partBytes);
        try (download) {
            if (download.resumedBytes() > 0) {
                progressOf.done(download.resumedBytes());
            }
            ParallelParts.runOnOwnPool(count, parallelParts, i -> {
                if (download.has(i)) {
                    return;
                }
                long offset = (long) i * partBytes;
                ByteBuffer buf = ByteBuffer.allocate((int) Math.min(partBytes, size - offset));
                reader.read(offset, buf, stop);
                buf.flip();
                download.write(buf, offset);
                download.done(i);
                progressOf.done(buf.limit());
            }, stop);
            if (size == 0) {
                progress.onBytes(0, 0);
            }
            download.complete();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download " + at + " to " + file + ": " + e.getMessage(), e);
        } catch (CancelledException e) {
            // Every part begun has ended, and the record of those on disk is saved (the download's close).
            throw new TransferCancelledException(doing, download.partsDone(), count, download.bytesDone(), size,
                    "on disk");
        }
        return new StoredVersion(size, reader.eTag());
    }

    /** As {@link ArtifactStore#partBytesOnDisk}: 0 when there are none. */
    static long partBytesOnDisk(Path file) {
        try {
            Path part = PartialDownload.partOf(file);
            return Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS) ? Files.size(part) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
