package io.seiswork.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Says in words what an {@link IOException} about a file means, for one-line error messages: "no
 * such file", "folder /no/dir does not exist", "permission denied", "is a directory", instead of
 * {@code java.nio.file.NoSuchFileException: /no/dir/q.sgy}. The file itself is not named (the
 * caller's message names it already); a folder that is the actual problem is.
 */
public final class IoProblems {

    private IoProblems() {
    }

    /**
     * What went wrong with {@code file}, in lower-case words without a class name.
     *
     * @param e the failure of an operation on {@code file}
     * @param file the file the operation was on
     */
    public static String describe(IOException e, Path file) {
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException
                || "Not a directory".equalsIgnoreCase(reason(e))) {
            return missing(file);
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse) {
            // Without a reason its message is only the file's name (and the other file's): say
            // what its class means instead, never "PATH: PATH".
            return fse.getReason() != null ? words(fse.getReason(), file) : unexplained(fse);
        }
        return words(e.getMessage(), file);
    }

    /**
     * Makes folder {@code dir} and those above it ({@link Files#createDirectories}), or says why
     * not: "cannot create NAMED DIR: {@link #folderNotMade reason in words}".
     *
     * @param named what the folder is, ending in a space ("output directory "), or ""
     * @return {@code dir}
     * @throws UncheckedIOException when it cannot be made
     */
    public static Path createFolders(Path dir, String named) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + named + dir + ": " + folderNotMade(e, dir), e);
        }
    }

    /**
     * Why folder {@code dir} could not be made ({@link Files#createDirectories}), in words: a file
     * where it should be ("it is a file, not a folder": the caller's message names {@code dir}
     * already, and naming it twice pushed the reason past the end of the desktop's status line at
     * 1024 px) or where a folder above it should be ("/tmp/afile is a file"), a folder that takes no new
     * folders (a virtual file system such as /proc, where making one reports "no such file":
     * "folder /proc does not take new folders"), else {@link #describe}. The caller's message names
     * {@code dir}.
     */
    public static String folderNotMade(IOException e, Path dir) {
        if (e instanceof FileAlreadyExistsException f && f.getFile() != null && !Files.isDirectory(Path.of(f.getFile()))) {
            Path file = Path.of(f.getFile());
            return sameFile(file, dir) ? "it is a file, not a folder" : file + " is a file";
        }
        if (e instanceof NoSuchFileException f && f.getFile() != null) {
            Path parent = Path.of(f.getFile()).toAbsolutePath().normalize().getParent();
            if (parent != null && Files.isDirectory(parent)) {
                return "folder " + parent + " does not take new folders";
            }
        }
        if (e instanceof AccessDeniedException f && f.getFile() != null) {
            return "permission denied in " + f.getFile();
        }
        return describe(e, dir);
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * Why {@code file} could not be created (opened with {@code CREATE}), in words. Creating a
     * file in a folder that exists fails with "no such file" (ENOENT) on a virtual file system
     * such as /proc, and with "permission denied" when the folder is not writable: said here as
     * what the folder is ("folder /proc does not take new files", "folder /srv is not writable",
     * "folder /mnt/cd is on a read-only file system") rather than "no such file", which would send
     * the user looking for a file they meant to make. Else {@link #describe}. The caller's
     * message names {@code file}.
     */
    public static String notCreated(IOException e, Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent != null && Files.isDirectory(parent) && !Files.exists(file)) {
            String why = notCreatedIn(e, new Folder(parent, Files.isWritable(parent), readOnlyStore(parent)));
            if (why != null) {
                return why;
            }
        }
        if (e instanceof AccessDeniedException && Files.exists(file) && !Files.isWritable(file)) {
            return "permission denied: the file is not writable";
        }
        return describe(e, file);
    }

    /**
     * A folder that exists, as {@link #notCreatedIn} weighs it: whether this process may write in
     * it ({@link Files#isWritable}) and whether its file store is mounted read-only.
     */
    record Folder(Path path, boolean writable, boolean readOnlyStore) {
    }

    /**
     * Why a new file could not be made in {@code folder}, which exists, from the exception's type
     * first and the folder's state second; null when the folder is not the reason. ENOENT comes
     * first: a new file's name in an existing folder is never missing, so the folder refused it
     * (/proc), whatever its permissions (/proc is not writable to a user either, and "not
     * writable" would hide that no one can make files there). "Permission denied" names the
     * folder only when it is indeed not writable; in a writable one the cause lies elsewhere
     * (an ACL, a security module) and {@link #describe}'s plain words stay.
     */
    static String notCreatedIn(IOException e, Folder folder) {
        if (e instanceof NoSuchFileException) {
            return "folder " + folder.path() + " does not take new files (a virtual file system such as /proc or /sys?)";
        }
        boolean denied = e instanceof AccessDeniedException;
        boolean readOnlyReason = e instanceof FileSystemException f && f.getReason() != null
                && f.getReason().toLowerCase(Locale.ROOT).contains("read-only");
        if (readOnlyReason || denied && folder.readOnlyStore()) {
            return "folder " + folder.path() + " is on a read-only file system";
        }
        if (denied && !folder.writable()) {
            return "folder " + folder.path() + " is not writable (permission denied)";
        }
        return null;
    }

    /**
     * What a path that was to be read as a regular file is instead, in words that follow its name
     * ("/a/specs is a folder"). The one wording of these facts for every reader of a named file (a
     * spec's model and data files, {@code view}'s VOLUME, which add what they wanted instead).
     */
    public enum NotARegularFile {
        /** A folder. */
        FOLDER("is a folder"),
        /** There, but not a file of bytes to size and seek: a device such as /dev/zero, a named pipe, a socket. */
        OTHER("is not a regular file (a device, pipe or socket)"),
        /** Not there (or a link to nothing). */
        MISSING("does not exist");

        private final String words;

        NotARegularFile(String words) {
            this.words = words;
        }

        /**
         * What {@code file} is, asked after the caller found it is not a regular file; a regular
         * file by now (made since) is {@link #MISSING}, what the caller met.
         */
        public static NotARegularFile of(Path file) {
            if (Files.isDirectory(file)) {
                return FOLDER;
            }
            return Files.exists(file) && !Files.isRegularFile(file) ? OTHER : MISSING;
        }

        /** "is a folder", "is not a regular file (a device, pipe or socket)", "does not exist". */
        public String words() {
            return words;
        }
    }

    private static boolean readOnlyStore(Path dir) {
        try {
            return Files.getFileStore(dir).isReadOnly();
        } catch (IOException | SecurityException e) {
            return false;  // the store cannot be asked: the other reasons are still worth giving
        }
    }

    /** What a {@link FileSystemException} that gives no reason means, from its class. */
    private static String unexplained(FileSystemException e) {
        return switch (e) {
            case DirectoryNotEmptyException _ -> "folder not empty";
            case FileAlreadyExistsException _ -> "already exists";
            case NotLinkException _ -> "not a symbolic link";
            case FileSystemLoopException _ -> "symbolic links in a loop";
            default -> "file system error";
        };
    }

    /**
     * Why {@code file} is not there: the nearest missing folder above it when there is one
     * ("folder /no/dir does not exist"), a file where a folder should be ("/a/b is not a folder"),
     * else "no such file".
     */
    static String missing(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent == null || Files.isDirectory(parent)) {
            return "no such file";
        }
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            return existing + " is not a folder";
        }
        return "folder " + parent + " does not exist";
    }

    private static String reason(IOException e) {
        return e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
    }

    /**
     * "Is a directory" → "is a directory"; no message → "input/output error". Only a first word
     * of letters alone loses its capital: a message that starts with a path ("Data/x (No such
     * file or directory)", or {@code file} itself) keeps it, as does an acronym ("EIO ...").
     */
    private static String words(String message, Path file) {
        if (message == null || message.isBlank()) {
            return "input/output error";
        }
        String m = message.strip();
        return FIRST_WORD_CAPITALISED.matcher(m).lookingAt() && !startsWithPath(m, file)
                ? m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1) : m;
    }

    private static boolean startsWithPath(String message, Path file) {
        String name = file.toString();
        return !name.isEmpty() && message.startsWith(name);
    }

    /** A capital and then lower-case letters only, up to a space or the end: "Is", "No", not "Data/x" or "EIO". */
    private static final Pattern FIRST_WORD_CAPITALISED = Pattern.compile("\\p{Lu}\\p{Ll}+(?=\\s|$)");
}
