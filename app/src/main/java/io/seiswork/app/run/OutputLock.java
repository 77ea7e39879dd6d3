package io.seiswork.app.run;

import io.seiswork.core.files.FolderLock;
import java.nio.file.Path;

/**
 * One run at a time in an output folder ({@link FolderLock}, held while the run writes). Two runs
 * in one folder would both write {@code shots.sgy}, and a migration's memory-mapped stack would
 * get every shot of both: a user who thinks a run died (it was in another terminal) and resumes it
 * must be told, not given a wrong image. A fetch takes the same lock, so a run and a fetch exclude
 * each other too.
 */
final class OutputLock implements AutoCloseable {

    /** The lock file in the output folder. */
    static final String FILE = FolderLock.OUTPUTS;

    private final FolderLock lock;

    private OutputLock(FolderLock lock) {
        this.lock = lock;
    }

    /**
     * Takes the folder's lock.
     *
     * @param outDir an existing output folder
     * @throws OutputInUse when another run or a fetch holds it
     */
    static OutputLock acquire(Path outDir) {
        return new OutputLock(FolderLock.tryAcquire(outDir).orElseThrow(() -> new OutputInUse(outDir
                + " is in use by another run (it holds " + FILE + "): let it end or stop it, or run into another folder")));
    }

    @Override
    public void close() {
        lock.close();
    }
}
