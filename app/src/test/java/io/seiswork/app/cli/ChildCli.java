package io.seiswork.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code seiswork} command line in a child JVM (this test JVM's java and class path,
 * the launcher's JVM options), for what only a whole process shows: its shutdown on a signal,
 * what it prints before it exits. Standard output and error are read together, line by line.
 */
final class ChildCli implements AutoCloseable {

    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final Thread reader;

    private ChildCli(Process process) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("child-cli-output").start(this::read);
    }

    /** Starts {@code seiswork args...}. */
    static ChildCli start(String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow(() ->
                new IllegalStateException("this JVM does not say which java runs it"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ChildCli(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void read() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
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
                if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
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

    /** Waits for the process to end and its output to be read; its exit code. */
    int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child did not end within " + timeout + "; it printed:\n" + output());
        }
        reader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** Everything printed so far. */
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
