package io.seiswork.core.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * A file as it is now: its real path, its file key (device and inode on Unix), its size in bytes,
 * its modification time and, where the file system has one, its change time ({@code unix:ctime},
 * which every write and every rename or {@code touch -d} onto it moves, nanoseconds on Linux).
 * Two identities are equal when nothing says the file changed in between: what is known of a file
 * of many GB that took minutes to read (its trace headers' geometry, its SHA-256) is kept under
 * its identity and used again only while the identity is the same.
 *
 * <p>Without a change time (Windows), size and modification time decide: a write of the same
 * size within the file system's timestamp resolution would go unnoticed there.
 *
 * @param file the real path ({@link Path#toRealPath}: links resolved)
 * @param fileKey the file system's key of the file, or null where it has none
 * @param sizeBytes the size in bytes
 * @param modified the last modification time
 * @param changed the change time ({@code unix:ctime}), or null where there is none
 */
public record FileIdentity(Path file, Object fileKey, long sizeBytes, FileTime modified, Object changed) {

    /** The identity of {@code file} now, or empty when its attributes cannot be read (it is then never matched). */
    public static Optional<FileIdentity> of(Path file) {
        try {
            return Optional.of(read(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The identity of {@code file} now.
     *
     * @throws IOException when its attributes cannot be read ({@link java.nio.file.NoSuchFileException}
     *     when it does not exist)
     */
    public static FileIdentity read(Path file) throws IOException {
        Path real = file.toRealPath();
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
        Object changed;
        try {
            changed = Files.getAttribute(real, "unix:ctime");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            changed = null;  // no change time here (Windows): size and modification time decide
        }
        return new FileIdentity(real, a.fileKey(), a.size(), a.lastModifiedTime(), changed);
    }

    /** Whether {@code file} is, now, the file this identity was taken of, unchanged. */
    public boolean isStill(Path file) {
        return of(file).map(this::equals).orElse(false);
    }
}
