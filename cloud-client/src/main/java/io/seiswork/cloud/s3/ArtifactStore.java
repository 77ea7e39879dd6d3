package io.seiswork.cloud.s3;

import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.core.files.FileDigests;
import io.seiswork.core.files.FileIdentity;
import io.seiswork.core.files.FileSha256;
import io.seiswork.core.files.PartDigests;
import io.seiswork.core.files.Sha256Pass;
import io.seiswork.core.files.UploadPartSize;
import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The job bucket (S3): inputs stored by content, specs, shot results and outputs (layout in
 * {@link ObjectKeys}). Files move in parts of {@link #partBytes}, {@link #DEFAULT_PARALLEL_PARTS}
 * at a time, so a 100 GB volume uploads as a multipart upload and downloads as ranged GETs, with
 * progress, never whole in memory; downloads refuse objects above the size the caller allows.
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
     * Ranges of one {@link #copyRanges} closer than this share a GET, the bytes between them
     * fetched and dropped: 4 MiB take about 40 ms at one connection's 100 MB/s, a few requests'
     * latency, and far less than a request per trace of data sorted by anything but shot.
     */
    static final long COALESCE_GAP_BYTES = 4L << 20;

    /**
     * User metadata of an input stored by an upload that checked its bytes against its key
     * ({@code x-amz-meta-sha256}): the hash, which {@link #storedAlready} asks for.
     */
    static final String SHA256_METADATA = "sha256";

    private final S3Client s3;
    private final String bucket;
    private final int partBytes;
    private final int parallelParts;
    private final int maxUploadParts;
    /** Cleared when the endpoint answers PutObjectTagging 501 (an emulator): later puts go untagged at once. */
    private volatile boolean taggingImplemented = true;

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
        this.s3 = s3;
        this.bucket = bucket;
        this.partBytes = partBytes;
        this.parallelParts = parallelParts;
        this.maxUploadParts = maxUploadParts;
    }

    /**
     * Refuses, in one line naming the file, its size and the 5 TiB limit, a file S3 cannot store
     * as one object: a submission checks each input before it reads or sends any.
     *
     * @throws IllegalArgumentException when the file is larger than 5 TiB
     */
    public static void checkStorable(Path file) {
        UploadPartSize.checkStorable(file.toString(), size(file));
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
        return bucket;
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
        checkStorable(file);
        long size = size(file);
        // Taken before the digest, so that a file written from here on is never stored under it.
        Optional<FileIdentity> hashed = FileIdentity.of(file);
        int part = uploadPartBytes(size);
        Optional<FileDigests> remembered = FileSha256.remembered(file);
        PartDigests own = new PartDigests(size, part);
        byte[] sha256 = remembered.map(FileDigests::sha256)
                .orElseGet(() -> FileSha256.read(file, own, Sha256Pass.Blocks.NONE, hashing, cancel));
        // Remembered parts of another size (a store of a part size not the default's) are of no use: the
        // upload is then checked by the file's identity alone (requireUnchanged).
        PartDigests parts = remembered.map(FileDigests::parts)
                .filter(p -> p.partBytes() == part && p.size() == size).orElse(own);
        String hex = HexFormat.of().formatHex(sha256);
        String key = ObjectKeys.input(hex);
        if (storedAlready(key, size, hex)) {
            return new StoredInput(key, size, false);
        }
        cancel.throwIfCancelled("storing " + file.getFileName());
        PartDigests expected = size <= partBytes ? PartDigests.whole(size, sha256) : parts;
        put(key, file, uploading, new Content(hex, expected, hashed), cancel);
        return new StoredInput(key, size, true);
    }

    /**
     * Stores {@code bytes} as an input under their SHA-256 ({@code inputs/sha256/<hash>}), unless
     * an object of that key and size is there already, as {@link #putInput} does a file.
     */
    public StoredInput putInputBytes(byte[] bytes) {
        String hex = sha256(bytes);
        String key = ObjectKeys.input(hex);
        if (storedAlready(key, bytes.length, hex)) {
            return new StoredInput(key, bytes.length, false);
        }
        s3.putObject(r -> r.bucket(bucket).key(key).metadata(Map.of(SHA256_METADATA, hex)),
                RequestBody.fromBytes(bytes));
        return new StoredInput(key, bytes.length, true);
    }

    /**
     * Whether an input of {@code key} and {@code size} is stored already, by an upload that checked
     * every byte it sent against {@code sha256} (its key's hash, in the object's
     * {@value #SHA256_METADATA} metadata). An object without it was stored before uploads were
     * checked, and may hold bytes of a file written while it went up: it is uploaded again, once,
     * rather than trusted for its size.
     */
    private boolean storedAlready(String key, long size, String sha256) {
        try {
            var head = s3.headObject(r -> r.bucket(bucket).key(key));
            return head.contentLength() == size && sha256.equals(head.metadata().get(SHA256_METADATA));
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
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
        S3Location at = new S3Location(bucket, key);
        try {
            return S3RangeReader.open(s3, at);  // the one HEAD
        } catch (io.seiswork.core.volume.SwvException e) {
            if (e.getCause() instanceof S3Exception s3e && s3e.statusCode() == 404) {
                throw new IllegalArgumentException(at + " does not exist", e);
            }
            throw e;
        }
    }

    /**
     * Writes byte ranges of the object under {@code key} to {@code out}, one after the other, by
     * ranged GETs of at most a part each, all of the version one HEAD finds (a replaced object is
     * reported, never two versions mixed): a few shots' traces of a recorded data file of
     * terabytes, never the whole of it.
     *
     * @param ranges pairs (offset, length) in bytes, each within the object
     * @return the object's size in bytes
     * @throws IllegalArgumentException in one line naming the object when it is missing or a range
     *     lies past its end
     */
    public long copyRanges(String key, long[] ranges, java.nio.channels.WritableByteChannel out) {
        S3RangeReader reader = openRanges(key);
        copyRanges(reader, key, ranges, out);
        return reader.size();
    }

    /**
     * Writes byte ranges of the object {@code reader} reads (opened by {@link #openRanges} for
     * {@code key}) to {@code out}, one after the other, by ranged GETs of that version only, of a
     * part at most, {@link #DEFAULT_PARALLEL_PARTS parallel parts} at a time; ranges in ascending
     * order less than {@link #COALESCE_GAP_BYTES} apart share a GET ({@link RangeGets}). The GETs
     * land in buffers the calling thread keeps from one copy to the next ({@link GetBuffers}), and
     * go out on one set of threads for the whole copy. A copy that fails (or is interrupted)
     * stops its GETs at their next block ({@link PartStop}) and waits for them, and its buffers are
     * not kept: a GET that outlived the wait could otherwise write into the buffers of the
     * thread's next copy.
     *
     * @throws IllegalArgumentException in one line naming the object when a range lies past its end
     */
    public void copyRanges(S3RangeReader reader, String key, long[] ranges, java.nio.channels.WritableByteChannel out) {
        if (ranges.length % 2 != 0) {
            throw new IllegalArgumentException("ranges must be (offset, length) pairs, got " + ranges.length + " numbers");
        }
        for (int i = 0; i < ranges.length; i += 2) {
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

    /** Stores {@code bytes} under {@code key} (replacing it). */
    public void putBytes(String key, byte[] bytes) {
        s3.putObject(r -> r.bucket(bucket).key(checked(key)), RequestBody.fromBytes(bytes));
    }

    /**
     * Stores a file under {@code key} (replacing it): one PUT up to a part, a multipart upload
     * above, aborted if a part fails so no orphaned parts are billed. A caller that tries again
     * after a failure uses {@link #startResumable} instead, whose tries keep the parts stored.
     */
    public void putFile(String key, Path file, TransferProgress progress) {
        put(key, file, progress, null, CancellationToken.none());
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
        List<Tag> tags = tags(tagging);
        checked(key);
        if (!taggingImplemented) {
            return false;
        }
        try {
            s3.putObjectTagging(r -> r.bucket(bucket).key(key).tagging(t -> t.tagSet(tags)));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() != 501) {
                throw e;
            }
            taggingImplemented = false;
            return false;
        }
    }

    /** The tags of {@code tagging} ({@code k=v&k2=v2}, of letters, digits, {@code . _ -}). */
    private static List<Tag> tags(String tagging) {
        if (tagging == null || !tagging.matches("[A-Za-z0-9._-]+=[A-Za-z0-9._-]*(&[A-Za-z0-9._-]+=[A-Za-z0-9._-]*)*")) {
            throw new IllegalArgumentException("tagging must be key=value pairs joined by &, of letters, digits, . _ -; got "
                    + tagging);
        }
        List<Tag> tags = new ArrayList<>();
        for (String pair : tagging.split("&")) {
            int eq = pair.indexOf('=');
            tags.add(Tag.builder().key(pair.substring(0, eq)).value(pair.substring(eq + 1)).build());
        }
        return tags;
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
        try {
            s3.putObject(r -> r.bucket(bucket).key(checked(key)).ifNoneMatch("*"), RequestBody.fromBytes(bytes));
        } catch (S3Exception e) {
            // 412: stored already; 409: another conditional put of the key is in flight.
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                if (holds(key, bytes)) {
                    return;
                }
                throw new IllegalStateException("s3://" + bucket + "/" + key + " exists already: it is not replaced", e);
            }
            throw e;
        }
    }

    /** Whether {@code key} holds exactly {@code bytes} (false when it is not there, or not yet). */
    private boolean holds(String key, byte[] bytes) {
        try {
            return java.util.Arrays.equals(bytes, s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    /**
     * The part size of an upload of {@code size} bytes: the whole file when one PUT sends it; by a
     * store of the default part size, the one {@link FileSha256#read} records parts' digests at.
     */
    int uploadPartBytes(long size) {
        return size <= partBytes ? (int) size : UploadPartSize.of(size, partBytes, maxUploadParts);
    }

    /**
     * What an input's upload checks its bytes against: the SHA-256 its key names, each part's
     * ({@link PartDigests}, from the read that hashed the file, the upload's own or an earlier
     * one remembered; none known when the earlier read's parts were of another size), and the
     * file's identity before it was hashed, which must still be its identity when the last part is
     * sent when no part's digest is known.
     */
    record Content(String sha256, PartDigests parts, Optional<FileIdentity> hashed) { }

    /**
     * Uploads {@code file} under {@code key}, in parts above one part's size.
     *
     * @param content what the bytes sent must be when the key names them ({@code inputs/sha256/<hash>}),
     *     else null. Then an upload of it that broke is found and goes on ({@link UnfinishedUpload}),
     *     and one that breaks now is kept for the next attempt (the bucket's lifecycle rule aborts
     *     what is never finished); other uploads are aborted when they fail, so no parts are
     *     billed. A part whose bytes are not those hashed fails the upload at once
     *     ({@link FileChangedException}) and it is aborted, resumable or not, so nothing is
     *     completed under the key
     * @param cancel checked before each part and before each block of a part's bytes
     *     ({@link PartBody}); a multipart upload it stops is kept or aborted as one that fails, and
     *     said as a {@link TransferCancelledException}
     */
    private void put(String key, Path file, TransferProgress progress, Content content, CancellationToken cancel) {
        boolean resumable = content != null;
        checked(key);
        long size = size(file);
        UploadPartSize.checkStorable(file.toString(), size);
        String doing = "uploading " + file.getFileName();
        if (content != null && size != content.parts().size()) {
            // Grown or cut since it was hashed: parts past the hashed ones would go unchecked, and a file
            // hashed at a whole number of parts would be stored whole, its new tail under the old key.
            throw new FileChangedException(doing + " (" + content.parts().size() + " bytes when hashed, " + size
                    + " now)");
        }
        PartStop stop = new PartStop(cancel);
        if (size <= partBytes) {
            putWhole(key, file, size, content, stop, doing);
            progress.onBytes(size, size);
            return;
        }
        // Of the file's size alone, so an upload begun again takes the parts it took before.
        int part = UploadPartSize.of(size, partBytes, maxUploadParts);
        int count = UploadPartSize.count(size, part);
        CompletedPart[] parts = new CompletedPart[count];
        Optional<UnfinishedUpload> unfinished = resumable ? UnfinishedUpload.find(s3, bucket, key, size, part)
                : Optional.empty();
        String uploadId = unfinished.isPresent() ? unfinished.get().uploadId() : createUpload(key, content);
        PartsDone progressOf = new PartsDone(size, progress);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            sendParts(key, uploadId, ch, size, parts, content, unfinished, progressOf, stop, doing);
            if (content != null && content.parts().of(0) == null) {
                requireUnchanged(file, content, doing);
            }
            complete(key, uploadId, parts);
        } catch (IOException | RuntimeException e) {
            Optional<FileChangedException> changed = FileChangedException.in(e);
            if (!resumable || changed.isPresent()) {
                abort(key, uploadId);
            }
            if (changed.isPresent()) {
                throw changed.get();
            }
            if (e instanceof IOException io) {
                throw new FileReadException("cannot upload " + file + ": " + io.getMessage(), io);
            }
            if (e instanceof CancelledException) {
                // Every part begun has ended (ParallelParts waits for them), those stopped part-way
                // unstored: what it says is what S3 holds.
                throw new TransferCancelledException(doing, resumable ? progressOf.parts() : 0, count,
                        resumable ? progressOf.bytes() : 0, size, "stored");
            }
            throw (RuntimeException) e;
        }
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
        checked(key);
        long size = size(file);
        UploadPartSize.checkStorable(file.toString(), size);
        return new ResumableUpload(this, key, file, size, uploadPartBytes(size), size <= partBytes);
    }

    /** Begins a multipart upload of {@code key}, of {@code content}'s metadata (null: none); its id. */
    String createUpload(String key, Content content) {
        return s3.createMultipartUpload(r -> r.bucket(bucket).key(key).metadata(metadataOf(content))).uploadId();
    }

    /**
     * Sends the parts of {@code ch} that {@code parts} does not hold yet as parts of upload
     * {@code uploadId}, {@link #parallelParts} at a time, each set in {@code parts} once S3
     * confirms it (its ETag), so that what {@code parts} holds after a failure is what S3 has.
     * A part held already, or one {@code unfinished} holds of the same bytes, is counted done
     * without being sent.
     *
     * @param parts one slot per part of the file, in parts of {@link UploadPartSize#of} its size
     * @param content what the bytes must be ({@link #put}); null for a file whose key does not name them
     */
    void sendParts(String key, String uploadId, FileChannel ch, long size, CompletedPart[] parts, Content content,
            Optional<UnfinishedUpload> unfinished, PartsDone progressOf, PartStop stop, String doing) throws IOException {
        int part = UploadPartSize.of(size, partBytes, maxUploadParts);
        int count = parts.length;
        inParallel(count, parallelParts, i -> {
            // A part of this upload is a second or a minute; the whole of it, hours for a 500 GB file.
            long offset = (long) i * part;
            long n = Math.min(part, size - offset);
            if (parts[i] != null) {
                progressOf.done(n);
                return;
            }
            String sending = doing + ", part " + (i + 1) + " of " + count;
            byte[] hashed = content == null ? null : content.parts().of(i);
            // A kept part is reused only when the file's bytes are those hashed (the stream checks) and S3's.
            if (unfinished.isPresent()
                    && unfinished.get().holds(i, PartBody.stream(ch, offset, n, stop, sending, hashed))) {
                parts[i] = CompletedPart.builder().partNumber(i + 1).eTag(unfinished.get().parts().get(i).eTag()).build();
                progressOf.done(n);
                return;
            }
            String eTag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(i + 1)
                    .contentLength(n), PartBody.of(ch, offset, n, stop, sending, hashed)).eTag();
            parts[i] = CompletedPart.builder().partNumber(i + 1).eTag(eTag).build();
            progressOf.done(n);
        }, stop);
    }

    /** Completes upload {@code uploadId} of {@code key} with every one of its {@code parts}. */
    void complete(String key, String uploadId, CompletedPart[] parts) {
        s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
    }

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

    /**
     * Aborts upload {@code uploadId} of {@code key}: S3 drops its parts, which are billed no more.
     * Ends within {@link #ABORT_TIMEOUT}, failing with the SDK's
     * {@link software.amazon.awssdk.core.exception.ApiCallTimeoutException} past it.
     */
    void abort(String key, String uploadId) {
        s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .overrideConfiguration(c -> c.apiCallTimeout(ABORT_TIMEOUT)));
    }

    /**
     * Fails with a {@link FileChangedException} when {@code file} is not the file that was hashed
     * (written, replaced or touched since: {@link FileIdentity}): what checks a multipart upload
     * whose parts' digests are unknown before it is completed. That is an upload whose digest was
     * remembered from an earlier read that recorded its parts at another part size than this
     * store's (a store made with a part size not the default's): a byte written since within the
     * file system's timestamp resolution, or with the times put back where there is no change
     * time, goes unseen there.
     */
    private static void requireUnchanged(Path file, Content content, String where) {
        if (content.hashed().isEmpty() || !content.hashed().get().isStill(file)) {
            throw new FileChangedException(where);
        }
    }

    /** The metadata of an object stored under {@code content}'s key: its hash; none for other objects. */
    private static Map<String, String> metadataOf(Content content) {
        return content == null ? Map.of() : Map.of(SHA256_METADATA, content.sha256());
    }

    /**
     * Stores a file of one part or less by one PUT, its body read and stopped as a part's is, and
     * checked against its content's SHA-256 when the key names it: the one part is the whole file.
     */
    void putWhole(String key, Path file, long size, Content content, PartStop stop, String doing) {
        byte[] hashed = content == null ? null : content.parts().of(0);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            s3.putObject(r -> r.bucket(bucket).key(key).metadata(metadataOf(content)),
                    PartBody.of(ch, 0, size, stop, doing, hashed));
        } catch (IOException e) {
            throw new FileReadException("cannot upload " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (stop.cancelled()) {
                throw new TransferCancelledException(doing, 0, 1, 0, size, "stored");
            }
            throw FileChangedException.in(e).map(RuntimeException.class::cast).orElse(e);
        }
    }

    /**
     * Runs {@code count} part tasks, {@code slots} at a time, on threads of their own; the first
     * failure, or {@code stop}'s cancel, stops the others and is thrown ({@link ParallelParts#run}).
     */
    private static void inParallel(int count, int slots, ParallelParts.Task task, PartStop stop) throws IOException {
        if (count == 0) {
            return;
        }
        ExecutorService pool = ParallelParts.pool(Math.min(slots, count));
        try {
            ParallelParts.run(pool, count, task, stop);
        } finally {
            pool.shutdown();
        }
    }

    /** Parts and bytes done of a transfer whose parts finish in any order, reported one call at a time. */
    static final class PartsDone {
        private final long total;
        private final TransferProgress progress;
        private long bytes;
        private int parts;

        PartsDone(long total, TransferProgress progress) {
            this.total = total;
            this.progress = progress;
        }

        /** A part of {@code partBytes} is done (or was there already). */
        synchronized void done(long partBytes) {
            parts++;
            bytes += partBytes;
            progress.onBytes(bytes, total);
        }

        /** Bytes done so far. */
        synchronized long bytes() {
            return bytes;
        }

        /** Parts done so far. */
        synchronized int parts() {
            return parts;
        }
    }

    /**
     * Deletes objects, a thousand per request (S3's batch limit); keys that are already gone are
     * not an error.
     *
     * @throws IllegalStateException naming the first key S3 refused to delete
     */
    public void delete(List<String> keys) {
        for (int i = 0; i < keys.size(); i += 1000) {
            List<ObjectIdentifier> batch = keys.subList(i, Math.min(keys.size(), i + 1000)).stream()
                    .map(k -> ObjectIdentifier.builder().key(checked(k)).build()).toList();
            var errors = s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(batch).quiet(true))).errors();
            if (!errors.isEmpty()) {
                throw new IllegalStateException("could not delete s3://" + bucket + "/" + errors.get(0).key() + ": "
                        + errors.get(0).code() + " " + errors.get(0).message());
            }
        }
    }

    /**
     * Reads a small object whole.
     *
     * @throws IllegalArgumentException when it is larger than {@code maxBytes} or missing
     */
    public byte[] getBytes(String key, long maxBytes) {
        long size = requireSize(key, maxBytes);
        byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        if (bytes.length != size) {
            throw new IllegalStateException("s3://" + bucket + "/" + key + " changed while it was read");
        }
        return bytes;
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
        long size = requireSize(key, maxBytes);
        S3RangeReader reader = S3RangeReader.open(s3, new S3Location(bucket, key));
        PartsDone progressOf = new PartsDone(size, progress);
        String doing = "fetching " + file.getFileName();
        int count = PartialDownload.count(size, partBytes);
        PartStop stop = new PartStop(cancel);
        PartialDownload download = PartialDownload.open(file, reader.eTag(), size, partBytes);
        try (download) {
            if (download.resumedBytes() > 0) {
                progressOf.done(download.resumedBytes());
            }
            inParallel(count, parallelParts, i -> {
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
            throw new UncheckedIOException("cannot download s3://" + bucket + "/" + key + " to " + file + ": "
                    + e.getMessage(), e);
        } catch (CancelledException e) {
            // Every part begun has ended, and the record of those on disk is saved (the download's close).
            throw new TransferCancelledException(doing, download.partsDone(), count, download.bytesDone(), size,
                    "on disk");
        }
        return new StoredVersion(size, reader.eTag());
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
        try {
            var head = s3.headObject(r -> r.bucket(bucket).key(checked(key)));
            return Optional.of(new StoredVersion(head.contentLength(), head.eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            if (e.statusCode() == 403) {
                throw new ObjectForbiddenException(bucket, key, e);
            }
            throw e;
        }
    }

    /**
     * Every object under {@code prefix}, a thousand per request (the listing is paged by S3), in
     * S3's order.
     *
     * @param prefix a key prefix, usually ending in {@code /} (checked as a key without it)
     */
    public List<ListedObject> objectsUnder(String prefix) {
        checked(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        List<ListedObject> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix))
                .contents().forEach(o -> objects.add(new ListedObject(o.key(), o.size())));
        return objects;
    }

    /**
     * Downloads input {@code key} ({@code inputs/sha256/<hash>}) to {@code file} and checks that
     * its content has the hash its key names, as every reader of a stored input must: the key is
     * the only promise of what the bytes are. A file that does not match is deleted.
     *
     * @throws IllegalStateException when the content's SHA-256 is another
     */
    public void getVerifiedInput(String key, Path file, long maxBytes) {
        getFile(key, file, maxBytes, TransferProgress.NONE);
        String got = HexFormat.of().formatHex(Sha256Pass.sha256(file, Sha256Pass.Blocks.NONE, ByteProgress.NONE,
                CancellationToken.none()));  // read, never answered from memory: this checks the bytes
        if (!key.endsWith("/" + got)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the error below says what matters
            }
            throw new IllegalStateException("input " + key + " downloaded with SHA-256 " + got);
        }
    }

    /**
     * Bytes a broken download into {@code file} left on disk ({@code <file>.part}, which the next
     * download of the same object goes on from, and which any download into {@code file} replaces):
     * 0 when there are none. A fetch counts them as room its downloads may use.
     */
    public static long partBytesOnDisk(Path file) {
        try {
            Path part = PartialDownload.partOf(file);
            return Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS) ? Files.size(part) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Size of the object in bytes, or -1 when there is none. */
    public long sizeOf(String key) {
        return version(key).map(StoredVersion::size).orElse(-1L);
    }

    private long requireSize(String key, long maxBytes) {
        long size = sizeOf(key);
        if (size < 0) {
            throw new IllegalArgumentException("s3://" + bucket + "/" + key + " does not exist");
        }
        if (size > maxBytes) {
            throw new IllegalArgumentException("s3://" + bucket + "/" + key + " has " + size + " bytes, more than the "
                    + maxBytes + " allowed here");
        }
        return size;
    }

    private String checked(String key) {
        return new S3Location(bucket, key).key();
    }

    /**
     * SHA-256 of a file as 64 lower-case hex digits: remembered while the file is unchanged
     * ({@link FileSha256#of}), else streamed.
     */
    public static String sha256(Path file) {
        return HexFormat.of().formatHex(FileSha256.of(file));
    }

    /** SHA-256 of {@code bytes} as 64 lower-case hex digits, as {@link #sha256(Path)} gives of a file. */
    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Sha256Pass.newSha256().digest(bytes));
    }


    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new FileReadException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
