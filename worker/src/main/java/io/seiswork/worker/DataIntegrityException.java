package io.seiswork.worker;

/**
 * A shot's recorded data whose stored bytes are not those submitted: the same wrong bytes on two
 * fetches of one version of the object (its shot's traces or the file's headers not of the
 * SHA-256 the shot index holds), or an object of another size than the indexed file. Every
 * attempt of the shot would read the same bytes and fail the same way, so the worker fails the
 * shot at once ({@link io.seiswork.cloud.job.JobTable#failShotWithoutRetry}) instead of paying for
 * its other deliveries, and says so in the job's error.
 */
final class DataIntegrityException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the bytes (a shot's FFID, or the headers) and the data's key */
    DataIntegrityException(String message) {
        super(message);
    }
}
