package io.seiswork.core.files;

import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One streamed read of a whole file, in order, that computes its SHA-256 and hands every block
 * it reads to the caller too, so that whatever else needs the file's bytes (the SHA-256 of each
 * shot's traces in a SEG-Y file of a terabyte: {@code ShotIndex.withDigests}) costs no second
 * read. The whole-file digest is computed on a thread of its own over the same buffers while this
 * thread reads the next block and gives it to the caller: SHA-256 runs at about 1 GB/s a core
 * (with the CPU's SHA instructions), no faster than a disk array or the page cache gives bytes,
 * so with a core free two digests of every byte on one thread would take twice as long. With
 * every core busy the two threads share them and the pass goes as fast as one thread would: on 2
 * vCPUs at a load of 7, a 1.5 GB file in the page cache took 5.2 s (285 MB/s) against 6.9 s for
 * the two passes it replaces, and a one-thread pass measured the same within noise.
 *
 * <p>A second digest of every byte, the SHA-256 of each of an upload's parts ({@link PartDigests}),
 * goes on a third thread of its own ({@code background}), so that on a machine with a core free
 * for it the pass need take no longer than without it. With every core busy it is a third digest
 * of every byte on the same cores: on 2 vCPUs at a load of 9, a 200 MB file in the page cache,
 * given to a digest on the reading thread too (as a shot index's pass does), took 1.34–1.43 s
 * against 0.94–1.11 s without the parts.
 *
 * <p>Blocks of {@value #BLOCK_BYTES} bytes, {@value #BUFFERS} buffers in turn: a buffer is read
 * into again only once the whole-file digest, and the background one, are done with it. Checks {@code cancel} and reports
 * {@code progress} after each block (a terabyte is a quarter of a million blocks).
 */
public final class Sha256Pass {

    /** Bytes read at a time: 4 MiB, large enough that a call costs nothing against its bytes' hashing. */
    static final int BLOCK_BYTES = 4 << 20;
    /** Buffers in turn: one being read and given to the caller, others queued for the whole-file digest. */
    static final int BUFFERS = 3;

    private Sha256Pass() {
    }

    /** What a pass gives the caller of every block it reads, in file order, on the reading thread. */
    @FunctionalInterface
    public interface Blocks {

        /** Gives nothing: a pass for the whole-file digest alone. */
        Blocks NONE = (offset, bytes, length) -> { };

        /**
         * @param offset the block's first byte in the file
         * @param bytes the block in {@code bytes[0, length)}; read only, and only during the call
         * @param length bytes of the block (every block but the last has {@link #BLOCK_BYTES})
         */
        void accept(long offset, byte[] bytes, int length);
    }

    /**
     * Reads {@code file} whole, once.
     *
     * @param alsoTo given every block read, in order
     * @param progress bytes read of the file's size, after each block
     * @param cancel checked before each block
     * @return the SHA-256 of the file's bytes (32 bytes)
     * @throws UncheckedIOException naming the file when it cannot be read, or when its length is
     *     not the size it had when the pass began (it changed while it was read)
     * @throws CancelledException when {@code cancel} was cancelled, or the thread interrupted
     */
    public static byte[] sha256(Path file, Blocks alsoTo, ByteProgress progress, CancellationToken cancel) {
        return sha256(file, Blocks.NONE, alsoTo, progress, cancel);
    }

    /**
     * As {@link #sha256(Path, Blocks, ByteProgress, CancellationToken)}, every block given to
     * {@code background} too, in order, on a thread of its own: a digest of every byte that would
     * otherwise slow the reading thread or the whole-file digest's. Once this returns, all that
     * {@code background} was given it has taken.
     *
     * @param background given every block read, in order, on a thread of its own ({@link Blocks#NONE}: no thread)
     */
    public static byte[] sha256(Path file, Blocks background, Blocks alsoTo, ByteProgress progress,
            CancellationToken cancel) {
        MessageDigest whole = newSha256();
        ExecutorService hasher = hasher("seiswork-sha256");
        ExecutorService second = background == Blocks.NONE ? null : hasher("seiswork-sha256-parts");
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            byte[][] buffers = new byte[BUFFERS][BLOCK_BYTES];
            Future<?>[] hashing = new Future<?>[BUFFERS];
            Future<?>[] given = new Future<?>[BUFFERS];
            long done = 0;
            for (int k = 0; ; k = (k + 1) % BUFFERS) {
                cancel.throwIfCancelled("reading " + file + " at byte " + done);
                await(hashing[k], file);  // the whole-file digest is done with this buffer
                await(given[k], file);  // and the background one
                byte[] block = buffers[k];
                int n = in.readNBytes(block, 0, BLOCK_BYTES);
                if (n == 0) {
                    break;
                }
                hashing[k] = hasher.submit(() -> whole.update(block, 0, n));
                long offset = done;
                given[k] = second == null ? null : second.submit(() -> background.accept(offset, block, n));
                alsoTo.accept(done, block, n);
                done += n;
                progress.onBytes(done, Math.max(size, done));
            }
            for (int k = 0; k < BUFFERS; k++) {
                await(hashing[k], file);
                await(given[k], file);
            }
            if (done != size) {
                throw new IOException("it changed while it was read: " + done + " bytes read, " + size
                        + " when the read began");
            }
            return whole.digest();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + IoProblems.describe(e, file), e);
        } finally {
            hasher.shutdownNow();
            if (second != null) {
                second.shutdownNow();
            }
        }
    }

    /** A thread of its own for a digest of every block, which never keeps the JVM up. */
    private static ExecutorService hasher(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Waits for a block's whole-file hashing (null: none yet). */
    private static void await(Future<?> f, Path file) {
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted while reading " + file);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing " + file + " failed", e.getCause());
        }
    }

    /** A new SHA-256 digest. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
