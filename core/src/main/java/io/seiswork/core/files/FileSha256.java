package io.seiswork.core.files;

import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.CancellationToken;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SHA-256 of whole files, remembered while each file stays the same ({@link FileIdentity}:
 * real path, inode, size, modification and change time). A submission reads a data file of up to
 * several TB for two digests: each shot's traces' (for the workers' ranged fetches) and the whole
 * file's (its content key in the bucket). One pass computes both ({@link Sha256Pass}) and leaves
 * the whole file's here, where the cloud client finds it instead of reading the file again; a
 * file written, replaced or touched since is read again.
 *
 * <p>With the whole file's digest the read records, at no second read, the SHA-256 of each part an
 * upload of the file takes ({@link PartDigests}, at the part size of {@link UploadPartSize#of(long)},
 * a function of the file's size alone): the upload checks each part's bytes against them as it
 * sends it, so a byte written after this read is caught even when the file's identity does not
 * show it (a write within the file system's timestamp resolution, or one without a change time,
 * its modification time put back). 32 bytes a part: 96 bytes for a file of 200 MB, 320 KB at most.
 *
 * <p>A digest is remembered only when the file's identity after the read is the one it had
 * before, so a file written while it was read is never remembered with a digest of mixed bytes.
 * What a worker downloads is checked against its key whatever this remembers.
 */
public final class FileSha256 {

    /** Files remembered, the most recently used kept: a job's inputs, a few jobs' worth. */
    private static final int CAPACITY = 64;

    private static final Map<FileIdentity, FileDigests> KNOWN = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FileIdentity, FileDigests> eldest) {
            return size() > CAPACITY;
        }
    };

    private FileSha256() {
    }

    /** The SHA-256 of {@code file}: as remembered while it is unchanged, else read whole (and remembered). */
    public static byte[] of(Path file) {
        return of(file, ByteProgress.NONE, CancellationToken.none());
    }

    /**
     * The SHA-256 of {@code file} ({@link #of(Path)}) as 64 lower-case hex digits: the name an
     * input of its bytes is stored under in the bucket.
     */
    public static String hexOf(Path file) {
        return hex(of(file));
    }

    /** A SHA-256 as 64 lower-case hex digits, as input keys spell it. */
    public static String hex(byte[] sha256) {
        return HexFormat.of().formatHex(sha256);
    }

    /**
     * As {@link #of(Path)}, the read watched and cancellable: a file not read since it last
     * changed is read whole for its digest, minutes for a model or data file of a TB.
     *
     * @param progress bytes read of the file's size, after each block; not called when the digest is remembered
     * @param cancel checked before each block
     * @throws io.seiswork.core.progress.CancelledException when {@code cancel} was cancelled during the read
     */
    public static byte[] of(Path file, ByteProgress progress, CancellationToken cancel) {
        return known(file).orElseGet(() -> read(file, Sha256Pass.Blocks.NONE, progress, cancel));
    }

    /** The SHA-256 remembered of {@code file} as it is now, or empty when it was not read since it last changed. */
    public static Optional<byte[]> known(Path file) {
        return remembered(file).map(FileDigests::sha256);
    }

    /**
     * The SHA-256 remembered of {@code file} as it is now, with its upload's parts' digests taken
     * by the same read, or empty when it was not read since it last changed: one look, so that
     * the two are of the same read.
     */
    public static Optional<FileDigests> remembered(Path file) {
        Optional<FileIdentity> now = FileIdentity.of(file);
        if (now.isEmpty()) {
            return Optional.empty();
        }
        synchronized (KNOWN) {
            return Optional.ofNullable(KNOWN.get(now.get()));
        }
    }

    /**
     * Reads {@code file} whole ({@link Sha256Pass#sha256}, which gives {@code alsoTo} every block)
     * and remembers its SHA-256, with the SHA-256 of each part of an upload of it by the job
     * bucket's default part size ({@link UploadPartSize#of(long)}), if the file did not change
     * meanwhile; never answers from memory: what checks a file's bytes calls this. The parts'
     * digests take a thread of their own ({@link Sha256Pass}).
     */
    public static byte[] read(Path file, Sha256Pass.Blocks alsoTo, ByteProgress progress, CancellationToken cancel) {
        Optional<FileIdentity> before = FileIdentity.of(file);
        long size = before.map(FileIdentity::sizeBytes).orElse(0L);
        return read(file, before, new PartDigests(size, UploadPartSize.of(size)), alsoTo, progress, cancel);
    }

    /**
     * As {@link #read(Path, Sha256Pass.Blocks, ByteProgress, CancellationToken)}, the parts' digests
     * recorded into {@code parts}, of the size it was made for: an upload's own read for its
     * content key, by a store of another part size than the default.
     */
    public static byte[] read(Path file, PartDigests parts, Sha256Pass.Blocks alsoTo, ByteProgress progress,
            CancellationToken cancel) {
        return read(file, FileIdentity.of(file), parts, alsoTo, progress, cancel);
    }

    private static byte[] read(Path file, Optional<FileIdentity> before, PartDigests parts, Sha256Pass.Blocks alsoTo,
            ByteProgress progress, CancellationToken cancel) {
        byte[] digest = Sha256Pass.sha256(file, parts, alsoTo, progress, cancel);
        // Of the file as it was before the read, and still is: parts of another size it had then are never complete.
        if (before.isPresent() && before.get().isStill(file) && parts.size() == before.get().sizeBytes()) {
            synchronized (KNOWN) {
                KNOWN.put(before.get(), new FileDigests(digest, parts));
            }
        }
        return digest;
    }

    /** Forgets every digest (tests). */
    public static void forget() {
        synchronized (KNOWN) {
            KNOWN.clear();
        }
    }
}
