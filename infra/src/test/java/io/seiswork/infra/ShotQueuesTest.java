package io.seiswork.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The shot queue and its dead-letter queue. */
class ShotQueuesTest {

    private static final Template TEMPLATE = Synth.defaults();

    private static String queueId(String name) {
        return Synth.queueId(TEMPLATE, name);
    }

    @Test
    void shotQueueRedrivesToTheDeadLetterQueueAfterThreeReceives() {
        String dlq = queueId("seiswork-shots-dlq");
        TEMPLATE.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "QueueName", "seiswork-shots",
                "VisibilityTimeout", 300,
                "SqsManagedSseEnabled", true,
                "RedrivePolicy", Map.of("deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(dlq, "Arn")), "maxReceiveCount", 3)));
    }

    @Test
    void shotsAndDeadLettersAreKeptFourteenDaysEncrypted() {
        for (String name : List.of("seiswork-shots", "seiswork-shots-dlq")) {
            TEMPLATE.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "QueueName", name,
                    "MessageRetentionPeriod", 14 * 24 * 3600,
                    "SqsManagedSseEnabled", true));
        }
    }

    @Test
    void bothQueuesRefusePlainHttp() {
        for (String name : List.of("seiswork-shots", "seiswork-shots-dlq")) {
            String id = queueId(name);
            TEMPLATE.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                    "Queues", List.of(Map.of("Ref", id)),
                    "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Effect", "Deny",
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
        }
        assertEquals(2, Synth.resources(TEMPLATE, "AWS::SQS::QueuePolicy").size());
    }
}
