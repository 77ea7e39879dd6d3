package io.seiswork.kernels.job;

/**
 * A shot's own file, cut from the data file by its {@link ShotIndex}, does not hold the traces the
 * index gives the shot: traces of another FFID, or another count, size or place of traces than
 * the index's ({@link ShotComputer#migrateGather}). Its own type so that a caller can tell it by
 * type rather than by its words: a cloud worker checks the file's bytes against the index's
 * digests before it is read, so the bytes are those submitted and the index itself is wrong, and
 * every attempt of the shot would fail the same way; the worker fails the shot at once instead of
 * retrying it.
 */
public final class WrongShotTracesException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the shot's FFID and what the file holds instead */
    public WrongShotTracesException(String message) {
        super(message);
    }
}
