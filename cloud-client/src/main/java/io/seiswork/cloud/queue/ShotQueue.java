package io.seiswork.cloud.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.RequestsInParallel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The shot queue (SQS): one message per shot, {@link ShotTask}. Workers long-poll it, hold a
 * message invisible while its shot runs (minutes to an hour: {@link #extend}), delete it when the
 * result is stored, and {@link #release} it at once when stopped (spot interruption), so another
 * worker takes the shot without waiting for the timeout. A message received
 * {@value #MAX_RECEIVES} times without being deleted moves to the dead-letter queue
 * {@code <queue>-dlq}, where an alarm watches it.
 */
public final class ShotQueue {

    /** Deliveries before a message goes to the dead-letter queue (architecture: maxReceiveCount 3). */
    public static final int MAX_RECEIVES = io.seiswork.cloud.job.ShotAttempts.MAX;
    /** Visibility timeout of a fresh delivery, seconds; workers extend it while running. */
    public static final int DEFAULT_VISIBILITY_S = 120;
    /** The message attribute naming the run of the job that sent a shot message (absent: 0). */
    public static final String RUN_ATTRIBUTE = "run";
    private static final int BATCH = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String url;

    private ShotQueue(SqsClient sqs, String url) {
        this.sqs = sqs;
        this.url = url;
    }

    /**
     * The existing queue {@code name}.
     *
     * @throws IllegalStateException naming the queue when it does not exist
     */
    public static ShotQueue open(SqsClient sqs, String name) {
        try {
            return new ShotQueue(sqs, sqs.getQueueUrl(r -> r.queueName(name)).queueUrl());
        } catch (QueueDoesNotExistException e) {
            throw new IllegalStateException("shot queue \"" + name + "\" does not exist: deploy the stack (infra/) or "
                    + "check SEISWORK_QUEUE", e);
        }
    }

    /**
     * Creates {@code name} and its dead-letter queue if missing (the local emulator stack; on AWS
     * the CDK stack owns them), then opens it.
     */
    public static ShotQueue createIfMissing(SqsClient sqs, String name) {
        String dlqUrl = sqs.createQueue(r -> r.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVES + "\"}";
        String url = sqs.createQueue(r -> r.queueName(name).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, redrive,
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(DEFAULT_VISIBILITY_S)))).queueUrl();
        return new ShotQueue(sqs, url);
    }

    /**
     * The queue this one's messages go to after {@value #MAX_RECEIVES} deliveries, as its redrive
     * policy names it (on AWS the CDK stack sets it; here {@link #createIfMissing}), or empty when
     * it has none. Workers sweep it ({@code DeadLetterSweep}): a shot whose message is there was
     * either counted failed already or lost with its workers, and only the job table tells which.
     */
    public Optional<ShotQueue> deadLetters() {
        String policy = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().get(QueueAttributeName.REDRIVE_POLICY);
        if (policy == null || policy.isBlank()) {
            return Optional.empty();
        }
        String arn;
        try {
            arn = JSON.readTree(policy).path("deadLetterTargetArn").asText("");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the shot queue's redrive policy is not JSON: " + policy, e);
        }
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        if (name.isEmpty()) {
            throw new IllegalStateException("the shot queue's redrive policy names no dead-letter queue: " + policy);
        }
        return Optional.of(new ShotQueue(sqs, sqs.getQueueUrl(r -> r.queueName(name)).queueUrl()));
    }

    /** Queues one message per shot of a job's first run, as {@link #send(JobId, List, int)} does. */
    public void send(JobId job, List<Integer> shots) {
        send(job, shots, 0);
    }

    /**
     * Queues one message for {@code shot} of run {@code run} of the job, as {@link #send(JobId,
     * List, int)} does, and returns its id: the dead-letter sweep records the message it sends a
     * lost stack again with, so that the worker that receives it knows the stack is its own.
     *
     * @return SQS's id of the message
     */
    public String sendOne(JobId job, int shot, int run) {
        return sqs.sendMessage(b -> b.queueUrl(url).messageBody(new ShotTask(job, shot).toJson())
                .messageAttributes(attributes(run))).messageId();
    }

    /** The message attributes of run {@code run}: none for the first, whose messages carry no run. */
    private static Map<String, MessageAttributeValue> attributes(int run) {
        return run == 0 ? Map.of()
                : Map.of(RUN_ATTRIBUTE, MessageAttributeValue.builder().dataType("Number").stringValue(Integer.toString(run))
                        .build());
    }

    /**
     * Queues one message per shot for run {@code run} of the job (its {@code resumes} count), ten
     * per request and {@value RequestsInParallel#AT_ONCE} requests at once, retrying entries SQS
     * refused. The body stays {@code {jobId, shot}}; the run
     * travels as the message attribute {@value #RUN_ATTRIBUTE}, so that workers drop the
     * messages a resumed job still had queued from before (each would bring its old receive
     * count, and a second run of its shot).
     */
    public void send(JobId job, List<Integer> shots, int run) {
        Map<String, MessageAttributeValue> attributes = attributes(run);
        List<SendMessageBatchRequestEntry> pending = new ArrayList<>();
        for (int shot : shots) {
            pending.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(shot))
                    .messageBody(new ShotTask(job, shot).toJson()).messageAttributes(attributes).build());
        }
        RequestsInParallel.send(RequestsInParallel.batches(pending, BATCH), batch -> sendBatch(job, batch),
                "the shot messages of job " + job);
    }

    /** Sends one batch of at most ten messages, sending again the entries SQS failed for its own reasons. */
    private void sendBatch(JobId job, List<SendMessageBatchRequestEntry> entries) {
        List<SendMessageBatchRequestEntry> batch = entries;
        for (int attempt = 0; !batch.isEmpty(); attempt++) {
            var todo = batch;
            SendMessageBatchResponse r = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(todo));
            List<SendMessageBatchRequestEntry> failed = new ArrayList<>();
            for (BatchResultErrorEntry e : r.failed()) {
                if (attempt >= 4 || e.senderFault()) {
                    throw new IllegalStateException("could not queue shot " + e.id() + " of job " + job + ": "
                            + e.code() + " " + e.message());
                }
                todo.stream().filter(x -> x.id().equals(e.id())).forEach(failed::add);
            }
            batch = failed;
        }
    }

    /**
     * Waits up to {@code waitS} seconds (at most 20, SQS's long poll) for one shot message, which
     * then stays invisible to other workers for {@code visibilityS} seconds.
     */
    public Optional<ReceivedShot> receive(int waitS, int visibilityS) {
        List<Message> m = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(1)
                .waitTimeSeconds(Math.min(20, Math.max(0, waitS))).visibilityTimeout(visibilityS)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .messageAttributeNames(RUN_ATTRIBUTE)).messages();
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Message msg = m.get(0);
        ShotTask task;
        try {
            task = ShotTask.parse(msg.body());
        } catch (IllegalArgumentException e) {
            task = null;
        }
        int count = Integer.parseInt(msg.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
        MessageAttributeValue run = msg.messageAttributes().get(RUN_ATTRIBUTE);
        int runNumber;
        try {
            runNumber = run == null ? 0 : Math.max(0, Integer.parseInt(run.stringValue()));
        } catch (NumberFormatException e) {
            runNumber = 0;
        }
        return Optional.of(new ReceivedShot(task, msg.body(), msg.receiptHandle(), count, runNumber, msg.messageId()));
    }

    /** Keeps the message invisible for another {@code visibilityS} seconds from now. */
    public void extend(ReceivedShot shot, int visibilityS) {
        sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(shot.receiptHandle()).visibilityTimeout(visibilityS));
    }

    /** The shot is finished (or must never run): removes the message. */
    public void delete(ReceivedShot shot) {
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(shot.receiptHandle()));
    }

    /** Makes the message visible again at once, for another worker (this one is stopping). */
    public void release(ReceivedShot shot) {
        extend(shot, 0);
    }

    /** Messages waiting plus messages held by workers, as SQS approximates them. */
    public Backlog backlog() {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return new Backlog(Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
    }

    /**
     * @param waiting messages no worker holds
     * @param running messages held by workers
     */
    public record Backlog(int waiting, int running) { }
}
