package io.seiswork.core.spec;

import io.seiswork.core.files.IoProblems;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How the resolver names a file the spec names (a model, a data file) in its messages: as the
 * spec gives it, normalised ({@code /a/b/../c} as {@code /a/c}), never by the real path a link
 * leads to, and why it cannot be read when it is not a regular file.
 */
final class ShownPaths {

    private ShownPaths() {
    }

    /**
     * Why {@code file}, which is not a regular file, cannot be read, its path normalised: "FILE is
     * a folder, not a file", "FILE is not a regular file" (a device such as /dev/zero, a named
     * pipe: there, but no model of a size to check) or "file FILE does not exist".
     */
    static String notAFile(Path file) {
        Path shown = file.normalize();
        IoProblems.NotARegularFile what = IoProblems.NotARegularFile.of(file);
        return switch (what) {
            case FOLDER -> shown + " " + what.words() + ", not a file";
            case OTHER -> shown + " " + what.words();
            case MISSING -> "file " + shown + " " + what.words();
        };
    }

    /**
     * {@code message} with {@code file} (as the spec gives it, normalised) in place of its real
     * path ({@link VelocityFileCache} keys and reads by the real path, so a link, or a folder such
     * as {@code shared/} that is one, would show its target); {@code message} as it is when the
     * real path cannot be found.
     */
    static String asGiven(Path file, String message) {
        Path shown = file.normalize();
        try {
            Path real = shown.toRealPath();
            return real.equals(shown) ? message : message.replace(real.toString(), shown.toString());
        } catch (IOException | RuntimeException e) {
            return message;
        }
    }
}
