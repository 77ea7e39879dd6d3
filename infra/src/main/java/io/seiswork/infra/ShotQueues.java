package io.seiswork.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The shot queue and its dead-letter queue, as {@code ShotQueue.createIfMissing} makes them for the
 * local emulators, plus what only AWS has: encryption at rest and a policy refusing plain HTTP.
 *
 * <p>A message is one shot. The visibility timeout is the worker's default lease
 * ({@value Protocol#VISIBILITY_SECONDS} s, which a worker also asks for on each receive); a worker
 * extends it while its shot runs, so a shot may take an hour, and a worker that dies without a
 * word gives its shot back within five minutes. A
 * shot message delivered {@value Protocol#MAX_RECEIVES} times lands in the dead-letter queue,
 * where the workers' sweep settles it against the job table.
 *
 * <p>Both keep messages {@value #RETENTION_DAYS} days, SQS's longest. SQS's default of four days
 * would silently drop the shots a large survey still had queued: 20,000 one-hour shots on 50
 * workers wait up to 16 days, and a job whose messages expired would wait for them for ever. Even
 * 14 days is shorter than that: the workers send a fresh message for a shot still queued 12 days
 * after its message was sent ({@code StaleShotResend}). The dead-letter queue needs as long,
 * because a moved message keeps its first enqueue time.
 */
public final class ShotQueues extends Construct {

    /** How long messages are kept, in both queues. */
    public static final int RETENTION_DAYS = 14;

    private final Queue queue;
    private final Queue deadLetters;

    public ShotQueues(Construct scope, String id) {
        super(scope, id);
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .queueName(Protocol.DEAD_LETTER_QUEUE)
                .retentionPeriod(Duration.days(RETENTION_DAYS))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        queue = Queue.Builder.create(this, "Shots")
                .queueName(Protocol.QUEUE)
                .visibilityTimeout(Duration.seconds(Protocol.VISIBILITY_SECONDS))
                .retentionPeriod(Duration.days(RETENTION_DAYS))
                // Long polling by default: an idle worker costs one request per 20 s.
                .receiveMessageWaitTime(Duration.seconds(20))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(Protocol.MAX_RECEIVES).build())
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
    }

    public Queue queue() {
        return queue;
    }

    public Queue deadLetters() {
        return deadLetters;
    }
}
