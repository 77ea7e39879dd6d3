package io.seiswork.kernels.rtm;

import io.seiswork.kernels.engine.cpu.PaddedGrid;
import io.seiswork.kernels.engine.cpu.Propagator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@link WavefieldStrategy#DISK}: the snapshots of {@link SnapshotWavefield} written to a scratch
 * file in a directory the caller chooses, for models whose snapshots do not fit in memory.
 *
 * <p>I/O is asynchronous and double-buffered on one background thread: while the propagator
 * computes the next {@code interval} steps, the previous snapshot is written; during imaging the
 * next-older snapshot is read ahead while the current one is used. Each snapshot has a fixed
 * slot in the file (little-endian float32, user grid, z fastest), so the bytes read back are the
 * bytes written and the image equals the in-memory strategy's exactly. The file is deleted on
 * {@link #close()}. The only allocation after construction is one small task object per
 * snapshot (every {@code interval} steps), not per step.
 */
final class DiskWavefield implements SourceWavefield {

    private final PaddedGrid grid;
    private final int interval;
    private final int points;
    private final Path file;
    private final FileChannel channel;
    private final ExecutorService io;
    private final float[][] user = new float[2][];
    private final ByteBuffer[] bytes = new ByteBuffer[2];
    private final Future<?>[] pending = new Future<?>[2];
    private int written;
    private int nextRead = -1;

    /**
     * @param grid the propagator's padded grid
     * @param interval levels between snapshots
     * @param scratchDir directory for the scratch file (created if needed)
     */
    DiskWavefield(PaddedGrid grid, int interval, Path scratchDir) {
        this.grid = grid;
        this.interval = interval;
        this.points = grid.user().points();
        try {
            Files.createDirectories(scratchDir);
            this.file = Files.createTempFile(scratchDir, "seiswork-rtm-", ".snapshots");
            this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch file in " + scratchDir + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < 2; i++) {
            user[i] = new float[points];
            bytes[i] = ByteBuffer.allocateDirect(4 * points).order(ByteOrder.LITTLE_ENDIAN);
        }
        this.io = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("seiswork-rtm-io").unstarted(r));
    }

    /** The scratch file (deleted on close). */
    Path file() {
        return file;
    }

    @Override
    public void record(Propagator forward, int level) {
        if (level % interval != 0) {
            return;
        }
        int slot = level / interval - 1;
        int b = written++ & 1;
        await(b);
        grid.cropInto(forward.current(), user[b]);
        pending[b] = io.submit(() -> write(b, slot));
    }

    @Override
    public float[] at(int level) {
        int slot = level / interval - 1;
        if (nextRead < 0) {
            await(0);
            await(1);
            pending[slot & 1] = io.submit(() -> read(slot & 1, slot));
        } else if (slot != nextRead) {
            throw new IllegalStateException("snapshot " + slot + " asked for, " + nextRead + " expected");
        }
        int b = slot & 1;
        await(b);
        if (slot > 0) {
            int other = (slot - 1) & 1;
            pending[other] = io.submit(() -> read(other, slot - 1));
        }
        nextRead = slot - 1;
        return user[b];
    }

    private Void write(int b, int slot) throws IOException {
        ByteBuffer buf = bytes[b].clear();
        buf.asFloatBuffer().put(user[b]);
        long pos = 4L * points * slot;
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
        return null;
    }

    private Void read(int b, int slot) throws IOException {
        ByteBuffer buf = bytes[b].clear();
        long pos = 4L * points * slot;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new IOException(file + " ended at byte " + pos + " reading snapshot " + slot);
            }
            pos += n;
        }
        buf.flip();
        buf.asFloatBuffer().get(user[b]);
        return null;
    }

    private void await(int b) {
        Future<?> f = pending[b];
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for scratch I/O on " + file, e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException("scratch I/O on " + file + " failed: " + e.getCause().getMessage(),
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        }
        pending[b] = null;
    }

    @Override
    public void close() {
        io.shutdownNow();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close scratch file " + file + ": " + e.getMessage(), e);
        }
    }
}
