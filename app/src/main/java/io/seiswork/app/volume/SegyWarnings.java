package io.seiswork.app.volume;

import io.seiswork.app.text.TerminalText;
import io.seiswork.core.segy.HeaderConsistency;
import io.seiswork.core.segy.SegyReader;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Prints what {@link HeaderConsistency} finds in a SEG-Y file as warning lines on standard error
 * ({@code seiswork: warning: FILE: ...}): the commands that read samples (segy info, scan,
 * convert; view and convert of a cube) go on as the binary header says, but the user hears that
 * the headers disagree before trusting the values.
 */
public final class SegyWarnings {

    private SegyWarnings() {
    }

    /** As {@link #print(SegyReader, PrintWriter)} for {@code file} opened with the default options (its headers and a few traces read). */
    public static void print(Path file, PrintWriter err) {
        try (SegyReader r = SegyReader.open(file)) {
            print(r, err);
        }
    }

    /** Prints {@code r}'s warnings on {@code err}, one line each; nothing when its headers agree. */
    public static void print(SegyReader r, PrintWriter err) {
        for (String w : HeaderConsistency.warnings(r)) {
            err.println("seiswork: warning: " + TerminalText.line(r.file() + ": " + w));
        }
        err.flush();
    }
}
