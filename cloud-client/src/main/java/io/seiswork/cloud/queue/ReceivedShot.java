package io.seiswork.cloud.queue;

/**
 * A shot message a worker holds: invisible to other workers until its visibility timeout runs
 * out, so the worker extends it while the shot runs and deletes it when done.
 *
 * @param task what to run, or null when the body was not a valid shot message
 * @param body the raw body (for the log when {@code task} is null)
 * @param receiptHandle SQS's handle for extend, delete and release
 * @param receiveCount how many times SQS has delivered this message (1 the first time)
 * @param run which run of the job sent it: 0 when submitted, the job's {@code resumes} count when
 *     a resume sent it ({@link ShotQueue#RUN_ATTRIBUTE}); a message of an earlier run is stale
 * @param messageId SQS's id of the message, the same on every delivery and in the dead-letter
 *     queue: the shot and job items record it, so that a dead letter is known to be the message
 *     a silent attempt came from
 */
public record ReceivedShot(ShotTask task, String body, String receiptHandle, int receiveCount, int run,
        String messageId) { }
