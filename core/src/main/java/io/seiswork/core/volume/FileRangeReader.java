package io.seiswork.core.volume;

import io.seiswork.core.files.IoProblems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@link ByteRangeReader} over a local file with positioned {@link FileChannel} reads, which are
 * thread-safe and leave caching to the operating system's page cache and to {@link BrickCache}.
 *
 * <p>It reads exactly the range asked for, never ahead: its callers ({@link SwvReader}'s bricks
 * and runs of an inline's bricks) need every byte they ask for, so a file cut short since it was
 * opened fails the ranges that cross its new end, saying the size it has now, and no other.
 */
public final class FileRangeReader implements ByteRangeReader {

    private final Path file;
    private final FileChannel channel;

    private FileRangeReader(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens {@code file} for reading.
     *
     * @throws SwvException when the file cannot be opened
     */
    public static FileRangeReader open(Path file) {
        if (Files.isDirectory(file)) {
            throw new SwvException(file.toString(), "is a directory, not a .swv volume");
        }
        try {
            return new FileRangeReader(file, FileChannel.open(file, StandardOpenOption.READ));
        } catch (IOException e) {
            throw new SwvException(file.toString(), "cannot open: " + IoProblems.describe(e, file), e);
        }
    }

    @Override
    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new SwvException(name(), "cannot get the file size: " + IoProblems.describe(e, file), e);
        }
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        long pos = offset;
        try {
            while (dst.hasRemaining()) {
                int n = channel.read(dst, pos);
                if (n < 0) {
                    throw new SwvException(name(), "unexpected end of file at byte " + pos + " while reading "
                            + (pos - offset + dst.remaining()) + " bytes from byte " + offset + ": the file was cut"
                            + " short to " + channel.size() + " bytes since it was opened");
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new SwvException(name(), "read failed at byte " + pos + ": " + IoProblems.describe(e, file), e);
        }
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new SwvException(name(), "close failed: " + IoProblems.describe(e, file), e);
        }
    }
}
