package io.seiswork.worker;

import io.seiswork.kernels.job.FreeSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine's downloaded inputs ({@code <root>/inputs/sha256/<hash>}), shared by its workers and
 * kept across their restarts, least recently used first out when the disk runs short.
 *
 * <p>Why eviction: the cache lives on the scratch disk that also takes the running shots'
 * wavefield spills, and a 3D model can weigh tens of gigabytes; kept forever, a few jobs' models
 * would leave no room for spills and every shot on the machine would fail. Before a download the
 * cache makes room for it plus a reserve ({@link #on}: 5 % of the disk, at least 1 GiB) by
 * removing the inputs used longest ago; using an input touches its modification time. An input a
 * worker has open stays readable after its removal (Linux keeps the file until it is closed); a
 * worker that resolves that job later downloads it again.
 */
final class InputCache {

    private static final Logger LOG = LoggerFactory.getLogger(InputCache.class);
    private static final String DIR = "inputs/sha256";

    private final Path root;
    private final LongSupplier usableBytes;
    private final long reserveBytes;
    /** The running job's inputs, never removed while it runs ({@link #pin}). */
    private volatile java.util.Set<Path> pinned = java.util.Set.of();

    /**
     * @param root the folder input keys resolve against ({@code inputs/sha256/<hash>} under it)
     * @param usableBytes free bytes on the cache's disk, now
     * @param reserveBytes bytes to leave free after a download
     */
    InputCache(Path root, LongSupplier usableBytes, long reserveBytes) {
        this.root = root;
        this.usableBytes = usableBytes;
        this.reserveBytes = reserveBytes;
    }

    /**
     * The cache at {@code root}, its disk's free space read from the file system. Through
     * {@code statvfs} ({@link java.io.File#getUsableSpace}), not {@code Files.getFileStore}, which
     * looks the folder's mount up in {@code /proc/mounts} and fails where that table is not the
     * process's own (a chroot, some container runtimes).
     */
    static InputCache on(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the input cache " + root + ": " + e.getMessage(), e);
        }
        java.io.File disk = root.toFile();
        long reserve = Math.max(1L << 30, disk.getTotalSpace() / 20);
        return new InputCache(root, disk::getUsableSpace, reserve);
    }

    /** The folder input keys resolve against. */
    Path root() {
        return root;
    }

    /**
     * Keeps inputs {@code keys} (the running job's: its velocity models, its data index) out of
     * {@link #makeRoom} until another set is pinned, replacing the set pinned before. A job's
     * inputs are usually the oldest in the cache (downloaded when it started), and its shots
     * make room for their data one at a time: without the pin, a shot's room could be the job's
     * own velocity model, which the fields reopen for each shot's window.
     */
    void pin(java.util.Collection<String> keys) {
        pinned = keys.stream().map(root::resolve).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The cached file of input {@code key}, marked as just used, or null when it is not cached. */
    Path lookup(String key) {
        Path file = root.resolve(key);
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            return file;
        } catch (IOException absent) {
            return null;
        }
    }

    /** Puts a downloaded, verified file in the cache under {@code key}, in one rename. */
    Path put(String key, Path verified) throws IOException {
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        return Files.move(verified, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Removes the least recently used inputs until {@code bytes} more fit with the reserve left
     * free, or none is left to remove. Nothing is removed where the disk's free space is unknown
     * ({@link FreeSpace#known}).
     *
     * @return the files removed, oldest first
     */
    List<Path> makeRoom(long bytes) {
        List<Path> removed = new ArrayList<>();
        long usable = usableBytes.getAsLong();
        if (!FreeSpace.known(usable)) {
            // A file system that reports no free space (some FUSE and network mounts) would
            // otherwise lose every cached input before each download; a really full disk fails
            // at the download's first write instead.
            LOG.info("input cache: {} does not say how much space is free; nothing removed for {} bytes", root, bytes);
            return removed;
        }
        if (usable - bytes >= reserveBytes) {
            return removed;
        }
        return evict(bytes, freed -> usableBytes.getAsLong() - bytes >= reserveBytes).files();
    }

    /**
     * Removes the least recently used inputs until they held {@code bytes} together, or none is
     * left to remove: room for a shot's spill that its scratch space found short
     * ({@link io.seiswork.kernels.rtm.ScratchSpace#makingRoomWith}), which measured the shortfall
     * itself.
     *
     * @return the bytes the files removed held
     */
    long free(long bytes) {
        return evict(bytes, freed -> freed >= bytes).bytes();
    }

    /**
     * Removes the oldest inputs until {@code enough} holds of the bytes freed so far; one eviction
     * at a time, so two shots making room at once do not both count the same file as freed.
     */
    private synchronized Evicted evict(long bytes, java.util.function.LongPredicate enough) {
        List<Path> removed = new ArrayList<>();
        long freed = 0;
        for (Path oldest : byAge()) {
            if (enough.test(freed)) {
                break;
            }
            try {
                long size = Files.size(oldest);
                if (!Files.deleteIfExists(oldest)) {
                    continue;  // gone meanwhile: its bytes were not freed here
                }
                freed += size;
                removed.add(oldest);
                LOG.info("input cache: removed {} to make room for {} bytes", oldest.getFileName(), bytes);
            } catch (IOException e) {
                LOG.warn("input cache: cannot remove {}: {}", oldest, e.getMessage());
            }
        }
        return new Evicted(removed, freed);
    }

    /** Inputs removed, oldest first, and the bytes they held. */
    private record Evicted(List<Path> files, long bytes) {
    }

    /** The cached inputs, least recently used first. */
    private List<Path> byAge() {
        Path dir = root.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            java.util.Set<Path> keep = pinned;
            return files.filter(Files::isRegularFile).filter(p -> !keep.contains(p)).sorted(Comparator.comparing(InputCache::modified)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }

}
