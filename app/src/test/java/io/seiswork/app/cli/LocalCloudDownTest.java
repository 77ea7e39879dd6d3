package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud commands with the local cloud's emulators not running: each says so in one line,
 * naming every emulator and its endpoint, before any client is built, so without the SDK's
 * retries against refused connections (3–6 s, and "(SDK Attempt Count: N)" in its message).
 * The emulators are played down by ports nothing listens on, so this needs none running and
 * leaves those of other tests alone.
 */
class LocalCloudDownTest {

    private static final List<String> PORTS = List.of("SEISWORK_SQS_PORT", "SEISWORK_S3_PORT", "SEISWORK_DYNAMODB_PORT");

    private final String[] saved = new String[PORTS.size()];
    private final int[] closed = new int[PORTS.size()];

    @TempDir
    Path dir;

    @BeforeEach
    void pointAtClosedPorts() throws IOException {
        for (int i = 0; i < PORTS.size(); i++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed[i] = s.getLocalPort();
            }
            saved[i] = System.getProperty(PORTS.get(i));
            System.setProperty(PORTS.get(i), Integer.toString(closed[i]));
        }
    }

    @AfterEach
    void restore() {
        for (int i = 0; i < PORTS.size(); i++) {
            if (saved[i] == null) {
                System.clearProperty(PORTS.get(i));
            } else {
                System.setProperty(PORTS.get(i), saved[i]);
            }
        }
    }

    @Test
    void everyCloudCommandNamesTheEmulatorsDownWithoutTheSdksRetries() {
        String expected = "seiswork: cannot reach the local cloud: SQS (ElasticMQ) at http://127.0.0.1:" + closed[0]
                + ": connection refused, S3 (S3Proxy) at http://127.0.0.1:" + closed[1] + ": connection refused,"
                + " DynamoDB (dynalite) at http://127.0.0.1:" + closed[2] + ": connection refused; start the local"
                + " cloud with scripts/cloud-local.sh start";
        List<String[]> commands = List.of(new String[] {"status", "abc"}, new String[] {"cancel", "abc"},
                new String[] {"resume", "abc"}, new String[] {"delete", "abc"},
                new String[] {"fetch", "abc", "--out", dir.toString()}, new String[] {"jobs"},
                new String[] {"view", "--job", "abc"});
        for (String[] command : commands) {
            String[] args = Stream.concat(Arrays.stream(command), Stream.of("--cloud", "local")).toArray(String[]::new);
            CliRun r = CliRun.run(args);
            String what = String.join(" ", args) + ": " + r.err();
            assertEquals(1, r.exit(), what);
            assertEquals(expected, r.err().strip(), what);
            assertFalse(r.err().contains("Attempt Count"), what);
        }
    }
}
