package io.seiswork.worker;

import java.util.Objects;
import org.slf4j.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Logs a failure of work that is tried again on a schedule (the minute's sweep) once per distinct
 * cause, rather than on every try: a cause that lasts (a permission the worker role lacks, a
 * table without an index) would otherwise write the same warning into every worker's log each
 * minute, and a new cause would drown in it. The recovery is logged once too, so the log shows
 * how long the work was not done.
 */
final class RepeatedFailureLog {

    private final Logger log;
    private final String what;
    /** The message of the failure logged last; null while the work succeeds. */
    private String failing;

    /** @param what the work, as it reads after "could not" ("sweep the dead-letter queue") */
    RepeatedFailureLog(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    /** The work failed with {@code e}: a warning unless it failed for the same cause at the last try. */
    void failed(RuntimeException e) {
        // An AWS error's message carries its request id, new at each try: its code and text alone are its cause.
        String cause = e instanceof AwsServiceException a && a.awsErrorDetails() != null
                ? a.awsErrorDetails().errorCode() + ": " + a.awsErrorDetails().errorMessage()
                : Objects.toString(e.getMessage(), e.getClass().getName());
        if (!cause.equals(failing)) {
            log.warn("could not {}: {} (tried again at each sweep; logged again only for another cause)", what, cause);
        }
        failing = cause;
    }

    /** The work succeeded: logged once after a failure. */
    void succeeded() {
        if (failing != null) {
            log.info("{}: works again", what);
            failing = null;
        }
    }
}
