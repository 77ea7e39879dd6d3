package io.seiswork.cloud.dispatch;

import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.CancellationToken;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What a submission tells its caller of its passes over the spec's input files, and how the
 * caller stops it. An input whose SHA-256 is not known (a velocity model of hundreds of GB) is
 * read whole for its content key before anything is sent, then uploaded unless stored already:
 * two passes of minutes each, which the command line prints and the desktop logs, as the pass
 * over a data file for its digests.
 */
public interface SubmitProgress {

    /** A submission nobody watches or stops. */
    SubmitProgress NONE = uploads(TransferProgress.NONE);

    /**
     * Progress of reading {@code file} whole for its SHA-256 (its content key); not asked for when
     * the digest is remembered from an earlier read of the file unchanged.
     */
    ByteProgress hashing(Path file);

    /** Progress of uploading {@code file}; not asked for when it is stored already. */
    TransferProgress uploading(Path file);

    /**
     * Checked before each block of a hashing read, before each upload and each of its parts, and
     * before the job is written: a submission cancelled there stores no job and queues nothing
     * ({@link io.seiswork.core.progress.CancelledException}). An upload stopped between its parts
     * keeps those S3 holds, and submitting again goes on from them
     * ({@link io.seiswork.cloud.s3.TransferCancelledException} says how many bytes they are).
     */
    CancellationToken cancel();

    /**
     * Each pass said by the progress {@code said} makes of what it does: "reading vp.bin for its
     * SHA-256" for a file hashed, "uploading" for the uploads (one progress for them all, as the
     * command line has always said them); the command line prints them, the desktop logs them.
     *
     * @param said the progress of a pass, from the words that begin its lines
     * @param cancel what stops the submission ({@link #cancel()})
     */
    static SubmitProgress said(Function<String, ByteProgress> said, CancellationToken cancel) {
        ByteProgress upload = said.apply("uploading");
        return new SubmitProgress() {
            @Override
            public ByteProgress hashing(Path file) {
                return said.apply("reading " + file.getFileName() + " for its SHA-256");
            }

            @Override
            public TransferProgress uploading(Path file) {
                return upload::onBytes;
            }

            @Override
            public CancellationToken cancel() {
                return cancel;
            }
        };
    }

    /** Uploads watched by {@code progress}, hashing unwatched, never cancelled: what submitting used to take. */
    static SubmitProgress uploads(TransferProgress progress) {
        CancellationToken never = CancellationToken.none();
        return new SubmitProgress() {
            @Override
            public ByteProgress hashing(Path file) {
                return ByteProgress.NONE;
            }

            @Override
            public TransferProgress uploading(Path file) {
                return progress;
            }

            @Override
            public CancellationToken cancel() {
                return never;
            }
        };
    }
}
