package io.seiswork.kernels.job;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import java.util.List;

/**
 * Where the recorded traces of a migration come from: modelled ({@link SyntheticData}) or read from
 * a SEG-Y file of shot gathers ({@link SegyShotGathers}).
 */
interface ObservedData extends AutoCloseable {

    /** The shots to migrate, with the receivers that recorded each. */
    List<Shot> shots();

    /** Time axis of the traces in seconds. */
    Sampling timeS();

    /**
     * The traces of {@code shot}, one per receiver in its order, on {@link #timeS()}.
     *
     * @param progress steps of any modelling needed to produce them
     */
    float[][] traces(Shot shot, ProgressListener progress, CancellationToken cancel);

    /** One line for run.json: where the data came from. */
    String describe();

    @Override
    void close();
}
