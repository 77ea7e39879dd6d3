package io.seiswork.core.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

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
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return words(fse.getReason());
        }
        return words(e.getMessage());
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

    /** "Is a directory" → "is a directory"; no message → "input/output error". */
    private static String words(String message) {
        if (message == null || message.isBlank()) {
            return "input/output error";
        }
        String m = message.strip();
        return m.length() > 1 && Character.isUpperCase(m.charAt(0)) && !Character.isUpperCase(m.charAt(1))
                ? m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1) : m;
    }
}
