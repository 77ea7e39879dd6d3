package io.seiswork.app.desktop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Where a file dialog starts, asked of the file system off the JavaFX thread and waited for only
 * {@value #WAIT_MS} ms: a folder on a hard-mounted NFS share whose server is gone blocks a stat
 * for good, which on the JavaFX thread would freeze the window before the dialog even opens.
 * Each candidate is asked on a daemon thread of its own, so one that hangs hides none of the
 * others: the first in the list's order that answered "a folder" within the wait is taken. A
 * candidate still unanswered keeps its thread, and the next dialog that asks about it waits on
 * that same stat rather than starting another; at most {@value #MAX_PENDING} are left hanging in
 * all (a dead share then costs no more threads: folders beyond them are not asked).
 */
final class QuickFolder {

    /** Longest wait for the file system to say which folder exists, milliseconds. */
    static final long WAIT_MS = 250;

    /** Most stats left waiting on the file system at once, the hung ones of dead shares included. */
    static final int MAX_PENDING = 16;

    /** Stats not yet answered, by folder: asked again, a folder waits on its stat under way. */
    private static final Map<Path, CompletableFuture<Boolean>> PENDING = new ConcurrentHashMap<>();

    private QuickFolder() {
    }

    /**
     * The first of {@code candidates} that is a folder, or null when none is; a candidate the file
     * system takes longer than {@value #WAIT_MS} ms to answer about is passed over.
     */
    static Path first(List<Path> candidates) {
        return first(candidates, Files::isDirectory, WAIT_MS);
    }

    /**
     * {@link #first(List)} asking {@code isFolder} (a stat; in tests one that hangs), waiting
     * {@code waitMs} (tests on a loaded machine, where starting a thread alone may take longer
     * than {@value #WAIT_MS} ms).
     */
    static Path first(List<Path> candidates, Predicate<Path> isFolder, long waitMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        List<CompletableFuture<Boolean>> asked = new ArrayList<>();
        for (Path p : candidates) {
            asked.add(ask(p, isFolder));
        }
        for (int i = 0; i < asked.size(); i++) {
            if (answeredYes(asked.get(i), deadline)) {
                return candidates.get(i);
            }
        }
        return null;
    }

    /** The stat of {@code folder}: the one under way, or one started on its own daemon thread (null: not asked). */
    private static CompletableFuture<Boolean> ask(Path folder, Predicate<Path> isFolder) {
        if (folder == null) {
            return null;
        }
        CompletableFuture<Boolean> underWay = PENDING.get(folder);
        if (underWay != null || PENDING.size() >= MAX_PENDING) {
            return underWay;  // null at the cap: too many hang already
        }
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        CompletableFuture<Boolean> raced = PENDING.putIfAbsent(folder, answer);
        if (raced != null) {
            return raced;
        }
        try {
            Thread.ofPlatform().name("seiswork-folder-stat").daemon().start(() -> {
                boolean yes;
                try {
                    yes = isFolder.test(folder);
                } catch (RuntimeException e) {  // a security manager, a bad path: not a start folder
                    yes = false;
                }
                // Let go before answering: whoever sees the answer sees the stat no longer pending,
                // and the next dialog asks afresh.
                PENDING.remove(folder, answer);
                answer.complete(yes);
            });
        } catch (RuntimeException | OutOfMemoryError noThread) {
            PENDING.remove(folder, answer);
            return null;
        }
        return answer;
    }

    /** Whether {@code answer} said "a folder" by {@code deadline} ({@link System#nanoTime}); no later wait. */
    private static boolean answeredYes(CompletableFuture<Boolean> answer, long deadline) {
        if (answer == null) {
            return false;
        }
        try {
            long left = deadline - System.nanoTime();
            Boolean yes = left > 0 ? answer.get(left, TimeUnit.NANOSECONDS) : answer.getNow(false);
            return Boolean.TRUE.equals(yes);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How many stats are waiting on the file system now (tests: they do not pile up). */
    static int pending() {
        return PENDING.size();
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
