package io.seiswork.cloud.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The connect probe of the local stack's emulators, against real sockets on 127.0.0.1: ports that
 * listen pass, a port nothing listens on is named with its service and endpoint.
 */
class LocalCloudProbeTest {

    private static URI at(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A port on 127.0.0.1 that was free a moment ago and that nothing listens on now. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void listeningEmulatorsPassAndAClosedPortIsNamedWithItsService() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket s3 = new ServerSocket(0, 1, loopback); ServerSocket sqs = new ServerSocket(0, 1, loopback);
                ServerSocket db = new ServerSocket(0, 1, loopback)) {
            assertEquals(List.of(), LocalCloudProbe.down(CloudSettings.local(at(s3.getLocalPort()),
                    at(sqs.getLocalPort()), at(db.getLocalPort()))));
            int closed = closedPort();
            assertEquals(List.of("DynamoDB (dynalite) at http://127.0.0.1:" + closed + ": connection refused"),
                    LocalCloudProbe.down(CloudSettings.local(at(s3.getLocalPort()), at(sqs.getLocalPort()), at(closed))));
        }
    }

    @Test
    void everyEmulatorDownIsNamedInTheOrderSqsS3DynamoDb() throws IOException {
        int s3 = closedPort();
        int sqs = closedPort();
        int db = closedPort();
        assertEquals(List.of("SQS (ElasticMQ) at http://127.0.0.1:" + sqs + ": connection refused",
                "S3 (S3Proxy) at http://127.0.0.1:" + s3 + ": connection refused",
                "DynamoDB (dynalite) at http://127.0.0.1:" + db + ": connection refused"),
                LocalCloudProbe.down(CloudSettings.local(at(s3), at(sqs), at(db))));
    }

    /** A deployed stack's endpoints are the region's: the SDK's retries are for them, no probe. */
    @Test
    void aDeployedStackIsNotProbed() {
        CloudSettings aws = new CloudSettings("aws", CloudSettings.local(Map.of()).region(), null, null, null, "b", "t",
                "q", CloudSettings.local(Map.of()).credentials());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalCloudProbe.down(aws));
        assertEquals("only the local stack's emulators are probed, not the aws cloud's endpoints", e.getMessage());
    }

    /** The refusal a user sees: every emulator down named, then how to start them; a deployed stack passes untried. */
    @Test
    void requireUpNamesWhatIsDownAndHowToStartIt() throws IOException {
        int closed = closedPort();
        try (ServerSocket up = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {  // five connects, none accepted
            LocalCloudDown e = assertThrows(LocalCloudDown.class, () -> LocalCloudProbe.requireUp(
                    CloudSettings.local(at(up.getLocalPort()), at(closed), at(up.getLocalPort()))));
            assertEquals("cannot reach the local cloud: SQS (ElasticMQ) at http://127.0.0.1:" + closed
                    + ": connection refused; start the local cloud with scripts/cloud-local.sh start", e.getMessage());
            LocalCloudProbe.requireUp(CloudSettings.local(at(up.getLocalPort()), at(up.getLocalPort()),
                    at(up.getLocalPort())));
        }
        LocalCloudProbe.requireUp(new CloudSettings("aws", CloudSettings.local(Map.of()).region(), null, null, null,
                "b", "t", "q", CloudSettings.local(Map.of()).credentials()));
    }
}
