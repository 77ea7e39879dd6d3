package io.seiswork.kernels.job;

import io.seiswork.core.spec.MemoryEstimate;
import java.nio.file.Path;

/**
 * Free bytes in a folder's file system for the runs' disk-space checks, read through
 * {@code statvfs} ({@link java.io.File#getUsableSpace}: works where the file store cannot be
 * named, a chroot). That call returns 0 both for a full disk and for a file system that does not
 * report its space (some FUSE and network mounts); 0 is taken as "cannot tell", so that such a
 * mount does not refuse every run with "has 0 B free". A disk that is really full fails at its
 * first write instead, with the system's "No space left on device".
 */
public final class FreeSpace {

    private FreeSpace() {
    }

    /** Usable bytes in {@code dir}'s file system; 0 when it cannot tell (see the class comment). */
    public static long usable(Path dir) {
        return Math.max(0, dir.toFile().getUsableSpace());
    }

    /** Whether {@code usableBytes}, as {@link #usable} gives it, is a figure to check a need against. */
    public static boolean known(long usableBytes) {
        return usableBytes > 0;
    }

    /**
     * The line a run prints when {@code dir}'s free space is unknown and the {@code needBytes}
     * that {@code what} needs there go unchecked ("the image", "the shot gathers").
     */
    public static String unknownNote(Path dir, String what, long needBytes) {
        return "the file system of " + dir + " does not say how much space is free (it reports 0 bytes): the "
                + MemoryEstimate.human(needBytes) + " " + what + " needs there is not checked";
    }
}
