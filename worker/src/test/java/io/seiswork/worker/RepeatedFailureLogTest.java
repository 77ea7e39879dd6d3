package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * {@link RepeatedFailureLog} as the sweep uses it, its lines read from the tests' SLF4J provider
 * (slf4j-simple, {@link StandardError}): a cause that lasts is one warning however many sweeps it
 * fails, though each AWS error carries a request id of its own, which the line leaves out; another
 * cause is a warning of its own; the recovery is one line, and a failure after it warns again.
 */
class RepeatedFailureLogTest {

    private static final Logger LOG = LoggerFactory.getLogger("sweep-under-test");
    private static final String WHAT = "sweep the dead-letter queue";
    private static final String DENIED = "AccessDenied: not authorized to perform sqs:ReceiveMessage";

    @Test
    void aLastingAwsErrorIsOneWarningWithoutItsRequestIds() throws Exception {
        RepeatedFailureLog failures = new RepeatedFailureLog(LOG, WHAT);
        List<String> ids = List.of("5e1c-0001", "5e1c-0002", "5e1c-0003");
        for (String id : ids) {
            assertTrue(denied(id).getMessage().contains(id), "each try's message has its own request id");
        }
        String log = StandardError.of(() -> ids.forEach(id -> failures.failed(denied(id))));
        assertEquals(List.of("WARN sweep-under-test - could not " + WHAT + ": " + DENIED
                + " (tried again at each sweep; logged again only for another cause)"), lines(log));
        ids.forEach(id -> assertTrue(!log.contains(id), "request id " + id + " in the log:\n" + log));
    }

    @Test
    void anotherCauseIsAWarningOfItsOwn() throws Exception {
        RepeatedFailureLog failures = new RepeatedFailureLog(LOG, WHAT);
        String log = StandardError.of(() -> {
            failures.failed(denied("a"));
            failures.failed(new IllegalStateException("the queue has no redrive policy"));
            failures.failed(new IllegalStateException("the queue has no redrive policy"));
            failures.failed(new NullPointerException());
            failures.failed(denied("b"));
        });
        assertEquals(List.of(DENIED, "the queue has no redrive policy", "java.lang.NullPointerException", DENIED),
                lines(log).stream().map(l -> l.substring(l.indexOf(WHAT + ": ") + WHAT.length() + 2, l.indexOf(" (tried")))
                        .toList());
    }

    @Test
    void theRecoveryIsOneLineAndAFailureAfterItWarnsAgain() throws Exception {
        RepeatedFailureLog failures = new RepeatedFailureLog(LOG, WHAT);
        String log = StandardError.of(() -> {
            failures.succeeded();  // never failed: nothing to say
            failures.failed(denied("a"));
            failures.succeeded();
            failures.succeeded();
            failures.failed(denied("b"));  // the same cause as before the recovery: a new outage
        });
        List<String> lines = lines(log);
        assertEquals(3, lines.size(), log);
        assertTrue(lines.get(0).startsWith("WARN sweep-under-test - could not " + WHAT + ": " + DENIED), log);
        assertEquals("INFO sweep-under-test - " + WHAT + ": works again", lines.get(1));
        assertTrue(lines.get(2).startsWith("WARN sweep-under-test - could not " + WHAT + ": " + DENIED), log);
    }

    /** An SQS refusal as the SDK builds it from a response: its message ends in the request id. */
    private static SqsException denied(String requestId) {
        return (SqsException) SqsException.builder().statusCode(403).requestId(requestId)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("Sqs").errorCode("AccessDenied")
                        .errorMessage("not authorized to perform sqs:ReceiveMessage").build())
                .build();
    }

    /** The log's lines of the logger under test, without slf4j-simple's thread prefix ("[main] "). */
    private static List<String> lines(String log) {
        return log.lines().filter(l -> l.contains(" sweep-under-test - ")).map(l -> l.substring(l.indexOf("] ") + 2))
                .toList();
    }
}
