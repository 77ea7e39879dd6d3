package io.seiswork.app.desktop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The Examples menu's notes, kept from one listing to the next (the menu is listed anew each time
 * it opens) while nothing they were worked out from changed: the spec file, the examples folder's
 * README and the files the spec names (a model put in place, or removed, changes the note). Used
 * from the Examples menu's own thread.
 */
final class ExampleNotes {

    private record Kept(String stamp, ExampleNote note) {
    }

    private final Map<Path, Kept> kept = new ConcurrentHashMap<>();

    /** {@code spec}'s note: the one kept when its stamp is unchanged, else {@code work}'s, kept. */
    ExampleNote note(Path spec, Supplier<ExampleNote> work) {
        String stamp = stamp(spec);
        Kept k = kept.get(spec);
        if (k != null && k.stamp().equals(stamp)) {
            return k.note();
        }
        ExampleNote note = work.get();
        kept.put(spec, new Kept(stamp, note));
        return note;
    }

    /**
     * The spec's modification time and size, those of the {@code README.md} beside it (its words
     * for data from outside the repository are in the note), and those of every file it names
     * ("-" for one missing).
     */
    private static String stamp(Path spec) {
        StringBuilder b = new StringBuilder(of(spec));
        b.append("|readme ").append(of(spec.toAbsolutePath().resolveSibling("README.md")));
        try {
            List<Path> named = SpecFiles.named(Files.readString(spec), spec.toAbsolutePath().getParent());
            for (Path f : named) {
                b.append('|').append(of(f));
            }
        } catch (IOException | RuntimeException e) {
            b.append("|unreadable");
        }
        return b.toString();
    }

    private static String of(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis() + ":" + Files.size(f);
        } catch (IOException | RuntimeException e) {
            return "-";
        }
    }
}
