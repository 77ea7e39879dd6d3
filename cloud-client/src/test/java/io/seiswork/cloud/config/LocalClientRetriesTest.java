package io.seiswork.cloud.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Against the local emulators a failing call is tried {@value CloudClients#LOCAL_ATTEMPTS} times,
 * not the SDK's 4 (whose back-off kept {@code --cloud local} without emulators silent for 10-12 s):
 * a server on a loopback port that closes every connection it accepts counts the attempts.
 */
class LocalClientRetriesTest {

    @Test
    void aLocalCallIsTriedTwiceAtMost() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger accepted = new AtomicInteger();
            Thread closer = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;  // the server closed
                    }
                }
            });
            closer.setDaemon(true);
            closer.start();
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort());
            try (CloudClients clients = new CloudClients(CloudSettings.local(uri, uri, uri))) {
                assertThrows(SdkClientException.class, () -> clients.dynamoDb().listTables());
                assertEquals(CloudClients.LOCAL_ATTEMPTS, accepted.getAndSet(0), "DynamoDB");
                assertThrows(SdkClientException.class, () -> clients.sqs().listQueues());
                assertEquals(CloudClients.LOCAL_ATTEMPTS, accepted.getAndSet(0), "SQS");
                assertThrows(SdkClientException.class, () -> clients.s3().listBuckets());
                assertEquals(CloudClients.LOCAL_ATTEMPTS, accepted.getAndSet(0), "S3");
            }
        }
    }
}
