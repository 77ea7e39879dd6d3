package io.seiswork.core.progress;

/**
 * Progress of a pass over bytes (a file read whole to hash it, an upload): called after each
 * block, with the bytes done growing, from the pass's thread. An implementation that prints
 * decides how often it does.
 */
@FunctionalInterface
public interface ByteProgress {

    /** Progress that nobody watches. */
    ByteProgress NONE = (done, total) -> { };

    /**
     * @param doneBytes bytes done so far
     * @param totalBytes bytes of the whole pass
     */
    void onBytes(long doneBytes, long totalBytes);
}
