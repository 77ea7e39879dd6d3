package io.seiswork.app.desktop;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job specs opened or saved lately, newest first, kept in the user's preferences (not in any
 * project), for the window's Recent menu. Only file paths are stored; a file since moved or deleted
 * is left out of the list. Preferences that cannot be read or written (a read-only home) cost the
 * list, never the window.
 */
final class RecentSpecs {

    private static final Logger LOG = LoggerFactory.getLogger(RecentSpecs.class);

    /** Most specs remembered. */
    static final int MAX = 8;

    /** Where the window keeps them; another node ({@code -Dseiswork.prefsNode}) for tests. */
    static final String NODE = System.getProperty("seiswork.prefsNode", "io/seiswork/desktop");

    private static final String KEY = "recentSpecs";

    private final Preferences prefs;

    RecentSpecs(Preferences prefs) {
        this.prefs = prefs;
    }

    /** The user's list ({@link #NODE}). */
    static RecentSpecs ofUser() {
        return new RecentSpecs(Preferences.userRoot().node(NODE));
    }

    /** The specs remembered whose files still exist, newest first. */
    List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (Path p : stored()) {
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Puts {@code spec} first (once), keeping at most {@value #MAX}. */
    void add(Path spec) {
        Path p = spec.toAbsolutePath().normalize();
        List<Path> next = new ArrayList<>(List.of(p));
        for (Path q : stored()) {
            if (!q.equals(p) && next.size() < MAX) {
                next.add(q);
            }
        }
        StringBuilder value = new StringBuilder();
        for (Path q : next) {
            String line = q.toString();
            if (value.length() + line.length() + 1 > Preferences.MAX_VALUE_LENGTH) {
                break;  // very long paths: keep the newest that fit
            }
            value.append(value.isEmpty() ? "" : "\n").append(line);
        }
        try {
            prefs.put(KEY, value.toString());
            prefs.flush();
        } catch (BackingStoreException | IllegalStateException | SecurityException e) {
            LOG.debug("recent specs not kept: {}", e.toString());
        }
    }

    private List<Path> stored() {
        String value;
        try {
            value = prefs.get(KEY, "");
        } catch (IllegalStateException | SecurityException e) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        for (String line : value.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(Path.of(line));
            } catch (InvalidPathException e) {
                LOG.debug("recent spec {} skipped: {}", line, e.getMessage());
            }
        }
        return out;
    }
}
