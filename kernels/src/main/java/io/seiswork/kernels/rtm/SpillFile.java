package io.seiswork.kernels.rtm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link FrameStore} in a scratch file: record i at byte {@code 4 · floats · i}, little-endian
 * float32, so the floats read back are the floats written. For a source wavefield that does not
 * fit in memory (snapshots, boundary ring).
 *
 * <p>The I/O runs on one background thread, on {@code buffers} direct buffers of one record
 * each (the only memory besides the file: {@code buffers · floats · 4} bytes off the heap).
 * While the caller fills one buffer, the others are being written; in the read-back the next
 * older records are read ahead while the caller uses the current one, so neither pass waits for
 * the disk as long as it keeps up on average. Buffers are served strictly in turn, and handed
 * between the two threads under this object's monitor ({@code wait}/{@code notifyAll}), which
 * allocates nothing: no per-record garbage, unlike an executor's task objects. The file is
 * opened with {@code DELETE_ON_CLOSE} (on Unix the JDK unlinks it right after opening, so it
 * cannot outlive the JVM and does not show in the directory) and {@link #close()}, also on
 * cancellation, stops the I/O thread and releases it.
 *
 * <p>Since the file does not show in its directory, the bytes the live spill files of a directory
 * hold are counted here ({@link #bytesIn}): a {@link ScratchSpace} reservation is reduced by what
 * its shot has already written, which the disk's free space no longer includes.
 */
final class SpillFile implements FrameStore {

    /** Bytes the open spill files hold, by directory (absolute, normalised). */
    private static final ConcurrentHashMap<Path, Long> HELD = new ConcurrentHashMap<>();

    private static final int IDLE = 0;
    private static final int WRITE = 1;
    private static final int READ = 2;
    private static final int READY = 3;

    private final Path file;
    private final FileChannel channel;
    private final int floats;
    private final long recordBytes;
    private final ByteBuffer[] bytes;
    private final FloatBuffer[] views;
    private final int[] state;
    private final int[] record;
    private final Thread io;
    private int callerBuffer;
    private int ioBuffer;
    private boolean reading;
    private int nextRead;
    private int ahead;
    private boolean closed;
    private IOException failure;
    /**
     * The file's length so far, counted in {@link #HELD} under {@link #dir}: written by the I/O
     * thread, read by {@link #close} once that thread has ended (volatile besides the join's
     * ordering, so that no reader ever sees a torn or stale 64-bit value).
     */
    private volatile long length;
    private final Path dir;

    /**
     * @param dir directory for the file (created if needed)
     * @param suffix file name suffix, e.g. ".ring"
     * @param floats floats per record (at most {@code Integer.MAX_VALUE / 4})
     * @param buffers records in flight, at least 2 (double buffering)
     */
    SpillFile(Path dir, String suffix, int floats, int buffers) {
        if (buffers < 2 || floats < 1 || floats > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("spill file needs >= 2 buffers of 1 .. 2^29 floats, got " + buffers
                    + " of " + floats);
        }
        this.floats = floats;
        this.recordBytes = 4L * floats;
        this.dir = key(dir);
        try {
            Files.createDirectories(dir);
            this.file = Files.createTempFile(dir, "seiswork-rtm-", suffix);
            this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch file in " + dir + ": " + e.getMessage(), e);
        }
        this.bytes = new ByteBuffer[buffers];
        this.views = new FloatBuffer[buffers];
        this.state = new int[buffers];
        this.record = new int[buffers];
        for (int i = 0; i < buffers; i++) {
            bytes[i] = ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.LITTLE_ENDIAN);
            views[i] = bytes[i].asFloatBuffer();
        }
        this.io = Thread.ofPlatform().daemon().name("seiswork-rtm-io").start(this::serve);
    }

    /**
     * Bytes the spill files now open in {@code dir} hold (their lengths: records are written
     * from the first on, so a file has no holes), for {@link ScratchSpace}.
     */
    static long bytesIn(Path dir) {
        return HELD.getOrDefault(key(dir), 0L);
    }

    private static Path key(Path dir) {
        return dir.toAbsolutePath().normalize();
    }

    /** Counts the file's growth to {@code end} bytes (I/O thread). */
    private void grown(long end) {
        if (end > length) {
            count(end - length);
            length = end;
        }
    }

    /** Adds {@code delta} bytes to this directory's count, the entry dropped at 0 (one atomic step). */
    private void count(long delta) {
        if (delta != 0) {
            HELD.merge(dir, delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    /** The scratch file (deleted on close). */
    Path file() {
        return file;
    }

    @Override
    public int floats() {
        return floats;
    }

    /** Bytes of direct (off-heap) buffers this file holds. */
    long bufferBytes() {
        return recordBytes * bytes.length;
    }

    @Override
    public synchronized FloatBuffer beginWrite(int rec) {
        if (reading) {
            throw new IllegalStateException("record " + rec + " written after the read-back began on " + file);
        }
        int b = callerBuffer;
        awaitState(b, IDLE);
        record[b] = rec;
        return views[b];
    }

    @Override
    public synchronized void endWrite() {
        state[callerBuffer] = WRITE;
        callerBuffer = next(callerBuffer);
        notifyAll();
    }

    @Override
    public synchronized FloatBuffer read(int rec) {
        if (!reading) {
            for (int b = 0; b < state.length; b++) {
                awaitState(b, IDLE);
            }
            reading = true;
            ahead = rec;
            for (int i = 0, b = callerBuffer; i < state.length; i++, b = next(b)) {
                schedule(b);
            }
        } else if (rec != nextRead) {
            throw new IllegalStateException("record " + rec + " read from " + file + ", " + nextRead + " expected");
        } else {
            schedule(previous(callerBuffer));
        }
        int b = callerBuffer;
        awaitState(b, READY);
        if (record[b] != rec) {
            throw new IllegalStateException("buffer holds record " + record[b] + ", " + rec + " expected");
        }
        callerBuffer = next(b);
        nextRead = rec - 1;
        return views[b];
    }

    /** Queues the read of the next older record not yet asked for into buffer {@code b}. */
    private void schedule(int b) {
        if (ahead >= 0) {
            record[b] = ahead--;
            state[b] = READ;
        } else {
            state[b] = IDLE;
        }
        notifyAll();
    }

    private void awaitState(int b, int wanted) {
        while (state[b] != wanted) {
            if (failure != null) {
                throw new UncheckedIOException("scratch I/O on " + file + " failed: " + failure.getMessage(), failure);
            }
            if (closed) {
                throw new IllegalStateException(file + " is closed");
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for scratch I/O on " + file, e);
            }
        }
    }

    private int next(int b) {
        return b + 1 == state.length ? 0 : b + 1;
    }

    private int previous(int b) {
        return b == 0 ? state.length - 1 : b - 1;
    }

    /** The I/O thread: serves the buffers in turn until closed or an I/O error. */
    private void serve() {
        while (true) {
            int b;
            boolean write;
            long pos;
            synchronized (this) {
                b = ioBuffer;
                while (!closed && state[b] != WRITE && state[b] != READ) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                write = state[b] == WRITE;
                pos = recordBytes * record[b];
            }
            try {
                transfer(bytes[b].clear(), pos, write);
                if (write) {
                    grown(pos + recordBytes);
                }
            } catch (IOException e) {
                synchronized (this) {
                    failure = e;
                    notifyAll();
                }
                return;
            }
            synchronized (this) {
                state[b] = write ? IDLE : READY;
                ioBuffer = next(b);
                notifyAll();
            }
        }
    }

    private void transfer(ByteBuffer buf, long pos, boolean write) throws IOException {
        while (buf.hasRemaining()) {
            int n = write ? channel.write(buf, pos) : channel.read(buf, pos);
            if (n < 0) {
                throw new IOException(file + " ended at byte " + pos);
            }
            pos += n;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        // Waited for even when interrupted: until the I/O thread has ended it may still write a
        // record and count it, and the count taken off here would be short for good.
        boolean interrupted = false;
        while (true) {
            try {
                io.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        count(-length);  // the I/O thread has ended: its length is final
        length = 0;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove scratch file " + file + ": " + e.getMessage(), e);
        }
    }
}
