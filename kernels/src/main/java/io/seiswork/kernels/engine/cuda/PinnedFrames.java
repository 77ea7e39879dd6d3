package io.seiswork.kernels.engine.cuda;

import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemHostAlloc;

import java.util.Locale;
import jcuda.Pointer;
import jcuda.driver.CUstream;

/**
 * {@link HostFrames} for {@link RingPlacement#HOST}: every staged frame in pinned host memory,
 * allocated up front (so a shortage shows before the run, not half way) in chunks of whole
 * frames of about {@value #CHUNK_BYTES} bytes: one huge page-locked allocation is more likely to
 * fail and one per frame costs a driver call per level. The copies go straight between the
 * device slots and these frames; the host thread never touches the floats.
 */
final class PinnedFrames implements HostFrames {

    /** Target bytes of one pinned allocation (at least one frame). */
    static final long CHUNK_BYTES = 256L << 20;

    private final long frameBytes;
    private final int perChunk;
    private final Pointer[] chunks;
    private boolean closed;

    /**
     * @param records staged frames to hold
     * @param frameBytes bytes per frame
     * @throws IllegalStateException when the driver cannot pin that much memory (one line)
     */
    PinnedFrames(int records, long frameBytes) {
        this.frameBytes = frameBytes;
        this.perChunk = (int) Math.max(1, Math.min(records, CHUNK_BYTES / frameBytes));
        this.chunks = new Pointer[(records + perChunk - 1) / perChunk];
        int done = 0;
        try {
            for (; done < chunks.length; done++) {
                long frames = Math.min(perChunk, records - (long) done * perChunk);
                Pointer p = new Pointer();
                cuMemHostAlloc(p, frames * frameBytes, 0);
                chunks[done] = p;
            }
        } catch (RuntimeException e) {
            free(done);
            throw new IllegalStateException(String.format(Locale.ROOT, "cannot pin %.2f GiB of host memory for the"
                    + " boundary ring (%s); lower %s to stage it on disk", records * (double) frameBytes / (1L << 30),
                    e.getMessage(), HostMemoryBudget.PROPERTY), e);
        }
    }

    private Pointer at(int record) {
        return chunks[record / perChunk].withByteOffset((long) (record % perChunk) * frameBytes);
    }

    @Override
    public Pointer out(int record) {
        return at(record);
    }

    @Override
    public void outIssued(int record, CUstream copy) {
        // the copy stream's order keeps the frame until it is read back
    }

    @Override
    public Pointer in(int record) {
        return at(record);
    }

    @Override
    public void inIssued(int record, CUstream copy) {
        // nothing to recycle
    }

    private void free(int count) {
        for (int i = 0; i < count; i++) {
            Pointer chunk = chunks[i];
            Release.quietly(() -> cuMemFreeHost(chunk));  // keep freeing the rest; the first error has been reported
            chunks[i] = null;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            free(chunks.length);
        }
    }
}
