package io.seiswork.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs shell scripts for the tests; a test that needs bash is skipped, with the reason printed, where there is none. */
final class Bash {

    /** Longest a script may run, in seconds: the scripts under test finish in well under one. */
    private static final int TIMEOUT_SECONDS = 30;

    private static Boolean found;

    private Bash() {
    }

    /** What a run printed and how it ended. */
    record Result(int status, String stdout, String stderr) {
    }

    /** Skips the calling test, saying why on standard error and in the report, when bash or awk is missing. */
    static synchronized void requireBash() {
        if (found == null) {
            try {
                found = run(Path.of("."), Map.of(), "bash", "-c", "command -v awk >/dev/null").status() == 0;
            } catch (IOException e) {
                found = false;
            }
        }
        if (!found) {
            String reason = "bash (with awk) not found on the PATH: the user data script is not run";
            System.err.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
    }

    /**
     * Skips the calling test, saying why, when this machine has {@code command} on the script's
     * PATH (the test's PATH and the sbin directories the scratch script adds): the test stands
     * for an instance without it.
     */
    static void requireAbsent(String command) throws IOException {
        Result r = run(Path.of("."), Map.of(), "bash", "-c",
                "PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin; command -v " + command);
        if (r.status() == 0) {
            String reason = command + " is installed here (" + r.stdout().strip() + "): an instance without it cannot be staged";
            System.err.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
    }

    /** Runs {@code command} in {@code dir} with these variables added to the environment. */
    static Result run(Path dir, Map<String, String> env, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " still running after " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new AssertionError("interrupted", e);
        }
    }

    private static CompletableFuture<String> read(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(cannot read: " + e.getMessage() + ")";
            }
        });
    }
}
