package io.seiswork.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

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

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
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
        FileChannel ch;
        try {
            ch = FileChannel.open(dir.resolve(OUTPUTS), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;  // this process writes into it already
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot lock " + dir + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(ch);
            return Optional.empty();
        }
        return Optional.of(new FolderLock(ch, lock));
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing held any more
        }
    }
}
