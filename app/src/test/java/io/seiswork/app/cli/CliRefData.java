package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The third-party reference data for the command tests (system property {@code seiswork.refdata},
 * set by the parent pom): a test without it is aborted saying where it looked, not passed silently.
 */
final class CliRefData {

    private CliRefData() {
    }

    /** A file under the refdata folder, for example {@code "segyio/small.sgy"}. */
    static Path file(String relative) {
        Path dir = Path.of(System.getProperty("seiswork.refdata", "../../shared/refdata")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(dir.resolve("segyio")), "refdata not found at " + dir + "; SEG-Y command tests not run");
        return dir.resolve(relative);
    }
}
