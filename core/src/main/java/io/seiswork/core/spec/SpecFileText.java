package io.seiswork.core.spec;

import static io.seiswork.core.spec.JobSpecReader.MAX_SPEC_BYTES;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The text of a spec file, read with a limit on its size (bytes) since anything larger than a
 * spec would only fill the heap before being refused, and decoded as UTF-8, with a message that
 * names the file and what it is instead (a folder, a file too large, UTF-16 text).
 */
final class SpecFileText {

    private SpecFileText() {
    }

    /** See {@link JobSpecReader#readText}, which says what is read and when it is refused. */
    static String read(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("spec file " + file.normalize() + " is a folder, not a file");
        }
        byte[] bytes;
        try {
            // Checked before reading: a huge file (or one given by mistake) would fill the heap first.
            long size = Files.isRegularFile(file) ? Files.size(file) : 0;
            if (size <= MAX_SPEC_BYTES) {
                try (var in = Files.newInputStream(file)) {
                    bytes = in.readNBytes((int) MAX_SPEC_BYTES + 1);
                }
                size = Math.max(size, bytes.length);
            } else {
                bytes = null;
            }
            if (size > MAX_SPEC_BYTES) {
                throw new IllegalArgumentException("spec file " + file.normalize()
                        + (Files.isRegularFile(file) ? " is " + MemoryEstimate.human(size)
                        : " goes on past " + MemoryEstimate.human(MAX_SPEC_BYTES)) + "; a job spec is a JSON text of at most " + MemoryEstimate.human(MAX_SPEC_BYTES)
                        + " (about 600 000 listed positions; models and data are files of their own)");
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("spec file " + file.normalize() + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec file " + file + ": " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("spec file " + file.normalize() + " is not UTF-8 text"
                    + (isUtf16(bytes) ? " (it is UTF-16: save it as UTF-8)" : "") + ": a spec is a JSON text file");
        }
        return withoutByteOrderMark(text);
    }

    /**
     * {@code text} without the byte-order mark some Windows editors write at the start of UTF-8
     * too: it is not part of the text, in a file read here or a text given to
     * {@link JobSpecReader#draft(String, String, String)}.
     */
    static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Whether {@code bytes} start with a UTF-16 byte-order mark (Windows Notepad's "Unicode"). */
    private static boolean isUtf16(byte[] head) {
        return head.length >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF));
    }
}
