package io.seiswork.cloud.testing;

import io.seiswork.cloud.testing.LocalCloud.Service;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.Assumptions;

/**
 * The emulators of one test JVM: each is started on first use (those a test class asks for side by
 * side), then shared by every test class that asks for it, and stopped by a shutdown hook when the
 * JVM exits.
 */
final class Emulators {

    static final String NOT_INSTALLED = "dynalite not installed: run scripts/cloud-local.sh install";
    private static final String HOST = "127.0.0.1";
    private static final long START_TIMEOUT_MS = 60_000;

    /** A started emulator: where it answers, how to stop it and how long it took to start. */
    private record Running(URI endpoint, AutoCloseable stop, long startMillis) {}

    /** The starts asked for so far; a failed one stays failed, so later test classes fail the same way at once. */
    private static final Map<Service, CompletableFuture<Running>> STARTS = new EnumMap<>(Service.class);
    private static boolean hookAdded;
    /** Why an emulator process stopped while its tests still needed it, by service. */
    private static final Map<Service, String> DEATHS = new ConcurrentHashMap<>();

    private Emulators() {}

    /**
     * Starts those of {@code services} this JVM has not started yet, side by side, and waits until
     * all answer. Aborts the caller's tests before starting anything when DynamoDB is asked for and
     * dynalite or node is missing.
     */
    static void start(Set<Service> services) {
        if (services.contains(Service.DYNAMODB) && !dynaliteInstalled()) {
            Assumptions.abort(NOT_INSTALLED);
        }
        services.stream().map(Emulators::starting).toList().forEach(Emulators::await);
    }

    /** The endpoint of the emulator for {@code service}, starting it first if this JVM has not yet. */
    static URI endpoint(Service service) {
        return await(starting(service)).endpoint();
    }

    /** Why the emulator for {@code service} stopped on its own (status and output), or null while it runs. */
    static String death(Service service) {
        return DEATHS.get(service);
    }

    /** How long the emulator for {@code service} took to start in this JVM (ms), or -1 if it has not. */
    static synchronized long startMillis(Service service) {
        CompletableFuture<Running> f = STARTS.get(service);
        return f == null || !f.isDone() || f.isCompletedExceptionally() ? -1 : f.join().startMillis();
    }

    private static synchronized CompletableFuture<Running> starting(Service service) {
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(Emulators::stopAll, "local-cloud-stop"));
            hookAdded = true;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return STARTS.computeIfAbsent(service, s -> CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            Running r = switch (s) {
                case SQS -> startElasticMq(t0);
                case S3 -> startS3Proxy(t0);
                case DYNAMODB -> startDynalite(t0);
            };
            System.err.printf("LocalCloud: %s emulator up at %s after %d ms%n", s, r.endpoint(), r.startMillis());
            return r;
        }, task -> {
            // Pekko (ElasticMQ) reads its configuration through the context class loader.
            Thread t = new Thread(task, "local-cloud-start-" + s);
            t.setContextClassLoader(loader);
            t.setDaemon(true);
            t.start();
        }));
    }

    private static Running await(CompletableFuture<Running> start) {
        try {
            return start.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static synchronized void stopAll() {
        STARTS.forEach((service, start) -> {
            try {
                start.join().stop().close();
            } catch (Exception e) {
                // A start that failed has nothing to stop; a stop that fails must not hide the others.
                if (start.isDone() && !start.isCompletedExceptionally()) {
                    System.err.println("LocalCloud: stopping " + service + " failed: " + e);
                }
            }
        });
        STARTS.clear();
    }

    private static URI uri(int port) {
        return URI.create("http://" + HOST + ":" + port);
    }

    private static Running running(int port, AutoCloseable stop, long t0) {
        return new Running(uri(port), stop, (System.nanoTime() - t0) / 1_000_000);
    }

    private static Running startElasticMq(long t0) {
        SQSRestServer server = SQSRestServerBuilder.withInterface(HOST).withDynamicPort().start();
        return running(server.waitUntilStarted().localAddress().getPort(), server::stopAndWait, t0);
    }

    private static Running startS3Proxy(long t0) {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(uri(0))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, LocalCloud.ACCESS_KEY, LocalCloud.SECRET_KEY)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("S3Proxy did not start within " + START_TIMEOUT_MS + " ms: " + proxy.getState());
            }
            sleep(5);
        }
        return running(proxy.getPort(), proxy::stop, t0);
    }

    /**
     * Node runs dynalite through the repository's launcher {@code scripts/lib/dynalite.js}, which
     * keeps it alive when a client drops a connection mid-request (dynalite alone dies of that)
     * and exits when its standard input closes, so the child dies with this JVM even when the JVM
     * is killed before its shutdown hook runs. dynalite listens on a port the kernel picks (port
     * 0) and prints it: a port chosen here and handed over could be taken by another emulator
     * binding port 0 in between. How node ends is written to its output, which {@link #death}
     * then reports.
     */
    private static Running startDynalite(long t0) {
        Path node = onPath("node");
        Path cli = dynaliteCli();
        Path launcher = repositoryFile(DYNALITE_LAUNCHER);
        if (node == null || cli == null || launcher == null) {
            Assumptions.abort(NOT_INSTALLED);
        }
        Path log;
        Process p;
        try {
            log = Files.createTempFile("seiswork-dynalite-", ".log");
            log.toFile().deleteOnExit();
            p = new ProcessBuilder(node.toString(), launcher.toString(), cli.getParent().toString(), "--host", HOST,
                    "--port", "0", "--exit-with-stdin", "--createTableMs", "0", "--deleteTableMs", "0",
                    "--updateTableMs", "0")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dynalite (" + node + " " + launcher + ")", e);
        }
        AtomicBoolean stopping = new AtomicBoolean();
        p.onExit().thenAccept(exited -> {
            if (!stopping.get()) {
                String death = "dynalite (pid " + exited.pid() + ") exited on its own with status " + exited.exitValue()
                        + "; its output: " + read(log);
                DEATHS.put(Service.DYNAMODB, death);
                System.err.println("LocalCloud: " + death);
            }
        });
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        int port;
        while ((port = listeningPort(log)) < 0) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                stopping.set(true);
                stopProcessTree(p);
                throw new IllegalStateException((p.isAlive() ? "dynalite did not listen within " + START_TIMEOUT_MS + " ms"
                        : "dynalite exited with status " + p.exitValue()) + ": " + read(log));
            }
            sleep(10);
        }
        return running(port, () -> {
            stopping.set(true);
            stopProcessTree(p);
        }, t0);
    }

    /** The launcher of dynalite, relative to the repository's root. */
    private static final String DYNALITE_LAUNCHER = "scripts/lib/dynalite.js";

    /** The line (followed by the port) by which the launcher says dynalite listens. */
    private static final String DYNALITE_PORT_LINE = "seiswork dynalite listening on port";

    /** The port the guard printed to {@code log}, or -1 before it has. */
    private static int listeningPort(Path log) {
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith(DYNALITE_PORT_LINE + " ")) {
                    return Integer.parseInt(line.substring(DYNALITE_PORT_LINE.length() + 1).strip());
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    static boolean dynaliteInstalled() {
        return onPath("node") != null && dynaliteCli() != null && repositoryFile(DYNALITE_LAUNCHER) != null;
    }

    /** {@code seiswork.dynalite} if set, else the copy scripts/cloud-local.sh installs; null if absent. */
    static Path dynaliteCli() {
        String property = System.getProperty("seiswork.dynalite");
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property);
            return Files.isRegularFile(p) ? p : null;
        }
        Path script = repositoryFile("scripts/cloud-local.sh");
        if (script == null) {
            return null;
        }
        Path cli = script.getParent().getParent().resolve(".cloud-local/tools/node_modules/dynalite/cli.js");
        return Files.isRegularFile(cli) ? cli : null;
    }

    /** {@code relative} in the repository this test runs in (found by walking up from the working directory), or null. */
    private static Path repositoryFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        return null;
    }

    static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, command);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static void stopProcessTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting an emulator", e);
        }
    }
}
