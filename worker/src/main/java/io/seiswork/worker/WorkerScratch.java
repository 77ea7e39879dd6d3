package io.seiswork.worker;

import io.seiswork.core.files.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This worker's own folder inside a scratch disk that several workers share, and the removal of
 * folders that dead workers left behind.
 *
 * <p>Why: on an instance with several GPUs, ECS runs one worker per GPU and every one of them
 * mounts the same scratch disk ({@code /scratch}). Two workers running shots of the same job in
 * one folder would download into the same {@code .part} files and delete each other's job folder
 * when they finish; and a worker killed mid-shot (out of memory, a lost instance agent) leaves its
 * spills, up to a terabyte for a 3D RTM shot, on a disk nobody else would ever clean.
 *
 * <p>So each worker works in {@code <shared>/workers/<worker id>-<pid>/} and holds an exclusive
 * lock on the file {@code <worker id>-<pid>.lock} beside it for as long as it runs. The kernel drops
 * the lock when the process dies however it dies, which is what makes a folder whose lock can be
 * taken a dead worker's: {@link #claim} removes those before it starts. The lock is taken before
 * the folder is made, so a folder without its lock file is never a starting worker's. A worker
 * that stops normally removes its own. The locks are POSIX record locks, which work across
 * containers that bind-mount the same host folder, since they share the host's kernel.
 */
public final class WorkerScratch implements AutoCloseable {

    static final String WORKERS = "workers";
    static final String LOCK_SUFFIX = ".lock";
    /**
     * Lock files this JVM holds. A POSIX lock belongs to the process, and closing any descriptor
     * of the file drops it, so the sweep must never even open these to probe them.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private final List<Path> removed;

    private WorkerScratch(Path dir, Path lockFile, FileChannel channel, FileLock lock, List<Path> removed) {
        this.dir = dir;
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
        this.removed = removed;
    }

    /**
     * Creates and locks this worker's folder under {@code shared}, after removing every folder of a
     * worker that is no longer running.
     *
     * @param workerId the worker's id (for a container, its host name); characters other than
     *                 letters, digits, {@code .}, {@code _} and {@code -} become {@code _}
     * @throws UncheckedIOException naming the folder when it cannot be created or locked
     */
    public static WorkerScratch claim(Path shared, String workerId) {
        Path workers = shared.resolve(WORKERS);
        String name = workerId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + ProcessHandle.current().pid();
        Path dir = workers.resolve(name);
        Path lockFile = workers.resolve(name + LOCK_SUFFIX);
        FileChannel channel = null;
        try {
            Files.createDirectories(workers);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("another process holds " + lockFile);
            }
            HELD.add(lockFile.toAbsolutePath());
            Files.createDirectories(dir);
            return new WorkerScratch(dir, lockFile, channel, lock, removeAbandoned(workers, dir));
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot claim a scratch folder in " + workers + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /**
     * Removes each worker folder but {@code own} whose lock nobody holds, with its lock file. Two
     * workers starting together may both sweep the same dead folder; whichever comes second finds
     * less or nothing to remove, and a folder it cannot remove is left for the next sweep.
     */
    private static List<Path> removeAbandoned(Path workers, Path own) throws IOException {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(workers, Files::isDirectory)) {
            for (Path folder : folders) {
                Path lockFile = folder.resolveSibling(folder.getFileName() + LOCK_SUFFIX);
                if (folder.equals(own) || !abandoned(lockFile)) {
                    continue;
                }
                try {
                    FileTrees.delete(folder);
                    Files.deleteIfExists(lockFile);
                    removed.add(folder);
                } catch (IOException | UncheckedIOException raced) {
                    // another worker is removing it too
                }
            }
        }
        return removed;
    }

    /**
     * True when nobody holds the lock, or there is no lock file: it is made before its folder and
     * removed after it, so only a sweep that stopped halfway leaves a folder without one.
     */
    private static boolean abandoned(Path lockFile) {
        if (HELD.contains(lockFile.toAbsolutePath())) {
            return false;   // a worker of this process
        }
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel c = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = c.tryLock();
            if (probe == null) {
                return false;
            }
            probe.release();
            return true;
        } catch (OverlappingFileLockException sameJvm) {
            return false;   // claimed by this process meanwhile
        } catch (IOException e) {
            return false;   // cannot tell: leave it
        }
    }

    /** This worker's folder: job specs, inputs, shot results, wavefield spills. */
    public Path dir() {
        return dir;
    }

    /** The dead workers' folders {@link #claim} removed. */
    public List<Path> removed() {
        return List.copyOf(removed);
    }

    /** Removes this worker's folder and lock file, and releases the lock. */
    @Override
    public void close() {
        try {
            FileTrees.delete(dir);
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + lockFile + ": " + e.getMessage(), e);
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                // the channel closes below, which releases it too
            }
            closeQuietly(channel);
            HELD.remove(lockFile.toAbsolutePath());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
