package io.seiswork.cloud.config;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the emulators of a local stack ({@link CloudSettings#local}) listen, asked by one TCP
 * connect to each before any client is built. The SDK's clients retry a refused connection with
 * back-off (3–6 s before they give up, measured on a closed port), which is right for a stack that hiccups
 * and wrong for one that is not running at all: a command line asked for a job's status should
 * say at once that the emulators are down, and which. A connect to 127.0.0.1 is refused in well
 * under a millisecond when nothing listens, so the probe costs nothing when they run.
 *
 * <p>Only for the local stack: a deployed stack's endpoints are the region's own, whose answer
 * the SDK's retries are there for. Passing the probe promises nothing (an emulator may stop the
 * next moment): the calls keep the SDK's retries and their messages.
 */
public final class LocalCloudProbe {

    /**
     * Longest wait for one emulator's connect, ms: a listening port on 127.0.0.1 accepts in
     * microseconds, a closed one refuses as fast; only a firewalled port would use it up.
     */
    public static final int CONNECT_TIMEOUT_MS = 300;

    private LocalCloudProbe() {
    }

    /**
     * Returns when {@code settings} is not the local stack, or when each of its emulators takes a
     * connection; the clients a user waits on are built after it, so emulators not running are
     * named at once rather than after the SDK's retries.
     *
     * @throws LocalCloudDown "cannot reach the local cloud: " naming each emulator that is down,
     *     its endpoint and why, then how to start them
     */
    public static void requireUp(CloudSettings settings) {
        if (!settings.isLocal()) {
            return;
        }
        List<String> down = down(settings);
        if (!down.isEmpty()) {
            throw new LocalCloudDown("cannot reach the local cloud: " + String.join(", ", down) + "; "
                    + settings.whenUnreachable());
        }
    }

    /**
     * The emulators of {@code local} that accept no connection, each as "DynamoDB (dynalite) at
     * http://127.0.0.1:4567: connection refused", in the order SQS, S3, DynamoDB; empty when all
     * listen.
     *
     * @throws IllegalArgumentException when {@code local} is not the local stack
     */
    public static List<String> down(CloudSettings local) {
        return down(local, Duration.ofMillis(CONNECT_TIMEOUT_MS));
    }

    /** As {@link #down(CloudSettings)}, waiting at most {@code timeout} for each connect. */
    static List<String> down(CloudSettings local, Duration timeout) {
        if (!local.isLocal()) {
            throw new IllegalArgumentException("only the local stack's emulators are probed, not the " + local.name()
                    + " cloud's endpoints");
        }
        List<String> down = new ArrayList<>();
        probe("SQS (ElasticMQ)", local.sqsEndpoint(), timeout, down);
        probe("S3 (S3Proxy)", local.s3Endpoint(), timeout, down);
        probe("DynamoDB (dynalite)", local.dynamoDbEndpoint(), timeout, down);
        return down;
    }

    private static void probe(String service, URI endpoint, Duration timeout, List<String> down) {
        if (endpoint == null) {
            return;
        }
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(endpoint.getHost(), port), (int) timeout.toMillis());
        } catch (ConnectException e) {
            down.add(service + " at " + endpoint + ": connection refused");
        } catch (SocketTimeoutException e) {
            down.add(service + " at " + endpoint + ": no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            down.add(service + " at " + endpoint + ": " + e.getMessage());
        }
    }
}
