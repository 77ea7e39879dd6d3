package io.seiswork.kernels.rtm;

import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.kernels.job.FreeSpace;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongUnaryOperator;
import java.util.function.ToLongFunction;

/**
 * The scratch disk that migration shots spill their source wavefield to (snapshots, the boundary
 * ring, the GPU's staged ring), checked before a shot's first step. Why: a 3D shot spills up to a
 * terabyte, and without the check a shot that cannot fit fails with "No space left on device"
 * after its forward phase, an hour of GPU time later, and on a worker once per attempt.
 *
 * <p>A shot {@linkplain #reserve reserves} its bytes for as long as it runs. A reservation fits
 * when its bytes plus a margin ({@link #marginBytes}: 2 % of them, at least as much as the spill
 * up to 1 GiB, for the files besides the spill that share the disk: inputs, shot results, logs)
 * are at most the folder's free
 * space less what the other reservations of this process on the same file system still have to
 * write: their bytes less what their spill files already hold ({@link SpillFile#bytesIn}), which
 * the free space no longer counts. Two shots of one process therefore never both count on the same
 * free bytes. Another process on the same disk (a second worker of an instance with several GPUs)
 * is seen only through what it has written so far.
 *
 * <p>Free space is a figure of the moment: a space {@linkplain #makingRoomWith making room} asks
 * what it was given (a cloud worker's input cache) to free the bytes short before it refuses. A
 * shot still refused is told apart ({@link ScratchSpaceException#fitsTheDisk}): one whose spill
 * with its margin exceeds the disk's whole size never fits there, one that fits the disk but not
 * its free space now may fit once other files are gone.
 *
 * <p>A file system that does not report its free space ({@link FreeSpace#known}) is not checked.
 */
public final class ScratchSpace {

    /**
     * The most of the least margin kept free beside a spill, in bytes (1 GiB): the margin is at
     * least the spill itself up to this, so a desktop run spilling megabytes needs megabytes.
     */
    public static final long MIN_MARGIN_BYTES = 1L << 30;
    /** The margin as a fraction of the spill. */
    public static final double MARGIN_FRACTION = 0.02;

    /** How often a reservation asks for room before it is refused (while each ask frees something). */
    static final int MAX_ROOM_ASKS = 4;

    private static final ScratchSpace PROCESS = new ScratchSpace(FreeSpace::usable, ScratchSpace::totalOf);

    /** Reservations not yet closed (guarded by itself), shared by the spaces made from one. */
    private final List<Reservation> live;
    private final ToLongFunction<Path> usable;
    private final ToLongFunction<Path> total;
    /** What frees bytes on the disk before a reservation is refused, saying how many; null: nothing. */
    private final LongUnaryOperator room;

    /**
     * A scratch space whose free bytes come from {@code usable} and whose disk's size is unknown,
     * so a refused shot always counts as one that may fit later (tests).
     */
    public ScratchSpace(ToLongFunction<Path> usable) {
        this(usable, d -> 0);
    }

    /**
     * A scratch space whose free bytes come from {@code usable} and its disk's whole size from
     * {@code total} (tests: a disk of any size without filling one); a process's shots share
     * {@link #process()}.
     *
     * @param usable free bytes of a folder's file system, 0 when it cannot tell, as
     *     {@link FreeSpace#usable}; given an existing folder
     * @param total the whole size in bytes of a folder's file system, 0 when it cannot tell
     */
    public ScratchSpace(ToLongFunction<Path> usable, ToLongFunction<Path> total) {
        this(new ArrayList<>(), usable, total, null);
    }

    private ScratchSpace(List<Reservation> live, ToLongFunction<Path> usable, ToLongFunction<Path> total,
            LongUnaryOperator room) {
        this.live = live;
        this.usable = Objects.requireNonNull(usable, "usable");
        this.total = Objects.requireNonNull(total, "total");
        this.room = room;
    }

    /**
     * This space, its reservations shared, asking {@code room} to free the bytes a reservation is
     * short before refusing it: a cloud worker's input cache, which may fill its disk to 95 % and
     * frees space only when asked (it should lie on the scratch's file system, or freeing it does
     * not help).
     *
     * @param room frees at least the bytes it is given, as far as it can, and returns the bytes it
     *     freed
     */
    public ScratchSpace makingRoomWith(LongUnaryOperator room) {
        return new ScratchSpace(live, usable, total, Objects.requireNonNull(room, "room"));
    }

    /** The scratch space of this process, on the real file systems. */
    public static ScratchSpace process() {
        return PROCESS;
    }

    /** The bytes kept free beside a spill of {@code spillBytes}. */
    public static long marginBytes(long spillBytes) {
        return Math.max(Math.min(MIN_MARGIN_BYTES, spillBytes), (long) Math.ceil(MARGIN_FRACTION * spillBytes));
    }

    /**
     * Reserves {@code bytes} in {@code dir} for a shot, or refuses the shot.
     *
     * @param dir the folder the shot spills to (it need not exist yet)
     * @param bytes what the shot will write there; 0 reserves nothing
     * @param what the spill, for the message ("the source wavefield's snapshots (strategy disk)")
     * @param remedy what the user can do besides a bigger disk or another folder, for the message
     * @return the reservation, to close when the shot ends (however it ends)
     * @throws ScratchSpaceException in one line naming the bytes needed, the free bytes, the
     *     folder, whether the disk could ever hold them, and what to do, when they do not fit
     */
    public Reservation reserve(Path dir, long bytes, String what, String remedy) {
        if (bytes <= 0) {
            return new Reservation(this, dir, null, 0, true);
        }
        Path existing = existingFolder(dir);
        Object disk = fileSystemOf(existing);
        int asks = 0;
        long lastFreed = 0;
        while (true) {
            long shortBy;
            synchronized (live) {
                long free = usable.applyAsLong(existing);
                if (!FreeSpace.known(free)) {
                    return add(new Reservation(this, dir, disk, bytes, false));
                }
                long others = outstanding(disk);
                long margin = marginBytes(bytes);
                shortBy = bytes + margin - (free - others);
                if (shortBy <= 0) {
                    return add(new Reservation(this, dir, disk, bytes, true));
                }
                if (room == null || asks == MAX_ROOM_ASKS || (asks > 0 && lastFreed <= 0)) {
                    throw refusal(dir, bytes, margin, free, others, total.applyAsLong(existing), what, remedy);
                }
            }
            // Outside the lock: freeing a cache deletes files (gigabytes, seconds), and other shots
            // reserve and release meanwhile. Asked again while it frees something and the shot is
            // still short: a shot that asked at the same time may have reserved part of it. What
            // was freed is what the cache says, not the free space's change, which other shots'
            // spills writing meanwhile lower.
            lastFreed = room.applyAsLong(shortBy);
            asks++;
        }
    }

    /** The refusal of {@code bytes} that do not fit, telling a disk too small from one too full now. */
    private static ScratchSpaceException refusal(Path dir, long bytes, long margin, long free, long others, long size,
            String what, String remedy) {
        String need = what + " needs " + MemoryEstimate.human(bytes) + " of scratch in " + dir;
        String todo = "give it a bigger scratch disk (a cloud worker: scratchDiskGiB) or scratch on another file system,"
                + " or " + remedy;
        if (size > 0 && bytes + margin > size) {
            return new ScratchSpaceException(need + ", and " + MemoryEstimate.human(margin) + " is kept free beside it:"
                    + " more than its file system's whole " + MemoryEstimate.human(size) + ", so the shot never fits"
                    + " there and is refused before it starts; " + todo, false);
        }
        return new ScratchSpaceException(need + ", whose file system has " + MemoryEstimate.human(free) + " free now"
                + (size > 0 ? " of " + MemoryEstimate.human(size) : "")
                + (others > 0 ? " (" + MemoryEstimate.human(others) + " of it reserved by other shots running"
                + " in this process)" : "") + ", and " + MemoryEstimate.human(margin) + " is kept free beside it:"
                + " the shot is refused before it starts, and may fit once other files on the disk are gone (a cloud"
                + " worker tries it again); or " + todo, true);
    }

    /** Bytes the reservations on {@code disk} still have to write. */
    private long outstanding(Object disk) {
        // Reservations of one folder are summed before their spill files' bytes are taken off:
        // the files of a folder are counted together.
        java.util.Map<Path, Long> byFolder = new java.util.HashMap<>();
        for (Reservation r : live) {
            if (disk.equals(r.disk)) {
                byFolder.merge(r.dir.toAbsolutePath().normalize(), r.bytes, Long::sum);
            }
        }
        long sum = 0;
        for (var e : byFolder.entrySet()) {
            sum += Math.max(0, e.getValue() - SpillFile.bytesIn(e.getKey()));
        }
        return sum;
    }

    private Reservation add(Reservation r) {
        live.add(r);
        return r;
    }

    private void release(Reservation r) {
        synchronized (live) {
            live.remove(r);
        }
    }

    /** Bytes reserved now by reservations not yet closed (all file systems). */
    public long reservedBytes() {
        synchronized (live) {
            return live.stream().mapToLong(r -> r.bytes).sum();
        }
    }

    /**
     * Bytes the spill files now open in {@code dir} have written: what a running shot's spill
     * already takes of its reservation. The files are unlinked as they open (so a crash leaves no
     * terabyte behind), so only this process's count sees them.
     */
    public static long spilledBytes(Path dir) {
        return SpillFile.bytesIn(dir);
    }

    /**
     * The whole size of {@code dir}'s file system, 0 when it cannot tell; through {@code statvfs}
     * as {@link FreeSpace#usable}, which works where the file store cannot be named.
     */
    private static long totalOf(Path dir) {
        return Math.max(0, dir.toFile().getTotalSpace());
    }

    /** {@code dir} or its nearest existing parent: the free space of a folder not yet made. */
    private static Path existingFolder(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.isDirectory(p)) {
            p = p.getParent();
        }
        return p == null ? dir.toAbsolutePath().getRoot() : p;
    }

    /** What tells file systems apart: its {@link FileStore}, or the folder itself when it cannot be named. */
    private static Object fileSystemOf(Path existing) {
        try {
            return Files.getFileStore(existing);
        } catch (IOException | SecurityException e) {
            return existing;
        }
    }

    /**
     * A shot's hold on scratch bytes, released by {@link #close} (twice is harmless).
     *
     * @see ScratchSpace#reserve
     */
    public static final class Reservation implements AutoCloseable {

        private final ScratchSpace space;
        private final Path dir;
        private final Object disk;
        private final long bytes;
        private final boolean checked;

        private Reservation(ScratchSpace space, Path dir, Object disk, long bytes, boolean checked) {
            this.space = space;
            this.dir = dir;
            this.disk = disk;
            this.bytes = bytes;
            this.checked = checked;
        }

        /** The bytes reserved. */
        public long bytes() {
            return bytes;
        }

        /** False when the file system did not say how much is free, so nothing was checked. */
        public boolean checked() {
            return checked;
        }

        @Override
        public void close() {
            space.release(this);
        }
    }
}
