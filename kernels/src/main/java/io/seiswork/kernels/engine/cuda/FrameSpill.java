package io.seiswork.kernels.engine.cuda;

import java.nio.FloatBuffer;

/**
 * Fixed-size float records on disk for the GPU migration's disk-placed boundary ring
 * ({@link RingPlacement#DISK}): the access pattern of the CPU migrator's spill file, which
 * implements it ({@code rtm.CudaShotMigrator} passes one in; this package does not depend on
 * {@code rtm}). Records are written in increasing order during the forward pass and read back
 * one by one in decreasing order during the backward pass.
 */
public interface FrameSpill extends AutoCloseable {

    /** The buffer to fill with record {@code record} (absolute-indexed view); {@link #endWrite()} hands it back. */
    FloatBuffer beginWrite(int record);

    /** The record begun by {@link #beginWrite} is complete (written in the background). */
    void endWrite();

    /** Record {@code record}, valid until the next call; records are asked for in decreasing order. */
    FloatBuffer read(int record);

    /** Deletes the file and frees the buffers; idempotent. */
    @Override
    void close();
}
