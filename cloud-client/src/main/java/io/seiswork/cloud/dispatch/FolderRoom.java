package io.seiswork.cloud.dispatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many bytes a folder's disk has room for, as a fetch asks before it removes or downloads
 * anything ({@link Dispatcher#fetch}). One method, so that a test can give a fetch a disk fuller
 * than any test machine's and reach its refusal; the fetch itself always asks the disk ({@link #DISK}).
 */
@FunctionalInterface
interface FolderRoom {

    /** The disk's space usable by this program: {@link java.nio.file.FileStore#getUsableSpace()}. */
    FolderRoom DISK = dir -> Files.getFileStore(dir).getUsableSpace();

    /**
     * The bytes usable on {@code dir}'s disk.
     *
     * @throws IOException when the disk cannot be asked (the fetch then goes on, and the download
     *     says so if the disk fills)
     */
    long usableBytes(Path dir) throws IOException;
}
