package io.seiswork.app.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run at a time in an output folder: an operating-system lock on {@value #FILE} in it, held
 * while the run writes. Two runs in one folder would both write {@code shots.sgy}, and a
 * migration's memory-mapped stack would get every shot of both: a user who thinks a run died
 * (it was in another terminal) and resumes it must be told, not given a wrong image. The lock
 * goes with the process, so a killed run leaves none behind; the empty file stays.
 */
final class OutputLock implements AutoCloseable {

    /** The lock file in the output folder. */
    static final String FILE = ".seiswork-run.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder's lock.
     *
     * @param outDir an existing output folder
     * @throws OutputInUse when another run holds it
     */
    static OutputLock acquire(Path outDir) {
        FileChannel ch;
        try {
            ch = FileChannel.open(outDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + outDir + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;  // this process runs into it already
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot lock " + outDir + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(ch);
            throw new OutputInUse(outDir + " is in use by another run (it holds " + FILE
                    + "): let it end or stop it, or run into another folder");
        }
        return new OutputLock(ch, lock);
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
