package io.seiswork.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer at a time in an output folder: an operating-system lock on {@value #OUTPUTS} in it,
 * held while a local run or a fetch writes its outputs there. Two writers in one folder would both
 * write {@code image.sgy} (a run's memory-mapped stack getting every shot of both, a fetch's
 * rename replacing what the other just wrote), so the second is refused before it touches
 * anything. The lock goes with the process, so a killed writer leaves none behind; the empty file
 * stays.
 */
public final class FolderLock implements AutoCloseable {

    /** The lock file of an output folder, shared by runs and fetches so that they exclude each other too. */
    public static final String OUTPUTS = ".seiswork-run.lock";

    /**
     * The lock files this process holds. A second lock of one of them must be refused before its
     * file is opened: the operating system's lock belongs to the process, and closing any channel
     * of the file, the refused one's included, would drop it while the first writer still writes.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dir}'s {@value #OUTPUTS}.
     *
     * @param dir an existing folder
     * @return the lock, or empty when another process (or another writer of this one) holds it
     * @throws UncheckedIOException naming the folder when the lock file cannot be made or locked
     */
    public static Optional<FolderLock> tryAcquire(Path dir) {
        Path file;
        try {
            file = dir.toRealPath().resolve(OUTPUTS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir + ": " + e.getMessage(), e);
        }
        if (!HELD.add(file)) {
            return Optional.empty();  // this process writes into it already
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            HELD.remove(file);
            throw new UncheckedIOException("cannot lock " + dir + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            HELD.remove(file);
            throw e instanceof IOException io ? new UncheckedIOException("cannot lock " + dir + ": " + io.getMessage(), io)
                    : (RuntimeException) e;
        }
        if (lock == null) {
            closeQuietly(ch);
            HELD.remove(file);
            return Optional.empty();
        }
        return Optional.of(new FolderLock(file, ch, lock));
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        HELD.remove(file);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing held any more
        }
    }
}
