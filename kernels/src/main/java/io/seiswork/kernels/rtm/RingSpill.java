package io.seiswork.kernels.rtm;

import io.seiswork.kernels.engine.cuda.FrameSpill;
import io.seiswork.kernels.engine.cuda.RtmRingPlan;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * The GPU migration's disk-placed boundary ring ({@code RingPlacement.DISK}) in the CPU
 * migrator's {@link SpillFile}: the same scratch file, background I/O thread, write-behind and
 * read-ahead, deleted on close. Adapts it to the engine's {@link FrameSpill} (the engine package
 * does not depend on this one).
 */
final class RingSpill implements FrameSpill {

    private final SpillFile file;

    /**
     * @param dir scratch directory (created if needed)
     * @param floats floats per record (one level's ring)
     */
    RingSpill(Path dir, int floats) {
        this.file = new SpillFile(dir, ".gpuring", floats, RtmRingPlan.SPILL_BUFFERS);
    }

    /** The scratch file (deleted on close). */
    Path file() {
        return file.file();
    }

    @Override
    public FloatBuffer beginWrite(int record) {
        return file.beginWrite(record);
    }

    @Override
    public void endWrite() {
        file.endWrite();
    }

    @Override
    public FloatBuffer read(int record) {
        return file.read(record);
    }

    @Override
    public void close() {
        file.close();
    }
}
