package io.seiswork.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real {@code seiswork} command line in a child JVM (this test JVM's java and class path,
 * the launcher's JVM options), for what only a whole process shows: its shutdown on a signal,
 * what it prints before it exits, log levels set as a process starts. The one way the tests
 * start it: {@link #start} as it is, {@link #builder} for a working folder, environment
 * variables or JVM options. Standard output and error are read apart, line by line, and
 * together in the order their lines came ({@link #output}).
 */
final class ChildCli implements AutoCloseable {

    /** The child's heap: what the launcher's default leaves a laptop's other work, and room for the tests' jobs. */
    private static final String MAX_HEAP = "-Xmx1g";

    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final List<String> errLines = new CopyOnWriteArrayList<>();
    private final StringBuilder out = new StringBuilder();
    private final Thread outReader;
    private final Thread errReader;

    private ChildCli(Process process) {
        this.process = process;
        // A thread each, not the common pool's (it may have one thread on 2 cores, held by a reader to the end).
        this.outReader = Thread.ofPlatform().daemon().name("child-cli-stdout").start(() -> read(
                process.getInputStream(), line -> {
                    synchronized (output) {
                        out.append(line).append('\n');
                    }
                }));
        this.errReader = Thread.ofPlatform().daemon().name("child-cli-stderr").start(() -> read(
                process.getErrorStream(), errLines::add));
    }

    /** Starts {@code seiswork args...} in this JVM's working folder, with its environment. */
    static ChildCli start(String... args) throws IOException {
        return builder(args).start();
    }

    /** A child to start once its folder, environment and JVM options are set. */
    static Builder builder(String... args) {
        return new Builder(List.of(args));
    }

    /** How the child starts: its folder, environment and JVM options, then {@link #start}. */
    static final class Builder {
        private final List<String> args;
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> set = new LinkedHashMap<>();
        private final List<String> removed = new ArrayList<>();
        private Path directory;

        private Builder(List<String> args) {
            this.args = args;
        }

        /** Runs it in {@code dir} (relative paths, runs/JOB). */
        Builder directory(Path dir) {
            this.directory = dir;
            return this;
        }

        /** Sets an environment variable of the child. */
        Builder env(String name, String value) {
            set.put(name, value);
            removed.remove(name);
            return this;
        }

        /** Leaves an environment variable of this JVM out of the child's. */
        Builder withoutEnv(String name) {
            set.remove(name);
            removed.add(name);
            return this;
        }

        /** A JVM option before the main class ("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"). */
        Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        ChildCli start() throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), MAX_HEAP, "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command);
            if (directory != null) {
                pb.directory(directory.toFile());
            }
            removed.forEach(pb.environment()::remove);
            pb.environment().putAll(set);
            return new ChildCli(pb.start());
        }
    }

    private void read(InputStream stream, Consumer<String> lines) {
        try (var in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.accept(line);
                synchronized (output) {
                    output.append(line).append('\n');
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the output holds {@code text}; false when the process ended or the time ran out first. */
    boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (output.indexOf(text) < 0) {
                long left = end - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !outReader.isAlive() && !errReader.isAlive()) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(output, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
            return true;
        }
    }

    /**
     * Sends the process SIGINT, as Ctrl-C in its terminal does (POSIX {@code kill}); SIGTERM
     * where the process ignores SIGINT (Linux says so in {@code /proc/PID/status}): a test JVM
     * started in the background of a shell without job control passes the ignored SIGINT on to
     * its children. The JVM shuts down the same way on both.
     *
     * @return the signal sent, "INT" or "TERM"
     */
    String interrupt() throws IOException, InterruptedException {
        String signal = ignoresSigint() ? "TERM" : "INT";
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited with " + kill.exitValue());
        }
        return signal;
    }

    /** Whether the process ignores SIGINT (signal 2: bit 1 of the SigIgn mask); false where it cannot be told. */
    private boolean ignoresSigint() throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .anyMatch(l -> (Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16) & 0b10) != 0);
    }

    /**
     * The status a JVM ends with when {@code signal} ("INT", "TERM", as {@link #interrupt} says
     * it) stops it: 128 + the signal's number, as a shell reports it.
     */
    static int exitStatus(String signal) {
        return 128 + switch (signal) {
            case "HUP" -> 1;
            case "INT" -> 2;
            case "TERM" -> 15;
            default -> throw new IllegalArgumentException("no status known for SIG" + signal);
        };
    }

    /** Waits for the process to end and its output to be read; its exit code. */
    int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child did not end within " + timeout + "; it printed:\n" + output());
        }
        outReader.join(timeout.toMillis());
        errReader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** Whether the process still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Its process id, for tools that look at it (jcmd). */
    long pid() {
        return process.pid();
    }

    /** The lines printed on standard error so far. */
    List<String> errLines() {
        return List.copyOf(errLines);
    }

    /** Standard error so far, its lines joined by newlines. */
    String err() {
        return String.join("\n", errLines);
    }

    /** The last line printed on standard error; empty when none. */
    String lastErrLine() {
        return errLines.isEmpty() ? "" : errLines.getLast();
    }

    /** Standard output so far. */
    String out() {
        synchronized (output) {
            return out.toString();
        }
    }

    /** Everything printed so far, standard output and error, in the order their lines were read. */
    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** Ends the process if it is still running (a failed test's). */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
