package io.seiswork.app.desktop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where a file dialog starts, asked of the file system off the JavaFX thread and waited for only
 * {@value #WAIT_MS} ms: a folder on a hard-mounted NFS share whose server is gone blocks a stat
 * for good, which on the JavaFX thread would freeze the window before the dialog even opens. A
 * folder that does not answer in time is not used (the dialog then starts where it would
 * anyway); the stat left hanging holds a daemon thread of its own, not the window.
 */
final class QuickFolder {

    /** Longest wait for the file system to say which folder exists, milliseconds. */
    static final long WAIT_MS = 250;

    private QuickFolder() {
    }

    /**
     * The first of {@code candidates} that is a folder, or null when none is, or the file system
     * takes longer than {@value #WAIT_MS} ms to say.
     */
    static Path first(List<Path> candidates) {
        List<Path> asked = List.copyOf(candidates);
        CompletableFuture<Path> found = new CompletableFuture<>();
        Thread.ofPlatform().name("seiswork-folder-stat").daemon().start(() -> {
            try {
                found.complete(asked.stream().filter(Files::isDirectory).findFirst().orElse(null));
            } catch (RuntimeException e) {  // a security manager, a bad path: no start folder
                found.complete(null);
            }
        });
        try {
            return found.get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@code folder}, or its nearest parent that is a folder; null for none (or null given, or no answer in time). */
    static Path nearest(Path folder) {
        List<Path> up = new ArrayList<>();
        for (Path p = folder == null ? null : folder.toAbsolutePath(); p != null; p = p.getParent()) {
            up.add(p);
        }
        return up.isEmpty() ? null : first(up);
    }
}
