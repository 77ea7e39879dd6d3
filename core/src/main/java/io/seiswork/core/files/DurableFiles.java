package io.seiswork.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files replaced so that a crash at any moment leaves the old content or the new, never part of
 * one: written aside as {@code NAME.part}, forced to disk, renamed over the name in one step, and
 * the folder forced so that the rename itself survives. What a run's checkpoint is made of
 * (its state, a saved stack) must be whole whenever the process dies.
 */
public final class DurableFiles {

    /** The suffix of a file being written aside. */
    public static final String PART = ".part";

    private DurableFiles() {
    }

    /** Writes {@code bytes} to {@code file} durably (see the class comment), making its folder if needed. */
    public static void write(Path file, byte[] bytes) {
        Path part = file.resolveSibling(file.getFileName() + PART);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + part + ": " + e.getMessage(), e);
        }
        replace(part, file);
    }

    /**
     * Renames {@code from} (written and forced by the caller) over {@code to} atomically where the
     * file system can, and forces the folder.
     */
    public static void replace(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
        }
        forceFolder(to.toAbsolutePath().getParent());
    }

    /** Forces a folder's entries to disk where the platform allows it (Linux does; elsewhere nothing). */
    public static void forceFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // A folder cannot be opened on this platform: the rename is as durable as it makes it.
        }
    }
}
