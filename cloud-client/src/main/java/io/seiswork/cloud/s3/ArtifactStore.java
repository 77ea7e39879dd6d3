package io.seiswork.cloud.s3;

import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.core.files.FileSha256;
import io.seiswork.core.files.PartDigests;
import io.seiswork.core.files.UploadPartSize;
import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.CancellationToken;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The job bucket (S3): inputs stored by content, specs, shot results and outputs (layout in
 * {@link ObjectKeys}). Files move in parts of the store's own part size ({@link #DEFAULT_PART_BYTES}
 * unless its constructor is given another; larger for an upload that would take more than S3's
 * 10 000 of them, {@link UploadPartSize}), its parallel parts at a time
 * ({@link #DEFAULT_PARALLEL_PARTS} unless given), so a 100 GB volume uploads as a multipart upload
 * and downloads as ranged GETs, with progress, never whole in memory; downloads refuse objects
 * above the size the caller allows.
 *
 * <p>The one door its callers use, each kind of work done by a class of its own in this package:
 * {@link BucketObjects} (versions, listings, deletes), {@link SmallObjects} (whole puts and gets
 * of a few bytes), {@link ObjectTags}, {@link FileUploads} (one PUT or a multipart upload, and
 * the {@link ResumableUpload}s it hands out), {@link FileDownloads} (to files, resumable),
 * {@link RangeCopies} (byte ranges of an object) and {@link InputStore} (inputs stored by content).
 */
public final class ArtifactStore {

    /**
     * Part size of downloads, and the least of uploads: 64 MiB, so a 100 GB volume takes about
     * 1 600 parts. An upload above 625 GiB takes larger parts, to stay within S3's 10 000
     * ({@link UploadPartSize}).
     */
    public static final int DEFAULT_PART_BYTES = UploadPartSize.LEAST_PART_BYTES;
    /** S3's smallest part but the last. */
    private static final int MIN_PART_BYTES = 5 << 20;

    /**
     * Parts in flight at once per transfer: one S3 connection carries roughly 100 MB/s, so four
     * bring a 100 GB volume down in minutes instead of a quarter of an hour, for 4 parts of memory.
     * An upload holds no part in memory (each is read from the file as it is sent,
     * {@link PartBody}), so it sends four at a time whatever their size: the 525 MiB parts of a
     * 5 TiB file as the 64 MiB of a 100 GB one.
     */
    public static final int DEFAULT_PARALLEL_PARTS = 4;

    /**
     * How long an abort of a multipart upload may take, its SDK retries included: 10 s. An abort
     * is what a worker stopping does last with an upload it gave up ({@code ShotWorker}'s 90 s of
     * upload grace, then the abort, then the hand-back, under the 110 s the SIGTERM hook waits and
     * ECS's kill at 120 s). Unbounded, a network that drops packets silently would hold it for
     * the SDK's socket timeouts (30 s a try, four tries) and the kill would come first. An abort
     * answers in milliseconds when S3 is reachable; one cut short leaves the parts to the
     * bucket's lifecycle rule, which aborts unfinished uploads after 7 days.
     */
    public static final java.time.Duration ABORT_TIMEOUT = java.time.Duration.ofSeconds(10);

    private final BucketObjects objects;
    private final SmallObjects small;
    private final ObjectTags tags;
    private final FileUploads uploads;
    private final FileDownloads downloads;
    private final RangeCopies ranges;
    private final InputStore inputs;

    public ArtifactStore(S3Client s3, String bucket) {
        this(s3, bucket, DEFAULT_PART_BYTES, DEFAULT_PARALLEL_PARTS);
    }

    /**
     * @param partBytes part size, at least 5 MiB (S3's minimum)
     * @param parallelParts parts uploaded or downloaded at once (each download holds a part in
     *     memory; an upload's parts are read from the file as they are sent)
     */
    public ArtifactStore(S3Client s3, String bucket, int partBytes, int parallelParts) {
        this(s3, bucket, partBytes, parallelParts, UploadPartSize.MAX_PARTS);
    }

    /**
     * As {@link #ArtifactStore(S3Client, String, int, int)}, an upload's parts at most
     * {@code maxUploadParts}: fewer than S3's 10 000 in tests, so that a file of a few MiB takes
     * parts above the least, as one above 625 GiB does.
     */
    ArtifactStore(S3Client s3, String bucket, int partBytes, int parallelParts, int maxUploadParts) {
        if (maxUploadParts < 1 || maxUploadParts > UploadPartSize.MAX_PARTS) {
            throw new IllegalArgumentException("upload parts must be 1 to " + UploadPartSize.MAX_PARTS + ", got "
                    + maxUploadParts);
        }
        if (partBytes < MIN_PART_BYTES) {
            throw new IllegalArgumentException("part size must be >= " + MIN_PART_BYTES + " bytes, got " + partBytes);
        }
        if (parallelParts < 1) {
            throw new IllegalArgumentException("parallel parts must be >= 1, got " + parallelParts);
        }
        new S3Location(bucket, "x"); // validates the bucket name
        this.objects = new BucketObjects(s3, bucket);
        this.small = new SmallObjects(s3, objects);
        this.tags = new ObjectTags(s3, objects);
        this.uploads = new FileUploads(s3, objects, partBytes, parallelParts, maxUploadParts);
        this.downloads = new FileDownloads(s3, objects, partBytes, parallelParts);
        this.ranges = new RangeCopies(s3, objects, partBytes, parallelParts);
        this.inputs = new InputStore(s3, bucket, uploads, downloads);
    }

    /**
     * Refuses, in one line naming the file, its size and the 5 TiB limit, a file S3 cannot store
     * as one object: a submission checks each input before it reads or sends any.
     *
     * @throws IllegalArgumentException when the file is larger than 5 TiB
     */
    public static void checkStorable(Path file) {
        FileUploads.checkStorable(file);
    }

    /** Creates the bucket if missing (local emulators; on AWS the CDK stack owns it, encrypted and private). */
    public static ArtifactStore createIfMissing(S3Client s3, String bucket) {
        try {
            s3.createBucket(r -> r.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            // already there
        } catch (S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
        return new ArtifactStore(s3, bucket);
    }

    public String bucket() {
        return objects.bucket();
    }

    /**
     * Stores an input file under its SHA-256 ({@code inputs/sha256/<hash>}), unless an object of
     * that key and size is there already: a velocity model shared by many jobs is uploaded once.
     * The SHA-256 is the one remembered of the file while it is unchanged ({@link FileSha256}: a
     * submission's pass over its data file for the shot index computes it), else the file is read
     * for it. Either read records each part's SHA-256 too ({@link PartDigests}), and each part's
     * bytes are checked against it as they are sent: a byte written since the read fails the
     * upload ({@link FileChangedException}), nothing stored under the key, whatever the file's
     * times say.
     *
     * @param progress bytes uploaded, not called when the input was stored already
     */
    public StoredInput putInput(Path file, TransferProgress progress) {
        return putInput(file, ByteProgress.NONE, progress, CancellationToken.none());
    }

    /**
     * As {@link #putInput(Path, TransferProgress)}, the read of a file whose SHA-256 is not known
     * watched and cancellable: a velocity model or data file of hundreds of GB takes minutes to
     * hash before anything is sent.
     *
     * @param hashing bytes of the file read for its SHA-256, after each block; not called when the
     *     digest is remembered ({@link FileSha256#known})
     * @param uploading bytes uploaded, not called when the input was stored already
     * @param cancel checked before each block of the hashing read, before the upload begins,
     *     before each part of it and before each block of a part's bytes sent: a 500 GB file takes
     *     hours to send, and a cancelled one must not go on for them, nor for the parts in flight
     * @throws io.seiswork.core.progress.CancelledException when {@code cancel} is cancelled before
     *     the upload begins
     * @throws TransferCancelledException when it is cancelled during the upload: the parts in
     *     flight stop within a block and are not stored, no other starts, and the multipart upload
     *     is kept, so that the next upload of the file goes on from the parts S3 holds; the
     *     exception says how many those are
     */
    public StoredInput putInput(Path file, ByteProgress hashing, TransferProgress uploading, CancellationToken cancel) {
        return inputs.putInput(file, hashing, uploading, cancel);
    }

    /**
     * Stores {@code bytes} as an input under their SHA-256 ({@code inputs/sha256/<hash>}), unless
     * an object of that key and size is there already, as {@link #putInput} does a file.
     */
    public StoredInput putInputBytes(byte[] bytes) {
        return inputs.putInputBytes(bytes);
    }

    /**
     * Downloads input {@code key} ({@code inputs/sha256/<hash>}) to {@code file} and checks that
     * its content has the hash its key names, as every reader of a stored input must: the key is
     * the only promise of what the bytes are. A file that does not match is deleted.
     *
     * @throws IllegalStateException when the content's SHA-256 is another
     */
    public void getVerifiedInput(String key, Path file, long maxBytes) {
        inputs.getVerifiedInput(key, file, maxBytes);
    }

    /**
     * Opens the object under {@code key} for ranged reads pinned to the version one HEAD finds
     * now: every read of the reader asks for that version's ETag ({@code If-Match}), so an object
     * replaced later fails the read instead of mixing two versions' bytes. A job opens its data
     * file once and reads every shot's traces through the same reader.
     *
     * @throws IllegalArgumentException in one line naming the object when it is missing
     */
    public S3RangeReader openRanges(String key) {
        return ranges.open(key);
    }

    /**
     * Writes byte ranges of the object {@code reader} reads (opened by {@link #openRanges}) to
     * {@code out}, one after the other, by ranged GETs of that version only, of a part at most,
     * {@link #DEFAULT_PARALLEL_PARTS parallel parts} at a time: a few shots' traces of a recorded
     * data file of terabytes, never the whole of it. Ranges in ascending order less than 4 MiB
     * apart share a GET, the bytes between them fetched and dropped ({@link RangeGets}): 4 MiB take
     * about 40 ms at one connection's 100 MB/s, a few requests' latency, and far less than a
     * request per trace of data sorted by anything but shot. The GETs
     * land in buffers the calling thread keeps from one copy to the next ({@link GetBuffers}), and
     * go out on one set of threads for the whole copy. A copy that fails (or is interrupted)
     * stops its GETs at their next block ({@link PartStop}) and waits for them, and its buffers are
     * not kept: a GET that outlived the wait could otherwise write into the buffers of the
     * thread's next copy.
     *
     * @param ranges pairs (offset, length) in bytes, each within the object
     * @throws IllegalArgumentException in one line naming the object when a range lies past its end
     */
    public void copyRanges(S3RangeReader reader, long[] ranges, WritableByteChannel out) {
        this.ranges.copy(reader, ranges, out);
    }

    /** Stores {@code bytes} under {@code key} (replacing it). */
    public void putBytes(String key, byte[] bytes) {
        small.putBytes(key, bytes);
    }

    /**
     * Stores {@code bytes} under {@code key} only when no object is there ({@code If-None-Match: *}):
     * a job's spec is written once, and no later put replaces the spec of a job that runs. An object
     * there already that holds exactly {@code bytes} counts as stored: the SDK retries a PUT whose
     * answer was lost, and the retry of a PUT that did store must not refuse its own write.
     *
     * @throws IllegalStateException in one line naming the object when another object is there
     */
    public void putNew(String key, byte[] bytes) {
        small.putNew(key, bytes);
    }

    /**
     * Reads a small object whole.
     *
     * @throws IllegalArgumentException when it is larger than {@code maxBytes} or missing
     */
    public byte[] getBytes(String key, long maxBytes) {
        return small.getBytes(key, maxBytes);
    }

    /**
     * Stores a file under {@code key} (replacing it): one PUT up to a part, a multipart upload
     * above, aborted if a part fails so no orphaned parts are billed. A caller that tries again
     * after a failure uses {@link #startResumable} instead, whose tries keep the parts stored.
     */
    public void putFile(String key, Path file, TransferProgress progress) {
        uploads.put(key, file, progress, null, CancellationToken.none());
    }

    /**
     * Hands out an upload of {@code file} under {@code key} (replacing it) that a caller tries
     * again while S3 is out of reach, each try sending only the parts S3 has not confirmed yet:
     * a shot's result of several GB that an outage broke at 90 % sends the last 10 % again, not
     * the whole. For a file its caller wrote and nothing else writes while it is sent: no hash
     * is asked, and the parts kept live in the returned object only (one process).
     *
     * @throws FileReadException when the file cannot be read (missing, say)
     * @throws IllegalArgumentException when it is larger than S3's 5 TiB
     */
    public ResumableUpload startResumable(String key, Path file) {
        return uploads.startResumable(key, file);
    }

    /**
     * Tags the object under {@code key} {@code tagging} ({@code key=value} pairs joined by
     * {@code &}, as S3's {@code x-amz-tagging} header) by a PutObjectTagging: what a bucket's
     * lifecycle rule filters on. A worker's shot results are stored by
     * {@link #startResumable(String, Path)}, then tagged so, for the bucket to expire
     * those of jobs never stacked.
     *
     * <p>The tag never rides on the request that carries the bytes: S3Proxy (the local emulator)
     * refuses a tagged PUT before it reads the body, and a client still sending a body of more
     * than the socket's buffers (about 600 KB) sees a broken pipe, not the 501 the refusal is; the
     * upload would be lost with it. A PutObjectTagging has no body, so its 501 always arrives. Its
     * own request also lets a caller try the tagging again alone when it fails, without sending
     * the bytes again. Until tagged the object is untagged, which is the safe side: an untagged
     * result never expires.
     *
     * @return true when tagged; false when the endpoint does not implement tagging (501 Not
     *     Implemented: S3Proxy; AWS S3 always does), as every later call of this store then
     *     returns without asking
     * @throws IllegalArgumentException when {@code tagging} is not {@code k=v&k2=v2} of letters,
     *     digits, {@code . _ -}
     * @throws software.amazon.awssdk.core.exception.SdkException any other failure of the request
     *     (403, 5xx, throttling, a connection that failed), the object's bytes left as stored
     */
    public boolean tag(String key, String tagging) {
        return tags.tag(key, tagging);
    }

    /**
     * Downloads an object to {@code file} by ranged GETs of a part each, through a temporary file
     * renamed at the end, so a broken download never leaves a truncated file under the real name.
     * A download of the same object that broke goes on where it stopped ({@link PartialDownload}):
     * the progress then starts at the bytes already there.
     *
     * @return the version downloaded
     * @throws IllegalArgumentException when it is larger than {@code maxBytes} or missing
     */
    public StoredVersion getFile(String key, Path file, long maxBytes, TransferProgress progress) {
        return getFile(key, file, maxBytes, progress, CancellationToken.none());
    }

    /**
     * As {@link #getFile(String, Path, long, TransferProgress)}, stopped by {@code cancel}: a
     * 100 GB image takes many minutes to come down, and the user who cancels it wants it to stop
     * at once, keeping what came.
     *
     * @param cancel checked before each part and before each block of a part's response
     * @throws TransferCancelledException when {@code cancel} stops the download: the parts in
     *     flight stop within a block, and what they brought is not kept (a part is recorded only
     *     once all of it is written, so the next download fetches it whole), no other starts, and
     *     the parts on disk are recorded, so that the next download of the object into
     *     {@code file} goes on from them; the exception says how many those are
     */
    public StoredVersion getFile(String key, Path file, long maxBytes, TransferProgress progress,
            CancellationToken cancel) {
        return downloads.getFile(key, file, maxBytes, progress, cancel);
    }

    /**
     * Bytes a broken download into {@code file} left on disk ({@code <file>.part}, which the next
     * download of the same object goes on from, and which any download into {@code file} replaces):
     * 0 when there are none. A fetch counts them as room its downloads may use.
     */
    public static long partBytesOnDisk(Path file) {
        return FileDownloads.partBytesOnDisk(file);
    }

    /**
     * The size and version of the object under {@code key}, or empty when there is none: what a
     * fetch compares with a file it wrote before.
     *
     * @throws ObjectForbiddenException when S3 answers 403: the identity may not read the object,
     *     or, without {@code s3:ListBucket} on its prefix, the object is missing; said in one line,
     *     and never retried (every attempt gets the same answer)
     */
    public Optional<StoredVersion> version(String key) {
        return objects.version(key);
    }

    /** Size of the object in bytes, or -1 when there is none. */
    public long sizeOf(String key) {
        return objects.sizeOf(key);
    }

    /**
     * Every object under {@code prefix}, a thousand per request (the listing is paged by S3), in
     * S3's order.
     *
     * @param prefix a key prefix, usually ending in {@code /} (checked as a key without it)
     */
    public List<ListedObject> objectsUnder(String prefix) {
        return objects.objectsUnder(prefix);
    }

    /**
     * Deletes objects, a thousand per request (S3's batch limit); keys that are already gone are
     * not an error.
     *
     * @throws IllegalStateException naming the first key S3 refused to delete
     */
    public void delete(List<String> keys) {
        objects.delete(keys);
    }
}
