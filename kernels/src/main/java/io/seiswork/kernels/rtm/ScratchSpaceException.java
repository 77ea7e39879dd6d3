package io.seiswork.kernels.rtm;

/**
 * A shot refused before its first step because what it would spill to its scratch folder does not
 * fit there ({@link ScratchSpace}). Two cases, which a cloud worker treats apart: a spill that with
 * its margin exceeds the disk's whole size meets the same refusal on every attempt (failed at
 * once), one that fits the disk but not its free space now may fit once other files are gone
 * (retried as any transient failure).
 */
public final class ScratchSpaceException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final boolean fitsTheDisk;

    ScratchSpaceException(String message, boolean fitsTheDisk) {
        super(message);
        this.fitsTheDisk = fitsTheDisk;
    }

    /**
     * Whether the spill with its margin is within the disk's whole size (or that size is unknown):
     * the shot was refused for the free space of the moment, and another attempt may fit.
     */
    public boolean fitsTheDisk() {
        return fitsTheDisk;
    }
}
